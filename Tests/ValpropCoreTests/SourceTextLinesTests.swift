import TestSupport
import Testing

@testable import ValpropCore

/// The byte-level line splitting of `SourceText` agrees with the first, slower one.
@Suite struct SourceTextLinesTests {
  @Test func linesAgreeWithSplittingTheUTF8View() {
    var generator = SplitMix(seed: 41)
    let pieces = ["\n", "\r", "\r\n", "\n\n", "a", "bc ", "é", "\u{2028}", " ", "---", "\u{FEFF}"]
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      #expect(SourceText.lines(text) == SourceText.linesBySplitting(text), "\(text.debugDescription)")
      #expect(
        SourceText.linesWithEndings(text) == SourceText.linesWithEndingsByIndex(text),
        "\(text.debugDescription)")
      #expect(SourceText.linesWithEndings(text).joined() == text)
    }
    #expect(SourceText.lines("a\n\r") == ["a"])
    #expect(SourceText.lines("a\n\n") == ["a", ""])
  }

  /// One pass gives the lines and their starts that the two passes give.
  @Test func lineLayoutIsTheLinesAndTheirStarts() {
    var generator = SplitMix(seed: 43)
    let pieces = ["\n", "\r", "\r\n", "\n\n", "a", "bc ", "é", " ", "## x"]
    var texts = ["", "\r", "\n", "a", "a\r", "\r\n", "a\n\r", "a\n\r\r"]
    for _ in 0..<3_000 {
      texts.append(
        (0..<Int.random(in: 0...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined())
    }
    for text in texts {
      // The lines against the split of the UTF-8 view (`lineRangesOfLines` shares the way
      // pieces become lines), the starts against `eachLine`'s.
      let described = text.debugDescription
      let split = SourceText.linesBySplitting(text)
      var text = text
      text.withUTF8 { bytes in
        let layout = SourceText.lineLayout(bytes)
        let lines = layout.lines.map {
          String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
        }
        #expect(lines == split, "\(described)")
        #expect(layout.starts == SourceText.lineStarts(bytes), "\(described)")
      }
    }
  }
}
