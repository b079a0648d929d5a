import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// A section's lines read on the fast path, where a line without "<!--" is masked without
/// its Characters being scanned for a comment, are what the reference path reads: lines,
/// comments and sentences, on random lines of generic types, HTML, comments opened and
/// closed across lines, inline code around comment markers, and accents.
@Suite struct LintSectionCommentTests {
  static let pieces = [
    "List<T>", "<", ">", "<!--", "-->", "<!-", "--", "!", "-", " ", "`", "`<!-- x -->`", "word", "é",
    "e\u{301}",
    "<\u{338}!--", "valprop-hint: fill", "a < b", "<br>", "Dictionary<String, Int>", "```", "\t", ".",
  ]

  @Test func linesWithAngleBracketsAreReadAsTheReferenceReadsThem() {
    var generator = SplitMix(seed: 29)
    var opened = 0
    var fast = 0
    for _ in 0..<1_500 {
      let rawLines = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
        (0..<Int.random(in: 0...7, using: &generator)).map { _ in
          Self.pieces.randomElement(using: &generator)!
        }
        .joined()
      }
      let reference = LintEngine.$current.withValue(.reference) {
        LintSection(heading: "Problem", line: 3, firstContentLine: 4, rawLines: rawLines)
      }
      let section = LintEngine.$current.withValue(.fast) {
        LintSection(heading: "Problem", line: 3, firstContentLine: 4, rawLines: rawLines)
      }
      #expect(section.lines == reference.lines, "\(rawLines)")
      #expect(section.comments == reference.comments, "\(rawLines)")
      #expect(section.sentences == reference.sentences, "\(rawLines)")
      opened += reference.comments.count
      fast += rawLines.filter { $0.utf8.contains(0x3C) && !$0.lintHoldsCommentOpening }.count
    }
    #expect(opened > 100 && fast > 100, "comments open, and lines with '<' take the fast path")
  }

  @Test func commentOpeningsAreFoundOnTheBytes() {
    var generator = SplitMix(seed: 30)
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
        Self.pieces.randomElement(using: &generator)!
      }.joined()
      #expect(text.lintHoldsCommentOpening == Self.holds(text), "\(text)")
    }
    #expect(
      "<!--".lintHoldsCommentOpening && "a<!--".lintHoldsCommentOpening && !"<!-".lintHoldsCommentOpening)
    #expect(!"".lintHoldsCommentOpening && !"<<!-".lintHoldsCommentOpening && "<<!--".lintHoldsCommentOpening)
  }

  /// Whether the bytes hold "<!--": the reference.
  static func holds(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    let opening = Array("<!--".utf8)
    guard bytes.count >= 4 else { return false }
    return (0...(bytes.count - 4)).contains { Array(bytes[$0..<($0 + 4)]) == opening }
  }
}
