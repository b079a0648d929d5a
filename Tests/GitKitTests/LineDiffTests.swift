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
