import Foundation
import TestSupport
import Testing

@testable import GitKit

/// The line diff: its input buffers and hunks, and drift's line counts, which are
/// `git diff --numstat`'s, binary files included.
@Suite struct LineDiffTests {
  /// Made anew on each use, not kept in a global: LeakSanitizer counted the bytes of a
  /// global array of `Data` as leaked.
  static var pairs: [(String, Data, Data)] {
    [
      ("edit", Data("one\ntwo\nthree\n".utf8), Data("one\n2\nthree\nfour\n".utf8)),
      ("no newline at the end", Data("one\ntwo".utf8), Data("one\ntwo\nthree".utf8)),
      ("from nothing", Data(), Data("a\nb\n".utf8)),
      ("to nothing", Data("a\nb\n".utf8), Data()),
      ("same", Data("a\n".utf8), Data("a\n".utf8)),
      ("NUL among the first 8,000 bytes", Data("a\n".utf8), Data([0x61, 0x00, 0x0A])),
      ("NUL in the old side only", Data(repeating: 0, count: 10), Data("text\n".utf8)),
      (
        "NUL at byte 8,000 is not binary", Data("a\n".utf8),
        Data(repeating: UInt8(ascii: "x"), count: 8_000) + Data([0x00, 0x0A])
      ),
    ]
  }

  @Test(arguments: pairs.indices)
  func countsAreGitNumstat(_ index: Int) throws {
    let (name, old, new) = LineDiffTests.pairs[index]
    let repository = try GitFixture()
    try repository.folder.write("file", old)
    try repository.git(["add", "-A"])
    try repository.git(["commit", "-q", "--allow-empty", "-m", "old"])
    try repository.folder.write("file", new)
    let numstat = try repository.git(["diff", "--numstat", "--", "file"])
    let fields = numstat.split(separator: "\t").map(String.init)
    let counts = try LineDiff.counts(old, new)
    if numstat.isEmpty {
      #expect(counts.map { [$0.added, $0.removed] } == [0, 0], "\(name)")
    } else if fields[0] == "-" {
      #expect(counts == nil, "\(name): git calls it binary")
    } else {
      #expect(counts.map { [$0.added, $0.removed] } == [Int(fields[0]), Int(fields[1])], "\(name)")
    }
  }

  @Test func bufferHoldsEachLineFollowedByANewlineAsJoiningDoes() {
    let samples: [[String]] = [
      [], [""], ["", ""], ["a"], ["word", "\u{E9}", "\u{65E5}\u{672C}", "e\u{301}", "", "\u{1F389}", "tail"],
      Array(repeating: "x", count: 1_000),
    ]
    for lines in samples {
      #expect(LineDiff.buffer(lines) == Array((lines.joined(separator: "\n") + "\n").utf8), "\(lines)")
    }
  }

  @Test func hunksOfWordLines() throws {
    let hunks = try LineDiff.hunks(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])
    #expect(hunks == [DiffHunk(old: 1..<2, new: 1..<2), DiffHunk(old: 4..<4, new: 4..<5)])
  }
}

/// `LineDiff.forcedHunks`, the hunks found without xdiff where its answer is forced, against
/// xdiff itself on sequences of few distinct lines, so that runs repeat and slide.
@Suite struct ForcedHunksTests {
  /// The shortcut's answer for two sequences of lines, through the same accessors a word
  /// diff gives it.
  static func forced(
    _ old: [String], _ new: [String], limit: Int = 4_096, equalPrefix: Int = 0, equalSuffix: Int = 0
  ) -> [DiffHunk]? {
    let bytes = Array((old + new).joined().utf8)
    var bounds: [Range<Int>] = []
    var position = 0
    for line in old + new {
      bounds.append(position..<position + line.utf8.count)
      position += line.utf8.count
    }
    return bytes.withUnsafeBytes { all in
      LineDiff.forcedHunks(
        oldCount: old.count, newCount: new.count, limit: limit, equalPrefix: equalPrefix,
        equalSuffix: equalSuffix, oldLine: { UnsafeRawBufferPointer(rebasing: all[bounds[$0]]) },
        newLine: { UnsafeRawBufferPointer(rebasing: all[bounds[old.count + $0]]) })
    }
  }

  /// A random edit of `lines`: a replacement, an insertion or a deletion somewhere, or a few.
  static func edit(_ lines: [String], alphabet: [String], _ generator: inout SplitMix) -> [String] {
    var edited = lines
    for _ in 0..<Int.random(in: 1...2, using: &generator) {
      let at = Int.random(in: 0...edited.count, using: &generator)
      let length = Int.random(in: 0...3, using: &generator)
      let removed = min(Int.random(in: 0...3, using: &generator), edited.count - at)
      let inserted = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      edited.replaceSubrange(at..<at + removed, with: inserted)
    }
    return edited
  }

  /// A random sequence of two to six distinct lines (repeated runs, so that insertions and
  /// deletions slide; how many by `round`) and an edit of it.
  static func editedPair(round: Int, _ generator: inout SplitMix) -> (old: [String], new: [String]) {
    let alphabet = (0..<(2 + round % 5)).map { "w\($0)" }
    let old = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
      alphabet.randomElement(using: &generator)!
    }
    return (old, edit(old, alphabet: alphabet + ["new"], &generator))
  }

  @Test func shortcutAnswersAsXdiffWhereverItAnswers() throws {
    var generator = SplitMix(seed: 26)
    var answered = 0
    var declined = 0
    for round in 0..<3_000 {
      let (old, new) = ForcedHunksTests.editedPair(round: round, &generator)
      let xdiff = old.isEmpty || new.isEmpty ? nil : try LineDiff.hunks(old, new)
      guard let forced = ForcedHunksTests.forced(old, new) else {
        declined += 1
        continue
      }
      answered += 1
      if let xdiff {
        #expect(forced == xdiff, "\(old) → \(new)")
      } else {
        #expect(forced == (old == new ? [] : [DiffHunk(old: 0..<old.count, new: 0..<new.count)]))
      }
    }
    // Both ways are taken often: a test that never answers, or never declines, proves nothing.
    #expect(answered > 1_000, "answered \(answered)")
    #expect(declined > 300, "declined \(declined)")
  }

  /// Told how many lines both sides start and end with, up to as many as they do, the
  /// shortcut answers as it does finding them itself.
  @Test func knownEqualEndsChangeNoAnswer() {
    var generator = SplitMix(seed: 27)
    var toldSome = 0
    for round in 0..<3_000 {
      let (old, new) = ForcedHunksTests.editedPair(round: round, &generator)
      let shorter = min(old.count, new.count)
      var prefix = 0
      while prefix < shorter, old[prefix] == new[prefix] { prefix += 1 }
      var suffix = 0
      while suffix < shorter, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
      // At most the lines that lie apart on both sides, as the words a side shares are.
      let knownPrefix = Int.random(in: 0...prefix, using: &generator)
      let knownSuffix = Int.random(in: 0...max(0, min(suffix, shorter - knownPrefix)), using: &generator)
      if knownPrefix + knownSuffix > 0 { toldSome += 1 }
      let told = ForcedHunksTests.forced(old, new, equalPrefix: knownPrefix, equalSuffix: knownSuffix)
      #expect(told == ForcedHunksTests.forced(old, new), "\(old) → \(new), \(knownPrefix) \(knownSuffix)")
    }
    #expect(toldSome > 1_000)
  }

  @Test func placesAnInsertionOrDeletionLastAmongItsRepeatsAsXdiffDoes() throws {
    // "a b" inserted into "a b a b": xdiff places it last.
    let insertion = try #require(
      ForcedHunksTests.forced(["a", "b", "a", "b"], ["a", "b", "a", "b", "a", "b"]))
    #expect(insertion == [DiffHunk(old: 4..<4, new: 4..<6)])
    #expect(insertion == (try LineDiff.hunks(["a", "b", "a", "b"], ["a", "b", "a", "b", "a", "b"])))
    let deletion = try #require(ForcedHunksTests.forced(["x", "a", "a", "a", "y"], ["x", "a", "a", "y"]))
    #expect(deletion == [DiffHunk(old: 3..<4, new: 3..<3)])
    #expect(deletion == (try LineDiff.hunks(["x", "a", "a", "a", "y"], ["x", "a", "a", "y"])))
    let replacement = try #require(ForcedHunksTests.forced(["a", "a", "b"], ["a", "c", "b"]))
    #expect(replacement == [DiffHunk(old: 1..<2, new: 1..<2)])
    #expect(ForcedHunksTests.forced(["a", "b"], ["a", "b"]) == [])
  }

  @Test func declinesWhereTheChangedLinesShareALineOrTheComparisonsExceedTheLimit() {
    // "b" is on both sides of the changed stretch: only xdiff chooses what it matches.
    #expect(ForcedHunksTests.forced(["a", "b", "c", "d"], ["a", "x", "b", "y", "d"]) == nil)
    let old = (0..<100).map { "o\($0)" }
    let new = (0..<100).map { "n\($0)" }
    #expect(ForcedHunksTests.forced(old, new, limit: 9_999) == nil)
    #expect(ForcedHunksTests.forced(old, new, limit: 10_000) == [DiffHunk(old: 0..<100, new: 0..<100)])
  }
}
