import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// Drift against git itself: `git log --format=%H <since>..HEAD -- <pathspec>` must list
/// exactly the commits the walk finds, and `git log --numstat --no-renames` must sum to its
/// counts, on generated histories with merges, evil merges, a renamed folder and clocks that
/// run backwards.
@Suite struct DriftWalkTests {
  static let pathspecs: [[String]] = [
    ["src/billing"], ["src/ledger/**"], [":(glob)src/**/*.swift"], ["src/*.swift"],
    ["src", ":(exclude)src/ui"], ["config/plans.yml", "docs/"], [":!src/billing/sub"], ["bin"],
    ["src/books"], [":(glob)src/*/x.swift"], [":(top)src/billing/a.swift", ":^src/billing/b.swift"],
    ["src/b*"], ["src/billing/sub/"], ["nothing/here"],
  ]

  /// git's commits of the range, newest first.
  static func gitCommits(_ fixture: GitFixture, since: String, _ pathspec: [String]) throws -> [String] {
    try fixture.git(["log", "--format=%H", "\(since)..HEAD", "--"] + pathspec).split(separator: "\n").map(
      String.init)
  }

  /// git's numstat totals: files (distinct paths), added, removed.
  static func gitNumstat(_ fixture: GitFixture, since: String, _ pathspec: [String]) throws -> (
    Int, Int, Int
  ) {
    var files = Set<String>()
    var added = 0
    var removed = 0
    let text = try fixture.git(
      ["log", "--numstat", "--no-renames", "--format=", "\(since)..HEAD", "--"] + pathspec)
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
      guard parts.count == 3 else { continue }
      files.insert(parts[2])
      added += Int(parts[0]) ?? 0
      removed += Int(parts[1]) ?? 0
    }
    return (files.count, added, removed)
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func agreesWithGitLog(seed: UInt64) throws {
    let fixture = try GitFixture()
    let commits = try CodeHistoryGenerator(commits: 90, seed: seed).generate(into: fixture)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let walk = DriftWalk(repository: repository)
    var random = SplitMix(seed: seed)
    var sinces = (0..<12).map { _ in commits[Int(random.next() % UInt64(commits.count))] }
    sinces += [commits[0], head.hex]
    var compared = 0
    var nonEmpty = 0
    for since in sinces {
      for patterns in DriftWalkTests.pathspecs {
        let expected = try DriftWalkTests.gitCommits(fixture, since: since, patterns)
        let sinceID = try #require(ObjectID(hex: since))
        let found = try walk.commits(since: sinceID, head: head, pathspec: Pathspec(patterns)).map(\.hex)
        #expect(found == expected, "seed \(seed), \(since)..HEAD -- \(patterns)")
        let drift = try walk.drift(since: sinceID, basis: .edit, head: head, pathspec: Pathspec(patterns))
        let (files, added, removed) = try DriftWalkTests.gitNumstat(fixture, since: since, patterns)
        #expect(
          [drift.commits, drift.files, drift.added, drift.removed] as [Int] == [
            expected.count, files, added, removed,
          ],
          "seed \(seed), \(since)..HEAD -- \(patterns)")
        #expect(drift.last?.commit.hex == expected.first)
        #expect(drift.first?.commit.hex == expected.last)
        compared += 1
        if !expected.isEmpty { nonEmpty += 1 }
      }
    }
    // The comparisons must not be vacuous.
    #expect(nonEmpty > compared / 3)
  }

  /// The first and last commits carry what git's own format says of them.
  @Test func describesFirstAndLast() throws {
    let fixture = try GitFixture()
    let since = try fixture.commit("start", files: ["src/a.swift": "a\n", "README.md": "r\n"])
    try fixture.commit("Change a", files: ["src/a.swift": "a\nb\n"], date: "2026-03-04T23:30:00-05:00")
    try fixture.commit("Only the readme", files: ["README.md": "r2\n"])
    try fixture.commit(
      "Rewrite a\n\nwith a body", files: ["src/a.swift": "c\n"], date: "2026-03-09T10:00:00+00:00")
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let drift = try DriftWalk(repository: repository).drift(
      since: #require(ObjectID(hex: since)), basis: .review, head: head, pathspec: Pathspec(["src"]))
    #expect(drift.commits == 2)
    #expect(drift.files == 1)
    #expect(drift.added == 2)
    #expect(drift.removed == 2)
    let first = try #require(drift.first)
    let format = try fixture.git(["log", "-1", "--format=%an|%ad|%s", "--date=short", first.commit.hex])
    #expect("\(first.author)|\(first.date)|\(first.subject)\n" == format)
    #expect(first.date.description == "2026-03-04")
    #expect(drift.last?.subject == "Rewrite a")
  }

  /// In a shallow clone, a range that reaches the cut is unknown, never wrong; one whose
  /// cut lies below its start is still counted.
  @Test func shallowCloneIsUnknown() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["src/a.swift": "a\n"])
    try fixture.git(["checkout", "-q", "-b", "side"])
    let side = try fixture.commit("side", files: ["docs/side.md": "side\n"])
    try fixture.git(["checkout", "-q", "main"])
    var ids: [String] = []
    for number in 0..<5 {
      ids.append(try fixture.commit("change \(number)", files: ["src/a.swift": "a\(number)\n"]))
    }
    try fixture.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
    let clones = try TemporaryFolder()
    try fixture.git([
      "clone", "-q", "--depth", "2", "--branch", "main", "file://" + fixture.path, clones.path + "/shallow",
    ])
    let repository = try #require(try Repository.discover(from: clones.path + "/shallow"))
    #expect(repository.isShallow)
    let head = try #require(try repository.headCommit()).id
    let walk = DriftWalk(repository: repository)
    // From the side commit, the range runs down the main line past the cut at ids[4].
    #expect(throws: DriftWalk.Unknown.shallow) {
      try walk.commits(since: #require(ObjectID(hex: side)), head: head, pathspec: Pathspec(["src"]))
    }
    // A clone cut at ids[2], on a line without merges: the range from there is whole.
    try fixture.git([
      "clone", "-q", "--depth", "4", "--branch", "main", "file://" + fixture.path, clones.path + "/line",
    ])
    try Shell.run(
      Shell.which("git"), ["reset", "-q", "--hard", ids[4]], in: clones.path + "/line",
      environment: GitFixture.environment)
    let line = try #require(try Repository.discover(from: clones.path + "/line"))
    let lineHead = try #require(try line.headCommit()).id
    let above = try DriftWalk(repository: line).commits(
      since: #require(ObjectID(hex: ids[2])), head: lineHead, pathspec: Pathspec(["src"]))
    #expect(above.map(\.hex) == [ids[4], ids[3]])
  }
}
