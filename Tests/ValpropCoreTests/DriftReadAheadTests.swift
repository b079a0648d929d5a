import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The thread comparing trees ahead of the drift walks hands over exactly the lists the
/// walks would make: drifts walked with its lists equal drifts walked without, and git's.
@Suite struct DriftReadAheadTests {
  @Test(arguments: [UInt64(1), 2, 3])
  func driftsWithTheReadAheadEqualDriftsWithout(seed: UInt64) throws {
    let fixture = try GitFixture()
    let commits = try CodeHistoryGenerator(commits: 60, seed: seed).generate(into: fixture)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    var random = SplitMix(seed: seed)
    let sinces = (0..<6).map { _ in commits[Int(random.next() % UInt64(commits.count))] }.filter {
      (try? fixture.git(["merge-base", "--is-ancestor", $0, head.hex])) != nil
    }
    let pathspecs = try DriftCacheTests.pathspecs.map(Pathspec.init)
    let alone = DriftWalk(repository: repository)
    let helped = DriftWalk(repository: repository)
    let readAhead = try #require(
      DriftReadAhead(
        repository: repository, head: head, bases: Set(pathspecs.map(\.baseFolder)), floor: 0, shelf: nil))
    // Everything compared before the walks start, so that every list a walk needs is taken.
    readAhead.waitUntilFinished()
    helped.readAhead = readAhead
    for since in sinces {
      for (patterns, pathspec) in zip(DriftCacheTests.pathspecs, pathspecs) {
        let id = try #require(ObjectID(hex: since))
        let expected = try alone.record(since: id, basis: .edit, head: head, pathspec: pathspec)
        let found = try helped.record(since: id, basis: .edit, head: head, pathspec: pathspec)
        #expect(found == expected, "seed \(seed), \(since)..HEAD -- \(patterns)")
        let git = try DriftWalkTests.gitCommits(fixture, since: since, patterns)
        #expect(found.drift.commits == git.count, "seed \(seed), \(since)..HEAD -- \(patterns)")
      }
    }
    #expect(helped.readAheadTaken > 0, "the walks took the thread's lists")
    readAhead.stop()
  }

  @Test func aStoppedThreadLetsGoOfTheRepository() throws {
    let fixture = try GitFixture()
    _ = try CodeHistoryGenerator(commits: 30, seed: 9).generate(into: fixture)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let readAhead = try #require(
      DriftReadAhead(repository: repository, head: head, bases: ["src"], floor: 0, shelf: nil))
    readAhead.stop()
    // Stopping waits for the thread: a second stop returns at once, and nothing is handed
    // over for commits it never reached.
    readAhead.stop()
    #expect(readAhead.changes(DriftWalk.PairKey(commit: head, parent: head, folder: "nothing")) == nil)
  }

  @Test func aShallowCloneHasNone() throws {
    let fixture = try GitFixture()
    _ = try CodeHistoryGenerator(commits: 20, seed: 4).generate(into: fixture)
    let clone = try TemporaryFolder()
    _ = try Shell.run(
      Shell.which("git"), ["clone", "-q", "--depth", "3", "file://" + fixture.path, clone.path + "/c"],
      in: clone.path, environment: GitFixture.environment)
    let repository = try #require(try Repository.discover(from: clone.path + "/c"))
    let head = try #require(try repository.headCommit()).id
    #expect(DriftReadAhead(repository: repository, head: head, bases: ["src"], floor: 0, shelf: nil) == nil)
  }
}
