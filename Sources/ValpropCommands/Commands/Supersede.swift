import ArgumentParser
import Foundation
import GitKit
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

    @Argument(help: "The id of the proposition being replaced.")
    var old: String

    @Option(help: "The id of the proposition that replaces it.")
    var by: String

    @Option(name: .shortAndLong, help: "A note for the commit message: why it was replaced.")
    var message: String?

    func validate() throws {
      if old == by { throw ValidationError("A proposition cannot supersede itself.") }
    }

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let oldProposition = try workspace.proposition(old)
      let newProposition = try workspace.proposition(by)
      let committer = WorkspaceCommitter(workspace: workspace, environment: context.environment)
      var text = "Supersede \(old) by \(by)\n"
      if let message, !message.isEmpty { text += "\n\(message)\n" }
      // The builder runs under the index lock, where both files are clean: it reads what HEAD holds.
      let commit = try committer.commit([oldProposition.path, newProposition.path], message: text) { _ in
        var supersedes = try workspace.proposition(by).frontMatter.supersedes
        if !supersedes.contains(old) { supersedes.append(old) }
        return [
          try committer.update(
            old, setting: [("status", "superseded"), ("superseded-by", PropositionFile.yaml(by))]),
          try committer.update(
            by,
            setting: [
              ("supersedes", "[" + supersedes.map(PropositionFile.yaml).joined(separator: ", ") + "]")
            ]),
        ]
      }
      context.write("Superseded \(old) by \(by) in \(commit.hex.prefix(7))\n")
    }
  }
}
