import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// A section taken from the memo, moved or not, is the section `LintSection.init` makes at
/// its lines, and revisions linted with one memo get the findings and scores they get alone.
@Suite struct LintSectionMemoTests {
  /// Lines with everything that records a line number: comments over several lines, a
  /// fence, sentences wrapped across lines, list items and a table.
  static let lines = [
    "Finance teams <!-- a note", "over two lines --> close the books monthly. They", "wait for data.",
    "", "```", "<!-- code, not a comment -->", "```", "- Reduces time by 90%", "- Cuts errors",
    "", "| Before | After |", "|---|---|", "| 8 days | 2 days |",
  ]

  @Test(arguments: [0, 7, -3])
  func aKeptSectionMovedIsTheSectionMadeThere(_ delta: Int) {
    LintEngine.$current.withValue(.fast) {
      let memo = LintSectionMemo()
      let first = memo.section(heading: "Problem", line: 10, firstContentLine: 11, rawLines: Self.lines)
      #expect(first == LintSection(heading: "Problem", line: 10, firstContentLine: 11, rawLines: Self.lines))
      let moved = memo.section(
        heading: "Problem", line: 10 + delta, firstContentLine: 11 + delta, rawLines: Self.lines)
      #expect(
        moved
          == LintSection(
            heading: "Problem", line: 10 + delta, firstContentLine: 11 + delta, rawLines: Self.lines))
      #expect(memo.hits == 1 && memo.shiftedHits == (delta == 0 ? 0 : 1))
      #expect(!moved.comments.isEmpty && !moved.sentences.isEmpty && !moved.items.isEmpty)
      // Another distance from the heading to the first line is another section.
      _ = memo.section(heading: "Problem", line: 10, firstContentLine: 10, rawLines: Self.lines)
      #expect(memo.hits == 1)
    }
  }

  /// The same words in another Unicode normal form are other bytes, and lint reads bytes:
  /// such a section is prepared anew, not taken for the one Swift's `==` holds equal.
  @Test func anotherNormalFormIsAnotherSection() {
    LintEngine.$current.withValue(.fast) {
      let composed = ["Caf\u{E9} owners lose 20 hours a week."]
      let decomposed = ["Cafe\u{301} owners lose 20 hours a week."]
      #expect(composed == decomposed, "Swift's String == holds them equal")
      let memo = LintSectionMemo()
      _ = memo.section(heading: "Problem", line: 3, firstContentLine: 4, rawLines: composed)
      let second = memo.section(heading: "Problem", line: 3, firstContentLine: 4, rawLines: decomposed)
      #expect(memo.hits == 0)
      #expect(
        second.lines.map { Array($0.text.utf8) }
          == LintSection(heading: "Problem", line: 3, firstContentLine: 4, rawLines: decomposed).lines.map {
            Array($0.text.utf8)
          })
    }
  }

  /// Each corpus file's history, newest first as revisions are scored: lines added and
  /// removed above its sections, a line changed, a comment added, and the file as it was.
  @Test func revisionsLintAlikeWithTheMemo() {
    var generator = SplitMix(seed: 31)
    var hits = 0
    var shifted = 0
    var revisions = 0
    var matchHits = 0
    var replays = 0
    LintEngine.$current.withValue(.fast) {
      for file in LintFastPathTests.corpusTexts {
        var config = WorkspaceConfig()
        config.lintJargon = file.jargon
        if !file.team.isEmpty {
          config.lintRules = [LintTeamRule(words: file.team, message: "an internal name")]
        }
        let linter = Linter(config: config)
        let memo = LintSectionMemo()
        for text in Self.history(of: file.text, using: &generator) {
          guard let proposition = try? Proposition(id: "p", path: "p.md", data: Data(text.utf8)) else {
            continue
          }
          revisions += 1
          let alone = LintFastPathTests.describe(linter.lint(proposition, asOf: CorpusFile.asOf))
          let withMemo = LintFastPathTests.describe(
            linter.lint(proposition, asOf: CorpusFile.asOf, sections: memo))
          #expect(withMemo == alone, "\(file.name)\n\(text)")
        }
        hits += memo.hits
        shifted += memo.shiftedHits
        matchHits += memo.matches.hits
        replays += memo.replays.replays
      }
    }
    #expect(revisions > 500)
    #expect(hits > 1_000, "sections are taken from the memo")
    #expect(shifted > 300, "and moved")
    #expect(matchHits > 10_000, "and the patterns' matches in their texts")
    #expect(replays > 5_000, "and what the rules added for a section is added again")
  }

  /// Revisions of a text: each changes the one before.
  static func history(of text: String, using generator: inout SplitMix) -> [String] {
    var lines = text.components(separatedBy: "\n")
    guard let heading = lines.firstIndex(where: { $0.hasPrefix("# ") }) else { return [text] }
    var history = [text]
    // A line added under the title moves every section down.
    lines.insert("Written for the finance team.", at: heading + 1)
    history.append(lines.joined(separator: "\n"))
    // A line of a section changed; the sections above and below are untouched.
    let body = (heading + 2)..<lines.count
    if let index = body.filter({ !lines[$0].isEmpty && !lines[$0].hasPrefix("#") }).randomElement(
      using: &generator)
    {
      lines[index] = LintFastPathTests.mutate(lines[index], using: &generator)
      history.append(lines.joined(separator: "\n"))
    }
    // A comment added, then the added line removed: every section moves up.
    lines.insert("<!-- valprop-ignore jargon -->", at: heading + 2)
    history.append(lines.joined(separator: "\n"))
    lines.remove(at: heading + 1)
    history.append(lines.joined(separator: "\n"))
    // New evidence, which backs figures and superlatives in every other section, then none
    // (the sections whose wording never changed are judged against each).
    if let evidence = lines.firstIndex(where: { $0.lowercased() == "## evidence" }) {
      lines.insert(
        "- 2026-03 audit of 40 teams: the fastest close, 10x fewer errors than the best rival.",
        at: evidence + 1)
      history.append(lines.joined(separator: "\n"))
      var end = evidence + 1
      while end < lines.count, !lines[end].hasPrefix("#") { end += 1 }
      lines.removeSubrange((evidence + 1)..<end)
      history.append(lines.joined(separator: "\n"))
    }
    history.append(text)
    return history
  }
}
