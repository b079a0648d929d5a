import Foundation
import Testing

@testable import ValpropCore

/// The memo of pattern matches answers what the patterns answer, tells texts apart by their
/// bytes, and is consulted only on the thread and for the time it is installed.
@Suite struct LintMatchMemoTests {
  static let cafe = LintPattern("caf\u{E9}")
  static let composed = "The caf\u{E9} owner"
  static let decomposed = "The cafe\u{301} owner"

  /// A pattern's answers with the memo, asked twice, are its answers without it. A text the
  /// pattern's prefilter rules out is answered without the memo, and kept in it by none.
  @Test func answersAreThePatternsAnswers() {
    LintEngine.$current.withValue(.fast) {
      let texts = [
        "We leverage synergies to empower teams.", "In order to close the books, teams wait.", "",
        "Finance teams close the books monthly.", Self.composed, Self.decomposed,
      ]
      let patterns = [Linter.Check.buzz, Linter.Check.wordy, Linter.Check.vague, Self.cafe]
      let alone = patterns.map { pattern in texts.map { Self.describe(pattern.matches(in: $0)) } }
      let anyAlone = patterns.map { pattern in texts.map { pattern.matches($0) } }
      let memo = LintMatchMemo()
      for _ in 0..<2 {
        memo.installed {
          #expect(patterns.map { pattern in texts.map { Self.describe(pattern.matches(in: $0)) } } == alone)
          #expect(patterns.map { pattern in texts.map { pattern.matches($0) } } == anyAlone)
        }
      }
      let looked = patterns.map { pattern in texts.filter { !pattern.skips($0) }.count }.reduce(0, +)
      #expect(looked > 0 && looked < patterns.count * texts.count, "the prefilter rules some texts out")
      #expect(memo.hits == 2 * looked)
      #expect(alone.joined().contains { !$0.isEmpty }, "some texts match")
    }
  }

  /// Word counts and quotes, asked twice, are what the checks make without the memo.
  @Test func wordCountsAndQuotesAreTheChecksOwn() {
    let texts = [
      "  - Finance teams close   the books in 2 days, not 8; the   controller signs off. ",
      "Caf\u{E9} owners — and “their” staff — wait 50-500 minutes", "", String(repeating: "word ", count: 40),
    ]
    let alone = texts.map { (Linter.Check.wordCount($0), Linter.Check.quote($0)) }
    let memo = LintMatchMemo()
    for _ in 0..<2 {
      let answered = memo.installed { texts.map { (Linter.Check.wordCount($0), Linter.Check.quote($0)) } }
      #expect(answered.map(\.0) == alone.map(\.0) && answered.map(\.1) == alone.map(\.1))
    }
    #expect(memo.hits == 2 * texts.count)
  }

  /// Lines with their code blanked, and a paragraph's sentences at any line, asked twice,
  /// are what `LintSection` makes without the memo.
  @Test func maskedLinesAndSentencesAreTheSectionsOwn() {
    LintEngine.$current.withValue(.fast) {
      let lines = [
        "Run `cargo build` — see https://example.com/a(b) and [the “RFC”](https://x.y/z).",
        "We ship in 2 days, not 8. The team e.g. Dr. Ng signs off! Then “done”?", "",
        "- A list item: caf\u{E9} owners.", "- A list item: cafe\u{301} owners.", "| a | b |",
        "Plain ASCII text with `code` and www.example.com in it.",
      ]
      let masked = lines.map { LintSection.masked($0) }
      let paragraphs = [[0, 1], [1], [3, 4], [6, 1, 0]].map { picks in
        picks.map { lines[$0] }
      }
      func sentences(_ texts: [String], from first: Int) -> [LintSection.Sentence] {
        LintSection.sentences(
          ofParagraph: texts.enumerated().map {
            LintSection.Line(number: first + $0.offset, text: $0.element)
          })
      }
      let alone = paragraphs.map { sentences($0, from: 3) }
      let memo = LintMatchMemo()
      for first in [3, 40, 3] {
        memo.installed {
          #expect(lines.map { LintSection.masked($0) } == masked)
          #expect(
            paragraphs.map { sentences($0, from: first) }
              == alone.map { $0.map { .init(line: $0.line - 3 + first, column: $0.column, text: $0.text) } })
        }
      }
      #expect(memo.hits == 3 * (lines.count + paragraphs.count) - lines.count - paragraphs.count)
      #expect(masked != lines, "some lines have code blanked")
      #expect(alone.joined().count > paragraphs.count, "paragraphs hold several sentences")
    }
  }

  /// "é" precomposed and "e" with a combining accent are equal Strings but other bytes, and
  /// the pattern reads them apart: the memo must not answer one with the other's matches.
  @Test func anotherNormalFormIsAnotherText() {
    #expect(Self.composed == Self.decomposed, "Swift's String == holds them equal")
    let direct = (Self.cafe.matches(Self.composed), Self.cafe.matches(Self.decomposed))
    #expect(direct.0 != direct.1, "the pattern reads them apart")
    for order in [[Self.composed, Self.decomposed], [Self.decomposed, Self.composed]] {
      let memo = LintMatchMemo()
      let answers = memo.installed { order.map { Self.cafe.matches($0) } }
      #expect(answers == order.map { Self.cafe.matches($0) })
      #expect(memo.hits == 0)
    }
  }

  /// Patterns made alike are one pattern (so the memo answers a rule that builds its
  /// pattern for each text, across revisions); made from other parts or of another kind,
  /// they are not.
  @Test func patternsMadeAlikeShareOneExpression() {
    let words = ["ledger sync", "autopilot"]
    #expect(LintPattern(joinedPhrases: words).expression === LintPattern(joinedPhrases: words).expression)
    #expect(LintPattern(phrases: words).expression === LintPattern(phrases: words.reversed()).expression)
    #expect(LintPattern(phrases: words).expression !== LintPattern(joinedPhrases: words).expression)
    #expect(
      LintPattern(phrases: ["ledger", "sync"]).expression !== LintPattern(phrases: ["ledger sync"]).expression
    )
    #expect(LintPattern(#"\bx\d\b"#).expression === LintPattern(#"\bx\d\b"#).expression)
  }

  /// Patterns spelt in other normal forms are other patterns: the store of compiled patterns
  /// (and of lazy ones) tells them apart by their bytes, as the regular expressions do.
  @Test func anotherNormalFormIsAnotherPattern() {
    let composed = LintPattern(joinedPhrases: ["caf\u{E9} crème"])
    let decomposed = LintPattern(joinedPhrases: ["cafe\u{301} crème"])
    #expect(composed.expression !== decomposed.expression)
    #expect(Array(composed.regex.pattern.utf8) != Array(decomposed.regex.pattern.utf8))
    #expect(composed.matches("At the caf\u{E9} crème stall"))
    #expect(decomposed.matches("At the cafe\u{301} crème stall"))
    let raw = (LintPattern("caf\u{E9}!"), LintPattern("cafe\u{301}!"))
    #expect(raw.0.regex !== raw.1.regex)
    #expect(raw.1.matches("cafe\u{301}!"))
  }

  /// Installed memos nest, and none answers outside its `installed` call.
  @Test func aMemoAnswersOnlyWhileInstalled() {
    #expect(LintMatchMemo.current == nil)
    let outer = LintMatchMemo()
    let inner = LintMatchMemo()
    outer.installed {
      #expect(LintMatchMemo.current === outer)
      _ = Self.cafe.matches(Self.composed)
      inner.installed { #expect(LintMatchMemo.current === inner) }
      #expect(LintMatchMemo.current === outer)
      _ = Self.cafe.matches(Self.composed)
    }
    #expect(LintMatchMemo.current == nil)
    #expect(outer.hits == 1, "the outer memo answered the second question")
    _ = Self.cafe.matches(Self.composed)
    #expect(outer.hits == 1 && inner.hits == 0, "and no memo answers outside")
  }

  /// A memo that reaches its capacity starts afresh and still answers rightly.
  @Test func aFullMemoStartsAfresh() {
    let memo = LintMatchMemo(capacity: 2)
    let texts = (0..<5).map { "Caf\u{E9} number \($0)" }
    let answers = memo.installed { (texts + texts).map { Self.cafe.matches($0) } }
    #expect(answers == Array(repeating: true, count: 10))
    #expect(memo.hits < texts.count, "most answers were dropped when the memo filled")
  }

  /// A memo that fills and starts afresh, again and again, never answers one text with
  /// another's answers.
  @Test func aMemoThatStartsAfreshNeverMixesTexts() {
    let texts = (0..<40).map {
      $0 % 3 == 0 ? "A longer line about the caf\u{E9} number \($0)" : "A longer line, number \($0)"
    }
    let alone = texts.map { Self.cafe.matches($0) }
    for capacity in [1, 2, 3, 7] {
      let memo = LintMatchMemo(capacity: capacity)
      let answered = memo.installed { (texts + texts.reversed() + texts).map { Self.cafe.matches($0) } }
      #expect(answered == alone + alone.reversed() + alone, "capacity \(capacity)")
    }
  }

  /// A memo that outlives many revisions holds at most its budget of bytes: paragraphs of
  /// 10 KB, each edited once, are kept a few at a time, and every answer is still right.
  @Test func aMemoHoldsAtMostItsBudget() {
    LintEngine.$current.withValue(.fast) {
      let budget = 64 << 10
      let memo = LintMatchMemo(budget: budget)
      var peak = 0
      for revision in 0..<40 {
        let paragraph = (0..<200).map { "Word \($0 == 100 ? revision : $0) of a long paragraph." }
        let lines = paragraph.enumerated().map { LintSection.Line(number: 10 + $0.offset, text: $0.element) }
        let alone = LintSection.paragraphSentences(lines)
        let answered = memo.installed { LintSection.sentences(ofParagraph: lines) }
        #expect(answered == alone, "revision \(revision)")
        peak = max(peak, memo.bytes)
      }
      #expect(peak <= budget && peak > budget / 4, "\(peak) bytes at most, of \(budget)")
    }
  }

  static func describe(_ matches: [(column: Int, length: Int, text: String)]) -> [String] {
    matches.map { "\($0.column):\($0.length):\($0.text)" }
  }
}

/// A line of code blanked on the fast path, with and without a memo, is the reference
/// path's: a space for each `Character`, counted on the bytes only for plain lines.
@Suite struct LintBlankTests {
  static let lines = [
    "", "}", "let x = 1", String(repeating: "abc ", count: 40), "caf\u{E9} \u{1F600} e\u{301}",
    "tab\tand CR\r",
    "\r\n", "\u{E9}", "a\u{301}\u{302} b", "```swift",
  ]

  @Test func blankedLinesAreTheReferencesOwn() {
    let reference = LintEngine.$current.withValue(.reference) { Self.lines.map { LintSection.blank($0) } }
    #expect(reference.map(\.count) == Self.lines.map(\.count))
    #expect(reference.allSatisfy { $0.allSatisfy { $0 == " " } })
    #expect(
      Self.lines.filter { $0.utf8.count != $0.count }.count >= 4, "some lines have more bytes than characters"
    )
    LintEngine.$current.withValue(.fast) {
      #expect(Self.lines.map { LintSection.blank($0) } == reference)
      let memo = LintMatchMemo()
      for _ in 0..<2 {
        #expect(memo.installed { Self.lines.map { LintSection.blank($0) } } == reference)
      }
      let notPlain = Self.lines.filter { !LintSection.isPlain($0) }.count
      #expect(memo.hits == notPlain, "only lines that are not plain are kept")
    }
  }

  @Test func spacesAreWrittenAtOnce() {
    for count in [0, 1, 15, 16, 1_000] {
      let spaces = LintSection.spaces(count)
      #expect(Array(spaces.utf8) == Array(repeating: 0x20, count: count))
    }
  }
}
