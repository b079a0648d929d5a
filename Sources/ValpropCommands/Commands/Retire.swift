import ArgumentParser
import Foundation
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
      switch try Retirement(workspace: workspace, environment: context.environment).retire(
        id, message: message)
      {
      case .alreadyRetired:
        context.write("\(id) is already retired; nothing to change.\n")
      case .retired(let commit, let successor, let unlinked):
        context.noteDetachedHead(workspace)
        context.write("Retired \(id) in \(commit.hex.prefix(7))\n")
        if let successor {
          context.write("Removed its link to \(successor) (superseded-by:)")
          context.write(unlinked ? ", and \(id) from the supersedes: of \(successor)\n" : "\n")
        }
      }
    }
  }
}
