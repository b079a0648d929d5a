import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The prefilter's fragment search finds exactly the ASCII texts that hold a fragment,
/// ignoring ASCII case: with fragments of two bytes or more (where pairs of first bytes
/// decide) and with shorter ones (where first bytes alone do).
@Suite struct LintPrefilterTests {
  static let fragmentSets = [
    ["...", "todo", "tbd", "fixme", "lorem"], ["$", "usd", "eur"], ["#1"],
    ["times", "fold", "twice", "tenx"],
    ["t", "to"], ["ab"],
  ]
  /// Pieces that open, end or nearly make the fragments.
  static let pieces = [
    "to", "tod", "TODO", "ToDo", "t", "T", "tb", "TBD", "fix", "FIXM", "fixme", "lor", "Lorem", ".", "..",
    "...",
    "$", "us", "USD", "eu", "#", "#1", "1", "tim", "times", "fol", "twic", "tenx", "a", "b", "ab", "AB", " ",
    "\t",
    "word", "x", "é",
  ]

  /// Whether the ASCII text holds one of the fragments, ignoring ASCII case: the reference.
  static func holds(_ text: String, _ fragments: [String]) -> Bool {
    let lower = Array(text.lowercased().utf8)
    return fragments.contains { fragment in
      let bytes = Array(fragment.utf8)
      guard bytes.count <= lower.count else { return false }
      return (0...(lower.count - bytes.count)).contains { Array(lower[$0..<($0 + bytes.count)]) == bytes }
    }
  }

  @Test func fragmentsAreFoundExactly() {
    var generator = SplitMix(seed: 31)
    for fragments in Self.fragmentSets {
      let prefilter = LintPrefilter(fragments: fragments)
      var held = 0
      var texts = Self.pieces + [""]
      for _ in 0..<3_000 {
        texts.append(
          (0..<Int.random(in: 1...6, using: &generator)).map { _ in
            Self.pieces.randomElement(using: &generator)!
          }.joined())
      }
      for text in texts {
        let expected = !text.utf8.allSatisfy { $0 < 0x80 } || Self.holds(text, fragments)
        #expect(prefilter.mayMatch(text) == expected, "\(fragments) \(text.debugDescription)")
        if expected { held += 1 }
      }
      #expect(held > 100 && held < texts.count - 100, "\(fragments): texts both hold and miss fragments")
    }
  }
}
