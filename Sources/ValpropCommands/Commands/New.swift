import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop new`: writes a new proposition from a template.
  struct New: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Create a proposition from a template and print its path.",
      discussion: """
        Writes <directory>/<id>.md from the template. It never overwrites: an id that any \
        file in the propositions folder already has is refused.

        Examples:
          valprop new reconciliation-autopilot
          valprop new ledger-sync --template canvas --title "Ledger sync" --owner @finance-pm --owner @cfo
          valprop new billing-autopilot --tracks 'Sources/Billing/**' --tracks pricing/plans.yml
          $EDITOR "$(valprop new onboarding --template jtbd)"
        """)

    @Argument(
      help:
        "The new proposition's id: 1-64 lowercase letters, digits and '-', starting with a letter or digit.")
    var id: String

    @Option(
      help:
        "The template to start from: core, canvas, jtbd, lean, before-after, or a workspace template (see 'valprop templates').",
      completion: Completions.templates)
    var template = "core"

    @Option(help: "The title; by default it is made from the id.")
    var title: String?

    @Option(help: "A person or team who owns the proposition; repeat the option for several owners.")
    var owner: [String] = []

    @Option(help: "The target audience, a named segment with its size.")
    var audience: String?

    @Option(
      help: ArgumentHelp(
        "A git pathspec naming code the proposition describes, from the repository root (e.g. 'Sources/Billing/**'); repeat the option for several.",
        valueName: "pattern"))
    var tracks: [String] = []

    func run(in context: CommandContext) throws {
      let creator = try PropositionCreator(
        id: id, template: template, title: title, owners: owner, audience: audience, tracks: tracks)
      let path = try creator.create(in: try context.openWorkspace(), on: context.today)
      context.write(context.displayPath(path) + "\n")
    }
  }
}
