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

  private struct ComparisonKey: Hashable {
    let commit: ObjectID
    let parent: ObjectID?
    let pathspec: Pathspec
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
    var state = State()
    state.flags[since, default: 0] |= State.uninteresting | State.bottom
    try parse(since, &state)
    markParentsUninteresting(since, &state)
    try parse(head, &state)
    for id in [since, head] where state.flags[id, default: 0] & State.seen == 0 {
      state.flags[id, default: 0] |= State.seen
      try push(id, &state)
    }
    var listed: [ObjectID] = []
    var slop = State.slop
    var date = Int64.max
    while let next = state.queue.popMax() {
      let id = next.id
      if boundary.contains(id), state.flags[id, default: 0] & State.uninteresting == 0 {
        // What lies below is cut off: whether it changed the tracked paths is unknowable.
        throw Unknown.shallow
      }
      try processParents(id, pathspec, &state)
      if state.flags[id, default: 0] & State.uninteresting != 0 {
        markParentsUninteresting(id, &state)
        slop = stillInteresting(date: date, slop: slop, &state)
        if slop > 0 { continue }
        break
      }
      date = try header(id).time
      listed.append(id)
    }
    return listed.filter { state.flags[$0, default: 0] & (State.uninteresting | State.treesame) == 0 }
  }

  /// The drift of `pathspec` from `since` to `head`.
  public func drift(since: ObjectID, basis: Drift.Basis, head: ObjectID, pathspec: Pathspec) throws -> Drift {
    let listed = try commits(since: since, head: head, pathspec: pathspec)
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

  private struct State {
    static let seen: UInt8 = 1
    static let uninteresting: UInt8 = 2
    static let bottom: UInt8 = 4
    static let treesame: UInt8 = 8
    static let slop = 5
    var flags: [ObjectID: UInt8] = [:]
    /// The parents of parsed commits, as simplification left them.
    var parents: [ObjectID: [ObjectID]] = [:]
    var queue = Heap<QueuedCommit<ObjectID>>()
    var sequence = 0
  }

  private func header(_ id: ObjectID) throws -> CommitHeader {
    if let cached = headers[id] { return cached }
    let header = try repository.commitHeader(id)
    headers[id] = header
    return header
  }

  private func parse(_ id: ObjectID, _ state: inout State) throws {
    guard state.parents[id] == nil else { return }
    // A shallow clone's cut commits have no parents here, as git treats them; an
    // interesting one stops the walk (`commits`).
    state.parents[id] = boundary.contains(id) ? [] : try header(id).parentIDs
  }

  private func push(_ id: ObjectID, _ state: inout State) throws {
    state.sequence += 1
    state.queue.insert(QueuedCommit(time: try header(id).time, sequence: state.sequence, id: id))
  }

  private func relevant(_ id: ObjectID, _ state: State) -> Bool {
    state.flags[id, default: 0] & (State.uninteresting | State.bottom) != State.uninteresting
  }

  private func markParentsUninteresting(_ id: ObjectID, _ state: inout State) {
    var pending: [ObjectID] = []
    func markOne(_ commit: ObjectID) {
      if state.flags[commit, default: 0] & State.uninteresting != 0 { return }
      state.flags[commit, default: 0] |= State.uninteresting
      pending.append(contentsOf: state.parents[commit] ?? [])
    }
    for parent in state.parents[id] ?? [] { markOne(parent) }
    while let next = pending.popLast() { markOne(next) }
  }

  private func stillInteresting(date: Int64, slop: Int, _ state: inout State) -> Int {
    guard let top = state.queue.max else { return 0 }
    if date <= top.time { return State.slop }
    if state.queue.unordered.contains(where: { state.flags[$0.id, default: 0] & State.uninteresting == 0 }) {
      return State.slop
    }
    return slop - 1
  }

  private func processParents(_ id: ObjectID, _ pathspec: Pathspec, _ state: inout State) throws {
    if state.flags[id, default: 0] & State.uninteresting != 0 {
      for parent in state.parents[id] ?? [] {
        state.flags[parent, default: 0] |= State.uninteresting
        try parse(parent, &state)
        if !(state.parents[parent] ?? []).isEmpty { markParentsUninteresting(parent, &state) }
        if state.flags[parent, default: 0] & State.seen != 0 { continue }
        state.flags[parent, default: 0] |= State.seen
        try push(parent, &state)
      }
      return
    }
    try simplify(id, pathspec, &state)
    for parent in state.parents[id] ?? [] {
      try parse(parent, &state)
      if state.flags[parent, default: 0] & State.seen == 0 {
        state.flags[parent, default: 0] |= State.seen
        try push(parent, &state)
      }
    }
  }

  /// git's try_to_simplify_commit.
  private func simplify(_ id: ObjectID, _ pathspec: Pathspec, _ state: inout State) throws {
    let parents = state.parents[id] ?? []
    if parents.isEmpty {
      if try !rootHasMatch(id, pathspec) { state.flags[id, default: 0] |= State.treesame }
      return
    }
    var relevantParents = 0
    var relevantChange = false
    var irrelevantChange = false
    for parent in parents {
      let isRelevant = relevant(parent, state)
      if isRelevant { relevantParents += 1 }
      try parse(parent, &state)
      if try !differs(id, parent, pathspec) {
        if !isRelevant { continue }
        state.parents[id] = [parent]
        state.flags[id, default: 0] |= State.treesame
        return
      }
      if isRelevant { relevantChange = true } else { irrelevantChange = true }
    }
    if relevantParents > 0 ? !relevantChange : !irrelevantChange {
      state.flags[id, default: 0] |= State.treesame
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
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: pathspec)
    if let cached = comparisons[key] { return cached }
    var found = false
    try changes(
      from: try rawTree(header(parent).treeID), to: try rawTree(header(commit).treeID), folder: "",
      pathspec: pathspec
    ) { _, _, _ in
      found = true
      return false
    }
    comparisons[key] = found
    return found
  }

  private func rootHasMatch(_ commit: ObjectID, _ pathspec: Pathspec) throws -> Bool {
    let key = ComparisonKey(commit: commit, parent: nil, pathspec: pathspec)
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
      names = try new.changedNames(comparedTo: old)
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
    let key = ComparisonKey(commit: commit, parent: parent, pathspec: pathspec)
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
