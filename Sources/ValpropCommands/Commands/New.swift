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
      try PropositionID.validate(id)
      let title = try Self.singleLine(self.title ?? PropositionID.defaultTitle(for: id), option: "--title")
      let owners = try owner.map { try Self.singleLine($0, option: "--owner") }
      let audience = try self.audience.map { try Self.singleLine($0, option: "--audience") }
      let tracks = try self.tracks.map { try Self.singleLine($0, option: "--tracks") }
      do {
        _ = try Pathspec(tracks)
      } catch let problem as Pathspec.Problem {
        throw ValpropError.invalidArgument(
          problem: "--tracks \(problem)",
          hint: "give a git pathspec relative to the repository root, e.g. --tracks 'Sources/Billing/**'")
      }

      let workspace = try context.openWorkspace()
      let root = try workspace.writableRoot()
      do {
        if let existing = try workspace.catalog().entries(for: id).first {
          throw ValpropError.alreadyExists(id: id, path: existing.path)
        }
      } catch ValpropError.noPropositionsFolder(_, false, _) {
        // No folder yet: no id is taken, and the folder is created below.
      }
      let template = try TemplateStore(source: workspace.source).template(named: template)
      var text = try template.render(
        TemplateValues(
          id: id, title: title, owners: owners, audience: audience, date: context.today, tracks: tracks))
      // New propositions start as drafts, whatever a workspace template says or leaves out.
      let rendered = try Proposition(id: id, path: id + ".md", text: text)
      var keys: [(String, String)] = []
      if rendered.frontMatter.status == nil { keys.append(("status", "draft")) }
      // A workspace template may not know `tracks:`: the patterns are written all the same.
      if !tracks.isEmpty && rendered.frontMatter.tracks != tracks {
        keys.append(("tracks", "[" + tracks.map(TemplateValues.quoted).joined(separator: ", ") + "]"))
      }
      if !keys.isEmpty { text = FrontMatterEditor.set(keys, in: rendered) }

      let folder = root + "/" + workspace.config.directory
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw ValpropError.fileSystem(
          path: workspace.config.directory,
          problem: "cannot create the folder (\(error.localizedDescription))")
      }
      let relative = workspace.config.directory + "/" + id + ".md"
      do {
        try AtomicFile.create(root + "/" + relative, contents: Data(text.utf8), displayPath: relative)
      } catch ValpropError.fileExists {
        throw ValpropError.alreadyExists(id: id, path: relative)
      }
      context.write(context.displayPath(root + "/" + relative) + "\n")
    }

    /// Refuses values with line breaks or control characters, which would break the file.
    static func singleLine(_ value: String, option: String) throws -> String {
      let trimmed = value.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        throw ValpropError.invalidArgument(
          problem: "\(option) is empty", hint: "give it some text, or leave the option out")
      }
      if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        throw ValpropError.invalidArgument(
          problem: "\(option) contains a line break or control character", hint: "give it on one line")
      }
      return trimmed
    }
  }
}
