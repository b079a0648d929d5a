import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The byte reader of spelt-out acronyms finds what `definedAcronym` finds, or leaves the
/// text to it.
@Suite struct SpeltOutAcronymsTests {
  static func byRegex(_ text: String) -> Set<String> {
    Set(Linter.Check.findRegexMatches(Linter.Check.definedAcronym, in: text).flatMap(\.groups))
  }

  /// Read part by part (the title and each section alone), the acronyms are those of the
  /// parts joined by spaces, or the reading declines; each section's part is read once.
  @Test func readingPartByPartIsReadingTheWholeWording() {
    let pieces = [
      "SLA", "(", ")", "service", " ", "(SLA)", "ABC", "(Def)", "\n", "“", "\u{A0}", "x", "API", "(s", "  ",
      "\u{301}", "K8", "AB&",
    ]
    var generator = SplitMix(seed: 57)
    var decided = 0
    var spelt = 0
    LintEngine.$current.withValue(.fast) {
      for _ in 0..<3_000 {
        func text() -> String {
          (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined()
        }
        let memo = LintSectionMemo()
        let title = text()
        let sections = (0..<Int.random(in: 1...4, using: &generator)).map { index in
          memo.section(
            heading: "Part \(index)", line: 10 * index + 1, firstContentLine: 10 * index + 2,
            rawLines: (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() })
        }
        let whole = Linter.Check.speltOutAcronyms(
          in: ([title] + sections.map(\.wording)).joined(separator: " "))
        guard let byParts = Linter.Check.speltOutAcronyms(title: title, sections) else { continue }
        decided += 1
        if !whole.isEmpty { spelt += 1 }
        #expect(byParts == whole, "\(([title] + sections.map(\.wording)).debugDescription)")
        #expect(sections.allSatisfy { $0.replay?.speltOut != nil }, "each part is kept")
        #expect(
          Linter.Check.speltOutAcronyms(title: title, sections) == whole, "and read again from the kept")
      }
    }
    #expect(decided > 1_000 && decided < 2_900, "\(decided) of 3,000 read part by part")
    #expect(spelt > 300, "\(spelt) of them spell out acronyms")
  }

  /// Both forms, the overlaps leftmost matching decides, and the limits of the classes.
  @Test(
    arguments: [
      ("A service level agreement (SLA) and SLA (service level agreement).", ["SLA"], true),
      (
        "SLA (Service level) and (ABCDEFGH) and (ABCDEFGHI) and ABCDEFGHI (too long)", ["SLA", "ABCDEFGH"],
        true
      ),
      ("ABC (Def) takes the parenthesis from (Def), then (Def)", ["ABC", "Def"], true),
      ("xSLA (service) and _SLA (service) and 9SLA (service)", [], true),
      ("SLA\t\n (service) and SLA(service) and SLA (SERVICE) and S (service)", ["SLA", "SERVICE"], true),
      ("The “SLA (service level)” and API’s (rate) and API— (x)", ["SLA"], true),
      ("ÉSLA (service) and Ś (x) and AB (S) and (A&B) and A&B (c)", ["A&B"], true),
      ("Ω SLA (service) but \u{3A9}SLA (service)", nil, false),
      ("SLA\u{A0}(service)", nil, false),
      ("\u{203F}SLA (service) and x\u{2054}SLA (service)", nil, false),
      ("SLA\u{B}(service)", nil, false),
      ("(SLA)\u{301} drops the match its accent joins", nil, false),
      ("SLA (s\u{200D} too", nil, false),
    ] as [(String, [String]?, Bool)])
  func readsLikeTheRegex(_ text: String, _ expected: [String]?, _ decided: Bool) {
    let read = Linter.Check.speltOutByBytes(text)
    #expect((read != nil) == decided)
    if let read { #expect(read == Self.byRegex(text)) }
    if let expected { #expect(Self.byRegex(text) == Set(expected)) }
    LintEngine.$current.withValue(.fast) {
      #expect(Linter.Check.speltOutAcronyms(in: text) == Self.byRegex(text))
    }
  }

  /// Texts made of the pieces that decide matches: parentheses, capitals, runs of letters
  /// and digits, white space of every kind, punctuation and letters beyond ASCII.
  @Test func generatedTextsReadLikeTheRegex() {
    let pieces = [
      "(SLA)", "SLA (s", " (Se", "SLA ", "(Ab)", "(", ")", "(", "SLA", "A", "AB", "ABCDEFG", "ABCDEFGH", "A1",
      "&", "a", "b", "Ab", "x", "_", "9", " ",
      " ", "  ", "\t", "\n", "\r", "\u{C}", "\u{B}", "\u{A0}", "\u{85}", "\u{2009}", "’", "—", "é", "É",
      "\u{301}", "Ω", "×", ".", "-", "\u{200D}", "\u{1F600}", "\u{203F}", "\u{2040}", "\u{2054}", "\u{2044}",
    ]
    var generator = SplitMix(seed: 15)
    var decided = 0
    var found = 0
    for _ in 0..<20_000 {
      let count = Int.random(in: 1...24, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      guard let read = Linter.Check.speltOutByBytes(text) else { continue }
      decided += 1
      found += read.count
      #expect(read == Self.byRegex(text), "\(text.debugDescription)")
    }
    #expect(decided > 8_000, "most texts are read on the bytes")
    #expect(found > 1_000, "and hold acronyms")
  }
}
