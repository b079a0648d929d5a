import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop review`: records that a person reviewed a proposition today.
  struct Review: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Record a review: set 'reviewed:' to today and commit that one file.",
      discussion: """
        Changes only the 'reviewed:' line (adding it, or a minimal front matter, where there \
        is none) and commits that file alone through libgit2; every other change in the work \
        tree and the index stays as it was. It refuses, changing nothing, when the file has \
        uncommitted changes, when the index is locked and when HEAD moves meanwhile. A second \
        review on the same day changes nothing, unless it has a note (-m): the note is then \
        recorded in a commit that leaves the file as it is.

        Examples:
          valprop review reconciliation-autopilot
          valprop review reconciliation-autopilot -m "Re-checked the 90% claim against Q3 data"
          valprop review reconciliation-autopilot --no-commit
        """)

    @Argument(help: "The id of the proposition you reviewed.", completion: Completions.ids)
    var id: String

    @Option(name: .shortAndLong, help: "A note for the commit message: what you checked, what you decided.")
    var message: String?

    @Flag(help: "Only set 'reviewed:' in the file; commit nothing.")
    var noCommit = false

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let today = context.today
      let recorder = ReviewRecorder(workspace: workspace, environment: context.environment)
      switch try recorder.review(id, on: today, note: message, commit: !noCommit) {
      case .alreadyReviewed:
        context.write("\(id) was already reviewed today (\(today)); nothing to record.\n")
      case .written(let path):
        context.write(
          "Set reviewed: \(today) in \(context.displayPath(try workspace.writableRoot() + "/" + path))\n")
      case .committed(let commit, let again):
        context.noteDetachedHead(workspace)
        if again {
          // The file already says today: the note is recorded in a commit of its own.
          context.write(
            "Recorded another review of \(id) on \(today), with its note, in \(commit.hex.prefix(7))\n")
        } else {
          context.write("Reviewed \(id) on \(today) in \(commit.hex.prefix(7))\n")
        }
      }
    }
  }
}
