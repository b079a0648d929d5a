import Testing

@testable import GitKit

/// The line diff's input buffers and hunks.
@Suite struct LineDiffTests {
  @Test func bufferHoldsEachLineFollowedByANewlineAsJoiningDoes() {
    let samples: [[String]] = [
      [], [""], ["", ""], ["a"], ["word", "é", "日本", "e\u{301}", "", "🎉", "tail"],
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
