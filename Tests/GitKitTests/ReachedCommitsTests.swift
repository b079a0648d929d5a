import Foundation
import GitKit
import TestSupport
import Testing

/// Commits read as a walk reaches them are what `CommitGraph` reads of them whole, in a
/// repository with merges and in a shallow clone whose boundary has no parents.
@Suite struct ReachedCommitsTests {
  /// Reaches every commit through its parents, in an order of its own, and compares each
  /// with the graph: time, tree, boundary and parents.
  static func agree(_ repository: Repository) throws -> Int {
    let head = try #require(try repository.headCommit()).id
    let graph = try CommitGraph(repository: repository, start: head)
    var reached = try ReachedCommits(repository: repository, start: head)
    var stack = [0]
    var seen = Set<Int>()
    while let node = stack.popLast() {
      guard seen.insert(node).inserted else { continue }
      let id = reached.ids[node]
      let whole = try #require(graph.index[id])
      #expect(reached.times[node] == graph.times[whole])
      #expect(reached.trees[node] == graph.trees[whole])
      #expect(reached.isBoundary[node] == graph.isBoundary[whole])
      let parents = try reached.parents(of: node)
      #expect(parents.map { reached.ids[$0] } == graph.parents[whole].map { graph.ids[$0] })
      stack += parents.reversed()
    }
    #expect(seen.count == graph.count, "every commit is reached")
    #expect(reached.ids.count == graph.count && reached.ids[0] == head)
    return seen.count
  }

  @Test func readsWhatTheGraphReads() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["a.md": "a\n"])
    try fixture.git(["checkout", "-q", "-b", "side"])
    for number in 0..<3 { try fixture.commit("side \(number)", files: ["b.md": "b\(number)\n"]) }
    try fixture.git(["checkout", "-q", "main"])
    for number in 0..<3 { try fixture.commit("main \(number)", files: ["a.md": "a\(number)\n"]) }
    try fixture.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
    try fixture.commit("after", files: ["a.md": "after\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    #expect(try Self.agree(repository) == 9)
    // A shallow clone: the commits at its boundary are roots.
    let clones = try TemporaryFolder()
    try fixture.git([
      "clone", "-q", "--depth", "3", "--branch", "main", "file://" + fixture.path, clones.path + "/c",
    ])
    let shallow = try #require(try Repository.discover(from: clones.path + "/c"))
    #expect(shallow.isShallow)
    #expect(try Self.agree(shallow) >= 3)
  }

  /// A commit is read once, however many children reach it.
  @Test func aCommitReachedTwiceIsOneNode() throws {
    let fixture = try GitFixture()
    let root = try fixture.commit("root", files: ["a.md": "a\n"])
    try fixture.git(["checkout", "-q", "-b", "side"])
    try fixture.commit("side", files: ["b.md": "b\n"])
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("main", files: ["a.md": "a2\n"])
    try fixture.git(["merge", "-q", "--no-ff", "-m", "merge", "side"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    var reached = try ReachedCommits(repository: repository, start: head)
    let parents = try reached.parents(of: 0)
    #expect(parents.count == 2)
    let grandparents = try parents.map { try reached.parents(of: $0) }
    #expect(grandparents[0] == grandparents[1], "both lines lead to the root, read once")
    #expect(reached.ids[grandparents[0][0]].hex == root)
    #expect(reached.ids.count == 4)
  }
}
