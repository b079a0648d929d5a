import Foundation
import GitKit

/// Records a review, as `valprop review` does: sets `reviewed:` to the day and commits that
/// one file (or only writes it). A second review on the same day changes nothing, unless it
/// has a note: the note is then recorded in a commit that leaves the file as it is.
public struct ReviewRecorder {
  /// What a review did.
  public enum Outcome: Equatable, Sendable {
    /// The file already said this day, and there was no note to commit.
    case alreadyReviewed
    /// `reviewed:` was set in the file at this path, from the repository root; nothing was
    /// committed.
    case written(path: String)
    /// The review was committed; `again` when the file already said this day and the commit
    /// only records the note.
    case committed(ObjectID, again: Bool)
  }

  /// The workspace.
  public let workspace: Workspace
  /// The environment, for the author and committer.
  public let environment: [String: String]

  /// A recorder of reviews in a workspace.
  public init(workspace: Workspace, environment: [String: String]) {
    self.workspace = workspace
    self.environment = environment
  }

  /// Records that proposition `id` was reviewed on `day`, with an optional note for the
  /// commit message; with `commit` false, only writes the file.
  public func review(_ id: String, on day: CalendarDate, note: String?, commit: Bool = true) throws -> Outcome
  {
    let root = try workspace.writableRoot()
    let proposition = try workspace.proposition(id)
    let today = day.description
    let note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    let again = proposition.frontMatter.reviewed?.description == today
    if again && (note.isEmpty || !commit) {
      return .alreadyReviewed
    }
    if !commit {
      let original = try workspace.source.read(proposition.path) ?? Data()
      let content = PropositionFile.data(
        FrontMatterEditor.set([("reviewed", today)], in: proposition), like: original)
      try AtomicFile.replace(root + "/" + proposition.path, contents: content, displayPath: proposition.path)
      return .written(path: proposition.path)
    }
    let committer = WorkspaceCommitter(workspace: workspace, environment: environment)
    var text = "Review \(id): \(proposition.title)\n"
    if !note.isEmpty { text += "\n" + note + "\n" }
    // The builder runs under the index lock, where the file is clean: it reads what HEAD holds.
    let id = try committer.commit([proposition.path], message: text) { _ in
      [try committer.update(id, setting: [("reviewed", today)])]
    }
    return .committed(id, again: again)
  }
}
