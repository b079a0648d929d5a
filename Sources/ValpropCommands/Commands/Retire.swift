import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop retire`: marks a proposition as no longer promised.
  struct Retire: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "retire",
      abstract: "Retire a proposition: set 'status: retired' and commit that file.",
      discussion: """
        Retired propositions stay in the repository and its history, and are never stale.

        Examples:
          valprop retire legacy-on-prem
          valprop retire legacy-on-prem -m "We stopped selling the on-prem edition"
        """)

    @Argument(help: "The id of the proposition to retire.")
    var id: String

    @Option(name: .shortAndLong, help: "A note for the commit message: why it is retired.")
    var message: String?

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let proposition = try workspace.proposition(id)
      let committer = WorkspaceCommitter(workspace: workspace, environment: context.environment)
      var text = "Retire \(id): \(proposition.title)\n"
      if let message, !message.isEmpty { text += "\n\(message)\n" }
      // The builder runs under the index lock, where the file is clean: it reads what HEAD holds.
      let commit = try committer.commit([proposition.path], message: text) { _ in
        [try committer.update(id, setting: [("status", "retired")])]
      }
      context.write("Retired \(id) in \(commit.hex.prefix(7))\n")
    }
  }
}
