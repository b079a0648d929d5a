import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// `log`'s walk with a thread reading ahead of it finds the revisions the walk finds alone,
/// however the two share the reading: the thread reading headers only, looking in every
/// tree it reaches, or stopping every few commits for the walk to catch up.
@Suite struct LogReadAheadTests {
  @Test(arguments: [(256, 4_096), (0, 4_096), (Int.max, 4_096), (0, 2)])
  func theWalkFindsTheSameRevisionsWithTheThreadAsWithout(lead: Int, limit: Int) throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 24, commits: 400, seed: 26).generate(into: fixture)
    let repository = try Workspace(at: fixture.path).repository
    let head = try #require(try repository.headCommit()).id
    let paths = try fixture.git(["ls-files", "propositions"]).split(separator: "\n").map(String.init)
    guard !repository.readsThroughLibGit2Only else {
      // VALPROP_READER=libgit2: no pack reader of its own, so no thread; the walk reads alone.
      #expect(
        LogReadAhead(repository: repository, start: head, path: paths[0], lead: lead, limit: limit) == nil)
      return
    }
    var revisions = 0
    var renamed = 0
    for path in paths {
      for simplify in [true, false] {
        let alone = try PropositionLog.walk(
          repository: repository, head: head, path: path, simplify: simplify)
        let ahead = try #require(
          LogReadAhead(repository: repository, start: head, path: path, lead: lead, limit: limit))
        let shared = try PropositionLog.walk(
          repository: repository, head: head, path: path, simplify: simplify, readAhead: ahead)
        #expect(shared == alone, "\(path), simplify \(simplify)")
        revisions += alone.revisions.count
        renamed += alone.revisions.filter { $0.change == .renamed }.count
      }
    }
    #expect(revisions > 200 && renamed > 3, "\(revisions) revisions, \(renamed) renames")
  }

  @Test func theThreadReadsTheHeadersTheWalkTakes() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 10, commits: 200, seed: 7).generate(into: fixture)
    let repository = try Workspace(at: fixture.path).repository
    let head = try #require(try repository.headCommit()).id
    guard !repository.readsThroughLibGit2Only else {
      #expect(LogReadAhead(repository: repository, start: head, path: "propositions/x.md") == nil)
      return
    }
    let ahead = try #require(LogReadAhead(repository: repository, start: head, path: "propositions/x.md"))
    // Given time, the thread reads the first-parent line; each header it hands over is the
    // header the repository reads.
    Thread.sleep(forTimeInterval: 0.5)
    var commit: ObjectID? = head
    var handed = 0
    while let id = commit {
      let header = try ahead.header(id, reading: repository)
      let read = try repository.commitHeader(id)
      #expect(header.parentIDs == read.parentIDs && header.treeID == read.treeID && header.time == read.time)
      commit = header.parentIDs.first
      handed += 1
    }
    ahead.stop()
    #expect(handed >= 200)
    #expect(ahead.handedOver == handed, "the thread read every header the walk took")
  }
}
