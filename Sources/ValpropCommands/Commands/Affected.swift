import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop affected`: the propositions whose tracked code a range of commits changed.
  struct Affected: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "affected",
      abstract:
        "List the propositions whose tracked code a pull request changes and whose wording it leaves alone.",
      discussion: """
        Compares --head with its merge base with --base, as a pull request shows its changes \
        ('git diff base...head'), and lists each proposition at --head whose 'tracks:' \
        patterns select a changed file, unless the range added it, changed its wording or \
        recorded a review of it. Exits 0 whether or not it lists any.

        Examples:
          valprop affected --base origin/main
          valprop affected --base origin/main --head HEAD --format json
        """)

    @Option(
      help:
        "The revision the changes are compared against, e.g. origin/main; its merge base with --head is used."
    )
    var base: String

    @Option(help: "The revision holding the changes; HEAD by default.")
    var head = "HEAD"

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let (affected, problems) = try workspace.affected(base: base, head: head)
      switch format {
      case .json:
        context.write(try JSON.encode(affected.map(AffectedRow.init)))
      case .text:
        if affected.isEmpty {
          context.write("No proposition describes code that \(base)...\(head) changes.\n")
        } else {
          context.write(
            Columns.render(
              header: ["ID", "TITLE", "OWNER", "CHANGED"],
              rows: affected.map { item in
                [
                  item.summary.id, item.summary.title,
                  item.summary.owners.isEmpty ? "-" : item.summary.owners.joined(separator: ", "),
                  Self.changedText(item.changed),
                ]
              }, maxWidth: context.terminalWidth))
        }
      }
      for problem in problems { context.report(problem) }
      if !problems.isEmpty { throw ExitCode(2) }
    }

    /// "3 files: a, b, c" with at most three paths named.
    static func changedText(_ paths: [String]) -> String {
      let named = paths.prefix(3).joined(separator: ", ")
      let more = paths.count > 3 ? ", …" : ""
      return "\(paths.count) file\(paths.count == 1 ? "" : "s"): \(named)\(more)"
    }
  }
}

/// One proposition in `valprop affected --format json` (docs/commands.md).
struct AffectedRow: Encodable {
  let id: String
  let path: String
  let title: String
  let owners: [String]
  let tracks: [String]
  let changed: [String]

  init(_ item: AffectedProposition) {
    id = item.summary.id
    path = item.summary.path
    title = item.summary.title
    owners = item.summary.owners
    tracks = item.summary.tracks
    changed = item.changed
  }
}
