import TestSupport
import Testing

@testable import ValpropCore

/// The byte path of `Proposition.atxHeading` agrees with its Character path.
@Suite struct HeadingFastPathTests {
  @Test func atxHeadingsOfRandomLinesMatchTheCharacterPath() {
    var generator = SplitMix(seed: 95)
    // Hashes, spaces and tabs where headings are decided, letters, a carriage return, and
    // non-ASCII text (combining marks after a hash or a space).
    let alphabet = Array("####   \t\tab Z9#\r\u{301}é\u{A0}")
    var headings = 0
    for _ in 0..<6_000 {
      let line = TokenizerFastPathTests.randomText(alphabet, upTo: 14, &generator)
      for level in 1...3 {
        let fast = Proposition.atxHeading(line, level: level)
        #expect(
          fast == Proposition.atxHeadingByCharacter(line, level: level), "\(line.debugDescription) \(level)")
        if fast != nil { headings += 1 }
      }
    }
    #expect(headings > 500)
    for (line, level, heading) in [
      ("## Problem ##", 2, "Problem"), ("   # A #b", 1, "A #b"), ("#", 1, ""), ("# #", 1, ""),
      ("    # Code", 1, nil), ("#Tight", 1, nil), ("## Two", 1, nil), ("#\tTab\t#\t", 1, "Tab"),
    ] as [(String, Int, String?)] {
      #expect(Proposition.atxHeading(line, level: level) == heading, "\(line.debugDescription)")
      #expect(Proposition.atxHeadingByCharacter(line, level: level) == heading, "\(line.debugDescription)")
    }
  }
}
