import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Cutting moved headings out of sections reads each text's deep headings once; it must cut
/// exactly where reading every text again for each heading, line by line, cuts.
@Suite struct MovedHeadingsTests {
  /// A text cut at the first heading line of level 3 to 6 (outside fenced code) with
  /// `heading`'s words, read line by line: the way it was first written.
  static func splitByLines(_ text: String, atHeading heading: String) -> (
    before: String, heading: String, level: Int, after: String
  )? {
    guard text.utf8.contains(0x23) else { return nil }
    var before = ""
    var fence = CodeFence()
    var lines = SourceText.linesWithEndings(text)[...]
    while let line = lines.popFirst() {
      let trimmed = line.trimmedSpaces
      if !fence.isCode(trimmed), trimmed.hasPrefix("###") {
        let content = String(line.prefix { !$0.isNewline })
        for level in 3...6 {
          if let found = Proposition.atxHeading(content, level: level),
            PropositionDiff.sameHeading(found, heading)
          {
            return (before, found, level, lines.joined())
          }
        }
      }
      before += line
    }
    return nil
  }

  /// `cutMovedHeadings` written with `splitByLines`, reading every text for every heading.
  static func cutByLines(
    _ parts: inout [PropositionDiff.Part], matching wanted: [PropositionDiff.Part], counterparts: [String?]
  ) -> Bool {
    var counterparts = counterparts
    var cut = false
    for other in wanted
    where !parts.contains(where: { $0.level > 0 && PropositionDiff.sameHeading($0.heading, other.heading) }) {
      for index in parts.indices where parts[index].level > 0 {
        guard let found = splitByLines(parts[index].text, atHeading: other.heading),
          counterparts[index].flatMap({ splitByLines($0, atHeading: other.heading) }) == nil
        else { continue }
        parts[index].text = found.before
        parts.insert(
          PropositionDiff.Part(heading: found.heading, level: found.level, text: found.after), at: index + 1)
        counterparts.insert(nil, at: index + 1)
        cut = true
        break
      }
    }
    return cut
  }

  static let headings = ["Status Quo", "status quo", "Drawbacks", "Alternatives", "Prior art", "Été"]

  /// Lines that decide a cut: headings of every level (closed, with trailing hashes or
  /// spaces, indented), fences of both kinds, and plain text, with either line ending.
  static func randomText(_ generator: inout SplitMix) -> String {
    let count = Int.random(in: 0...14, using: &generator)
    return (0..<count).map { _ -> String in
      let heading = headings.randomElement(using: &generator)!
      let line = [
        "### \(heading)", "#### \(heading) ##", "  ##### \(heading)", "###### \(heading)  ", "## \(heading)",
        "####### \(heading)", "###\(heading)", "```", "~~~", "  ```swift", "Some text.", "", "- an item",
        "\t### \(heading)",
      ].randomElement(using: &generator)!
      return line + (Bool.random(using: &generator) ? "\n" : "\r\n")
    }.joined()
  }

  /// The deep headings found on bytes are those found reading every line as a String, on
  /// random lines of headings, fences and the marks that make a Character of a space, a
  /// backtick or a `#` (so that bytes and Characters disagree where a line starts).
  @Test func deepHeadingsOnBytesAreThoseReadLineByLine() {
    var generator = SplitMix(seed: 613)
    let pieces = [
      "### ", "#### ", "###### ", "####### ", "## ", "###", "#", "```", "~~~", "`", "~", " ", "  ", "\t",
      "Title",
      "text", "\u{301}", "é", "\r", "\n", "\n", "\r\n", " #", "`\u{301}``", "#\u{301}##", "\u{A0}###",
      // A vertical tab and a form feed end a line's content as Characters read it.
      "\u{0B}", "\u{0C}",
      // U+1FEF is canonically a backtick: three open a fence for Characters.
      "\u{1FEF}", "\u{1FEF}``", "\u{1FEF}\u{1FEF}\u{1FEF}",
    ]
    var found = 0
    for _ in 0..<4_000 {
      let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let fast = PropositionDiff.deepHeadings(text)
      #expect(fast == PropositionDiff.deepHeadingsByLine(text), "\(text.debugDescription)")
      if !fast.isEmpty { found += 1 }
    }
    #expect(found > 500)
    // Three backticks, the first spelt U+1FEF, open a fence for Characters: no heading below.
    let varia = "\u{1FEF}``\n### Setup\nx\n"
    #expect(PropositionDiff.deepHeadingsByLine(varia).isEmpty)
    #expect(PropositionDiff.deepHeadings(varia).isEmpty)
  }

  /// Thousands of random sections and the sections wanted from the other version: the same
  /// parts, texts and cuts as the line-by-line way.
  @Test func cutsWhereReadingLineByLineCuts() {
    var generator = SplitMix(seed: 612)
    var cuts = 0
    for _ in 0..<3_000 {
      let count = Int.random(in: 1...4, using: &generator)
      var parts = (0..<count).map { index in
        PropositionDiff.Part(
          heading: Self.headings.randomElement(using: &generator)!, level: index == 0 ? 0 : 2,
          text: Self.randomText(&generator))
      }
      let wanted = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
        PropositionDiff.Part(heading: Self.headings.randomElement(using: &generator)!, level: 2, text: "")
      }
      let counterparts = parts.map { _ in Bool.random(using: &generator) ? Self.randomText(&generator) : nil }
      var expected = parts
      let expectedCut = Self.cutByLines(&expected, matching: wanted, counterparts: counterparts)
      let didCut = PropositionDiff.cutMovedHeadings(&parts, matching: wanted, counterparts: counterparts)
      #expect(didCut == expectedCut)
      #expect(parts.map(\.heading) == expected.map(\.heading))
      #expect(parts.map(\.level) == expected.map(\.level))
      #expect(parts.map { Array($0.text.utf8) } == expected.map { Array($0.text.utf8) })
      if didCut { cuts += 1 }
    }
    #expect(cuts > 500, "\(cuts) of 3,000 cut a heading")
  }

  /// One section cut twice: the second heading is found in the text left below the first.
  @Test func aSectionIsCutAgainBelowItsFirstCut() {
    var parts = [
      PropositionDiff.Part(heading: "", level: 0, text: "# Title\n"),
      PropositionDiff.Part(
        heading: "Motivation", level: 2,
        text: "Why.\n\n### Status Quo\nToday.\n```\n### Drawbacks\n```\n#### Drawbacks\nCosts.\n"),
    ]
    let wanted = ["Drawbacks", "Status Quo"].map { PropositionDiff.Part(heading: $0, level: 2, text: "") }
    #expect(PropositionDiff.cutMovedHeadings(&parts, matching: wanted, counterparts: [nil, "Why.\n"]))
    #expect(parts.map(\.heading) == ["", "Motivation", "Status Quo", "Drawbacks"])
    #expect(parts.map(\.level) == [0, 2, 3, 4])
    #expect(parts[1].text == "Why.\n\n")
    #expect(parts[2].text == "Today.\n```\n### Drawbacks\n```\n")
    #expect(parts[3].text == "Costs.\n")
  }
}
