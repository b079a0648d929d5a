import Foundation
import GitKit
import HeapModule

/// What history says about one file: its last change and last edit (docs/commands.md).
public struct FileHistory: Sendable, Equatable {
  /// The newest commit that changed the file's bytes (pure renames and moves excluded).
  public var lastChanged: CommitStamp?
  /// The newest commit that changed its wording (title, audience or body words).
  public var lastEdited: CommitStamp?
  /// Whether a shallow clone's boundary cut the search short before an answer was found.
  public var historyTruncated = false
  /// The newest commit after the last edit that brought the file's `reviewed:` date (a
  /// review recorded by `valprop review` or by hand); nil when the last edit is newer.
  public var lastReviewed: CommitStamp?

  /// Creates an empty history.
  public init(
    lastChanged: CommitStamp? = nil, lastEdited: CommitStamp? = nil, historyTruncated: Bool = false,
    lastReviewed: CommitStamp? = nil
  ) {
    self.lastChanged = lastChanged
    self.lastEdited = lastEdited
    self.historyTruncated = historyTruncated
    self.lastReviewed = lastReviewed
  }

  /// The commit drift is measured from: the review, when one came after the last edit,
  /// else the last edit.
  public var driftBasis: (stamp: CommitStamp, basis: Drift.Basis)? {
    if let lastReviewed { return (lastReviewed, .review) }
    return lastEdited.map { ($0, .edit) }
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
///
/// Files travel in bundles, one per folder: where a folder's tree is identical to a
/// parent's, the whole bundle moves there with one id comparison; where it differs, one
/// side-by-side walk of the two sorted listings finds the few names that changed. Commits are
/// visited newest first and lazily, so the walk reads only the history it needs and stops as
/// soon as every file has its answers — or reaches a commit whose answers a cache already
/// holds.
public struct HistoryWalker {
  /// The repository.
  public let repository: Repository
  /// Commits whose changes are never edits.
  public let ignoreRevs: IgnoreRevs
  /// Answers known for earlier walks, by commit and path; a file reaching such a commit
  /// takes them instead of walking further.
  public let known: [ObjectID: HistoryCache.Entry]
  /// How front matter written before valprop reads (`adopt:`): a mapped key such as
  /// `last_reviewed` brings the `reviewed:` date as valprop's own does.
  public let adoption: Adoption
  /// Whether the walk compares again whatever the thread reading ahead compared, and fails
  /// where the two differ (for tests: the walk must never depend on that thread).
  var checksReadAhead = false
  /// Where the walk leaves the headers of the commits it visits, for drift.
  public var shelf: CommitHeaderShelf?

  /// A comparison the thread reading ahead handed over that differs from the walk's own.
  struct ReadAheadMismatch: Error {
    let commit: ObjectID
    let parent: Int
    let folder: String
  }

  /// Creates a walker.
  public init(
    repository: Repository, ignoreRevs: IgnoreRevs = IgnoreRevs(),
    known: [ObjectID: HistoryCache.Entry] = [:], adoption: Adoption = .none
  ) {
    self.repository = repository
    self.ignoreRevs = ignoreRevs
    self.known = known
    self.adoption = adoption
  }

  /// One file being followed.
  struct Tracker {
    /// The index of the answer it works for.
    let key: Int
    /// Its name at the commit being visited.
    var name: String
    /// Its blob there.
    var id: ObjectID
    /// Whether the last change is still to be found.
    var needChanged: Bool
    /// Whether a commit bringing the `reviewed:` date may still come before the last edit.
    var needReviewed = true
  }

  /// The files of one folder waiting at one commit, by name (two current files can share an
  /// ancestor, so a name may hold several trackers). A bundle moves to a parent as a whole;
  /// only the few names that changed are taken out.
  final class Bundle {
    let folder: String
    var files: [String: [Tracker]]

    init(folder: String, files: [String: [Tracker]] = [:]) {
      self.folder = folder
      self.files = files
    }

    var isEmpty: Bool { files.isEmpty }

    func add(_ tracker: Tracker) {
      files[tracker.name, default: []].append(tracker)
    }

    /// Moves every file of another bundle into this one.
    func absorb(_ other: Bundle) {
      for (name, trackers) in other.files { files[name, default: []] += trackers }
    }

    /// Takes the files with these names out into a new bundle.
    func take(_ names: [String]) -> Bundle {
      let taken = Bundle(folder: folder)
      for name in names {
        if let trackers = files.removeValue(forKey: name) { taken.files[name] = trackers }
      }
      return taken
    }
  }

  /// The histories of files by their paths at HEAD. Paths HEAD does not hold are left out
  /// (they are uncommitted).
  public func histories(of paths: [String]) throws -> [String: FileHistory] {
    try walk(paths).answers
  }

  /// The histories, and the visit at which the walk started reading ahead (0 from the
  /// start, nil when it never did).
  func walk(_ paths: [String]) throws -> (answers: [String: FileHistory], readAheadStart: Int?) {
    guard let head = try repository.headCommit() else { return ([:], nil) }
    var state = WalkState(walker: self, keys: [])
    if known.isEmpty && !paths.isEmpty {
      // Without earlier answers the walk goes deep: reading ahead starts now, while the
      // files are looked up at HEAD. (With them it starts only if the walk goes on.)
      state.readAhead = HistoryReadAhead(repository: repository, start: head.id, paths: Array(Set(paths)))
    }
    defer { state.readAhead?.stop() }
    let keys = Array(Set(paths)).sortedAsStrings()
    var results: [FileHistory?] = Array(repeating: nil, count: keys.count)
    var open = 0
    var bundles: [String: Bundle] = [:]
    // The files at HEAD, looked up a folder at a time: each folder's listing is read once.
    var byFolder: [String: [(key: Int, name: String)]] = [:]
    for (key, path) in keys.enumerated() {
      let (folder, name) = HistoryWalker.split(path)
      byFolder[folder, default: []].append((key, name))
    }
    let headTree = try repository.rawTree(head.treeID)
    for (folder, files) in byFolder {
      guard let tree = try repository.subtree(atPath: folder, in: headTree) else {
        for (key, _) in files { state.readAhead?.follows(nil, insteadOf: keys[key]) }
        continue
      }
      let entries = Dictionary(
        try tree.entries().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      let bundle = Bundle(folder: folder)
      for (key, name) in files {
        guard let entry = entries[name], entry.kind == .blob || entry.kind == .symlink else {
          // Uncommitted: the reader need not keep branches open for it.
          state.readAhead?.follows(nil, insteadOf: keys[key])
          continue
        }
        results[key] = FileHistory()
        bundle.add(Tracker(key: key, name: name, id: entry.id, needChanged: true))
        open += 1
      }
      if !bundle.isEmpty { bundles[folder] = bundle }
    }
    state.keys = keys
    state.results = results
    state.open = open
    state.head = head.id
    if open > 0 {
      state.enqueue(head.id, Array(bundles.values))
      try state.run()
    }
    var answer: [String: FileHistory] = [:]
    for (key, path) in keys.enumerated() {
      if let result = state.results[key] { answer[path] = result }
    }
    return (answer, state.readAhead == nil ? nil : state.readAheadStart)
  }

  /// The path of `name` in `folder` ("" at the root): what `split` splits.
  static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : folder + "/" + name
  }

  /// `folder` and `name` of a path (the folder is "" at the root), cut at the last "/" byte
  /// as git cuts: a `Character` search (a sixth of the walk of a warm `list`) missed a "/"
  /// that a combining mark follows.
  static func split(_ path: String) -> (folder: String, name: String) {
    let utf8 = path.utf8
    guard let slash = utf8.lastIndex(of: 0x2F) else { return ("", path) }
    return (
      String(decoding: utf8[..<slash], as: UTF8.self),
      String(decoding: utf8[utf8.index(after: slash)...], as: UTF8.self)
    )
  }

  /// The walk's moving parts.
  struct WalkState {
    let walker: HistoryWalker
    var keys: [String]
    var results: [FileHistory?] = []
    var open = 0
    var pending: [ObjectID: [Bundle]] = [:]
    var queue = Heap<QueuedCommit<ObjectID>>()
    var sequence = 0
    /// The versions the walk compared, by blob: a version compared with its parent's is
    /// usually compared next as the parent's with the grandparent's.
    var blobs: [ObjectID: Data] = [:]
    var reviewedCache: [ObjectID: CalendarDate?] = [:]
    /// The thread reading ahead of the walk, if there is one.
    var readAhead: HistoryReadAhead?
    /// The commit the walk starts from, to start reading ahead.
    var head: ObjectID?
    /// Commits visited so far, and how many when reading ahead started.
    var visits = 0
    var readAheadStart = 0
    /// Commits and folder trees read as parents, kept until the walk visits those commits
    /// (usually next), so that no object is read and inflated twice.
    var trees: [ObjectID: (commit: CommitHeader, root: RawTree, folders: [String: RawTree?])] = [:]
    /// Each followed folder's lookup, which keeps the folder last found.
    var lookups: [String: FolderLookup] = [:]
    /// Headers of commits waiting in the queue, read when they were queued.
    var headers: [ObjectID: CommitHeader] = [:]

    /// A commit's header, from the queue's or the repository.
    mutating func header(_ id: ObjectID) throws -> CommitHeader {
      if let header = headers[id] ?? readAhead?.header(id) { return header }
      return try repository.commitHeader(id)
    }

    /// A commit and its root tree, from the walk's cache or the repository.
    mutating func loaded(_ id: ObjectID) throws -> (commit: CommitHeader, root: RawTree) {
      if let cached = trees[id] { return (cached.commit, cached.root) }
      let commit = try header(id)
      let root = try repository.rawTree(commit.treeID)
      trees[id] = (commit, root, [:])
      return (commit, root)
    }

    /// A folder of a commit compared with the same folder in a parent, from their trees.
    mutating func compare(_ folder: String, of commitID: ObjectID, with parentID: ObjectID) throws
      -> FolderComparison
    {
      try FolderComparison(here: self.folder(folder, of: commitID), there: self.folder(folder, of: parentID))
    }

    /// A folder's tree in a commit (nil when the commit has no such folder), cached.
    mutating func folder(_ path: String, of id: ObjectID) throws -> RawTree? {
      if let cached = trees[id]?.folders[path] { return cached }
      let root = try loaded(id).root
      // A local: reading through `self` while `lookups` changes in place would overlap.
      let repository = repository
      let tree = try lookups[path, default: FolderLookup(path)].folder(in: root, read: repository.rawTree)
      trees[id]?.folders[path] = .some(tree)
      return tree
    }
    let boundary: Set<ObjectID>

    init(walker: HistoryWalker, keys: [String]) {
      self.walker = walker
      self.keys = keys
      boundary = walker.repository.shallowBoundary()
    }

    var repository: Repository { walker.repository }

    mutating func enqueue(_ commit: ObjectID, _ bundles: [Bundle]) {
      let arriving = bundles.filter { !$0.isEmpty }
      guard !arriving.isEmpty else { return }
      if pending[commit] == nil {
        sequence += 1
        let header =
          trees[commit]?.commit ?? readAhead?.header(commit) ?? (try? repository.commitHeader(commit))
        headers[commit] = header
        queue.insert(QueuedCommit(time: header?.time ?? 0, sequence: sequence, id: commit))
      }
      pending[commit, default: []].append(contentsOf: arriving)
    }

    /// Ends the search for a file, at `path` where the walk found its answer.
    mutating func resolve(_ tracker: Tracker, at path: String, edited: CommitStamp?, truncated: Bool = false)
    {
      if let edited { results[tracker.key]?.lastEdited = edited }
      if truncated { results[tracker.key]?.historyTruncated = true }
      open -= 1
      readAhead?.follows(nil, insteadOf: path)
    }

    /// A version's bytes, kept for the next comparison unless the file is too large to be
    /// read as a proposition (then only its checksum matters, and it is read again).
    mutating func blob(_ id: ObjectID) throws -> Data {
      if let cached = blobs[id] { return cached }
      let data = try repository.blobData(id)
      if data.count <= SourceText.maximumSize { blobs[id] = data }
      return data
    }

    /// A version of a file: its blob, and its path there.
    typealias Version = (id: ObjectID, path: String)

    /// Whether two versions have the same wording (`WordingKey.sameWording`).
    mutating func sameWording(_ one: Version, _ other: Version) throws -> Bool {
      if one.id == other.id { return true }
      return WordingKey.sameWording(try blob(one.id), try blob(other.id), paths: (one.path, other.path))
    }

    /// The `reviewed:` date of a version of a proposition; nil without one, or when its front
    /// matter cannot be read.
    mutating func reviewed(_ id: ObjectID, _ path: String) throws -> CalendarDate? {
      if let cached = reviewedCache[id] { return cached }
      let data = try blob(id)
      let date = (try? PropositionSummary(id: "", path: path, data: data, adoption: walker.adoption))?
        .reviewed
      reviewedCache[id] = .some(date)
      return date
    }

    /// The visit at which a walk that had cached answers starts reading ahead.
    static let lateStart = 16

    mutating func run() throws {
      while open > 0, let next = queue.popMax() {
        guard let arrived = pending.removeValue(forKey: next.id) else { continue }
        defer { headers[next.id] = nil }
        if let shelf = walker.shelf, let header = headers[next.id] { shelf.keep(header) }
        visits += 1
        if visits == WalkState.lateStart, readAhead == nil, let head {
          // Cached answers did not end the walk soon: it goes deep after all, for the files
          // still followed.
          let following = (pending.values.joined() + arrived).flatMap { bundle in
            bundle.files.flatMap { name, trackers in
              Array(repeating: HistoryWalker.join(bundle.folder, name), count: trackers.count)
            }
          }
          readAhead = HistoryReadAhead(
            repository: repository, start: head, paths: following, walkTime: next.time)
          readAheadStart = visits
        }
        readAhead?.visiting(time: next.time)
        try visit(next.id, arrived)
      }
    }

    /// Settles every file waiting at a commit.
    mutating func visit(_ commitID: ObjectID, _ arrived: [Bundle]) throws {
      // Files whose answers a cache holds for this commit take them.
      var bundles = arrived
      if let known = walker.known[commitID]?.answers {
        for bundle in bundles {
          for (name, trackers) in bundle.files {
            let path = HistoryWalker.join(bundle.folder, name)
            guard let cached = known[path] else { continue }
            for tracker in trackers {
              if tracker.needChanged { results[tracker.key]?.lastChanged = cached.lastChanged }
              results[tracker.key]?.lastEdited = cached.lastEdited
              if tracker.needReviewed { results[tracker.key]?.lastReviewed = cached.lastReviewed }
              if cached.historyTruncated { results[tracker.key]?.historyTruncated = true }
              open -= 1
              readAhead?.follows(nil, insteadOf: path)
            }
            bundle.files[name] = nil
          }
        }
        bundles.removeAll { $0.isEmpty }
        if bundles.isEmpty { return }
      }
      if boundary.contains(commitID) {
        // The parents are cut off: whether this commit changed the files is unknowable.
        for bundle in bundles {
          for (name, trackers) in bundle.files {
            let path = HistoryWalker.join(bundle.folder, name)
            for tracker in trackers { resolve(tracker, at: path, edited: nil, truncated: true) }
          }
        }
        return
      }
      // The thread reading ahead may have compared the folders already.
      let prepared = readAhead?.take(commitID)
      let commit = try prepared?.header ?? trees[commitID]?.commit ?? header(commitID)
      let parentIDs = commit.parentIDs
      defer {
        // Keep only what the walk will visit.
        trees[commitID] = nil
        for parent in parentIDs where pending[parent] == nil { trees[parent] = nil }
      }
      var stamp: CommitStamp?
      var renames: [Int: [TreeChange]] = [:]

      // Gather the bundles of each folder into one.
      var byFolder: [String: Bundle] = [:]
      for bundle in bundles {
        if let existing = byFolder[bundle.folder] {
          if existing.files.count >= bundle.files.count {
            existing.absorb(bundle)
          } else {
            bundle.absorb(existing)
            byFolder[bundle.folder] = bundle
          }
        } else {
          byFolder[bundle.folder] = bundle
        }
      }
      for (folder, bundle) in byFolder.sorted(by: { $0.key < $1.key }) {
        var remaining = bundle
        var comparisons: [FolderComparison] = []
        // Files identical in a parent follow the first such parent: the bundle moves as a
        // whole, minus the names that differ, which try the next parent.
        for position in parentIDs.indices where !remaining.isEmpty {
          // The thread reading ahead compares only up to the parent where no file it
          // knew the walk to follow could go further.
          let ready = prepared?.folders[folder].flatMap { position < $0.count ? $0[position] : nil }
          let comparison = try ready ?? compare(folder, of: commitID, with: parentIDs[position])
          if let ready, walker.checksReadAhead,
            try compare(folder, of: commitID, with: parentIDs[position]) != ready
          {
            throw ReadAheadMismatch(commit: commitID, parent: position, folder: folder)
          }
          comparisons.append(comparison)
          if comparison.identical {
            enqueue(parentIDs[position], [remaining])
            remaining = Bundle(folder: folder)
            break
          }
          let differing = remaining.take(comparison.changes.keys.filter { remaining.files[$0] != nil })
          enqueue(parentIDs[position], [remaining])
          remaining = differing
        }
        // The rest differ from every parent: a rename, a change, perhaps an edit.
        for tracker in remaining.files.values.joined() {
          let stampHere = try stamp ?? CommitStamp(commit)
          stamp = stampHere
          try settle(
            tracker, folder: folder, at: commit, comparisons: comparisons, renames: &renames, stamp: stampHere
          )
        }
      }
    }

    /// Handles a file that differs from every parent of `commit`: `comparisons` compare its
    /// folder with each parent's.
    mutating func settle(
      _ tracker: Tracker, folder: String, at commit: CommitHeader, comparisons: [FolderComparison],
      renames: inout [Int: [TreeChange]], stamp: CommitStamp
    ) throws {
      var tracker = tracker
      let parentIDs = commit.parentIDs
      let path = HistoryWalker.join(folder, tracker.name)
      // The file's version in each parent, under its name or a rename's source. The file
      // differs from every parent, so each comparison lists its name.
      var versions: [(path: String, id: ObjectID, mode: UInt32)?] = []
      for position in parentIDs.indices {
        let entry =
          try comparisons[position].changes[tracker.name]
          ?? self.folder(folder, of: parentIDs[position])?.entry(named: tracker.name)
        versions.append(entry.map { (path, $0.id, $0.fileMode) })
      }
      var pureRename: Int?
      for position in parentIDs.indices where versions[position] == nil {
        if renames[position] == nil {
          let roots = (
            before: try loaded(parentIDs[position]).root, after: try repository.rawTree(commit.treeID)
          )
          // The two blobs a rename compares are the versions the wording is compared by next.
          renames[position] = try repository.renames(from: roots.before, to: roots.after) { try blob($0) }
        }
        guard let source = renames[position]?.first(where: { $0.newPath == path }),
          let entry = try repository.entry(atPath: source.oldPath, in: loaded(parentIDs[position]).root)
        else { continue }
        versions[position] = (source.oldPath, entry.id, entry.fileMode)
        if pureRename == nil, entry.id == tracker.id { pureRename = position }
      }
      if let position = pureRename, let version = versions[position] {
        move(&tracker, from: path, to: version, parent: parentIDs[position])
        return
      }
      if tracker.needChanged {
        results[tracker.key]?.lastChanged = stamp
        tracker.needChanged = false
      }
      var next: Int?
      if walker.ignoreRevs.commits.contains(commit.id) {
        next = versions.firstIndex { $0 != nil }
      } else if versions.contains(where: { $0 != nil }) {
        // Without an earlier version (the file was added here) there is nothing to compare.
        for position in versions.indices {
          if let version = versions[position], try sameWording((version.id, version.path), (tracker.id, path))
          {
            next = position
            break
          }
        }
      }
      if let position = next, let version = versions[position] {
        if tracker.needReviewed, let here = try reviewed(tracker.id, path) {
          var brought = true
          for version in versions.compactMap({ $0 }) where try reviewed(version.id, version.path) == here {
            brought = false
          }
          if brought {
            results[tracker.key]?.lastReviewed = stamp
            tracker.needReviewed = false
          }
        }
        move(&tracker, from: path, to: version, parent: parentIDs[position])
      } else {
        resolve(tracker, at: path, edited: stamp)
      }
    }

    /// Sends a file on to a parent, where it is `version`.
    mutating func move(
      _ tracker: inout Tracker, from path: String, to version: (path: String, id: ObjectID, mode: UInt32),
      parent: ObjectID
    ) {
      readAhead?.follows(version.path, insteadOf: path)
      let (folder, name) = HistoryWalker.split(version.path)
      tracker.name = name
      tracker.id = version.id
      let bundle = Bundle(folder: folder)
      bundle.add(tracker)
      enqueue(parent, [bundle])
    }
  }
}

/// A commit waiting in a history walk: the newest committer time comes out first, then the
/// first queued, as git's own walk orders commits.
struct QueuedCommit<ID>: Comparable {
  let time: Int64
  let sequence: Int
  let id: ID

  static func < (lhs: QueuedCommit, rhs: QueuedCommit) -> Bool {
    lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence > rhs.sequence
  }

  static func == (lhs: QueuedCommit, rhs: QueuedCommit) -> Bool {
    lhs.sequence == rhs.sequence
  }
}
