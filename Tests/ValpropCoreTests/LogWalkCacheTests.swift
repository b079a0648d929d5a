import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// `valprop log` reads a walk made at the same HEAD back from `.git/valprop/log.cache`: the
/// walk read back is the walk, a walk at another HEAD or a damaged file is never used, and
/// nothing is kept where the walk could change under the same HEAD.
@Suite struct LogWalkCacheTests {
  static func paths(_ fixture: GitFixture) throws -> [String] {
    try fixture.git(["ls-files", "propositions"]).split(separator: "\n").map(String.init)
  }

  /// The same entries, field by field, as a log made without the cache.
  static func describe(_ log: PropositionLog) -> [String] {
    log.entries.map { entry in
      [
        entry.stamp.commit.hex, entry.stamp.isoDate, entry.subject, entry.change.rawValue, entry.path,
        entry.oldPath ?? "-", entry.blob?.hex ?? "-", entry.proposition?.text ?? "-",
        "\(entry.diff.sections.count)",
      ].joined(separator: "|")
    } + ["truncated \(log.truncated)"]
  }

  @Test func aWalkReadBackIsTheWalkOnAGeneratedHistory() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 30, commits: 300, seed: 5).generate(into: fixture)
    let repository = try Workspace(at: fixture.path).repository
    let cache = try #require(LogWalkCache(repository: repository))
    let head = try #require(try repository.headCommit()).id
    var renamed = 0
    for path in try Self.paths(fixture) {
      let id = String(path.split(separator: "/").last!.dropLast(3))
      let plain = try PropositionLog(repository: repository, path: path, id: id)
      let first = try PropositionLog(repository: repository, path: path, id: id, cache: cache)
      let kept = try #require(cache.walk(head: head, path: path, simplify: true), "\(path) was not kept")
      #expect(
        kept == (try PropositionLog.walk(repository: repository, head: head, path: path, simplify: true)))
      let second = try PropositionLog(repository: repository, path: path, id: id, cache: cache)
      #expect(Self.describe(first) == Self.describe(plain), "\(path)")
      #expect(Self.describe(second) == Self.describe(plain), "\(path), read back")
      renamed += plain.entries.filter { $0.change == .renamed }.count
    }
    #expect(renamed > 3, "the generated history renames files")
  }

  @Test func aKeptWalkIsAnsweredAsItStandsAtItsHeadOnly() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/a.md", "# A\n\n## Problem\nOne.\n")
    try fixture.commit("add a")
    try fixture.folder.write("propositions/a.md", "# A\n\n## Problem\nTwo.\n")
    try fixture.commit("edit a")
    let repository = try Workspace(at: fixture.path).repository
    let cache = try #require(LogWalkCache(repository: repository))
    let head = try #require(try repository.headCommit()).id
    let walked = try PropositionLog.walk(
      repository: repository, head: head, path: "propositions/a.md", simplify: true)
    #expect(walked.revisions.map(\.change) == [.modified, .added])
    // A walk planted under this HEAD is what the log shows: it is read, not walked again.
    let planted = PropositionLog.Walk(revisions: Array(walked.revisions.prefix(1)), truncated: false)
    cache.keep(planted, head: head, path: "propositions/a.md", simplify: true)
    let log = try PropositionLog(repository: repository, path: "propositions/a.md", id: "a", cache: cache)
    #expect(log.entries.map(\.change) == [.modified])
    // Without simplification it is another walk.
    #expect(cache.walk(head: head, path: "propositions/a.md", simplify: false) == nil)
    // At a new HEAD the kept walk is not used, and keeping one drops the old HEAD's.
    try fixture.folder.write("propositions/b.md", "# B\n")
    try fixture.commit("add b")
    let newHead = try #require(try repository.headCommit()).id
    #expect(cache.walk(head: newHead, path: "propositions/a.md", simplify: true) == nil)
    let moved = try PropositionLog(repository: repository, path: "propositions/a.md", id: "a", cache: cache)
    #expect(moved.entries.map(\.change) == [.modified, .added])
    #expect(cache.walk(head: head, path: "propositions/a.md", simplify: true) == nil)
    #expect(cache.walk(head: newHead, path: "propositions/a.md", simplify: true) != nil)
  }

  /// A repository whose one commit adds the file at `path`, its log cache and its HEAD.
  static func oneCommit(adding path: String) throws -> (
    fixture: GitFixture, repository: Repository, cache: LogWalkCache, head: ObjectID
  ) {
    let fixture = try GitFixture()
    try fixture.folder.write(path, "# A\n")
    try fixture.commit("add a")
    let repository = try Workspace(at: fixture.path).repository
    let cache = try #require(LogWalkCache(repository: repository))
    return (fixture, repository, cache, try #require(try repository.headCommit()).id)
  }

  @Test func aDamagedFileIsNeverRead() throws {
    let path = "propositions/a b%.md"
    let (fixture, repository, cache, head) = try Self.oneCommit(adding: path)
    let walked = try PropositionLog.walk(repository: repository, head: head, path: path, simplify: true)
    cache.keep(walked, head: head, path: path, simplify: true)
    #expect(
      cache.walk(head: head, path: path, simplify: true) == walked, "a name with % and a space reads back")
    let file = fixture.path + "/.git/valprop/log.cache"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    for damage in [
      Data(bytes.dropLast(2)),
      Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "added", with: "adder").utf8),
      bytes + Data("walk\t1\t0\tx\t0\n".utf8), Data(),
    ] {
      try damage.write(to: URL(fileURLWithPath: file))
      #expect(cache.walk(head: head, path: path, simplify: true) == nil)
    }
    // Counts that do not fit the file, under a checksum that does: still nothing read.
    let text = String(decoding: bytes, as: UTF8.self)
    let body = String(text[..<text.range(of: "end ")!.lowerBound])
    for count in ["9223372036854775807", "-1", "2", "x"] {
      let damaged = body.replacingOccurrences(of: "\t1\n", with: "\t\(count)\n")
      #expect(damaged != body)
      try Data((damaged + "end \(HistoryCache.checksum(Data(damaged.utf8)))\n").utf8).write(
        to: URL(fileURLWithPath: file))
      #expect(cache.walk(head: head, path: path, simplify: true) == nil, "count \(count)")
    }
    try bytes.write(to: URL(fileURLWithPath: file))
    #expect(cache.walk(head: head, path: path, simplify: true) == walked, "the file as written reads back")
  }

  @Test func theNewestWalksAreKept() throws {
    let (_, _, cache, head) = try Self.oneCommit(adding: "propositions/a.md")
    let walk = PropositionLog.Walk(revisions: [], truncated: false)
    for index in 0..<(LogWalkCache.capacity + 6) {
      cache.keep(walk, head: head, path: "p\(index).md", simplify: true)
    }
    #expect(cache.walk(head: head, path: "p0.md", simplify: true) == nil)
    #expect(cache.walk(head: head, path: "p5.md", simplify: true) == nil)
    #expect(cache.walk(head: head, path: "p6.md", simplify: true) == walk)
    #expect(cache.walk(head: head, path: "p\(LogWalkCache.capacity + 5).md", simplify: true) == walk)
  }

  @Test func nothingIsKeptForAShallowCloneOrABareRepository() throws {
    let fixture = try GitFixture()
    for index in 0..<3 {
      try fixture.folder.write("propositions/a.md", "# A\n\nVersion \(index).\n")
      try fixture.commit("edit \(index)")
    }
    let shallow = try GitFixture()
    _ = try shallow.git(["clone", "-q", "--depth", "1", "file://" + fixture.path, "clone"])
    #expect(
      LogWalkCache(repository: try #require(try Repository.discover(from: shallow.path + "/clone"))) == nil)
    _ = try shallow.git(["clone", "-q", "--bare", fixture.path, "bare.git"])
    #expect(
      LogWalkCache(repository: try #require(try Repository.discover(from: shallow.path + "/bare.git"))) == nil
    )
    #expect(LogWalkCache(repository: try #require(try Repository.discover(from: fixture.path))) != nil)
  }
}
