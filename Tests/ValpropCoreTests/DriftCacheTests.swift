import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The drift cache and the extension of a cached drift by the commits HEAD moved by: an
/// extended drift must equal a fresh walk and `git log`, and where appending could differ
/// from git's walk (a merge, a commit older than the drift's start) there is no extension.
@Suite struct DriftCacheTests {
  static let pathspecs: [[String]] = [
    ["src/billing"], [":(glob)src/**/*.swift"], ["src", ":(exclude)src/ui"], ["config/plans.yml", "docs/"],
    ["src/b*"], ["nothing/here"],
  ]

  /// Drifts measured at a generated HEAD, extended by plain commits on top, against a fresh
  /// walk at the new HEAD and against git; with `backdated`, one new commit's clock runs
  /// behind most starts, and those drifts must not be extended.
  @Test(arguments: [(UInt64(1), false), (2, false), (3, true), (4, true)])
  func extensionAgreesWithWalkAndGit(seed: UInt64, backdated: Bool) throws {
    let fixture = try GitFixture()
    let commits = try CodeHistoryGenerator(commits: 60, seed: seed).generate(into: fixture)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let oldHead = try #require(try repository.headCommit()).id
    var random = SplitMix(seed: seed)
    let sinces = (0..<8).map { _ in commits[Int(random.next() % UInt64(commits.count))] } + [oldHead.hex]
    let before = DriftWalk(repository: repository)
    var records: [(since: String, patterns: [String], record: DriftRecord)] = []
    for since in sinces {
      // Only starts the old HEAD reaches, as a proposition's last edit or review is.
      guard (try? fixture.git(["merge-base", "--is-ancestor", since, oldHead.hex])) != nil else { continue }
      for patterns in DriftCacheTests.pathspecs {
        let record = try before.record(
          since: #require(ObjectID(hex: since)), basis: .edit, head: oldHead, pathspec: Pathspec(patterns))
        records.append((since, patterns, record))
      }
    }
    try fixture.commit(
      "Bill again", files: ["src/billing/a.swift": "let a = 3\n", "docs/new.md": "new\n"],
      date: "2026-02-01T10:00:00+00:00")
    try fixture.commit(
      "Only the readme", files: ["README.md": "again\n"],
      date: backdated ? "2023-11-14T22:30:00+00:00" : "2026-02-02T10:00:00+00:00")
    try fixture.commit(
      "Plans and ui", files: ["config/plans.yml": "plans: [a]\n", "src/ui/view.swift": "v\nw\n"],
      date: "2026-02-03T10:00:00+00:00")
    let newHead = try #require(try repository.headCommit()).id
    let after = DriftWalk(repository: repository)
    let line = try #require(try after.line(from: newHead, down: oldHead))
    #expect(line.count == 3)
    var extended = 0
    for (since, patterns, record) in records {
      let pathspec = try Pathspec(patterns)
      let fresh = try after.record(
        since: #require(ObjectID(hex: since)), basis: .edit, head: newHead, pathspec: pathspec)
      let expected = try DriftWalkTests.gitCommits(fixture, since: since, patterns)
      #expect(fresh.drift.commits == expected.count, "\(since)..HEAD -- \(patterns)")
      guard let grown = try after.extend(record, along: line, pathspec: pathspec) else { continue }
      extended += 1
      #expect(grown == fresh, "seed \(seed), \(since)..HEAD -- \(patterns)")
      #expect(grown.drift.last?.commit.hex == expected.first)
      #expect(grown.drift.first?.commit.hex == expected.last)
    }
    if backdated {
      // Every generated commit is newer than the backdated one but the first few.
      #expect(extended < records.count / 2)
    } else {
      #expect(extended == records.count)
    }
    // No line leads down through the generated merges.
    #expect(try after.line(from: newHead, down: #require(ObjectID(hex: commits[0]))) == nil)
  }

  /// The file reads back what it wrote; a damaged byte, another shallow boundary or a
  /// foreign header make it empty, never wrong.
  @Test func roundTripAndDamage() throws {
    let fixture = try GitFixture()
    let start = try fixture.commit("start", files: ["src/a.swift": "a\n"])
    try fixture.commit("Change\ta\n\nbody", files: ["src/a.swift": "a\nb\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let since = try #require(ObjectID(hex: start))
    let patterns = ["src", ":(exclude)src/%odd\tname"]
    let record = try DriftWalk(repository: repository).record(
      since: since, basis: .review, head: head, pathspec: Pathspec(patterns))
    #expect(record.drift.commits == 1)
    let cache = DriftCache(repository: repository)
    let key = DriftCache.Key(since: since, basis: .review, patterns: patterns)
    cache.save(head: head, records: [key: record], previous: [])
    let loaded = cache.load()
    #expect(loaded.count == 1)
    #expect(loaded.first?.head == head)
    #expect(loaded.first?.records == [key: record])
    // A newer block goes first; the old one is kept behind it.
    cache.save(head: since, records: [:], previous: loaded)
    #expect(cache.load().map(\.head) == [since, head])

    let bytes = try #require(FileManager.default.contents(atPath: cache.path))
    var damaged = [UInt8](bytes)
    damaged[damaged.count / 2] ^= 0x20
    try Data(damaged).write(to: URL(fileURLWithPath: cache.path))
    #expect(cache.load().isEmpty)
    #expect(DriftCache.decode([UInt8](bytes), settings: "shallow other") == nil)
    // Another valprop binary (another size, time or inode) never reads these answers.
    #expect(cache.settings.hasSuffix(" binary " + RevisionScores.binaryIdentity()))
    let otherBinary = cache.settings.replacingOccurrences(
      of: RevisionScores.binaryIdentity(), with: "1 2.3 4")
    #expect(DriftCache.decode([UInt8](bytes), settings: otherBinary) == nil)
    #expect(DriftCache.decode([UInt8](bytes), settings: cache.settings)?.count == 2)
    var foreign = [UInt8](bytes)
    foreign[foreign.firstIndex(of: 0x0A)! - 1] = UInt8(ascii: "0")
    #expect(DriftCache.decode(foreign, settings: cache.settings) == nil)
    // A line that passes the checksum but not the parser: that block is ignored, not misread.
    let block = DriftCache.Block(head: head, block: Array("not\ta\trecord\n".utf8), count: 1)
    #expect(block.records == nil)
  }
}
