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
        Retired propositions stay in the repository and its history, and are never stale. \
        Retiring a superseded proposition cuts its link: 'superseded-by:' is removed, and its \
        successor no longer lists it in 'supersedes:' (both files in one commit). A \
        proposition that supersedes others keeps its 'supersedes:'. Retiring a retired \
        proposition changes nothing.

        Examples:
          valprop retire legacy-on-prem
          valprop retire legacy-on-prem -m "We stopped selling the on-prem edition"
        """)

    @Argument(help: "The id of the proposition to retire.", completion: Completions.ids)
    var id: String

    @Option(name: .shortAndLong, help: "A note for the commit message: why it is retired.")
    var message: String?

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let proposition = try workspace.proposition(id)
      if proposition.status == .retired {
        context.write("\(id) is already retired; nothing to change.\n")
        return
      }
      // A retired proposition is replaced by nothing: cut the link on both sides.
      let successor = proposition.frontMatter.supersededBy.flatMap { try? workspace.proposition($0) }
      let linked = successor.flatMap { $0.frontMatter.supersedes.contains(id) ? $0 : nil }
      let committer = WorkspaceCommitter(workspace: workspace, environment: context.environment)
      var text = "Retire \(id): \(proposition.title)\n"
      if let message, !message.isEmpty { text += "\n\(message)\n" }
      // The builder runs under the index lock, where the file is clean: it reads what HEAD holds.
      let commit = try committer.commit([proposition.path] + (linked.map { [$0.path] } ?? []), message: text)
      {
        _ in
        var updates = [
          try committer.update(id, setting: [("status", "retired")], removing: ["superseded-by"])
        ]
        if let linked {
          let kept = try workspace.proposition(linked.id).frontMatter.supersedes.filter { $0 != id }
          updates.append(try committer.update(linked.id, setting: [("supersedes", Supersede.yamlList(kept))]))
        }
        return updates
      }
      context.noteDetachedHead(workspace)
      context.write("Retired \(id) in \(commit.hex.prefix(7))\n")
      if let previous = proposition.frontMatter.supersededBy {
        context.write("Removed its link to \(previous) (superseded-by:)")
        context.write(linked != nil ? ", and \(id) from the supersedes: of \(previous)\n" : "\n")
      }
    }
  }
}
