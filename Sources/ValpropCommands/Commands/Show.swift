import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop show`: prints a proposition, now or at a revision.
  struct Show: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print a proposition as it is now, or as it was at a revision.",
      discussion: """
        Prints the file's bytes unchanged. With --at, the file is read from that revision \
        through git, found by its id in the propositions folder of that revision.

        Examples:
          valprop show reconciliation-autopilot
          valprop show reconciliation-autopilot --at HEAD~3
          valprop show reconciliation-autopilot --at v1.0
        """)

    @Argument(help: "The id of the proposition (its file name without .md).", completion: Completions.ids)
    var id: String

    @Option(
      help: "A revision git understands (HEAD~3, a branch, a tag, a commit id) to read the proposition from.")
    var at: String?

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let proposition = try at.map { try workspace.proposition(id, at: $0) } ?? workspace.proposition(id)
      let source: PropositionSource = try at.map { try workspace.source(at: $0).source } ?? workspace.source
      // The parse above validated the file; print its bytes exactly as stored.
      guard let data = try source.read(proposition.path) else {
        throw ValpropError.fileSystem(path: proposition.path, problem: "disappeared while valprop read it")
      }
      context.write(data)
    }
  }
}
