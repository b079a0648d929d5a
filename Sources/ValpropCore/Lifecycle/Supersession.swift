import Foundation
import GitKit

/// Replaces one proposition by another, as `valprop supersede` does: sets `status:
/// superseded` and `superseded-by: <new>` on the old one and adds the old id to the new
/// one's `supersedes:`, in one commit; with `force`, an old link to another successor is
/// replaced and that successor no longer lists the old id. What is refused is decided by
/// `SupersedePlan`.
public struct Supersession {
  /// What superseding did.
  public enum Outcome: Sendable {
    /// The link was already recorded on both sides, with the status; nothing changed.
    case alreadySuperseded
    /// Recorded in this commit, as the plan says.
    case superseded(ObjectID, plan: SupersedePlan)
  }

  /// The workspace.
  public let workspace: Workspace
  /// The environment, for the author and committer.
  public let environment: [String: String]

  /// A supersession in a workspace.
  public init(workspace: Workspace, environment: [String: String]) {
    self.workspace = workspace
    self.environment = environment
  }

  /// Supersedes proposition `old` by `new`, with an optional note for the commit message.
  public func supersede(_ old: String, by new: String, force: Bool = false, message: String? = nil) throws
    -> Outcome
  {
    let oldProposition = try workspace.proposition(old)
    let newProposition = try workspace.proposition(new)
    let plan = try SupersedePlan(
      old: oldProposition, new: newProposition, force: force, lookUp: { try? workspace.proposition($0) })
    if plan.isRepeat {
      return .alreadySuperseded
    }
    let committer = WorkspaceCommitter(workspace: workspace, environment: environment)
    var text = "Supersede \(old) by \(new)\n"
    if let message, !message.isEmpty { text += "\n\(message)\n" }
    var paths = [oldProposition.path, newProposition.path]
    if let previous = plan.previousSuccessor { paths.append(previous.path) }
    // The builder runs under the index lock, where the files are clean: it reads what HEAD holds.
    let commit = try committer.commit(paths, message: text) { _ in
      var supersedes = try workspace.proposition(new).frontMatter.supersedes
      if !supersedes.contains(old) { supersedes.append(old) }
      var updates = [
        try committer.update(
          old, setting: [("status", "superseded"), ("superseded-by", PropositionFile.yaml(new))]),
        try committer.update(new, setting: [("supersedes", PropositionFile.yamlList(supersedes))]),
      ]
      if let previous = plan.previousSuccessor {
        let kept = try workspace.proposition(previous.id).frontMatter.supersedes.filter { $0 != old }
        updates.append(
          try committer.update(previous.id, setting: [("supersedes", PropositionFile.yamlList(kept))]))
      }
      return updates
    }
    return .superseded(commit, plan: plan)
  }
}
