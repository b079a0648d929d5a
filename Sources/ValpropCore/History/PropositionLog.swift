import Foundation
import GitKit
import HeapModule

/// One revision of a proposition, as `valprop log` lists it.
public struct LogEntry: Sendable {
  /// How the file changed in the commit.
  public enum Change: String, Sendable, Encodable {
    /// The file appeared.
    case added
    /// The file's content changed.
    case modified
    /// The file moved (possibly with edits).
    case renamed
    /// The file was removed.
    case deleted
  }

  /// The commit, its author date and author.
  public let stamp: CommitStamp
  /// The commit's subject line.
  public let subject: String
  /// The file's path in this commit (its last path, for a deletion).
  public let path: String
  /// The path before a rename; nil otherwise.
  public let oldPath: String?
  /// How the file changed.
  public let change: Change
  /// The word diff against the first parent's version.
  public let diff: PropositionDiff
  /// The file's version after the commit (nil when deleted).
  public let proposition: Proposition?
  /// The blob of that version (nil when deleted).
  public let blob: ObjectID?
}

/// The revisions of one file, as `git log -- <path>` lists them (git's history
/// simplification, date order), continued through renames as `git log --follow` does.
public struct PropositionLog {
  /// The revisions, newest first.
  public let entries: [LogEntry]
  /// Whether a shallow clone's boundary cut the list short.
  public let truncated: Bool

  /// One revision as the walk finds it, before its versions are read: what `LogWalkCache`
  /// keeps.
  struct Revision: Equatable, Sendable {
    /// The commit.
    let commit: ObjectID
    /// How the file changed in it.
    let change: LogEntry.Change
    /// The file's path in the commit (its last path, for a deletion).
    let path: String
    /// The path before a rename.
    let oldPath: String?
    /// The file's blob after the commit; nil when deleted.
    let blob: ObjectID?
    /// The blob in the first parent (under `oldPath` for a rename); nil when added.
    let oldBlob: ObjectID?
  }

  /// The revisions of one file and whether a shallow boundary cut them short.
  struct Walk: Equatable, Sendable {
    let revisions: [Revision]
    let truncated: Bool
  }

  /// Walks history from HEAD for the file at `path` (its path at HEAD or in the work tree).
  /// `simplify: false` walks every parent of a merge and lists no merge, as `git log
  /// --follow` does: for a file gone from HEAD, whose whole life may lie on a branch that a
  /// merge left out of the simplified history. With `cache`, a walk made before at the same
  /// HEAD is read from it, and a new one is kept in it.
  public init(
    repository: Repository, path: String, id: String, simplify: Bool = true, cache: LogWalkCache? = nil
  ) throws {
    try self.init(
      repository: repository, path: path, id: id, simplify: simplify, cache: cache, feed: nil, parsed: nil)
  }

  /// The same, announcing the revisions to `feed` once they are found and handing it each
  /// version as it is parsed; the feed is closed when this returns or throws. `parsed` is a
  /// version already parsed (the one at HEAD, which the feed's scoring was primed with),
  /// taken instead of parsing its blob again.
  init(
    repository: Repository, path: String, id: String, simplify: Bool, cache: LogWalkCache?,
    feed: LogVersionFeed?, parsed: (blob: ObjectID, path: String, proposition: Proposition)?
  ) throws {
    defer { feed?.close() }
    guard let head = try repository.headCommit() else {
      entries = []
      truncated = false
      return
    }
    let walk: Walk
    if let cache, let kept = cache.walk(head: head.id, path: path, simplify: simplify) {
      walk = kept
    } else {
      walk = try PropositionLog.walk(
        repository: repository, head: head.id, path: path, simplify: simplify,
        readAhead: LogReadAhead(repository: repository, start: head.id, path: path))
      cache?.keep(walk, head: head.id, path: path, simplify: simplify)
    }
    // The commits first: their days key the scores, which `feed` starts on meanwhile.
    let commits = try walk.revisions.map { try repository.commitSummary($0.commit) }
    let stamps = try commits.map { try CommitStamp($0.header) }
    feed?.plan(
      zip(walk.revisions, stamps).map {
        LogVersionFeed.Planned(blob: $0.blob, day: $1.day, path: $0.path)
      })
    var entries: [LogEntry] = []
    var lastParsed = parsed
    // A section that two revisions in a row changed is the old side of one word diff and,
    // the walk going back in time, the new side of the next: its words are cut once.
    let sides = WordDiff.Sides()
    for (revision, (commit, stamp)) in zip(walk.revisions, zip(commits, stamps)) {
      // A revision's old version is usually the next revision's new one: parsed once.
      func version(_ blob: ObjectID, at path: String) throws -> Proposition {
        if let last = lastParsed, last.blob == blob, last.path == path { return last.proposition }
        return Proposition.lenient(id: id, path: path, data: try repository.blobData(blob))
      }
      let newVersion = try revision.blob.map { try version($0, at: revision.path) }
      let oldPath = revision.oldPath ?? revision.path
      let oldVersion = try revision.oldBlob.map { try version($0, at: oldPath) }
      if let oldBlob = revision.oldBlob, let oldVersion {
        lastParsed = (oldBlob, oldPath, oldVersion)
      }
      feed?.add(newVersion)
      entries.append(
        LogEntry(
          stamp: stamp, subject: commit.summary, path: revision.path,
          oldPath: revision.oldPath, change: revision.change,
          diff: PropositionDiff(old: oldVersion, new: newVersion, sides: sides), proposition: newVersion,
          blob: revision.blob))
    }
    self.entries = entries
    self.truncated = walk.truncated
  }

  /// The walk itself: the commits that changed the file, newest first, as `git log
  /// [--follow] -- <path>` finds them.
  /// With `readAhead`, a thread reads ahead of the walk, which takes what it read.
  static func walk(
    repository: Repository, head: ObjectID, path: String, simplify: Bool, readAhead: LogReadAhead? = nil
  ) throws -> Walk {
    defer { readAhead?.stop() }
    // Commits are read as the walk reaches them: it follows one parent through most merges.
    var graph = try ReachedCommits(
      repository: repository, start: head,
      read: readAhead.map { ahead in { try ahead.header($0, reading: repository) } })
    var queue = Heap<QueuedCommit<Int>>()
    var sequence = 0
    var queued = Set<Int>([0])
    queue.insert(QueuedCommit(time: graph.times[0], sequence: 0, id: 0))
    var tracked = path
    var trackedPath = TreePath(path)
    var revisions: [Revision] = []
    var truncated = false

    // The file's entry in each root tree looked up so far, under the path followed then: a
    // commit's tree is usually looked up first as its child's parent, and read once.
    var looked: [ObjectID: (path: String, entry: TreeEntry?)] = [:]
    func entry(in treeID: ObjectID) throws -> TreeEntry? {
      if let known = looked[treeID], known.path == tracked { return known.entry }
      let found: TreeEntry?
      if let read = readAhead?.entry(inTree: treeID, path: trackedPath) {
        found = read
      } else {
        found = try repository.entry(at: trackedPath, in: repository.rawTree(treeID))
      }
      looked[treeID] = (tracked, found)
      return found
    }

    while let next = queue.popMax() {
      let index = next.id
      // Trees are read from their stored bytes; libgit2 builds a commit or tree only for the
      // few commits shown.
      let parents = try graph.parents(of: index)
      let current = try entry(in: graph.trees[index])
      let parentEntries = try parents.map { try entry(in: graph.trees[$0]) }
      looked[graph.trees[index]] = nil
      func same(_ a: TreeEntry?, _ b: TreeEntry?) -> Bool {
        a?.id == b?.id && a?.fileMode == b?.fileMode
      }
      var follow = Array(parents.indices)
      var shown: Bool
      if graph.isBoundary[index] {
        // Whether the boundary commit changed the file is unknowable: never show it.
        if current != nil { truncated = true }
        shown = false
        follow = []
      } else if parentEntries.isEmpty {
        shown = current != nil
      } else if parentEntries.count == 1 {
        shown = !same(current, parentEntries[0])
      } else if !simplify {
        shown = false
      } else if let position = parentEntries.firstIndex(where: { same(current, $0) }) {
        shown = false
        follow = [position]
      } else {
        shown = true
      }
      if shown {
        let tree = try repository.rawTree(graph.trees[index])
        let parentTree = try parents.first.map { try repository.rawTree(graph.trees[$0]) }
        var change: LogEntry.Change
        var oldPath: String?
        var oldEntry = parentEntries.first ?? nil
        if current == nil {
          change = .deleted
        } else if oldEntry == nil {
          change = .added
          if let parentTree,
            let rename = try repository.renames(from: parentTree, to: tree).first(where: {
              $0.newPath == tracked
            })
          {
            change = .renamed
            oldPath = rename.oldPath
            oldEntry = try repository.entry(atPath: rename.oldPath, in: parentTree)
          }
        } else {
          change = .modified
        }
        revisions.append(
          Revision(
            commit: graph.ids[index], change: change, path: tracked, oldPath: oldPath, blob: current?.id,
            oldBlob: oldEntry?.id))
        if let oldPath {
          // --follow: older commits are searched under the old name.
          tracked = oldPath
          trackedPath = TreePath(oldPath)
          readAhead?.follow(trackedPath)
        }
      }
      for position in follow {
        let parent = parents[position]
        if queued.insert(parent).inserted {
          sequence += 1
          queue.insert(QueuedCommit(time: graph.times[parent], sequence: sequence, id: parent))
        }
      }
    }
    return Walk(revisions: revisions, truncated: truncated)
  }
}
