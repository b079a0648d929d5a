import CLibGit2
import Foundation

/// The commits reachable from one commit, with their parents, read once. Commits of a
/// shallow clone's boundary are kept as roots: their parents are not in the repository (and
/// libgit2 1.5.1's revwalk fails on them), so the graph never asks for them.
public struct CommitGraph: Sendable {
  /// The commit ids; index 0 is the starting commit.
  public let ids: [ObjectID]
  /// The committer time of each commit, in seconds since 1970 (git's log order uses it).
  public let times: [Int64]
  /// The root tree of each commit.
  public let trees: [ObjectID]
  /// The parents of each commit, as indexes, first parent first.
  public let parents: [[Int]]
  /// Whether each commit is a shallow boundary (its real parents are missing).
  public let isBoundary: [Bool]
  /// The index of each id.
  public let index: [ObjectID: Int]

  /// Reads every commit reachable from `start`.
  public init(repository: Repository, start: ObjectID) throws {
    let boundary = repository.shallowBoundary()
    var ids: [ObjectID] = [start]
    var index: [ObjectID: Int] = [start: 0]
    var times: [Int64] = []
    var trees: [ObjectID] = []
    var parentIDs: [[ObjectID]] = []
    var isBoundary: [Bool] = []
    var next = 0
    while next < ids.count {
      let id = ids[next]
      next += 1
      let header = try repository.commitHeader(id)
      times.append(header.time)
      trees.append(header.treeID)
      let cut = boundary.contains(id)
      isBoundary.append(cut)
      let parents = cut ? [] : header.parentIDs
      parentIDs.append(parents)
      for parent in parents where index[parent] == nil {
        index[parent] = ids.count
        ids.append(parent)
      }
    }
    self.ids = ids
    self.times = times
    self.trees = trees
    self.index = index
    self.isBoundary = isBoundary
    self.parents = parentIDs.map { $0.map { index[$0]! } }
  }

  /// The number of commits.
  public var count: Int { ids.count }
}
