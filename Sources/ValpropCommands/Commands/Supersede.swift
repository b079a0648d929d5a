import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop supersede`: replaces one proposition by another.
  struct Supersede: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "supersede",
      abstract: "Mark a proposition as superseded by another, linking both, in one commit.",
      discussion: """
        Sets 'status: superseded' and 'superseded-by: <new>' on the old proposition and adds \
        the old id to 'supersedes:' on the new one.

        Examples:
          valprop supersede reconciliation-autopilot --by ledger-sync
          valprop supersede reconciliation-autopilot --by ledger-sync -m "Repositioned for ERP buyers"
        """)

    @Argument(help: "The id of the proposition being replaced.", completion: Completions.ids)
    var old: String

    @Option(help: "The id of the proposition that replaces it.", completion: Completions.ids)
    var by: String

    @Option(name: .shortAndLong, help: "A note for the commit message: why it was replaced.")
    var message: String?

    @Flag(
      help:
        "Replace an existing 'superseded-by:' link to another proposition; that one then no longer lists the old id in 'supersedes:'."
    )
    var force = false

    func validate() throws {
      if old == by { throw ValidationError("A proposition cannot supersede itself.") }
    }

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let supersession = Supersession(workspace: workspace, environment: context.environment)
      switch try supersession.supersede(old, by: by, force: force, message: message) {
      case .alreadySuperseded:
        context.write("\(old) is already superseded by \(by); nothing to change.\n")
      case .superseded(let commit, let plan):
        context.noteDetachedHead(workspace)
        context.write("Superseded \(old) by \(by) in \(commit.hex.prefix(7))\n")
        if let replaced = plan.replacedLink {
          context.write("Replaced the link \(old) → \(replaced) by \(old) → \(by)\n")
        }
        if let previous = plan.previousSuccessor {
          context.write("Removed \(old) from the supersedes: of \(previous.id)\n")
        }
      }
    }
  }
}
