import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The history cache answers exactly as a walk without it, and is never trusted blindly.
@Suite struct HistoryCacheTests {
  static func paths(_ fixture: GitFixture) throws -> [String] {
    try fixture.git(["ls-files", "propositions"]).split(separator: "\n").map(String.init)
  }

  func uncached(_ fixture: GitFixture, _ paths: [String]) throws -> [String: FileHistory] {
    try Workspace(at: fixture.path).histories(of: paths, useCache: false)
  }

  func cached(_ fixture: GitFixture, _ paths: [String]) throws -> [String: FileHistory] {
    try Workspace(at: fixture.path).histories(of: paths)
  }

  var cacheFile: (GitFixture) -> String { { $0.path + "/.git/valprop/history.cache" } }

  /// The checksum is FNV-1a's steps, each followed by a rotation, over little-endian
  /// eight-byte words, then over the rest byte by byte, then over the count, in hexadecimal
  /// (computed here apart, a byte at a time), alike for every way the bytes are held: an
  /// array, a slice of one, a Data, a String's UTF-8 and a sequence with no contiguous
  /// storage. Any one changed byte, a byte fewer and a zero byte more each change it, and so
  /// do two changed bytes at the ends of words.
  @Test func checksumTakesWordsThenBytesThenTheCountHoweverHeld() {
    func reference(_ bytes: [UInt8]) -> String {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      func step(_ value: UInt64) {
        let mixed = (hash ^ value) &* 0x100_0000_01b3
        hash = mixed << 29 | mixed >> 35
      }
      let words = bytes.count / 8
      for word in 0..<words {
        var value: UInt64 = 0
        for byte in 0..<8 { value |= UInt64(bytes[word * 8 + byte]) << (8 * UInt64(byte)) }
        step(value)
      }
      for byte in bytes[(words * 8)...] { step(UInt64(byte)) }
      step(UInt64(bytes.count))
      return String(hash, radix: 16)
    }
    #expect(HistoryCache.checksum([UInt8]()) == reference([]))
    var generator = SplitMix(seed: 31)
    for _ in 0..<200 {
      let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      let cut = Int.random(in: 0...bytes.count, using: &generator)
      let expected = HistoryCache.checksum(bytes[..<cut])
      #expect(expected == reference(Array(bytes[..<cut])))
      #expect(HistoryCache.checksum(Array(bytes[..<cut])) == expected)
      #expect(HistoryCache.checksum(Data(bytes[..<cut])) == expected)
      #expect(HistoryCache.checksum(bytes[..<cut].lazy.map { $0 }) == expected)
      let text = String(decoding: bytes[..<cut], as: UTF8.self)
      #expect(HistoryCache.checksum(text.utf8) == reference(Array(text.utf8)))
      guard !bytes.isEmpty else { continue }
      #expect(HistoryCache.checksum(bytes.dropLast()) != HistoryCache.checksum(bytes))
      #expect(HistoryCache.checksum(bytes + [0]) != HistoryCache.checksum(bytes))
      for index in bytes.indices {
        var changed = bytes
        changed[index] ^= UInt8.random(in: 1...255, using: &generator)
        #expect(HistoryCache.checksum(changed) != HistoryCache.checksum(bytes), "byte \(index)")
      }
      // The last bytes of two words changed together: without the rotation, such a pair
      // reached only the result's top bits and matched once in 256.
      if bytes.count >= 16 {
        var missed = 0
        for _ in 0..<64 {
          var changed = bytes
          changed[7] ^= UInt8.random(in: 1...255, using: &generator)
          changed[15] ^= UInt8.random(in: 1...255, using: &generator)
          if HistoryCache.checksum(changed) == HistoryCache.checksum(bytes) { missed += 1 }
        }
        #expect(missed == 0)
      }
    }
  }

  /// Compared as bytes: a combining mark after an escaped character ("\t" then U+0301 is
  /// written "%09" then U+0301, where "9" and the mark make one Character) came back escaped
  /// when the codes were replaced through Foundation, which compares Characters.
  @Test func escapingRoundTripsAndLeavesPlainTextAlone() {
    var generator = SplitMix(seed: 17)
    let pieces = [
      "a", "/", " ", "%", "\t", "\n", "\r", "\u{1}", "é", "e\u{301}", "\u{301}", "0", "9", "A", "%25",
    ]
    var escaped = 0
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0..<10, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      let line = HistoryCache.escape(text)
      #expect(!line.utf8.contains { [0x09, 0x0A, 0x0D, 0x01].contains($0) }, "\(text.debugDescription)")
      #expect(Array(HistoryCache.unescape(line).utf8) == Array(text.utf8), "\(text.debugDescription)")
      if line != text { escaped += 1 }
    }
    #expect(escaped > 400)
    #expect(HistoryCache.unescape("A%09\u{301}") == "A\t\u{301}")
    #expect(HistoryCache.escape("propositions/été 2026.md") == "propositions/été 2026.md")
    #expect(HistoryCache.escape("100%\tdone") == "100%25%09done")
  }

  /// Stamps read back on the bytes are the stamps written, and their numbers are read as
  /// `Int64(String)` reads them: a sign, digits, nothing else, nothing past the range.
  @Test func stampsReadBackAsWrittenAndNumbersAsInt64ReadsThem() {
    var generator = SplitMix(seed: 29)
    let pieces = ["0", "7", "9", "-", "+", " ", "x", "92233720368547758", "00"]
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      let parsed = Array(text.utf8).withUnsafeBytes { HistoryCache.decimal($0) }
      #expect(parsed == Int64(text), "\(text.debugDescription)")
    }
    for text in [
      "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
    ] {
      #expect(Array(text.utf8).withUnsafeBytes { HistoryCache.decimal($0) } == Int64(text), "\(text)")
    }
    let id = ObjectID(hex: String(repeating: "ab", count: 20))!
    for (seconds, offset, author) in [
      (1_796_450_993.0, 0, "t"), (-86_401.0, -480, "Ann Author"), (0, 840, "100% sure\tname"), (1e9, -59, ""),
    ] {
      let stamp = CommitStamp(
        commit: id, date: Date(timeIntervalSince1970: seconds), offsetMinutes: offset, author: author)
      let field = Array(HistoryCache.stamp(stamp).utf8)
      #expect(HistoryCache.parseStamp(field[...]) == .some(stamp), "\(HistoryCache.stamp(stamp))")
    }
    #expect(HistoryCache.parseStamp(Array("-".utf8)[...]) == .some(nil))
    for damaged in [
      "", "abc 1 2 x", id.hex + " 1 2", id.hex + "  1 2 a", id.hex + " 1x 2 a", id.hex + " 1 + a",
    ] {
      #expect(HistoryCache.parseStamp(Array(damaged.utf8)[...]) == nil, "\(damaged)")
    }
  }

  /// The caches write their lines in the order `sorted()` gives, which ASCII texts reach by
  /// their bytes: the same order on random texts, ASCII or not.
  @Test func cacheLinesSortAsStringsSort() {
    var generator = SplitMix(seed: 43)
    let pieces = ["a", "B", "/", "-", ".", "0", "9", "~", " ", "z", "Z", "_", "ab", ""]
    for round in 0..<300 {
      let texts = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined()
      }
      let mixed = round % 4 == 0 ? texts + ["é", "e\u{301}", "\u{0}"] : texts
      #expect(mixed.sortedAsStrings() == mixed.sorted(), "\(mixed)")
      let ascii = texts + (round % 3 == 0 ? ["\u{0}", "", "a\u{0}"] : [])
      #expect(ascii.sortedAsStrings() == ascii.sorted(), "\(ascii)")
      // By a key: the entries come out in their keys' order, ties in any order.
      let entries = mixed.enumerated().map { (key: $0.element, place: $0.offset) }
      #expect(entries.sortedAsStrings(by: \.key).map(\.key) == mixed.sorted(), "\(mixed)")
      #expect(Set(entries.sortedAsStrings(by: \.key).map(\.place)) == Set(mixed.indices))
    }
  }

  /// A known order of a dictionary's keys is taken only when it is exactly the keys, sorted:
  /// any other order (unsorted, a key missing or extra, one twice) gives what sorting gives.
  @Test func aKnownOrderIsTakenOnlyWhenItIsTheSortedKeys() {
    var generator = SplitMix(seed: 47)
    let pieces = ["a", "B", "/", "-", ".", "0", "é", "e\u{301}", "~", "z", "ab", ""]
    for round in 0..<300 {
      let keys = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined()
      }
      var dictionary: [String: Int] = [:]
      for (place, key) in keys.enumerated() { dictionary[key] = place }
      let sorted = dictionary.keys.sorted()
      var orders: [[String]] = [sorted, keys, keys.shuffled(using: &generator), sorted + sorted.prefix(1)]
      if !sorted.isEmpty {
        orders.append(Array(sorted.dropFirst()))
        orders.append(sorted.map { $0 == sorted[0] ? sorted[0] + "!" : $0 })
      }
      for order in orders {
        let entries = dictionary.sortedByKey(knownOrder: order)
        #expect(entries.map(\.key) == sorted, "round \(round): \(order)")
        #expect(entries.allSatisfy { dictionary[$0.key] == $0.value })
      }
      #expect(keys.isStrictlyAscending == (keys.sorted() == keys && Set(keys).count == keys.count), "\(keys)")
      #expect(sorted.sortedAsStrings() == sorted)
    }
  }

  /// The bytes the caches are written as are those of the escaped Strings they replaced.
  @Test func linesWrittenAsBytesAreTheEscapedStrings() {
    var generator = SplitMix(seed: 41)
    let alphabet: [Character] = ["a", "/", " ", "%", "\t", "\n", "\r", "\u{1}", "é", "0", "🎉", "A", "\r\n"]
    func text() -> String {
      String(
        (0..<Int.random(in: 0..<12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
        })
    }
    let id = ObjectID(hex: String(repeating: "0f", count: 20))!
    for round in 0..<1_000 {
      let path = text()
      var bytes: [UInt8] = []
      HistoryCache.appendEscaped(path, to: &bytes)
      #expect(bytes == Array(HistoryCache.escape(path).utf8), "\(path.debugDescription)")
      func stamp() -> CommitStamp? {
        Bool.random(using: &generator)
          ? nil
          : CommitStamp(
            commit: id,
            date: Date(
              timeIntervalSince1970: Double(Int.random(in: -1_000_000...2_000_000_000, using: &generator))),
            offsetMinutes: Int.random(in: -720...840, using: &generator), author: text())
      }
      let history = FileHistory(
        lastChanged: stamp(), lastEdited: stamp(), historyTruncated: round % 3 == 0, lastReviewed: stamp())
      var line: [UInt8] = []
      HistoryCache.appendLine(path, history, to: &line)
      #expect(line == Array(HistoryCache.line(path, history).utf8), "round \(round)")
    }
    // Numbers are written as String writes them.
    let edges = [0, 1, 9, 10, 99, 100, -1, -10, 1_000_000_007, .max, .min, .min + 1]
    let numbers =
      edges
      + (0..<2_000).map { round in
        Int.random(in: round % 2 == 0 ? -100_000...100_000 : Int.min...Int.max, using: &generator)
      }
    for number in numbers {
      var bytes: [UInt8] = []
      DecimalBytes.append(number, to: &bytes)
      #expect(bytes == Array(String(number).utf8), "\(number)")
      // Appended after bytes already there.
      var after: [UInt8] = [0x7C, 0x20]
      DecimalBytes.append(number, to: &after)
      #expect(after == [0x7C, 0x20] + Array(String(number).utf8), "\(number)")
      // Written in place, after a byte already there, with room counted first.
      let room = 1 + DecimalBytes.count(number)
      let placed = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
        buffer[0] = 0x7C
        initialized = 1 + DecimalBytes.write(number, into: buffer, at: 1)
      }
      #expect(placed == [0x7C] + Array(String(number).utf8), "\(number)")
    }
    for text in ["", "a", "valprop"] {
      let blob = ObjectID.blob(of: Data(text.utf8))
      var hex: [UInt8] = []
      blob.appendHex(to: &hex)
      #expect(hex == Array(blob.hex.utf8))
    }
  }

  @Test func cachedAnswersEqualUncachedOnesAsHistoryGrows() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 30, commits: 200, seed: 5).generate(into: fixture)
    let paths = try Self.paths(fixture)
    let first = try cached(fixture, paths)
    #expect(FileManager.default.fileExists(atPath: cacheFile(fixture)))
    #expect(first == (try uncached(fixture, paths)))
    // HEAD moves: the walk stops at the cached commit, with the same answers as a full walk.
    for step in 1...3 {
      try fixture.commit("edit p\(step)", files: [paths[step]: "# Rewritten \(step)\n\nNew words \(step).\n"])
      #expect(try cached(fixture, paths) == (try uncached(fixture, paths)), "after commit \(step)")
    }
    // A second run at the same HEAD answers from the cache alone, identically.
    #expect(try cached(fixture, paths) == (try uncached(fixture, paths)))
  }

  /// HEAD moved one commit at a time along a generated history (edits, renames, cosmetic
  /// and ignored commits, merges): the answers carried over from the parent, and the whole
  /// cached answer, are an uncached walk's at every commit.
  @Test func answersCarriedOverACommitEqualAWalkAtEveryCommit() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 25, commits: 160, seed: 24).generate(into: fixture)
    let ignored = try fixture.git(["log", "--format=%H %s"]).split(separator: "\n")
      .filter { $0.split(separator: " ").dropFirst().first == "ignored" }.map { String($0.prefix(40)) }
    try fixture.folder.write(".valprop-ignore-revs", ignored.joined(separator: "\n") + "\n")
    let line = try fixture.git(["rev-list", "--first-parent", "--reverse", "HEAD"]).split(separator: "\n")
    var (steps, carriedSteps, carriedPaths) = (0, 0, 0)
    for commit in line.map(String.init) {
      try fixture.git(["checkout", "-q", "--detach", commit])
      // An uncommitted file is asked for too: it has no answer either way.
      let paths = try Self.paths(fixture) + ["propositions/uncommitted.md"]
      let truth = try uncached(fixture, paths)
      let workspace = try Workspace(at: fixture.path)
      let ignoreRevs = try workspace.ignoreRevs()
      let known = Dictionary(
        HistoryCache(
          repository: workspace.repository, ignoreRevs: ignoreRevs, adoption: workspace.config.adoption
        )
        .load().map { ($0.commit, $0) }, uniquingKeysWith: { first, _ in first })
      if let step = try OneCommitStep.carried(
        paths, head: try #require(ObjectID(hex: commit)), repository: workspace.repository, known: known,
        ignoreRevs: ignoreRevs)
      {
        carriedSteps += 1
        carriedPaths += step.carried.count
        #expect(Set(step.carried.keys).isDisjoint(with: step.rest))
        #expect(Set(step.carried.keys).union(step.rest) == Set(paths))
        for (path, answer) in step.carried { #expect(truth[path] == answer, "\(path) at \(commit)") }
      }
      #expect(try cached(fixture, paths) == truth, "at \(commit)")
      steps += 1
    }
    // Most steps carry answers over (merges and ignored commits walk everything).
    #expect(steps > 100)
    #expect(carriedSteps * 2 > steps)
    #expect(carriedPaths > carriedSteps * 5)
  }

  /// One commit at a time, each with what the generated histories lack: a mode-only change, a
  /// link retargeted, a name that is not UTF-8, a file at the root, a path the parent's
  /// answers lack, a rename. What is carried is an uncached walk's answer, and a changed
  /// path is never carried.
  @Test func answersCarriedOverOddCommitsEqualAWalk() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "start",
      files: [
        "propositions/a.md": "# A\n\nOne.\n", "propositions/b.md": "# B\n\nTwo.\n",
        "propositions/sub/c.md": "# C\n\nThree.\n", "top.md": "# Top\n\nFour.\n",
      ])
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/propositions/link.md", withDestinationPath: "a.md")
    // "propositions/" then the byte 0xFF and ".md".
    let raw = Array((fixture.path + "/propositions/").utf8) + [0xFF, 0x2E, 0x6D, 0x64, 0]
    let made = raw.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    close(made)
    try fixture.commit("link and odd name")
    func step(_ change: () throws -> Void, changed: Set<String>, notAskedBefore: Set<String> = []) throws {
      let paths = try fixture.git(["ls-files", "-z"]).split(separator: "\0").map {
        String(decoding: $0.utf8, as: UTF8.self)
      }
      _ = try cached(fixture, paths.filter { !notAskedBefore.contains($0) })
      try change()
      try fixture.git(["add", "-A"])
      try fixture.git(["commit", "-q", "-m", "step"])
      let asked = try fixture.git(["ls-files", "-z"]).split(separator: "\0").map {
        String(decoding: $0.utf8, as: UTF8.self)
      }
      let truth = try uncached(fixture, asked)
      let workspace = try Workspace(at: fixture.path)
      let known = Dictionary(
        HistoryCache(
          repository: workspace.repository, ignoreRevs: IgnoreRevs(), adoption: workspace.config.adoption
        )
        .load().map { ($0.commit, $0) }, uniquingKeysWith: { first, _ in first })
      let head = try #require(try workspace.repository.headCommit()).id
      let carried = try #require(
        try OneCommitStep.carried(
          asked, head: head, repository: workspace.repository, known: known, ignoreRevs: IgnoreRevs()))
      #expect(!carried.carried.isEmpty)
      for (path, answer) in carried.carried {
        #expect(truth[path] == answer, "\(path)")
        #expect(!changed.contains(path), "\(path) changed, yet was carried")
        #expect(!notAskedBefore.contains(path), "\(path) has no answer at the parent, yet was carried")
        #expect(!path.unicodeScalars.contains("\u{FFFD}"))
      }
      #expect(try cached(fixture, asked) == truth)
    }
    try step(
      { chmod(fixture.path + "/propositions/b.md", 0o755) }, changed: ["propositions/b.md"],
      notAskedBefore: ["top.md"])
    try step(
      {
        unlink(fixture.path + "/propositions/link.md")
        try FileManager.default.createSymbolicLink(
          atPath: fixture.path + "/propositions/link.md", withDestinationPath: "b.md")
      }, changed: ["propositions/link.md"])
    try step(
      { try fixture.folder.write("propositions/new.md", "# New\n\nFive.\n") },
      changed: ["propositions/new.md"])
    try step({ try fixture.folder.write("top.md", "# Top\n\nFour, edited.\n") }, changed: ["top.md"])
    try step(
      { try fixture.git(["mv", "propositions/a.md", "propositions/sub/a.md"]) },
      changed: ["propositions/a.md", "propositions/sub/a.md"])
  }

  @Test func rewrittenHistoryNeverReusesStaleAnswers() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "add", files: ["propositions/a.md": "# A\n\nOne.\n", "propositions/b.md": "# B\n\nTwo.\n"])
    try fixture.commit("edit a", files: ["propositions/a.md": "# A\n\nOne changed.\n"])
    let paths = ["propositions/a.md", "propositions/b.md"]
    _ = try cached(fixture, paths)
    // Amend the last commit: HEAD becomes a commit the cache has never seen.
    try fixture.folder.write("propositions/a.md", "# A\n\nOne amended.\n")
    try fixture.git(
      ["commit", "-q", "-a", "--amend", "-m", "edit a, amended"],
      environment: [
        "GIT_AUTHOR_DATE": "2026-05-05T10:00:00+00:00", "GIT_COMMITTER_DATE": "2026-05-05T10:00:00+00:00",
      ])
    let answers = try cached(fixture, paths)
    #expect(answers == (try uncached(fixture, paths)))
    #expect(
      answers["propositions/a.md"]?.lastEdited?.commit.hex
        == (try fixture.git(["rev-parse", "HEAD"])).trimmingCharacters(in: .newlines))
    // Reset to an older commit, then back: both answered correctly.
    try fixture.git(["reset", "-q", "--hard", "HEAD~1"])
    #expect(try cached(fixture, paths) == (try uncached(fixture, paths)))
  }

  @Test(arguments: ["truncated", "corrupt", "foreign", "empty", "flipped"])
  func aDamagedCacheIsRebuiltNeverBelieved(_ damage: String) throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n\nOne.\n"])
    let edit = try fixture.commit("edit", files: ["propositions/a.md": "# A\n\nTwo.\n"])
    let paths = ["propositions/a.md"]
    _ = try cached(fixture, paths)
    let file = cacheFile(fixture)
    var bytes = [UInt8](try Shell.contents(of: file))
    switch damage {
    case "truncated": bytes = Array(bytes.prefix(bytes.count / 2))
    case "corrupt":
      // Point the answer at another commit while keeping the format: the checksum catches it.
      let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
        of: edit, with: String(repeating: "a", count: 40))
      bytes = Array(text.utf8)
    case "foreign": bytes = Array("some other tool's file\n".utf8)
    case "empty": bytes = []
    default: bytes[bytes.count / 2] ^= 0x20
    }
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let answers = try cached(fixture, paths)
    #expect(answers["propositions/a.md"]?.lastEdited?.commit.hex == edit)
    #expect(answers == (try uncached(fixture, paths)))
    // And the cache was rewritten into a valid one.
    let reloaded = HistoryCache(
      repository: try Workspace(at: fixture.path).repository, ignoreRevs: IgnoreRevs()
    ).load()
    #expect(reloaded.first?.answers?["propositions/a.md"]?.lastEdited?.commit.hex == edit)
  }

  @Test func changedIgnoreRevsInvalidateTheCache() throws {
    let fixture = try GitFixture()
    let added = try fixture.commit("add", files: ["propositions/a.md": "# A\n\nOne.\n"])
    let sweep = try fixture.commit("sweep", files: ["propositions/a.md": "# A\n\nOne, reworded.\n"])
    let paths = ["propositions/a.md"]
    #expect(try cached(fixture, paths)["propositions/a.md"]?.lastEdited?.commit.hex == sweep)
    try fixture.folder.write(".valprop-ignore-revs", sweep + "\n")
    #expect(try cached(fixture, paths)["propositions/a.md"]?.lastEdited?.commit.hex == added)
    try FileManager.default.removeItem(atPath: fixture.path + "/.valprop-ignore-revs")
    #expect(try cached(fixture, paths)["propositions/a.md"]?.lastEdited?.commit.hex == sweep)
  }

  @Test func concurrentRunsNeverTearTheCache() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 20, commits: 80, seed: 9).generate(into: fixture)
    let paths = try Self.paths(fixture)
    let expected = try uncached(fixture, paths)
    let path = fixture.path
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      if let workspace = try? Workspace(at: path) { _ = try? workspace.histories(of: paths) }
    }
    let cache = HistoryCache(repository: try Workspace(at: fixture.path).repository, ignoreRevs: IgnoreRevs())
    #expect(!cache.load().isEmpty, "the cache file is whole")
    #expect(try cached(fixture, paths) == expected)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.path + "/.git/valprop")
    #expect(leftovers == ["history.cache"], "no temporary file left: \(leftovers)")
  }

  /// The summary cache trusts a file only while its stamp (size, times, inode) is unchanged:
  /// a settled file is answered from the cache, and an edit that keeps the size is read again.
  /// `now` lies ten seconds ahead, so that a file just written counts as settled (the cache
  /// skips files changed in the last two seconds, whose times may not tell edits apart).
  @Test func summariesComeFromTheCacheUntilTheFileChangesEvenAtTheSameSize() throws {
    let fixture = try GitFixture()
    let before = "---\nstatus: active\n---\n# A\n"
    let after = "---\nstatus: draft \n---\n# A\n"
    #expect(before.utf8.count == after.utf8.count)
    try fixture.folder.write("propositions/a.md", before)
    let later = Date().addingTimeInterval(10)
    let workspace = try Workspace(at: fixture.path)
    #expect(try workspace.summaries(now: later).summaries.map(\.status) == [.active])
    let cache = SummaryCache(repository: workspace.repository)
    let saved = try #require(cache.load()["propositions/a.md"], "the settled file was not cached")
    #expect(saved.summary.status == .active)
    // The stamp written as bytes is the one interpolation wrote; a missing file has none.
    let file = fixture.path + "/propositions/a.md"
    #expect(SummaryCache.stamp(file) == saved.stamp)
    #expect(SummaryCache.stamp(file + ".none") == nil)
    for (size, modified, changed, inode) in [
      (Int64(0), Int64(0), Int64(0), UInt64(0)), (1_234, 1_700_000_000_123_456_789, -5, 42),
      (.max, .min, 9, UInt64(Int.max)), (7, 8, 9, UInt64(1) << 63 | 5), (1, 2, 3, .max),
    ] {
      #expect(
        SummaryCache.stamp(size: size, modified: modified, changed: changed, inode: inode)
          == SummaryCache.stampByInterpolation(size: size, modified: modified, changed: changed, inode: inode)
      )
    }

    // A cached answer is used as it stands: a summary saved under the file's stamp is returned.
    let planted = PropositionSummary(
      id: "a", path: "propositions/a.md", title: "From the cache", status: .active, framework: .core,
      owners: [], tags: [], reviewed: nil, reviewEvery: nil)
    cache.save(["propositions/a.md": (saved.stamp, planted)])
    #expect(try workspace.summaries(now: later).summaries.map(\.title) == ["From the cache"])

    // Same size, new content: the stamp changes, so the file is parsed again.
    try fixture.folder.write("propositions/a.md", after)
    #expect(try workspace.summaries(now: later).summaries.map(\.status) == [.draft])
    #expect(cache.load()["propositions/a.md"]?.summary.status == .draft)
  }

  /// The summary cache copies the line of an entry kept as it was read: the file is then
  /// byte for byte the one written without copying, on random summaries whose fields hold
  /// separators, accents in both normal forms, empty and missing values.
  /// A summary at `path` whose fields the closures make: `text` its id and title, `name`
  /// what it is superseded by, `list` its lists, `coin` which optional fields it has.
  static func summary(
    at path: String, text: () -> String, name: () -> String, list: () -> [String], coin: () -> Bool,
    status: PropositionStatus, framework: Framework, contentID: ObjectID
  ) -> PropositionSummary {
    var summary = PropositionSummary(
      id: text(), path: path, title: text(), status: status, framework: framework, owners: list(),
      tags: list(),
      reviewed: coin() ? CalendarDate("2026-02-28") : nil, reviewEvery: coin() ? ReviewInterval("90d") : nil)
    summary.supersededBy = coin() ? name() : nil
    summary.tracks = list()
    summary.drift = coin() ? DriftThreshold(commits: 3, lines: 40) : nil
    summary.contentID = coin() ? contentID : nil
    return summary
  }

  @Test func summaryLinesCopiedAsReadAreTheLinesWritten() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/a.md", "# A\n")
    let cache = SummaryCache(repository: try Workspace(at: fixture.path).repository)
    let file = fixture.path + "/.git/valprop/summaries.cache"
    var generator = SplitMix(seed: 71)
    let pieces = ["a", "é", "e\u{301}", "\t", "\n", "\\", "%", "\u{1}", " ", "", "Z"]
    func text() -> String {
      (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
        .joined()
    }
    func list() -> [String] { (0..<Int.random(in: 0...2, using: &generator)).map { _ in text() } }
    func summary(_ path: String) -> (stamp: String, summary: PropositionSummary) {
      let made = Self.summary(
        at: path, text: text, name: text, list: list, coin: { Bool.random(using: &generator) },
        status: PropositionStatus.allCases.randomElement(using: &generator)!,
        framework: Framework.allCases.randomElement(using: &generator)!,
        contentID: ObjectID(hex: String(repeating: "ab", count: 20))!)
      return ("\(Int.random(in: 0...999, using: &generator)).1.2.3", made)
    }
    for _ in 0..<40 {
      var entries: [String: (stamp: String, summary: PropositionSummary)] = [:]
      for index in 0..<Int.random(in: 0...12, using: &generator) {
        entries["p/\(index)\(text()).md"] = summary("p")
      }
      cache.save(entries)
      let written = try #require(FileManager.default.contents(atPath: file))
      let (read, lines) = cache.loadWithLines()
      #expect(read.count == entries.count)
      // Every entry copied from its line: the same file.
      cache.save(read, linesRead: lines)
      #expect(FileManager.default.contents(atPath: file) == written)
      // One entry changed and the rest copied: the file written without copying.
      guard let changed = read.keys.randomElement(using: &generator) else { continue }
      var edited = read
      edited[changed] = summary(changed)
      cache.save(edited)
      let expected = try #require(FileManager.default.contents(atPath: file))
      cache.save(edited, linesRead: lines, rewritten: [changed])
      #expect(FileManager.default.contents(atPath: file) == expected)
    }
  }

  /// Every field of a summary reads back as written: escapes, tabs, line feeds, marks and
  /// empty fields. (A list element holding U+0001, or a list of one empty element, cannot:
  /// the lists are joined with U+0001 before they are escaped, so none is made here.)
  @Test func summariesReadBackAsWritten() throws {
    let fixture = try GitFixture()
    let cache = SummaryCache(repository: try Workspace(at: fixture.path).repository)
    var generator = SplitMix(seed: 2_024)
    let pieces = ["a", "é", "e\u{301}", "\t", "\n", "\r", "\\", "%", "%25", "%0", " ", "", "Z", "价"]
    func text() -> String {
      (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
        .joined()
    }
    func element() -> String {
      let made = text()
      return made.isEmpty ? "x" : made
    }
    func list() -> [String] { (0..<Int.random(in: 0...3, using: &generator)).map { _ in element() } }
    for _ in 0..<30 {
      var entries: [String: (stamp: String, summary: PropositionSummary)] = [:]
      for index in 0..<Int.random(in: 1...15, using: &generator) {
        let path = "p/\(index)\(text()).md"
        let summary = Self.summary(
          at: path, text: text, name: element, list: list, coin: { Bool.random(using: &generator) },
          status: PropositionStatus.allCases.randomElement(using: &generator)!,
          framework: Framework.allCases.randomElement(using: &generator)!,
          contentID: ObjectID.blob(of: Data(text().utf8)))
        entries[path] = ("\(index).1.2.\(Int.random(in: 0...9, using: &generator))", summary)
      }
      cache.save(entries)
      let read = cache.load()
      #expect(read.keys.sorted() == entries.keys.sorted())
      for (path, entry) in entries {
        #expect(read[path]?.stamp == entry.stamp, "\(path.debugDescription)")
        #expect(read[path]?.summary == entry.summary, "\(path.debugDescription)")
      }
    }
  }

  /// `list --format json` keys its scores by the blob id of each file's bytes. The summary
  /// cache keeps that id beside the summary, under the same stamp: git's `hash-object` is the
  /// oracle for it, a planted id is answered from the cache, and an edit at the same size
  /// gets the new bytes' id. Callers that do not ask get none.
  @Test func contentIDsAreGitsBlobIDsKeptUnderTheFilesStamp() throws {
    let fixture = try GitFixture()
    let before = "---\nstatus: active\n---\n# A\n"
    let after = "---\nstatus: draft \n---\n# A\n"
    try fixture.folder.write("propositions/a.md", before)
    try fixture.folder.write("propositions/b.md", "# B\n\nWords.\n")
    let later = Date().addingTimeInterval(10)
    let workspace = try Workspace(at: fixture.path)
    func hashObject(_ path: String) throws -> ObjectID {
      try #require(
        ObjectID(
          hex: try fixture.git(["hash-object", "--no-filters", path]).trimmingCharacters(
            in: .whitespacesAndNewlines)))
    }

    #expect(try workspace.summaries(now: later).summaries.allSatisfy { $0.contentID == nil })
    let first = try workspace.summaries(now: later, contentIDs: true).summaries
    #expect(
      first.map(\.contentID) == [try hashObject("propositions/a.md"), try hashObject("propositions/b.md")])
    // The bytes read for them are kept for this run's scores, and only under their own id.
    let aBytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "/propositions/a.md"))
    let aID = try #require(first.first?.contentID)
    #expect(workspace.contents.bytes(at: "propositions/a.md", id: aID) == aBytes)
    #expect(workspace.contents.bytes(at: "propositions/a.md", id: ObjectID.blob(of: Data())) == nil)
    // A later run answered from the cache reads no file, so it has none to keep.
    let again = try Workspace(at: fixture.path)
    #expect(
      try again.summaries(now: later, contentIDs: true).summaries.map(\.contentID) == first.map(\.contentID))
    #expect(again.contents.bytes(at: "propositions/a.md", id: aID) == nil)
    // Asked for once, the ids are kept: a run that does not ask still gives none.
    let cache = SummaryCache(repository: workspace.repository)
    #expect(cache.load().values.allSatisfy { $0.summary.contentID != nil })
    #expect(try workspace.summaries(now: later).summaries.allSatisfy { $0.contentID == nil })

    // A cached id is used as it stands while the stamp holds.
    var entries = cache.load()
    let planted = ObjectID.blob(of: Data("planted".utf8))
    entries["propositions/a.md"]?.summary.contentID = planted
    cache.save(entries)
    #expect(try workspace.summaries(now: later, contentIDs: true).summaries.first?.contentID == planted)

    // Same size, new bytes: the stamp changes, and so does the id.
    try fixture.folder.write("propositions/a.md", after)
    let edited = try workspace.summaries(now: later, contentIDs: true).summaries
    #expect(edited.first?.contentID == (try hashObject("propositions/a.md")))
    #expect(edited.first?.contentID != first.first?.contentID)
    #expect(cache.load()["propositions/a.md"]?.summary.contentID == edited.first?.contentID)
  }
}
