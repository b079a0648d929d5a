import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// `equalsIgnoringCase` answers as Foundation's `caseInsensitiveCompare` does, on ASCII and on
/// the Unicode letters whose case folding reaches ASCII.
@Suite struct CaseInsensitiveEqualityTests {
  @Test func randomPairsAnswerAsFoundationDoes() {
    var generator = SplitMix(seed: 94)
    // Letters in both cases, the neighbours of letters in ASCII (@ [ ` {, which differ from
    // letters by bit 0x20 too), digits, and non-ASCII letters that fold to ASCII or not.
    let alphabet = Array("aAbBzZeE@[`{19 -\u{212A}kK\u{17F}sSß\u{130}iI\u{131}é\u{301}")
    var equal = 0
    for _ in 0..<20_000 {
      let a = TokenizerFastPathTests.randomText(alphabet, upTo: 4, &generator)
      // Half the pairs are the same text in other cases, so that equal answers are common.
      let b =
        generator.next() % 2 == 0
        ? a.map { generator.next() % 2 == 0 ? $0.uppercased() : $0.lowercased() }.joined()
        : TokenizerFastPathTests.randomText(alphabet, upTo: 4, &generator)
      let expected = a.caseInsensitiveCompare(b) == .orderedSame
      #expect(a.equalsIgnoringCase(b) == expected, "\(a.debugDescription) \(b.debugDescription)")
      if expected { equal += 1 }
    }
    #expect(equal > 2_000)
    for (a, b, same) in [
      ("Evidence", "EVIDENCE", true), ("Evidence", "Evidenc", false), ("@", "`", false), ("[", "{", false),
      ("Evidence", "Evidence ", false), ("\u{212A}ey", "key", true), ("", "", true),
    ] {
      #expect(a.equalsIgnoringCase(b) == same, "\(a) \(b)")
    }
  }
}
