import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The scores `log` shows come out as linting each revision directly would give them, from
/// the cache or not, and the cache is never trusted blindly.
@Suite struct RevisionScoresTests {
  /// A proposition revised on several days: evidence ages, a claim gets vaguer, renames.
  static func fixture() throws -> GitFixture {
    let fixture = try GitFixture()
    let strong = Samples.strongCore()
    try fixture.commit("add", files: ["propositions/ledger.md": strong], date: "2026-01-02T10:00:00+00:00")
    try fixture.commit(
      "vaguer",
      files: ["propositions/ledger.md": strong.replacingOccurrences(of: "hours", with: "much faster hours")],
      date: "2026-03-02T10:00:00+00:00")
    try fixture.commit(
      "back", files: ["propositions/ledger.md": strong], date: "2026-09-02T10:00:00+00:00")
    try fixture.git(["mv", "propositions/ledger.md", "propositions/ledger-sync.md"])
    try fixture.commit("rename", date: "2026-10-02T10:00:00+00:00")
    return fixture
  }

  static func direct(_ log: PropositionLog, _ linter: Linter) -> [LintScore?] {
    log.entries.map { entry in entry.proposition.map { linter.lint($0, asOf: entry.stamp.day).scores } }
  }

  /// The fixture, its workspace, the log of `ledger-sync`, a linter with the workspace's
  /// settings, and the scores linting each revision directly gives.
  static func ledger() throws -> (GitFixture, Workspace, PropositionLog, Linter, [LintScore?]) {
    let fixture = try Self.fixture()
    let workspace = try Workspace(at: fixture.path)
    let log = try PropositionLog(
      repository: workspace.repository, path: "propositions/ledger-sync.md", id: "ledger-sync")
    let linter = Linter(config: workspace.config)
    return (fixture, workspace, log, linter, Self.direct(log, linter))
  }

  /// The cache key written as bytes is the interpolated text it replaced, byte for byte.
  @Test func aKeyIsItsPartsJoinedBySpaces() throws {
    var generator = SplitMix(seed: 23)
    let pieces = ["a", "é", "e\u{301}", "/", " ", "🎉", "0", "-", "\t", ""]
    for _ in 0..<2_000 {
      let hex = String((0..<40).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
      let blob = try #require(ObjectID(hex: hex))
      let day = try #require(
        CalendarDate(daysSince1970: Int.random(in: CalendarDate.daysSince1970Range, using: &generator)))
      func text() -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined()
      }
      let id = text()
      let path = text()
      let key = RevisionScores.key(blob, day, id, path)
      #expect(Array(key.utf8) == Array("\(blob.hex) \(day) \(id) \(path)".utf8))
    }
  }

  /// A score keeps each part under its own characteristic, as the cache writes and reads
  /// them: in the order of `Characteristic.allCases`.
  @Test func aScoreKeepsEachPartUnderItsCharacteristic() {
    #expect(Characteristic.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    let parts = Dictionary(
      uniqueKeysWithValues: Characteristic.allCases.enumerated().map { ($0.element, 10 + $0.offset * 7) })
    let score = LintScore(parts: parts, total: 33)
    #expect(score.parts == parts)
    #expect(Characteristic.allCases.allSatisfy { score[$0] == parts[$0] })
    #expect(LintScore(values: Characteristic.allCases.map { parts[$0]! }, total: 33) == score)
    #expect(LintScore.unreadable.parts.values.allSatisfy { $0 == 0 })
  }

  @Test func cachedScoresEqualDirectOnes() throws {
    let fixture = try Self.fixture()
    let workspace = try Workspace(at: fixture.path)
    let log = try PropositionLog(
      repository: workspace.repository, path: "propositions/ledger-sync.md", id: "ledger-sync")
    #expect(log.entries.count == 4)
    let linter = Linter(config: workspace.config)
    let expected = Self.direct(log, linter)
    // The same wording on another day is scored on its own day.
    #expect(log.entries[1].blob == log.entries[3].blob)
    let scores = RevisionScores(repository: workspace.repository, linter: linter)
    #expect(scores.scores(log.entries) == expected)
    let file = fixture.path + "/.git/valprop/scores.cache"
    #expect(FileManager.default.fileExists(atPath: file))
    #expect(scores.load().count == 4)
    // From the cache alone.
    #expect(scores.scores(log.entries) == expected)
  }

  /// `list --format json` parses a file only when its score is not cached.
  @Test func versionsAreParsedOnlyWhenTheirScoreIsNotCached() throws {
    let (fixture, workspace, log, linter, expected) = try Self.ledger()
    let parses = Counter()
    let versions = log.entries.map { entry in
      let proposition = entry.proposition
      return RevisionScores.Unparsed(
        id: "ledger-sync", day: entry.stamp.day, blob: entry.blob, path: entry.path
      ) {
        parses.add()
        return proposition
      }
    }
    let scores = RevisionScores(repository: workspace.repository, linter: linter)
    // What `scores(_:)` (log, report) cached is read with the same keys: nothing parsed.
    #expect(scores.scores(log.entries) == expected)
    #expect(scores.scores(parsing: versions) == expected)
    #expect(parses.value == 0, "the scores log cached are found without parsing")
    // With no cache, each version is parsed once, and never again once cached.
    try FileManager.default.removeItem(atPath: fixture.path + "/.git/valprop/scores.cache")
    #expect(scores.scores(parsing: versions) == expected)
    #expect(parses.value == 4)
    #expect(scores.scores(parsing: versions) == expected)
    #expect(parses.value == 4, "nothing parsed again once cached")
    // A version that cannot be parsed has no score, and one without bytes is not cached.
    let unparsable = RevisionScores.Unparsed(
      id: "other", day: log.entries[0].stamp.day, blob: log.entries[0].blob, path: "propositions/other.md"
    ) { nil }
    let newest = log.entries[0].proposition
    let unread = RevisionScores.Unparsed(
      id: "ledger-sync", day: log.entries[0].stamp.day, blob: nil, path: log.entries[0].path
    ) { newest }
    #expect(scores.scores(parsing: [unparsable, unread]) == [nil, nil])
    #expect(scores.load().count == 4, "a version with no score, or no bytes, is not cached")
  }

  /// `log` scores its revisions on other threads while it is still reading them
  /// (`PropositionLog.scored`): the same entries as the log read first, and the scores
  /// linting each revision directly gives, over several runs of memos and a rename.
  @Test func aLogScoredWhileItIsReadEqualsOneScoredAfter() throws {
    let fixture = try GitFixture()
    var text = Samples.strongCore()
    var path = "propositions/ledger.md"
    for revision in 0..<40 {
      if revision == 25 {
        try fixture.git(["mv", path, "propositions/ledger-sync.md"])
        path = "propositions/ledger-sync.md"
      }
      // Each revision adds a line; every third one makes a claim vaguer, as `fixture` does.
      text += "\nNote \(revision): 20% fewer errors.\n"
      let version =
        revision % 3 == 0 ? text.replacingOccurrences(of: "hours", with: "much faster hours") : text
      try fixture.commit(
        "revision \(revision)", files: [path: version],
        date: String(format: "2026-%02d-%02dT10:00:00+00:00", 1 + revision / 28, 1 + revision % 28))
    }
    let workspace = try Workspace(at: fixture.path)
    let read = try PropositionLog(repository: workspace.repository, path: path, id: "ledger-sync")
    #expect(read.entries.count == 40)
    let linter = Linter(config: workspace.config)
    let expected = Self.direct(read, linter)
    #expect(Set(expected.map { $0?.total }).count > 1, "the revisions' scores differ")
    for _ in 0..<2 {  // Linted, then from the cache.
      let (log, scores) = try PropositionLog.scored(
        repository: workspace.repository, path: path, id: "ledger-sync",
        scores: RevisionScores(repository: workspace.repository, linter: linter))
      #expect(scores == expected)
      #expect(log.entries.map(\.stamp.commit) == read.entries.map(\.stamp.commit))
      #expect(log.entries.map(\.blob) == read.entries.map(\.blob))
      #expect(log.entries.map(\.path) == read.entries.map(\.path))
      #expect(log.entries.map(\.oldPath) == read.entries.map(\.oldPath))
      #expect(log.entries.map(\.change) == read.entries.map(\.change))
      #expect(log.entries.map(\.subject) == read.entries.map(\.subject))
      #expect(log.entries.map { $0.proposition?.text } == read.entries.map { $0.proposition?.text })
    }
    #expect(read.entries.contains { $0.change == .renamed })
    // The version at HEAD primes the memos only while its scores are not cached.
    let head = try #require(
      PropositionLog.versionAtHead(repository: workspace.repository, path: path, id: "x"))
    #expect(head.blob == read.entries[0].blob && head.version.text == read.entries[0].proposition?.text)
    let cache = RevisionScores(repository: workspace.repository, linter: linter).load()
    #expect(RevisionScores.holds(head.blob, cache))
    #expect(!RevisionScores.holds(try #require(read.entries[0].blob), [:]))
    #expect(PropositionLog.versionAtHead(repository: workspace.repository, path: "gone.md", id: "x") == nil)
  }

  /// A repository with no commits has no revisions and no scores; the scoring thread
  /// ends without waiting for versions that never come.
  @Test func aLogOfNoCommitsHasNoScores() throws {
    let fixture = try GitFixture()
    let workspace = try Workspace(at: fixture.path)
    let (log, scores) = try PropositionLog.scored(
      repository: workspace.repository, path: "propositions/ledger.md", id: "ledger",
      scores: RevisionScores(repository: workspace.repository, linter: Linter(config: workspace.config)))
    #expect(log.entries.isEmpty)
    #expect(scores.isEmpty)
  }

  /// The feed hands each version to a thread waiting for it, and a feed closed early
  /// answers nil instead of leaving its readers waiting.
  @Test func theFeedHandsVersionsOverAndAnswersNilOnceClosed() throws {
    let feed = LogVersionFeed()
    let proposition = try Proposition(
      id: "ledger", path: "propositions/ledger.md", text: Samples.strongCore())
    let seen = ResultSlots<[String?]>(count: 1)
    let done = DispatchGroup()
    let started = DispatchSemaphore(value: 0)
    DispatchQueue.global().async(group: done) {
      started.signal()
      let planned = feed.waitForPlan()
      seen.set(0, [planned.map { "\($0.count)" }] + (0..<3).map { feed.version(at: $0)?.id })
    }
    // The reader is (almost always) waiting by the time the plan comes.
    started.wait()
    usleep(50_000)
    feed.plan([
      .init(blob: nil, day: CalendarDate(year: 2026, month: 1, day: 2)!, path: "a.md"),
      .init(blob: nil, day: CalendarDate(year: 2026, month: 1, day: 3)!, path: "a.md"),
      .init(blob: nil, day: CalendarDate(year: 2026, month: 1, day: 4)!, path: "a.md"),
    ])
    feed.add(proposition)
    feed.add(nil)
    feed.close()
    done.wait()
    #expect(seen.values()[0] == ["3", "ledger", nil, nil])
    let unplanned = LogVersionFeed()
    unplanned.close()
    #expect(unplanned.waitForPlan() == nil)
    #expect(unplanned.version(at: 0) == nil)
  }

  /// Counts calls from any thread.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
  }

  /// A write keeps the lines read as they were, oldest first, and adds the new scores after
  /// them; past the capacity the oldest lines go first.
  @Test func aWriteKeepsTheLinesReadAndAddsTheNewestLast() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scores-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.path + "/scores.cache"
    func score(_ total: Int) -> LintScore {
      LintScore(values: Characteristic.allCases.indices.map { (total + $0) % 101 }, total: total)
    }
    func bodyKeys() throws -> [String] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      return text.split(separator: "\n").dropFirst(2).dropLast().map { String($0.split(separator: "\t")[1]) }
    }
    // Written by hand out of key order: the order read is the order kept.
    let first = ["k 9": score(9), "k 1": score(1), "k%5": score(5)]
    RevisionScores.write(first, newest: ["k 9", "k 1", "k%5"], kept: [], to: path, settings: "s")
    #expect(try bodyKeys() == ["k 9", "k 1", "k%255"])
    let read = try #require(
      RevisionScores.decodeCached([UInt8](Data(contentsOf: URL(fileURLWithPath: path))), settings: "s"))
    #expect(read.scores == first)
    var all = read.scores
    all["k 0"] = score(0)
    RevisionScores.write(all, newest: ["k 0"], kept: read.lines, to: path, settings: "s")
    #expect(try bodyKeys() == ["k 9", "k 1", "k%255", "k 0"])
    let again = try #require(
      RevisionScores.decodeCached([UInt8](Data(contentsOf: URL(fileURLWithPath: path))), settings: "s"))
    #expect(again.scores == all)
    // At capacity: the oldest lines read are dropped first.
    let capacity = RevisionScores.capacity
    var full: [String: LintScore] = [:]
    let fullKeys = (0..<capacity).map { "old \($0)" }
    for (place, key) in fullKeys.enumerated() { full[key] = score(place % 101) }
    RevisionScores.write(full, newest: fullKeys, kept: [], to: path, settings: "s")
    let atCapacity = try #require(
      RevisionScores.decodeCached([UInt8](Data(contentsOf: URL(fileURLWithPath: path))), settings: "s"))
    full["new 1"] = score(1)
    full["new 2"] = score(2)
    RevisionScores.write(full, newest: ["new 1", "new 2"], kept: atCapacity.lines, to: path, settings: "s")
    let kept = try bodyKeys()
    #expect(kept.count == capacity)
    #expect(kept.prefix(2) == ["old 2", "old 3"])
    #expect(kept.suffix(2) == ["new 1", "new 2"])
  }

  @Test func aCacheWithOtherScoresSettingsOrDamageIsNotBelieved() throws {
    let (fixture, workspace, log, linter, expected) = try Self.ledger()
    let scores = RevisionScores(repository: workspace.repository, linter: linter)
    _ = scores.scores(log.entries)
    let file = fixture.path + "/.git/valprop/scores.cache"
    let written = try String(contentsOfFile: file, encoding: .utf8)

    // Another rule setting: the cache is another's.
    var config = workspace.config
    config.lintJargon = ["ledger"]
    let other = RevisionScores(repository: workspace.repository, linter: Linter(config: config))
    #expect(other.settings != scores.settings)
    #expect(other.load().isEmpty)

    // A score changed by hand fails the checksum: everything is linted again.
    let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
    let tampered = lines.map { line in
      line.hasPrefix("\(expected[0]!.total) ") ? "7" + line : String(line)
    }
    #expect(tampered != lines.map(String.init))
    try tampered.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    #expect(scores.load().isEmpty)
    #expect(scores.scores(log.entries) == expected)

    // Truncated: likewise.
    try String(written.prefix(written.count / 2)).write(toFile: file, atomically: true, encoding: .utf8)
    #expect(scores.load().isEmpty)
    #expect(scores.scores(log.entries) == expected)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == written)
  }

  /// The cache file's score lines are read on their bytes: every score from 0 to 100 comes
  /// back as written, and a line whose numbers are not digits separated by single spaces
  /// makes the whole file unbelieved.
  @Test func scoreLinesAreReadExactlyAndMalformedOnesRejectTheFile() {
    func file(_ lines: [String]) -> [UInt8] {
      var bytes = Array((RevisionScores.magic + "\nsettings\n" + lines.map { $0 + "\n" }.joined()).utf8)
      bytes += Array("end \(HistoryCache.checksum(Data(bytes)))\n".utf8)
      return bytes
    }
    let count = Characteristic.allCases.count
    var lines: [String] = []
    var expected: [String: LintScore] = [:]
    for total in 0...100 {
      let parts = (0..<count).map { (total + $0 * 17) % 101 }
      lines.append(([total] + parts).map(String.init).joined(separator: " ") + "\tkey \(total)")
      expected["key \(total)"] = LintScore(
        parts: Dictionary(uniqueKeysWithValues: zip(Characteristic.allCases, parts)), total: total)
    }
    #expect(RevisionScores.decode(file(lines), settings: "settings") == expected)
    let good: [String] = ["70"] + Array(repeating: "80", count: count)
    let spaced = good.joined(separator: " ")
    let wrongLast: [String] = Array(good.dropLast()) + ["8a"]
    let negative: [String] = Array(good.dropLast()) + ["-1"]
    let short: [String] = Array(good.dropLast())
    let long: [String] = good + ["1"]
    let malformed: [String] = [
      good.joined(separator: "  "), spaced + " ", " " + spaced, wrongLast.joined(separator: " "),
      negative.joined(separator: " "), short.joined(separator: " "), long.joined(separator: " "), "",
    ]
    for bad in malformed {
      #expect(RevisionScores.decode(file(lines + [bad + "\tkey bad"]), settings: "settings") == nil, "\(bad)")
    }
  }
}
