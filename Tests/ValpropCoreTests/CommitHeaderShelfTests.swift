import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The history walk leaves the headers it read for drift, and what it leaves is what the
/// repository says.
@Suite struct CommitHeaderShelfTests {
  @Test func theHistoryWalkShelvesTheHeadersItVisits() throws {
    let fixture = try GitFixture()
    _ = try CodeHistoryGenerator(commits: 40, seed: 5).generate(into: fixture)
    let workspace = try Workspace(at: fixture.path)
    #expect(workspace.commitHeaders.count == 0)
    _ = try workspace.summariesAndHistories()
    let shelved = try fixture.git(["rev-list", "HEAD"]).split(separator: "\n").compactMap {
      workspace.commitHeaders.header(try #require(ObjectID(hex: String($0))))
    }
    #expect(shelved.count > 10, "the walk went deep and kept what it read")
    #expect(shelved.count == workspace.commitHeaders.count, "only commits of HEAD's history")
    for header in shelved {
      let read = try workspace.repository.commitHeader(header.id)
      #expect(header.treeID == read.treeID && header.parentIDs == read.parentIDs && header.time == read.time)
    }
  }

  @Test func aFullShelfKeepsNoMore() throws {
    let fixture = try GitFixture()
    let first = try fixture.commit("one", files: ["a": "1\n"])
    let second = try fixture.commit("two", files: ["a": "2\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let shelf = CommitHeaderShelf(capacity: 1)
    shelf.keep(try repository.commitHeader(#require(ObjectID(hex: first))))
    shelf.keep(try repository.commitHeader(#require(ObjectID(hex: second))))
    #expect(shelf.count == 1)
    #expect(shelf.header(try #require(ObjectID(hex: first))) != nil)
    #expect(shelf.header(try #require(ObjectID(hex: second))) == nil)
  }
}
