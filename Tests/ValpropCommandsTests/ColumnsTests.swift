import Testing

@testable import ValpropCommands

/// Issue 17, output that fits: columns measured in terminal cells, nothing dropped, and cut
/// with "…" only to fit a given width.
@Suite struct ColumnsTests {
  @Test(arguments: [
    ("abc", 3), ("🎉", 2), ("Launch party 🎉🎉", 17), ("価値提案", 8), ("e\u{301}", 1), ("👩‍👩‍👧", 2),
    ("☺\u{FE0F}", 2), ("ＡＢ", 4),
  ])
  func displayWidthCountsCells(_ text: String, _ width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func printableASCIIIsMeasuredByItsBytesAsByItsCharacters() {
    var generator = SystemRandomNumberGenerator()
    let pieces = ["a", "Z", " ", "~", "\t", "\r\n", "\u{7F}", "é", "🎉", "価", "e\u{301}", "-", "|"]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      let byCharacter = text.reduce(0) { $0 + DisplayWidth.of($1) }
      #expect(DisplayWidth.of(text) == byCharacter, "\(text.debugDescription)")
      #expect(
        DisplayWidth.isPrintableASCII(text)
          == text.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) })
    }
  }

  @Test func controlCharactersInACellBecomeSpaces() {
    let text = Columns.render(
      header: ["ID", "TITLE", "STATE"], rows: [["a", "two\nlines\tand\u{7F}", "fresh"]])
    #expect(text.split(separator: "\n").count == 2, "\(text)")
    #expect(text.contains("two lines and   fresh"), "\(text)")
  }

  @Test func wideCellsAlignAndKeepEveryCharacter() {
    let text = Columns.render(
      header: ["ID", "TITLE", "STATE"],
      rows: [["a", "Launch party 🎉🎉", "fresh"], ["b", "価値提案", "stale"], ["c", "Plain", "fresh"]])

    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[1].contains("Launch party 🎉🎉"), "\(text)")
    // The STATE column starts at the same cell on every line.
    let states = ["STATE", "fresh", "stale"]
    let starts = lines.compactMap { line in
      states.lazy.compactMap { line.range(of: $0) }.first.map {
        DisplayWidth.of(String(line[..<$0.lowerBound]))
      }
    }
    #expect(starts.count == 4, "\(text)")
    #expect(Set(starts).count == 1, "\(text)")
  }

  @Test func aMaximumWidthCutsTheWidestColumnWithAnEllipsis() {
    let long = String(repeating: "word ", count: 36)
    let text = Columns.render(
      header: ["ID", "TITLE", "STATE"], rows: [["a", long, "fresh"], ["b", "価値提案の長いタイトルです", "stale"]],
      maxWidth: 40)

    for line in text.split(separator: "\n") {
      #expect(DisplayWidth.of(String(line)) <= 40, "\(text)")
    }
    #expect(text.contains("…"), "\(text)")
    #expect(text.contains("fresh") && text.contains("stale"), "the narrow columns stay whole: \(text)")
  }

  @Test func withoutAMaximumNothingIsCut() {
    let long = String(repeating: "x", count: 180)
    let text = Columns.render(header: ["ID", "TITLE"], rows: [["a", long]])
    #expect(text.contains(long) && !text.contains("…"))
  }

  @Test func markdownCellsEscapePipesAndLineBreaks() {
    #expect(MarkdownCell.escape("A | B\nC") == "A \\| B<br>C")
    #expect(MarkdownCell.link("props/a b(1).md") == "props/a%20b%281%29.md")
  }
}
