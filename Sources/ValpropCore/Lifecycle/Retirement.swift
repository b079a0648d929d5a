import Foundation
import GitKit

/// Retires a proposition, as `valprop retire` does: sets `status: retired` and commits the
/// file. A retired proposition is replaced by nothing, so retiring a superseded one cuts its
/// link on both sides: `superseded-by:` is removed, and its successor no longer lists it in
/// `supersedes:` (both files in one commit).
public struct Retirement {
  /// What retiring did.
  public enum Outcome: Equatable, Sendable {
    /// The proposition was already retired; nothing changed.
    case alreadyRetired
    /// Retired in this commit; `successor` is the proposition it said it was superseded by,
    /// and `unlinked` whether that successor's `supersedes:` lost the retired id.
    case retired(ObjectID, successor: String?, unlinked: Bool)
  }

  /// The workspace.
  public let workspace: Workspace
  /// The environment, for the author and committer.
  public let environment: [String: String]

  /// A retirement in a workspace.
  public init(workspace: Workspace, environment: [String: String]) {
    self.workspace = workspace
    self.environment = environment
  }

  /// Retires proposition `id`, with an optional note for the commit message.
  public func retire(_ id: String, message: String?) throws -> Outcome {
    let proposition = try workspace.proposition(id)
    if proposition.status == .retired {
      return .alreadyRetired
    }
    // A retired proposition is replaced by nothing: cut the link on both sides.
    let successor = proposition.frontMatter.supersededBy.flatMap { try? workspace.proposition($0) }
    let linked = successor.flatMap { $0.frontMatter.supersedes.contains(id) ? $0 : nil }
    let committer = WorkspaceCommitter(workspace: workspace, environment: environment)
    var text = "Retire \(id): \(proposition.title)\n"
    if let message, !message.isEmpty { text += "\n\(message)\n" }
    // The builder runs under the index lock, where the file is clean: it reads what HEAD holds.
    let commit = try committer.commit([proposition.path] + (linked.map { [$0.path] } ?? []), message: text) {
      _ in
      var updates = [
        try committer.update(id, setting: [("status", "retired")], removing: ["superseded-by"])
      ]
      if let linked {
        let kept = try workspace.proposition(linked.id).frontMatter.supersedes.filter { $0 != id }
        updates.append(
          try committer.update(linked.id, setting: [("supersedes", PropositionFile.yamlList(kept))]))
      }
      return updates
    }
    return .retired(commit, successor: proposition.frontMatter.supersededBy, unlinked: linked != nil)
  }
}
