import Foundation
import GitKit
import TestSupport
import Testing

/// `VALPROP_READER=libgit2` (here, its parameter) sends every read through libgit2, and the
/// answers are the same as the raw readers give.
@Suite struct LibGit2OnlyReadsTests {
  @Test func commitsAndTreesReadAlikeThroughLibGit2Alone() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 12, commits: 40, seed: 3).generate(into: fixture)
    _ = try fixture.git(["repack", "-q", "-a", "-d"])
    let fast = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    let slow = try #require(try Repository.discover(from: fixture.path, libGit2Only: true))
    #expect(!fast.readsThroughLibGit2Only)
    #expect(slow.readsThroughLibGit2Only)
    #expect(PackedObjects(repository: fast) != nil, "the packed repository has a pack reader")
    #expect(PackedObjects(repository: slow) == nil, "reading through libgit2 alone reads no pack")
    let ids = try fixture.git(["rev-list", "--all"]).split(separator: "\n").compactMap {
      ObjectID(hex: String($0))
    }
    #expect(ids.count >= 40)
    for id in ids {
      let a = try fast.commitHeader(id)
      let b = try slow.commitHeader(id)
      #expect(a.treeID == b.treeID && a.parentIDs == b.parentIDs && a.time == b.time, "\(id)")
      #expect(try a.author() == b.author(), "\(id)")
      #expect(try fast.rawTree(a.treeID).entries() == slow.rawTree(b.treeID).entries(), "\(id)")
    }
  }
}
