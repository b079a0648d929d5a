import Foundation
import GitKit

/// What history says about one file: its last change and last edit (SPEC §4).
public struct FileHistory: Sendable, Equatable {
  /// The newest commit that changed the file's bytes (pure renames and moves excluded).
  public var lastChanged: CommitStamp?
  /// The newest commit that changed its wording (title, audience or body words).
  public var lastEdited: CommitStamp?
  /// Whether a shallow clone's boundary cut the search short before an answer was found.
  public var historyTruncated = false

  /// Creates an empty history.
  public init(lastChanged: CommitStamp? = nil, lastEdited: CommitStamp? = nil, historyTruncated: Bool = false)
  {
    self.lastChanged = lastChanged
    self.lastEdited = lastEdited
    self.historyTruncated = historyTruncated
  }
}

/// Finds the last change and last edit of many files in one walk of history.
///
/// Each file is followed down one chain of commits from HEAD, as `git log -1 -- <path>`
/// follows it: at a commit where the file is identical to a parent's (id and mode), the walk
/// goes to the first such parent; a commit where it differs from every parent changed it.
/// A parent without the file whose deleted file has the same content is a pure rename: the
/// walk continues under the old name and the commit does not count. After the last change,
/// the same chain continues until the wording differs from every parent's: commits that only
/// touch metadata or white space, and commits in `.valprop-ignore-revs`, are passed through.
/// Commits are visited children first, so all files reaching a commit are settled together
/// and the walk ends as soon as every file has its answers.
public struct HistoryWalker {
  /// The repository.
  public let repository: Repository
  /// Commits whose changes are never edits.
  public let ignoreRevs: IgnoreRevs

  /// Creates a walker.
  public init(repository: Repository, ignoreRevs: IgnoreRevs = IgnoreRevs()) {
    self.repository = repository
    self.ignoreRevs = ignoreRevs
  }

  /// The histories of files by their paths at HEAD. Paths HEAD does not hold are left out
  /// (they are uncommitted).
  public func histories(of paths: [String]) throws -> [String: FileHistory] {
    guard let head = try repository.headCommit() else { return [:] }
    let headTree = try head.tree()
    struct Tracker {
      let key: String
      var path: String
      var id: ObjectID
      var mode: UInt32
      var needChanged = true
    }
    var results: [String: FileHistory] = [:]
    var pending: [Int: [Tracker]] = [:]
    var open = 0
    for path in Set(paths) {
      guard let entry = try headTree.entry(atPath: path), entry.kind == .blob || entry.kind == .symlink else {
        continue
      }
      results[path] = FileHistory()
      pending[0, default: []].append(Tracker(key: path, path: path, id: entry.id, mode: entry.fileMode))
      open += 1
    }
    guard open > 0 else { return results }
    let graph = try CommitGraph(repository: repository, start: head.id)
    var wordingCache: [ObjectID: [String]] = [:]
    func wording(_ id: ObjectID, _ path: String) throws -> [String] {
      if let cached = wordingCache[id] { return cached }
      let data = try repository.blobData(id)
      let words = Proposition.lenient(id: "", path: path, data: data).wording
      wordingCache[id] = words
      return words
    }

    for commitIndex in graph.topologicalOrder() {
      guard open > 0 else { break }
      guard let trackers = pending.removeValue(forKey: commitIndex) else { continue }
      let commit = try repository.commit(graph.ids[commitIndex])
      let tree = try commit.tree()
      if graph.isBoundary[commitIndex] {
        // The parents are cut off: whether this commit changed the file is unknowable.
        for tracker in trackers {
          results[tracker.key]?.historyTruncated = true
          open -= 1
        }
        continue
      }
      let parentIndexes = graph.parents[commitIndex]
      let parentTrees = try parentIndexes.map { try repository.commit(graph.ids[$0]).tree() }
      var renameCache: [Int: [TreeChange]] = [:]
      func renameSource(_ parent: Int, _ path: String) throws -> (path: String, id: ObjectID)? {
        if renameCache[parent] == nil {
          renameCache[parent] = try repository.changes(
            from: parentTrees[parent], to: tree, detectRenames: true
          )
          .filter { $0.status == .renamed }
        }
        guard let change = renameCache[parent]?.first(where: { $0.newPath == path }), let id = change.oldID
        else {
          return nil
        }
        return (change.oldPath, id)
      }
      let stamp = CommitStamp(commit)

      for var tracker in trackers {
        // The file's version in each parent, under its name or a rename's source.
        var versions: [(path: String, id: ObjectID, mode: UInt32)?] = []
        var sameParent: Int?
        for (position, parentTree) in parentTrees.enumerated() {
          if let entry = try parentTree.entry(atPath: tracker.path) {
            versions.append((tracker.path, entry.id, entry.fileMode))
            if sameParent == nil, entry.id == tracker.id, entry.fileMode == tracker.mode {
              sameParent = position
            }
          } else {
            versions.append(nil)
          }
        }
        if sameParent == nil {
          for position in parentTrees.indices where versions[position] == nil {
            guard let source = try renameSource(position, tracker.path),
              let entry = try parentTrees[position].entry(atPath: source.path)
            else { continue }
            versions[position] = (source.path, entry.id, entry.fileMode)
            if sameParent == nil, entry.id == tracker.id { sameParent = position }  // a pure rename
          }
        }
        if let position = sameParent, let version = versions[position] {
          tracker.path = version.path
          tracker.mode = version.mode
          pending[parentIndexes[position], default: []].append(tracker)
          continue
        }
        // This commit changed the file.
        if tracker.needChanged {
          results[tracker.key]?.lastChanged = stamp
          tracker.needChanged = false
        }
        var next: Int?
        if ignoreRevs.commits.contains(commit.id) {
          next = versions.firstIndex { $0 != nil }
        } else {
          let current = try wording(tracker.id, tracker.path)
          for position in versions.indices {
            if let version = versions[position], try wording(version.id, version.path) == current {
              next = position
              break
            }
          }
        }
        if let position = next, let version = versions[position] {
          tracker.path = version.path
          tracker.id = version.id
          tracker.mode = version.mode
          pending[parentIndexes[position], default: []].append(tracker)
        } else {
          results[tracker.key]?.lastEdited = stamp
          open -= 1
        }
      }
    }
    return results
  }
}
