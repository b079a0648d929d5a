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

  /// A walker over a repository.
  public init(repository: Repository) {
    self.repository = repository
    boundary = repository.shallowBoundary()
  }

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
      if boundary.contains(commitIDs[commit]), state.flag(commit) & State.uninteresting == 0 {
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
    let listed = try commits(since: since, head: head, pathspec: pathspec)
    active = number(pathspec)
    var added = 0
    var removed = 0
    var files = Set<String>()
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
    return Drift(
      commits: listed.count, files: files.count, added: added, removed: removed, sinceCommit: since,
      since: sinceDay, basis: basis, first: try listed.last.map(describe),
      last: try listed.first.map(describe))
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

  private func header(_ id: ObjectID) throws -> CommitHeader {
    if let cached = headers[id] { return cached }
    let header = try repository.commitHeader(id)
    headers[id] = header
    return header
  }

  /// The parents of a commit this walk parsed, as simplification left them; none otherwise.
  private func parents(_ commit: Int, _ state: State) -> [Int] {
    guard state.flag(commit) & State.parsed != 0 else { return [] }
    if let only = state.simplified[commit] { return [only] }
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
      if try !differs(commitIDs[commit], commitIDs[parent], pathspec) {
        if !isRelevant { continue }
        state.simplified[commit] = parent
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
    let tree = try repository.rawTree(id)
    if trees.count > 4_096 { trees.removeAll(keepingCapacity: true) }
    trees[id] = tree
    return tree
  }

  /// Whether a commit's tracked paths differ from a parent's.
  private func differs(_ commit: ObjectID, _ parent: ObjectID, _ pathspec: Pathspec) throws -> Bool {
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: active)
    if let cached = comparisons[key] { return cached }
    // Every path the pathspec selects lies below its base folder: where that folder's tree is
    // the same in both commits, nothing tracked changed (one lookup, shared by all pathspecs
    // with that base).
    let base = activeBase
    let new = try folderTree(commit, base)
    let old = try folderTree(parent, base)
    if new == old {
      comparisons[key] = false
      return false
    }
    var found = false
    try changes(
      from: try old.map(rawTree), to: try new.map(rawTree), folder: base, pathspec: pathspec
    ) { _, _, _ in
      found = true
      return false
    }
    comparisons[key] = found
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
    let found = folder.isEmpty ? root : try repository.subtree(atPath: folder, in: rawTree(root))?.id
    folderTrees[commit, default: [:]][folder] = .some(found)
    return found
  }

  private func rootHasMatch(_ commit: ObjectID, _ pathspec: Pathspec) throws -> Bool {
    let key = ComparisonKey(commit: commit, parent: nil, pathspec: active)
    if let cached = rootMatches[key] { return cached }
    var found = false
    try changes(from: nil, to: try rawTree(header(commit).treeID), folder: "", pathspec: pathspec) {
      _, _, _ in
      found = true
      return false
    }
    rootMatches[key] = found
    return found
  }

  /// Calls `body` with every tracked file whose entry differs between two trees (the old
  /// and new entries, nil where absent), until it returns false. Returns false when stopped.
  @discardableResult
  private func changes(
    from old: RawTree?, to new: RawTree?, folder: String, pathspec: Pathspec,
    _ body: (String, TreeEntry?, TreeEntry?) throws -> Bool
  ) throws -> Bool {
    if old?.id == new?.id { return true }
    let names: [String]
    if let new {
      names = Array(try new.changes(comparedTo: old).keys)
    } else if let old {
      names = try old.entries().map(\.name)
    } else {
      return true
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
      if beforeFile != nil || afterFile != nil, pathspec.matches(path) {
        if try !body(path, beforeFile, afterFile) { return false }
      }
      if beforeTree != nil || afterTree != nil, pathspec.mayMatch(inside: path) {
        let oldSub = try beforeTree.map { try rawTree($0.id) }
        let newSub = try afterTree.map { try rawTree($0.id) }
        if try !changes(from: oldSub, to: newSub, folder: path, pathspec: pathspec, body) { return false }
      }
    }
    return true
  }

  /// The lines added and removed per tracked file of a commit against its parent (none for
  /// a root commit), as `git log --numstat --no-renames` shows them; binary files count 0.
  private func numstat(_ commit: ObjectID, parent: ObjectID?, _ pathspec: Pathspec) throws -> [String: (
    added: Int, removed: Int
  )] {
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: active)
    if let cached = numstats[key] { return cached }
    var result: [String: (added: Int, removed: Int)] = [:]
    let old = try parent.map { try rawTree(header($0).treeID) }
    try changes(from: old, to: try rawTree(header(commit).treeID), folder: "", pathspec: pathspec) {
      path, before, after in
      func data(_ entry: TreeEntry?) throws -> Data {
        guard let entry, entry.kind == .blob || entry.kind == .symlink else { return Data() }
        return try repository.blobData(entry.id)
      }
      let counts = try LineDiff.counts(data(before), data(after)) ?? (0, 0)
      result[path] = counts
      return true
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
