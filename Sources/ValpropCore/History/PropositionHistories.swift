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
public struct PropositionHistories {
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

  /// The revisions of each file, newest first, by its path at HEAD.
  public let entries: [String: [LogEntry]]
  /// The paths whose revisions a shallow clone's boundary cut short.
  public let truncated: Set<String>

  /// Walks history from HEAD once for every file.
  public init(repository: Repository, files: [File]) throws {
    guard let head = try repository.headCommit(), !files.isEmpty else {
      entries = [:]
      truncated = []
      return
    }
    var walk = Walk(repository: repository, files: files)
    try walk.run(graph: CommitGraph(repository: repository, start: head.id))
    var entries: [String: [LogEntry]] = [:]
    for (key, file) in files.enumerated() { entries[file.path] = walk.found[key] }
    self.entries = entries
    truncated = Set(walk.cut.map { files[$0].path })
  }

  /// The walk's state.
  private struct Walk {
    let repository: Repository
    let files: [File]
    /// Revisions found, by file key, newest first.
    var found: [[LogEntry]]
    /// Keys of files a shallow boundary cut.
    var cut = Set<Int>()
    /// The last version parsed of each file, which is usually the next revision's new one.
    var lastParsed: [Int: (blob: ObjectID, path: String, proposition: Proposition)] = [:]
    /// Commit stamps and subjects, read once per commit shown.
    var commits: [Int: (stamp: CommitStamp, subject: String)] = [:]

    init(repository: Repository, files: [File]) {
      self.repository = repository
      self.files = files
      found = Array(repeating: [], count: files.count)
    }

    mutating func run(graph: CommitGraph) throws {
      // The files waiting at each queued commit: their path there, and their key.
      var waiting: [Int: [String: Int]] = [
        0: Dictionary(files.enumerated().map { ($1.path, $0) }) { a, _ in a }
      ]
      var queue = Heap<QueuedCommit<Int>>()
      var sequence = 0
      var visited = Set<Int>()
      queue.insert(QueuedCommit(time: graph.times[0], sequence: 0, id: 0))

      while let next = queue.popMax() {
        let index = next.id
        visited.insert(index)
        guard let trackers = waiting.removeValue(forKey: index), !trackers.isEmpty else { continue }
        let onwards = try visit(index, trackers: trackers, graph: graph)
        for (position, moving) in onwards.enumerated() where !moving.isEmpty {
          let parent = graph.parents[index][position]
          if visited.contains(parent) { continue }
          if let already = waiting[parent] {
            waiting[parent] = already.merging(moving) { first, _ in first }
          } else {
            waiting[parent] = moving
            sequence += 1
            queue.insert(QueuedCommit(time: graph.times[parent], sequence: sequence, id: parent))
          }
        }
      }
    }

    /// Visits one commit for the files waiting there; returns the files to follow into each
    /// parent, by the parent's position.
    mutating func visit(_ index: Int, trackers: [String: Int], graph: CommitGraph) throws -> [[String: Int]] {
      let parents = graph.parents[index]
      let root = try repository.rawTree(graph.trees[index])
      let parentRoots = try parents.map { try repository.rawTree(graph.trees[$0]) }
      if graph.isBoundary[index] {
        // Whether the boundary commit changed a file is unknowable: never shown.
        for (path, key) in trackers where try repository.entry(atPath: path, in: root) != nil {
          cut.insert(key)
        }
        return []
      }
      var onwards = Array(repeating: [String: Int](), count: parents.count)
      var byFolder: [String: [(name: String, key: Int)]] = [:]
      for (path, key) in trackers {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        byFolder[folder, default: []].append((name, key))
      }
      for (folder, members) in byFolder {
        func full(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }
        let here = try repository.subtree(atPath: folder, in: root)
        if parents.isEmpty {
          for member in members {
            if let entry = try here?.entry(named: member.name) {
              try show(
                index, key: member.key, path: full(member.name), current: entry, old: nil, graph: graph)
            }
          }
          continue
        }
        let comparisons = try parentRoots.map {
          try FolderComparison(here: here, there: try repository.subtree(atPath: folder, in: $0))
        }
        if parents.count == 1 {
          // Every file goes on to the parent; only the changed names need a look.
          for member in members { onwards[0][full(member.name)] = member.key }
          guard !comparisons[0].identical else { continue }
          let keys = Dictionary(members.map { ($0.name, $0.key) }) { a, _ in a }
          for (name, parentEntry) in comparisons[0].changes {
            guard let key = keys[name] else { continue }
            let current = try here?.entry(named: name)
            if let old = try show(
              index, key: key, path: full(name), current: current, old: parentEntry, graph: graph)
            {
              onwards[0][full(name)] = nil
              onwards[0][old] = key
            }
          }
          continue
        }
        for member in members {
          let path = full(member.name)
          func same(_ position: Int) -> Bool {
            comparisons[position].identical || comparisons[position].changes[member.name] == nil
          }
          if let position = parents.indices.first(where: same) {
            onwards[position][path] = member.key
            continue
          }
          let current = try here?.entry(named: member.name)
          let parentEntry = comparisons[0].changes[member.name] ?? nil
          let old = try show(
            index, key: member.key, path: path, current: current, old: parentEntry, graph: graph)
          for position in parents.indices { onwards[position][old ?? path] = member.key }
        }
      }
      return onwards
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
        if let parent = graph.parents[index].first,
          let rename = try repository.changes(
            from: repository.tree(graph.trees[parent]), to: repository.tree(graph.trees[index]),
            detectRenames: true
          )
          .first(where: { $0.status == .renamed && $0.newPath == path })
        {
          change = .renamed
          oldPath = rename.oldPath
          oldEntry = try repository.entry(atPath: rename.oldPath, in: repository.rawTree(graph.trees[parent]))
        }
      } else {
        change = .modified
      }
      let id = files[key].id
      func version(_ entry: TreeEntry, at path: String) throws -> Proposition {
        if let last = lastParsed[key], last.blob == entry.id, last.path == path { return last.proposition }
        return Proposition.lenient(id: id, path: path, data: try repository.blobData(entry.id))
      }
      let newVersion = try current.map { try version($0, at: path) }
      let oldVersion = try oldEntry.map { try version($0, at: oldPath ?? path) }
      if let oldEntry, let oldVersion { lastParsed[key] = (oldEntry.id, oldPath ?? path, oldVersion) }
      let commit: (stamp: CommitStamp, subject: String)
      if let known = commits[index] {
        commit = known
      } else {
        let read = try repository.commit(graph.ids[index])
        commit = (CommitStamp(read), read.summary)
        commits[index] = commit
      }
      found[key].append(
        LogEntry(
          stamp: commit.stamp, subject: commit.subject, path: path, oldPath: oldPath, change: change,
          diff: PropositionDiff(old: oldVersion, new: newVersion), proposition: newVersion, blob: current?.id)
      )
      return oldPath
    }
  }
}
