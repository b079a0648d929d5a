import Foundation
import GitKit

/// A proposition whose tracked code a range of commits changed, while the range left its
/// wording and its review alone: what `valprop affected` lists (docs/commands.md).
public struct AffectedProposition: Sendable, Equatable {
  /// Its summary at the range's head.
  public let summary: PropositionSummary
  /// The changed files its `tracks:` select, sorted.
  public let changed: [String]
}

extension Workspace {
  /// The propositions at `head` whose tracked paths changed between the merge base of
  /// `base` and `head` and `head` (`git diff --name-only base...head`, as a pull request
  /// shows its changes), except those the range added, re-worded or reviewed. Files that
  /// cannot be read come back as problems.
  public func affected(base: String, head: String) throws -> (
    propositions: [AffectedProposition], problems: [ValpropError]
  ) {
    let (headSource, headCommit) = try source(at: head)
    let baseCommit = try source(at: base).commit
    do {
      guard let mergeBase = try repository.mergeBase(baseCommit.id, headCommit.id) else {
        throw ValpropError.invalidArgument(
          problem: "'\(base)' and '\(head)' share no history",
          hint: "give a base the head branch was started from, e.g. --base origin/main")
      }
      let baseTree = try repository.commit(mergeBase).tree()
      let changes = try repository.changes(from: baseTree, to: headSource.tree, detectRenames: false)
      let changedPaths = Set(changes.flatMap { [$0.oldPath, $0.newPath] }).sorted()
      let catalog = try PropositionCatalog(
        source: headSource, directory: config.directory, requireFolder: false, exclude: config.excludeRules)
      let (summaries, problems) = Workspace.readEach(catalog) {
        try Workspace.loadSummary($0, from: headSource, adoption: config.adoption)
      }
      let baseSource = GitTreeSource(tree: baseTree, label: "the merge base")
      var result: [AffectedProposition] = []
      for summary in summaries where !summary.tracks.isEmpty {
        guard let pathspec = try? Pathspec(summary.tracks) else { continue }
        let changed = changedPaths.filter { $0 != summary.path && pathspec.matches($0) }
        guard !changed.isEmpty else { continue }
        if try addressed(summary, before: baseSource, after: headSource) { continue }
        result.append(AffectedProposition(summary: summary, changed: changed))
      }
      return (result, problems)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// Whether the range added the proposition, changed its wording or its `reviewed:` date.
  private func addressed(_ summary: PropositionSummary, before: GitTreeSource, after: GitTreeSource) throws
    -> Bool
  {
    guard let old = try? before.read(summary.path), let new = try after.read(summary.path) else {
      return true
    }
    if old == new { return false }
    let oldSummary = try? PropositionSummary(
      id: summary.id, path: summary.path, data: old, adoption: config.adoption)
    if oldSummary?.reviewed != summary.reviewed { return true }
    return !WordingKey.sameWording(old, new, paths: (summary.path, summary.path))
  }
}
