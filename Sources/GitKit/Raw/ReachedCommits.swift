import Foundation

/// The commits a walk reaches from one commit, each read when the walk first reaches it:
/// what `CommitGraph` holds for them, for walks that leave most of history unread. `git log
/// -- <file>` follows one parent through each merge that left the file as it was, and on
/// rust-lang/rfcs such a walk reads a quarter of the 8,140 commits that `CommitGraph` reads
/// whole (docs/performance.md, session 20). A shallow clone's boundary commits have no
/// parents, as in `CommitGraph`.
public struct ReachedCommits {
  private let repository: Repository
  private let boundary: Set<ObjectID>
  /// The commit ids, in the order reached; index 0 is the starting commit.
  public private(set) var ids: [ObjectID] = []
  /// The committer time of each commit, in seconds since 1970.
  public private(set) var times: [Int64] = []
  /// The root tree of each commit.
  public private(set) var trees: [ObjectID] = []
  /// Whether each commit is a shallow boundary (its real parents are missing).
  public private(set) var isBoundary: [Bool] = []
  private var parentIDs: [[ObjectID]] = []
  private var index: [ObjectID: Int] = [:]
  private let read: ((ObjectID) throws -> CommitHeader)?

  /// The walk's start, read. With `read`, each commit's header is taken from it instead of
  /// read from the repository (a thread that read ahead, which reads what it has not).
  public init(
    repository: Repository, start: ObjectID, read: ((ObjectID) throws -> CommitHeader)? = nil
  ) throws {
    self.repository = repository
    self.read = read
    boundary = repository.shallowBoundary()
    _ = try node(start)
  }

  /// The index of commit `id`, read now if it was not reached before.
  public mutating func node(_ id: ObjectID) throws -> Int {
    if let known = index[id] { return known }
    let header = try read?(id) ?? repository.commitHeader(id)
    let cut = boundary.contains(id)
    let number = ids.count
    index[id] = number
    ids.append(id)
    times.append(header.time)
    trees.append(header.treeID)
    isBoundary.append(cut)
    parentIDs.append(cut ? [] : header.parentIDs)
    return number
  }

  /// The parents of commit `node`, first parent first, each read if it was not reached.
  public mutating func parents(of node: Int) throws -> [Int] {
    try parentIDs[node].map { try self.node($0) }
  }
}
