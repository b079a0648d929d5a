import Foundation
import GitKit

/// Finds the changes `valprop diff` shows: every proposition added, modified, renamed or
/// deleted between two sides of a workspace (for reviewing a pull request), or how one
/// proposition changed between revisions, a renamed file paired with its old name.
public struct WorkspaceDiff {
  /// The workspace compared.
  public let workspace: Workspace

  /// A comparison in a workspace.
  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// Every proposition that changed between `base` and `head` (a revision), or the work tree
  /// when `head` is nil; renames are paired by git's rename detection between two revisions,
  /// by `PropositionChange.between` against the work tree.
  public func changes(base: String, head: String?) throws -> [PropositionChange] {
    let (baseSource, _) = try workspace.source(at: base)
    let directory = workspace.config.directory
    if let head {
      let (headSource, _) = try workspace.source(at: head)
      // git's rename detection reads every added and deleted blob through libgit2 (a fifth of
      // diff --base HEAD~200 on rust-lang/rfcs): it runs on a repository handle of its own,
      // opened on its own thread too (opening reads the configuration and packs again), while
      // the files that keep their id are read and compared on this one.
      let repository = (
        gitDirectory: workspace.repository.gitDirectory,
        libGit2Only: workspace.repository.readsThroughLibGit2Only
      )
      let trees = (base: baseSource.tree.id, head: headSource.tree.id)
      let found = ResultSlots<Result<[String: String], Error>>(count: 1)
      let finding = DispatchGroup()
      DispatchQueue.global().async(group: finding) {
        found.set(
          0,
          Result {
            let finder = try Repository.opened(
              gitDirectory: repository.gitDirectory, libGit2Only: repository.libGit2Only)
            return Dictionary(
              try finder.changes(
                from: finder.tree(trees.base), to: finder.tree(trees.head), detectRenames: true,
                under: [directory]
              ).filter { $0.status == .renamed }.map { ($0.oldPath, $0.newPath) },
              uniquingKeysWith: { first, _ in first })
          })
      }
      defer { finding.wait() }
      return try PropositionChange.between(
        base: baseSource, head: headSource, directory: directory,
        renames: {
          finding.wait()
          do {
            return try found.values()[0].get()
          } catch let error as GitError {
            throw ValpropError.git(error)
          }
        })
    }
    return try PropositionChange.between(base: baseSource, head: workTree(directory), directory: directory)
  }

  /// The work tree as a source that knows which files are the index's blobs, so that the
  /// comparison reads only the files that changed (as git diff does); reading every file
  /// on both sides is the answer still where the index cannot be read.
  func workTree(_ directory: String) -> PropositionSource {
    guard var source = workspace.source as? WorkTreeSource else { return workspace.source }
    source.unchanged = (try? workspace.repository.unchangedFiles(under: directory)) ?? [:]
    return source
  }

  /// How proposition `id` changed: with no revision, from HEAD to the work tree; with one,
  /// from it to the work tree; with two, from the first to the second. Empty when the text is
  /// the same; an error that says where to look when neither side has the proposition.
  public func changes(of id: String, revisions: [String]) throws -> [PropositionChange] {
    // The old side: the first revision, else HEAD; without any commit, everything is new.
    let hasCommit = (try? workspace.repository.headCommit()) ?? nil != nil
    let oldRevision = revisions.first ?? (hasCommit ? "HEAD" : nil)
    let old = try oldRevision.flatMap { try workspace.find(id, at: $0, lenient: true) }
    let new: Proposition?
    if revisions.count == 2 {
      new = try workspace.find(id, at: revisions[1], lenient: true)
    } else {
      let entries = try workspace.catalog(requireFolder: false).entries(for: id)
      new = try entries.isEmpty ? nil : workspace.proposition(id)
    }
    // A proposition renamed in the work tree or under a new id: pair it as diff --base would.
    if old == nil, new != nil, revisions.count < 2, let oldRevision {
      let (base, _) = try workspace.source(at: oldRevision)
      if let change = try PropositionChange.between(
        base: base, head: workspace.source, directory: workspace.config.directory
      ).first(where: { $0.id == id && $0.change == .renamed }) {
        return [change]
      }
    }
    guard old != nil || new != nil else {
      throw try missing(id, revisions: revisions, oldRevision: oldRevision)
    }
    guard let kind = Self.kind(old: old, new: new) else { return [] }
    return [
      PropositionChange(
        id: id, path: new?.path ?? old?.path ?? "", oldPath: old?.path, change: kind,
        diff: PropositionDiff(old: old, new: new))
    ]
  }

  /// How a proposition changed from `old` to `new` (nil: absent on that side); nil when
  /// both sides hold the same text at the same path, or neither holds it.
  public static func kind(old: Proposition?, new: Proposition?) -> PropositionChange.Kind? {
    switch (old, new) {
    case (nil, nil): nil
    case (nil, _): .added
    case (_, nil): .deleted
    case (let old?, let new?) where old.path != new.path: .renamed
    case (let old?, let new?) where old.text == new.text: nil
    default: .modified
    }
  }

  /// The error for an id neither side has: where history has it, or the ids that exist.
  private func missing(_ id: String, revisions: [String], oldRevision: String?) throws -> ValpropError {
    // Deleted before the revisions compared: say where to find it.
    if revisions.count < 2, let oldRevision, let past = try workspace.pastPropositions(id).path {
      return ValpropError.refused(
        problem:
          "no proposition '\(id)' in \(workspace.config.directory)/ at \(oldRevision) nor in the work tree; "
          + "history has it, as \(past)",
        hint:
          "see its revisions and its deletion with 'valprop log \(id)', or compare two revisions: "
          + "valprop diff \(id) <old> <new>")
    }
    // Suggest the ids of the revisions compared as well as the work tree's.
    var known: [String] = []
    for revision in revisions.isEmpty ? (oldRevision.map { [$0] } ?? []) : revisions {
      let (source, _) = try workspace.source(at: revision)
      known += try PropositionCatalog(
        source: source, directory: workspace.config.directory, exclude: workspace.config.excludeRules
      ).entries.map(\.id)
    }
    return workspace.unknownProposition(id, revision: revisions.first, alsoKnown: known)
  }
}
