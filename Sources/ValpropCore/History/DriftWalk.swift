import Foundation
import GitKit
import HeapModule

/// One commit of a drift, as reports name it.
public struct DriftCommit: Sendable, Equatable {
  /// The full commit id.
  public let commit: ObjectID
  /// The author date, YYYY-MM-DD in the author's zone.
  public let date: CalendarDate
  /// The author's name.
  public let author: String
  /// The subject: the message's first paragraph on one line.
  public let subject: String
}

/// How far the code a proposition tracks moved since its last edit or review
/// (docs/commands.md, "Drift").
public struct Drift: Sendable, Equatable {
  /// What the drift is measured from.
  public enum Basis: String, Sendable {
    /// The last edit of the wording.
    case edit
    /// The commit that brought the `reviewed:` date.
    case review
  }

  /// The commits `git log <since>..HEAD -- <tracks>` lists.
  public let commits: Int
  /// The distinct paths those commits changed (merges aside, as `git log --numstat`).
  public let files: Int
  /// Lines added, as `git log --numstat --no-renames` sums them.
  public let added: Int
  /// Lines removed, likewise.
  public let removed: Int
  /// The commit drift is measured from.
  public let sinceCommit: ObjectID
  /// Its author date.
  public let since: CalendarDate
  /// Whether that commit is a review or an edit.
  public let basis: Basis
  /// The oldest commit of the drift (the last `git log` lists); nil when there is none.
  public let first: DriftCommit?
  /// The newest (the first `git log` lists); nil when there is none.
  public let last: DriftCommit?
}

/// Finds the commits that changed tracked paths in a range, as `git log A..B -- <pathspec>`
/// lists them with git's default history simplification, and counts their changes.
///
/// The walk follows git's own (revision.c): commits come out newest committer time first;
/// a commit reachable from A is uninteresting, and what is known to be uninteresting
/// spreads to parents as git spreads it; at an interesting commit, a parent whose tracked
/// paths are identical (TREESAME) and that is relevant — interesting, or A itself — becomes
/// the only parent followed; other parents that are identical do not prune the rest. A
/// commit is listed when it is interesting and not TREESAME: a merge with relevant parents
/// is TREESAME when it equals every relevant one, otherwise when it equals every parent.
///
/// Commit headers and comparisons are kept between ranges, so that propositions sharing a
/// history pay once for what they share.
public final class DriftWalk {
  /// The repository.
  public let repository: Repository
  private var headers: [ObjectID: CommitHeader] = [:]
  private var trees: [ObjectID: RawTree] = [:]
  private var comparisons: [ComparisonKey: Bool] = [:]
  private var rootMatches: [ComparisonKey: Bool] = [:]
  private var numstats: [ComparisonKey: [String: (added: Int, removed: Int)]] = [:]
  private var describes: [ObjectID: DriftCommit] = [:]
  private let boundary: Set<ObjectID>

  /// Pathspecs by number: keys hold the number, so that a lookup never hashes the patterns.
  private var pathspecNumbers: [Pathspec: Int] = [:]
  /// The number of the pathspec being walked.
  private var active = 0

  private struct ComparisonKey: Hashable {
    let commit: ObjectID
    let parent: ObjectID?
    let pathspec: Int
  }

  private func number(_ pathspec: Pathspec) -> Int {
    if let known = pathspecNumbers[pathspec] { return known }
    let next = pathspecNumbers.count
    pathspecNumbers[pathspec] = next
    return next
  }

  /// A walker over a repository, taking the headers a history walk left on `shelf`.
  public init(repository: Repository, shelf: CommitHeaderShelf? = nil) {
    self.repository = repository
    self.shelf = shelf
    boundary = repository.shallowBoundary()
    packed = PackedObjects(repository: repository, budget: 32 << 20)
    packedBlobs = PackedObjects(repository: repository, budget: 32 << 20)
  }

  /// Pack readers of the walk's own for trees and for blobs, nil where the packs are not
  /// read directly: the repository's keeps 2 MiB, and trees and blobs read pathspec by
  /// pathspec, newest first, rebuilt most of each delta chain again (callgrind,
  /// docs/performance.md, "Drift").
  private let packed: PackedObjects?
  private let shelf: CommitHeaderShelf?
  private let packedBlobs: PackedObjects?

  /// Why a drift cannot be known.
  public enum Unknown: Error, Equatable {
    /// A shallow clone's boundary lies in the range.
    case shallow
  }

  /// The commits of `since..head -- pathspec`, newest first as `git log` lists them; throws
  /// `Unknown.shallow` when the range reaches where a shallow clone's history is cut (a cut
  /// below `since` is harmless: what lies below it is outside the range).
  public func commits(since: ObjectID, head: ObjectID, pathspec: Pathspec) throws -> [ObjectID] {
    active = number(pathspec)
    activeBase = pathspec.baseFolder
    var state = State()
    let sinceNode = node(since)
    let headNode = node(head)
    state.set(sinceNode, State.uninteresting | State.bottom)
    try parse(sinceNode, &state)
    markParentsUninteresting(sinceNode, &state)
    try parse(headNode, &state)
    for commit in [sinceNode, headNode] where state.flag(commit) & State.seen == 0 {
      state.set(commit, State.seen)
      try push(commit, &state)
    }
    var listed: [Int] = []
    var slop = State.slop
    var date = Int64.max
    while let next = state.queue.popMax() {
      let commit = next.id
      if !boundary.isEmpty, boundary.contains(commitIDs[commit]),
        state.flag(commit) & State.uninteresting == 0
      {
        // What lies below is cut off: whether it changed the tracked paths is unknowable.
        throw Unknown.shallow
      }
      try processParents(commit, pathspec, &state)
      if state.flag(commit) & State.uninteresting != 0 {
        markParentsUninteresting(commit, &state)
        slop = stillInteresting(date: date, slop: slop, &state)
        if slop > 0 { continue }
        break
      }
      date = commitTimes[commit]
      listed.append(commit)
    }
    return listed.filter { state.flag($0) & (State.uninteresting | State.treesame) == 0 }.map {
      commitIDs[$0]
    }
  }

  /// The drift of `pathspec` from `since` to `head`.
  public func drift(since: ObjectID, basis: Drift.Basis, head: ObjectID, pathspec: Pathspec) throws -> Drift {
    try record(since: since, basis: basis, head: head, pathspec: pathspec).drift
  }

  /// The drift of `pathspec` from `since` to `head`, with the paths its commits changed.
  public func record(since: ObjectID, basis: Drift.Basis, head: ObjectID, pathspec: Pathspec) throws
    -> DriftRecord
  {
    let listed = try commits(since: since, head: head, pathspec: pathspec)
    return try count(listed, since: since, basis: basis, pathspec: pathspec, onto: nil)
  }

  /// Sums the changes of `listed` (newest first) on top of an older record's.
  private func count(
    _ listed: [ObjectID], since: ObjectID, basis: Drift.Basis, pathspec: Pathspec, onto older: DriftRecord?
  ) throws -> DriftRecord {
    active = number(pathspec)
    activeBase = pathspec.baseFolder
    var added = older?.drift.added ?? 0
    var removed = older?.drift.removed ?? 0
    var files = Set(older?.paths ?? [])
    for id in listed {
      let parents = try header(id).parentIDs
      // `git log --numstat` shows no diff for a merge: the merged commits are counted
      // themselves.
      guard parents.count <= 1 else { continue }
      for (path, counts) in try numstat(id, parent: parents.first, pathspec) {
        files.insert(path)
        added += counts.added
        removed += counts.removed
      }
    }
    let sinceDay = try CommitStamp(header(since)).day
    let drift = Drift(
      commits: listed.count + (older?.drift.commits ?? 0), files: files.count, added: added, removed: removed,
      sinceCommit: since, since: sinceDay, basis: basis,
      first: try older?.drift.first ?? listed.last.map(describe),
      last: try listed.first.map(describe) ?? older?.drift.last)
    return DriftRecord(drift: drift, paths: files.sorted())
  }

  /// The commits from `head` down to `base` (`base` excluded), newest first, when they form
  /// one line of commits with one parent each and none is cut by a shallow clone; nil when
  /// they do not (a merge, a root, or `base` not found within `limit` commits).
  public func line(from head: ObjectID, down base: ObjectID, limit: Int = 5_000) throws -> [ObjectID]? {
    var line: [ObjectID] = []
    var id = head
    while id != base {
      let parents = try header(id).parentIDs
      guard parents.count == 1, !boundary.contains(id), line.count < limit else { return nil }
      line.append(id)
      id = parents[0]
    }
    return line
  }

  /// The drift at a newer HEAD from a record measured at an older one, when `line` (from
  /// `line(from:down:)`) leads from the new HEAD down to the old; nil when that could differ
  /// from walking the whole range.
  ///
  /// Why appending is exact: every commit of the line has one parent and is not the `since`
  /// commit, so none is reachable from it (the `since` commit is an ancestor of the old HEAD,
  /// and the ancestors of the new HEAD that descend from a line commit are the line itself):
  /// each is interesting, and listed exactly when its tracked paths differ from its parent's.
  /// When all of them are newer (committer time) than the `since` commit, git's walk takes
  /// them first, one by one, before anything else leaves its queue; it then holds the
  /// `since` commit and the old HEAD, in that insertion order, as the old walk began, and
  /// goes on exactly as the old walk did (its slop test sees the old HEAD still interesting in
  /// the queue either way). Otherwise the order could differ: nil, and the caller walks.
  public func extend(_ older: DriftRecord, along line: [ObjectID], pathspec: Pathspec) throws -> DriftRecord?
  {
    let since = older.drift.sinceCommit
    let sinceTime = try header(since).time
    for id in line {
      if try id == since || header(id).time <= sinceTime { return nil }
    }
    if line.isEmpty { return older }
    active = number(pathspec)
    activeBase = pathspec.baseFolder
    var listed: [ObjectID] = []
    for id in line {
      if try differs(id, header(id).parentIDs[0], pathspec) { listed.append(id) }
    }
    // Nothing tracked changed: the drift is the same, and its paths need not be read.
    if listed.isEmpty { return older }
    return try count(listed, since: since, basis: older.drift.basis, pathspec: pathspec, onto: older)
  }

  // MARK: The walk

  /// Commits by number, shared by every walk: their ids, committer times and parents (read
  /// once, when a walk first needs them).
  private var numbers: [ObjectID: Int] = [:]
  private var commitIDs: [ObjectID] = []
  private var commitTimes: [Int64] = []
  private var commitParents: [[Int]] = []
  private var loaded: [Bool] = []

  /// The number of a commit, made when first seen.
  private func node(_ id: ObjectID) -> Int {
    if let known = numbers[id] { return known }
    let next = commitIDs.count
    numbers[id] = next
    commitIDs.append(id)
    commitTimes.append(0)
    commitParents.append([])
    loaded.append(false)
    return next
  }

  /// Reads a commit's time and parents; a shallow clone's cut commits have none, as git
  /// treats them (an interesting one stops the walk: `commits`).
  private func load(_ commit: Int) throws {
    if loaded[commit] { return }
    let header = try header(commitIDs[commit])
    commitTimes[commit] = header.time
    let parents = boundary.contains(commitIDs[commit]) ? [] : header.parentIDs
    commitParents[commit] = parents.map(node)
    loaded[commit] = true
  }

  /// One walk's flags, as git's walk keeps them on its commit objects.
  private struct State {
    static let seen: UInt8 = 1
    static let uninteresting: UInt8 = 2
    static let bottom: UInt8 = 4
    static let treesame: UInt8 = 8
    static let parsed: UInt8 = 16
    static let slop = 5
    var flags: [UInt8] = []
    /// The one parent simplification left a commit, where it left one.
    var simplified: [Int: Int] = [:]
    /// Whether `simplified` holds an entry for a commit, so that most lookups skip hashing.
    var hasSimplified: [Bool] = []
    var queue = Heap<QueuedCommit<Int>>()
    var sequence = 0

    func flag(_ commit: Int) -> UInt8 {
      commit < flags.count ? flags[commit] : 0
    }

    mutating func set(_ commit: Int, _ bits: UInt8) {
      if commit >= flags.count {
        flags.append(contentsOf: repeatElement(0, count: Swift.max(commit + 1 - flags.count, 1_024)))
      }
      flags[commit] |= bits
    }
  }

  /// A thread comparing trees ahead of the walks (`DriftReadAhead`): what it compared, the
  /// walks take instead of comparing again.
  var readAhead: DriftReadAhead?
  /// How many lists the walks took from `readAhead` (tests check the path is taken).
  private(set) var readAheadTaken = 0

  /// The files that differ between a commit and a parent below `base`, as the walks list them
  /// (for `DriftReadAhead`, whose own walker makes them).
  func changes(_ commit: ObjectID, _ parent: ObjectID, base: String) throws -> [Change] {
    activeBase = base
    return try changedFiles(commit, parent)
  }

  /// A commit's header, kept.
  func commitHeader(_ id: ObjectID) throws -> CommitHeader {
    try header(id)
  }

  private func header(_ id: ObjectID) throws -> CommitHeader {
    if let cached = headers[id] { return cached }
    let header = try shelf?.header(id) ?? repository.commitHeader(id)
    headers[id] = header
    return header
  }

  /// The parents of a commit this walk parsed, as simplification left them; none otherwise.
  private func parents(_ commit: Int, _ state: State) -> [Int] {
    guard state.flag(commit) & State.parsed != 0 else { return [] }
    if commit < state.hasSimplified.count, state.hasSimplified[commit], let only = state.simplified[commit] {
      return [only]
    }
    return commitParents[commit]
  }

  private func parse(_ commit: Int, _ state: inout State) throws {
    guard state.flag(commit) & State.parsed == 0 else { return }
    try load(commit)
    state.set(commit, State.parsed)
  }

  private func push(_ commit: Int, _ state: inout State) throws {
    try load(commit)
    state.sequence += 1
    state.queue.insert(QueuedCommit(time: commitTimes[commit], sequence: state.sequence, id: commit))
  }

  private func relevant(_ commit: Int, _ state: State) -> Bool {
    state.flag(commit) & (State.uninteresting | State.bottom) != State.uninteresting
  }

  private func markParentsUninteresting(_ commit: Int, _ state: inout State) {
    var pending: [Int] = []
    func markOne(_ commit: Int) {
      if state.flag(commit) & State.uninteresting != 0 { return }
      state.set(commit, State.uninteresting)
      pending.append(contentsOf: parents(commit, state))
    }
    for parent in parents(commit, state) { markOne(parent) }
    while let next = pending.popLast() { markOne(next) }
  }

  private func stillInteresting(date: Int64, slop: Int, _ state: inout State) -> Int {
    guard let top = state.queue.max else { return 0 }
    if date <= top.time { return State.slop }
    if state.queue.unordered.contains(where: { state.flag($0.id) & State.uninteresting == 0 }) {
      return State.slop
    }
    return slop - 1
  }

  private func processParents(_ commit: Int, _ pathspec: Pathspec, _ state: inout State) throws {
    if state.flag(commit) & State.uninteresting != 0 {
      for parent in parents(commit, state) {
        state.set(parent, State.uninteresting)
        try parse(parent, &state)
        if !parents(parent, state).isEmpty { markParentsUninteresting(parent, &state) }
        if state.flag(parent) & State.seen != 0 { continue }
        state.set(parent, State.seen)
        try push(parent, &state)
      }
      return
    }
    try simplify(commit, pathspec, &state)
    for parent in parents(commit, state) {
      try parse(parent, &state)
      if state.flag(parent) & State.seen == 0 {
        state.set(parent, State.seen)
        try push(parent, &state)
      }
    }
  }

  /// git's try_to_simplify_commit.
  private func simplify(_ commit: Int, _ pathspec: Pathspec, _ state: inout State) throws {
    let all = parents(commit, state)
    if all.isEmpty {
      if try !rootHasMatch(commitIDs[commit], pathspec) { state.set(commit, State.treesame) }
      return
    }
    var relevantParents = 0
    var relevantChange = false
    var irrelevantChange = false
    for parent in all {
      let isRelevant = relevant(parent, state)
      if isRelevant { relevantParents += 1 }
      try parse(parent, &state)
      if try !differs(commit, parent, pathspec) {
        if !isRelevant { continue }
        state.simplified[commit] = parent
        if commit >= state.hasSimplified.count {
          state.hasSimplified.append(
            contentsOf: repeatElement(false, count: Swift.max(commit + 1 - state.hasSimplified.count, 1_024)))
        }
        state.hasSimplified[commit] = true
        state.set(commit, State.treesame)
        return
      }
      if isRelevant { relevantChange = true } else { irrelevantChange = true }
    }
    if relevantParents > 0 ? !relevantChange : !irrelevantChange {
      state.set(commit, State.treesame)
    }
  }

  // MARK: Trees

  private func rawTree(_ id: ObjectID) throws -> RawTree {
    if let cached = trees[id] { return cached }
    let tree = try packed?.tree(id) ?? repository.rawTree(id)
    if trees.count > 4_096 { trees.removeAll(keepingCapacity: true) }
    trees[id] = tree
    return tree
  }

  /// Answers of `differs` against first and second parents, by pathspec number and commit
  /// number: two bits a parent, 0 unknown, 1 same, 2 differs (arrays: every walk asks again
  /// for each commit it passes, and hashing two commit ids per question cost a fifth of
  /// drift on a history of merged branches).
  private var parentAnswers: [[UInt8]] = []

  /// Whether a commit's tracked paths differ from a parent's, by commit numbers.
  private func differs(_ commit: Int, _ parent: Int, _ pathspec: Pathspec) throws -> Bool {
    let parents = commitParents[commit]
    let position = parents.first == parent ? 0 : parents.count > 1 && parents[1] == parent ? 1 : -1
    guard position >= 0 else {
      return try differs(commitIDs[commit], commitIDs[parent], pathspec)
    }
    let shift = UInt8(position * 2)
    while parentAnswers.count <= active { parentAnswers.append([]) }
    if commit < parentAnswers[active].count {
      let known = (parentAnswers[active][commit] >> shift) & 3
      if known != 0 { return known == 2 }
    }
    let found = try differs(commitIDs[commit], commitIDs[parent], pathspec, remember: false)
    if commit >= parentAnswers[active].count {
      parentAnswers[active].append(
        contentsOf: repeatElement(0, count: Swift.max(commit + 1 - parentAnswers[active].count, 4_096)))
    }
    parentAnswers[active][commit] |= (found ? 2 : 1) << shift
    return found
  }

  /// Whether a commit's tracked paths differ from a parent's.
  /// Whether a commit's tracked paths differ from a parent's; `remember` keeps the answer
  /// (callers with a place of their own for it pass false).
  private func differs(_ commit: ObjectID, _ parent: ObjectID, _ pathspec: Pathspec, remember: Bool = true)
    throws -> Bool
  {
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: active)
    if remember, let cached = comparisons[key] { return cached }
    let found = try changedFiles(commit, parent).contains { pathspec.matches($0.path) }
    if remember { comparisons[key] = found }
    return found
  }

  /// The base folder of the active pathspec.
  private var activeBase = ""
  /// Folder trees by commit and folder path ("" is the root tree); nil where the commit has
  /// no such folder.
  private var folderTrees: [ObjectID: [String: ObjectID?]] = [:]

  /// The id of a folder's tree in a commit, cached.
  private func folderTree(_ commit: ObjectID, _ folder: String) throws -> ObjectID? {
    if let known = folderTrees[commit]?[folder] { return known }
    let root = try header(commit).treeID
    let rootTree = try rawTree(root)
    let found =
      folder.isEmpty
      ? root
      : try
        (packed?.subtree(atPath: folder, in: rootTree) ?? repository.subtree(atPath: folder, in: rootTree))?
        .id
    folderTrees[commit, default: [:]][folder] = .some(found)
    return found
  }

  private func rootHasMatch(_ commit: ObjectID, _ pathspec: Pathspec) throws -> Bool {
    let key = ComparisonKey(commit: commit, parent: nil, pathspec: active)
    if let cached = rootMatches[key] { return cached }
    let found = try changedFiles(commit, nil).contains { pathspec.matches($0.path) }
    rootMatches[key] = found
    return found
  }

  /// A file whose entry differs between a commit and a parent (nil where absent).
  struct Change: Sendable {
    let path: String
    let before: TreeEntry?
    let after: TreeEntry?
  }

  struct PairKey: Hashable, Sendable {
    let commit: ObjectID
    let parent: ObjectID?
    let folder: String
  }

  /// The files that differ between a commit and a parent (every file of a root commit), below
  /// the active pathspec's base folder, where every path it can select lies. One list serves
  /// every pathspec with that base: each then only matches the few changed paths.
  private var changeLists: [PairKey: [Change]] = [:]

  private func changedFiles(_ commit: ObjectID, _ parent: ObjectID?) throws -> [Change] {
    let base = activeBase
    let key = PairKey(commit: commit, parent: parent, folder: base)
    if let cached = changeLists[key] { return cached }
    if let ready = readAhead?.changes(key) {
      changeLists[key] = ready
      readAheadTaken += 1
      return ready
    }
    let new = try folderTree(commit, base)
    let old = try parent.flatMap { try folderTree($0, base) }
    var list: [Change] = []
    if new != old {
      try collectChanges(from: try old.map(rawTree), to: try new.map(rawTree), folder: base, into: &list)
    }
    changeLists[key] = list
    return list
  }

  /// Appends every file whose entry differs between two trees, in path order.
  private func collectChanges(from old: RawTree?, to new: RawTree?, folder: String, into list: inout [Change])
    throws
  {
    if old?.id == new?.id { return }
    let names: [String]
    if let new {
      names = Array(try new.changes(comparedTo: old).keys)
    } else if let old {
      names = try old.entries().map(\.name)
    } else {
      return
    }
    for name in Set(names).sorted() {
      let path = folder.isEmpty ? name : folder + "/" + name
      let before = try old?.entry(named: name)
      let after = try new?.entry(named: name)
      if before?.id == after?.id && before?.fileMode == after?.fileMode { continue }
      let beforeTree = before?.kind == .tree ? before : nil
      let afterTree = after?.kind == .tree ? after : nil
      let beforeFile = before?.kind == .tree ? nil : before
      let afterFile = after?.kind == .tree ? nil : after
      if beforeFile != nil || afterFile != nil {
        list.append(Change(path: path, before: beforeFile, after: afterFile))
      }
      if beforeTree != nil || afterTree != nil {
        let oldSub = try beforeTree.map { try rawTree($0.id) }
        let newSub = try afterTree.map { try rawTree($0.id) }
        try collectChanges(from: oldSub, to: newSub, folder: path, into: &list)
      }
    }
  }

  private struct BlobPair: Hashable {
    let before: ObjectID?
    let after: ObjectID?
  }

  /// Line counts by the blobs compared, shared by every pathspec that selects the file.
  private var lineCounts: [BlobPair: (added: Int, removed: Int)] = [:]

  /// The lines added and removed per tracked file of a commit against its parent (none for
  /// a root commit), as `git log --numstat --no-renames` shows them; binary files count 0.
  private func numstat(_ commit: ObjectID, parent: ObjectID?, _ pathspec: Pathspec) throws -> [String: (
    added: Int, removed: Int
  )] {
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: active)
    if let cached = numstats[key] { return cached }
    var result: [String: (added: Int, removed: Int)] = [:]
    for change in try changedFiles(commit, parent) where pathspec.matches(change.path) {
      func blob(_ entry: TreeEntry?) -> ObjectID? {
        guard let entry, entry.kind == .blob || entry.kind == .symlink else { return nil }
        return entry.id
      }
      let pair = BlobPair(before: blob(change.before), after: blob(change.after))
      if let known = lineCounts[pair] {
        result[change.path] = known
        continue
      }
      func data(_ id: ObjectID?) throws -> Data {
        guard let id else { return Data() }
        return try packedBlobs?.blobData(id) ?? repository.blobData(id)
      }
      let counts = try LineDiff.counts(data(pair.before), data(pair.after)) ?? (0, 0)
      lineCounts[pair] = counts
      result[change.path] = counts
    }
    numstats[key] = result
    return result
  }

  private func describe(_ id: ObjectID) throws -> DriftCommit {
    if let cached = describes[id] { return cached }
    let commit = try repository.commit(id)
    let stamp = CommitStamp(commit)
    let described = DriftCommit(commit: id, date: stamp.day, author: stamp.author, subject: commit.summary)
    describes[id] = described
    return described
  }
}
