import Foundation
import GitKit
import HeapModule

/// The revisions of many files, each as `PropositionLog` lists it, found in one walk of
/// history instead of one walk per file: what `valprop report` shows.
///
/// Each file is followed as `git log -- <path>` follows it (history simplification: at a
/// merge where the file is identical to a parent's, only the first such parent), continued
/// through renames as `--follow` does. Files travel together per folder: a commit whose
/// folder is identical to its parent's moves them all with one id comparison, and otherwise
/// only the few names the folder comparison finds changed are looked at, so a walk over
/// thousands of files costs about what a walk over one does. A commit is visited once; a
/// file that reaches a commit already visited (committer times out of order) is not followed
/// further there.
public struct PropositionHistories: Sendable {
  /// One file to follow: its path at HEAD (or in the work tree) and its id.
  public struct File: Sendable, Hashable {
    /// The path, relative to the repository root.
    public let path: String
    /// The proposition's id.
    public let id: String

    /// A file to follow.
    public init(path: String, id: String) {
      self.path = path
      self.id = id
    }
  }

  /// How many bytes of rebuilt objects the walk's repository handle should keep (its pack
  /// reader's budget). The walk reads two folder listings a commit (80 KiB each for 2,000
  /// files) and, between two versions of one file, those of the commits in between: with
  /// the default 2 MiB, each file's last version was pushed out before its next was read,
  /// so every version was rebuilt from the bottom of its delta chain. 16 MiB took a warm
  /// report of 2,000 x 20,000 from 3.0 s to 2.4 s (docs/performance.md, session 12).
  public static let packCache = 16 << 20

  /// The revisions of each file, newest first, by its path at HEAD.
  public let entries: [String: [LogEntry]]
  /// The paths whose revisions a shallow clone's boundary cut short.
  public let truncated: Set<String>
  /// What the walk saw of each file at each commit that changed it, newest first, by its
  /// path at HEAD: what `freshness` reads the last change, edit and review from.
  let trails: [String: [Pending]]
  /// The bytes of the versions of each file's newest revisions, by blob, as read for them.
  let kept: [ObjectID: Data]
  /// The commit the walk started from (nil without commits or files).
  let head: ObjectID?

  /// Walks history from HEAD once for every file.
  public init(repository: Repository, files: [File]) throws {
    try self.init(repository: repository, files: files, worker: true)
  }

  /// Walks history from HEAD once for every file; without a `worker` (for tests), the
  /// revisions are read, parsed and diffed after the walk instead of beside it.
  init(repository: Repository, files: [File], worker: Bool) throws {
    guard let head = try repository.headCommit(), !files.isEmpty else {
      entries = [:]
      truncated = []
      trails = [:]
      kept = [:]
      self.head = nil
      return
    }
    // Revisions are read, parsed and diffed on another thread while the walk goes on.
    let pipeline = try RevisionPipeline(
      files: files, repository: repository.reopened(packCache: Self.packCache), worker: worker)
    var walk = Walk(repository: repository, files: files, pipeline: pipeline)
    do {
      try walk.run(graph: CommitGraph(repository: repository, start: head.id))
    } catch {
      pipeline.close()
      throw error
    }
    var entries: [String: [LogEntry]] = [:]
    var trails: [String: [Pending]] = [:]
    let parsed = try pipeline.finish()
    for (key, file) in files.enumerated() {
      entries[file.path] = parsed[key]
      trails[file.path] = walk.trails[key]
    }
    self.entries = entries
    self.trails = trails
    truncated = Set(walk.cut.map { files[$0].path })
    kept = pipeline.kept
    self.head = head.id
  }

  /// One version of a file, not yet read.
  struct Version: Sendable {
    let blob: ObjectID
    let path: String
  }

  /// A revision found by the walk, its versions not yet parsed.
  struct Pending: Sendable {
    let stamp: CommitStamp
    let subject: String
    let path: String
    let oldPath: String?
    let change: LogEntry.Change
    /// The file's version in the commit (nil: deleted) and in its first parent or the
    /// rename's source there (nil: added).
    let new: Version?
    let old: Version?
    /// Whether the commit is a merge.
    let merge: Bool
  }

  /// The walk's state.
  private struct Walk {
    let repository: Repository
    let files: [File]
    /// Parses and diffs the revisions found.
    let pipeline: RevisionPipeline
    /// Keys of files a shallow boundary cut.
    var cut = Set<Int>()
    /// The revisions of each file, by key, in the order found.
    var trails: [[Pending]]
    /// Commit stamps and subjects, read once per commit shown.
    var commits: [Int: (stamp: CommitStamp, subject: String)] = [:]

    init(repository: Repository, files: [File], pipeline: RevisionPipeline) {
      self.repository = repository
      self.files = files
      self.pipeline = pipeline
      trails = Array(repeating: [], count: files.count)
    }

    /// The files waiting at a commit, by folder, then by name there, with their keys.
    typealias Bundle = [String: [String: Keys]]

    /// The keys of the files waiting under one name: nearly always one, and more where
    /// histories meet, as when a file is renamed away and a new one added under its old
    /// name. Each is followed on its own, as `git log --follow` follows each file, so no
    /// file's older history depends on which of them a dictionary visits first.
    struct Keys: Sequence {
      private(set) var first: Int
      private var more: [Int] = []

      init(_ key: Int) { first = key }

      /// Adds a key, once.
      mutating func insert(_ key: Int) {
        if key != first, !more.contains(key) { more.append(key) }
      }

      /// Adds every key of another.
      mutating func formUnion(_ other: Keys) {
        for key in other { insert(key) }
      }

      func makeIterator() -> Iterator { Iterator(keys: self) }

      /// The first key, then the others in the order they came.
      struct Iterator: IteratorProtocol {
        let keys: Keys
        var position = -1

        mutating func next() -> Int? {
          defer { position += 1 }
          if position < 0 { return keys.first }
          return position < keys.more.count ? keys.more[position] : nil
        }
      }
    }

    /// Adds a file to the files waiting under a folder and name.
    static func add(_ key: Int, folder: String, name: String, to bundle: inout Bundle) {
      if bundle[folder]?[name] != nil {
        bundle[folder]![name]!.insert(key)
      } else {
        bundle[folder, default: [:]][name] = Keys(key)
      }
    }

    mutating func run(graph: CommitGraph) throws {
      var start = Bundle()
      for (key, file) in files.enumerated() {
        let (folder, name) = Walk.split(file.path)
        if start[folder]?[name] == nil { start[folder, default: [:]][name] = Keys(key) }
      }
      var waiting: [Int: Bundle] = [0: start]
      var queue = Heap<QueuedCommit<Int>>()
      var sequence = 0
      var visited = Set<Int>()
      queue.insert(QueuedCommit(time: graph.times[0], sequence: 0, id: 0))

      while let next = queue.popMax() {
        let index = next.id
        visited.insert(index)
        guard var bundle = waiting.removeValue(forKey: index), !bundle.isEmpty else { continue }
        let onwards = try visit(index, bundle: &bundle, graph: graph)
        for (position, moving) in onwards.enumerated() where !moving.isEmpty {
          let parent = graph.parents[index][position]
          if visited.contains(parent) { continue }
          if var already = waiting.removeValue(forKey: parent) {
            for (folder, members) in moving {
              already[folder, default: [:]].merge(members) { first, second in
                var both = first
                both.formUnion(second)
                return both
              }
            }
            waiting[parent] = already
          } else {
            waiting[parent] = moving
            sequence += 1
            queue.insert(QueuedCommit(time: graph.times[parent], sequence: sequence, id: parent))
          }
        }
      }
    }

    /// Looks names up in a folder: one at a time for a few, and from the whole listing for
    /// many, since each lookup scans the listing (the first commit of 2,000 x 20,000 looked
    /// 2,000 names up in a listing of 2,000, 45 ms).
    static func finder(_ tree: RawTree?, names: Int) throws -> (String) throws -> TreeEntry? {
      guard let tree else { return { _ in nil } }
      guard names > 8 else { return { try tree.entry(named: $0) } }
      let all = Dictionary(try tree.entries().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      return { all[$0] }
    }

    /// A path's folder ("" at the root) and name, cut at the last "/" byte as the walk of
    /// last changes cuts it.
    static func split(_ path: String) -> (folder: String, name: String) {
      HistoryWalker.split(path)
    }

    /// How a folder differs from a parent's: identical, or the names that differ with the
    /// parent's entry under each. Unlike the walk of last changes, a file followed here may
    /// be missing from a commit (before it was added again), so a folder missing here
    /// differs from the parent's in every name the parent has.
    func compare(_ here: RawTree?, _ there: RawTree?) throws -> (
      identical: Bool, changes: [String: TreeEntry?]
    ) {
      if here == nil, let there {
        return (false, Dictionary(try there.entries().map { ($0.name, .some($0)) }) { first, _ in first })
      }
      let comparison = try FolderComparison(here: here, there: there)
      return (comparison.identical || (here == nil && there == nil), comparison.changes)
    }

    /// Visits one commit for the files waiting there; returns the files to follow into each
    /// parent, by the parent's position. Files whose entry a parent shares go on to the first
    /// such parent without being looked at one by one: only the names the folder comparison
    /// finds changed are.
    mutating func visit(_ index: Int, bundle: inout Bundle, graph: CommitGraph) throws -> [Bundle] {
      let parents = graph.parents[index]
      let root = try repository.rawTree(graph.trees[index])
      if graph.isBoundary[index] {
        // Whether the boundary commit changed a file is unknowable: never shown.
        for (folder, members) in bundle {
          let here = try Walk.finder(repository.subtree(atPath: folder, in: root), names: members.count)
          for (name, keys) in members where try here(name) != nil { cut.formUnion(keys) }
        }
        return []
      }
      let parentRoots = try parents.map { try repository.rawTree(graph.trees[$0]) }
      if parents.isEmpty {
        for (folder, members) in bundle {
          let here = try Walk.finder(repository.subtree(atPath: folder, in: root), names: members.count)
          for (name, keys) in members {
            guard let entry = try here(name) else { continue }
            for key in keys {
              try show(index, key: key, path: Walk.join(folder, name), current: entry, old: nil, graph: graph)
            }
          }
        }
        return []
      }
      var onwards = Array(repeating: Bundle(), count: parents.count)
      // The first parent takes every file, less those that differ from it.
      onwards[0] = bundle
      bundle = [:]
      var later: [(position: Int, folder: String, name: String, key: Int)] = []
      // Folders by name, and members through the subscript, never bound to a variable: the
      // removals below then change the one copy in place instead of copying every member.
      for folder in Array(onwards[0].keys) {
        let here = try repository.subtree(atPath: folder, in: root)
        let first = try compare(here, repository.subtree(atPath: folder, in: parentRoots[0]))
        if first.identical { continue }
        let changed = first.changes.keys.compactMap { name in onwards[0][folder]?[name].map { (name, $0) } }
        if changed.isEmpty { continue }
        var others: [(identical: Bool, changes: [String: TreeEntry?])] = []
        if parents.count > 1 {
          others = try parentRoots.dropFirst().map {
            try compare(here, repository.subtree(atPath: folder, in: $0))
          }
        }
        for (name, keys) in changed {
          onwards[0][folder]![name] = nil
          // A merge: the first other parent that has the same entry takes the files.
          if let position = others.firstIndex(where: { $0.identical || $0.changes[name] == nil }) {
            for key in keys { Walk.add(key, folder: folder, name: name, to: &onwards[position + 1]) }
            continue
          }
          let path = Walk.join(folder, name)
          let current = try here?.entry(named: name)
          for key in keys {
            let old = try show(
              index, key: key, path: path, current: current, old: first.changes[name] ?? nil, graph: graph)
            let (oldFolder, oldName) = old.map(Walk.split) ?? (folder, name)
            for position in parents.indices { later.append((position, oldFolder, oldName, key)) }
          }
        }
      }
      // Added only now: a file renamed from another folder must not be looked at in this
      // commit again under its old name.
      for (position, folder, name, key) in later {
        Walk.add(key, folder: folder, name: name, to: &onwards[position])
      }
      return onwards.map { $0.filter { !$0.value.isEmpty } }
    }

    /// A folder and a name joined into a path.
    static func join(_ folder: String, _ name: String) -> String {
      folder.isEmpty ? name : folder + "/" + name
    }

    /// Records the revision of one file at a commit that changed it; returns its old path
    /// when the commit renamed it (older commits are searched under that name).
    @discardableResult
    mutating func show(
      _ index: Int, key: Int, path: String, current: TreeEntry?, old parentEntry: TreeEntry?,
      graph: CommitGraph
    ) throws -> String? {
      var change: LogEntry.Change
      var oldPath: String?
      var oldEntry = parentEntry
      if current == nil {
        change = .deleted
      } else if oldEntry == nil {
        change = .added
        if let parent = graph.parents[index].first {
          let parentRoot = try repository.rawTree(graph.trees[parent])
          if let rename = try repository.renames(from: parentRoot, to: repository.rawTree(graph.trees[index]))
            .first(where: { $0.newPath == path })
          {
            change = .renamed
            oldPath = rename.oldPath
            oldEntry = try repository.entry(atPath: rename.oldPath, in: parentRoot)
          }
        }
      } else {
        change = .modified
      }
      // The blobs are read, parsed and diffed by the pipeline, on repository handles of its own.
      let newVersion = current.map { Version(blob: $0.id, path: path) }
      let oldVersion = oldEntry.map { Version(blob: $0.id, path: oldPath ?? path) }
      let commit: (stamp: CommitStamp, subject: String)
      if let known = commits[index] {
        commit = known
      } else {
        let read = try repository.commitSummary(graph.ids[index])
        commit = (try CommitStamp(read.header), read.summary)
        commits[index] = commit
      }
      let pending = Pending(
        stamp: commit.stamp, subject: commit.subject, path: path, oldPath: oldPath, change: change,
        new: newVersion, old: oldVersion, merge: graph.parents[index].count > 1)
      pipeline.add(pending, key: key)
      trails[key].append(pending)
      return oldPath
    }
  }
}
