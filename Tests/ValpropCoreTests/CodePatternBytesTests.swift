import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The byte matchers of the code patterns against the patterns' regular expressions, which
/// the reference lint path and lines of other bytes still use: the same spans on lines made
/// of the pieces each pattern turns on.
@Suite struct CodePatternBytesTests {
  static let pieces = [
    "](", ")", "(", "[", "]", "]:", "<", ">", "http", "https", "ftp", "://", "//", "www.", "www", ".", "/",
    "#",
    "12", "0", "-", "A", "AB", "PROJ", "X2", "the ", "The ", "our ", "Our ", "Ranked ", "rated ", "voted ",
    "Voted ", "tHe ", "&", "_", "x", "a", " ", "  ", "\t", "z9", ":", "s", "rust-lang/rfcs", "v1.2",
    // Whole matches, so that many lines match.
    "](x)", "[a]: b", " [a b]:c", "<https://x>", "<ab://>", "https://a", "http://b.c/d", "ftp://e", "www.f",
    "#12", "o/r#3", "a.b-c/d_e#45", "AB-12", "X9Y-3", " QA-7 ",
  ]

  /// A line of `count` random pieces.
  static func line(_ generator: inout SplitMix, count: Int) -> [UInt8] {
    Array((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
  }

  @Test(arguments: 1...7) func matchesAsTheRegularExpressionMatches(pattern: Int) {
    var generator = SplitMix(seed: UInt64(70 + pattern))
    var matched = 0
    var read = 0
    for round in 0..<6_000 {
      // One line in twenty holds a byte the matchers leave to the expression.
      let bytes = Self.line(&generator, count: 1 + round % 14) + (round % 20 == 0 ? Array("é".utf8) : [])
      let expected = LintSection.regexSpans(pattern, in: bytes)
      guard let spans = CodePatternBytes.spans(pattern, in: bytes) else {
        // Only a line with a byte the matchers do not read goes to the expression.
        #expect(bytes.contains { $0 >= 0x7F }, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        continue
      }
      read += 1
      if !expected.isEmpty { matched += 1 }
      #expect(
        spans == expected, "pattern \(pattern): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    // The lines exercise the pattern: many match, many do not.
    #expect(matched > 200 && read - matched > 200, "\(matched) of \(read) lines matched")
  }

  @Test func readsTheCasesByHand() {
    func spans(_ pattern: Int, _ text: String) -> [String] {
      let bytes = Array(text.utf8)
      #expect(
        CodePatternBytes.spans(pattern, in: bytes) == LintSection.regexSpans(pattern, in: bytes), "\(text)")
      return (CodePatternBytes.spans(pattern, in: bytes) ?? []).map {
        String(decoding: bytes[$0], as: UTF8.self)
      }
    }
    #expect(spans(1, "see [the RFC](https://x/y) and [b](c") == ["](https://x/y)"])
    #expect(spans(2, "  [label]: https://example.com") == ["  [label]: https://example.com"])
    #expect(spans(2, "[label]:   ").isEmpty)
    #expect(spans(3, "at <https://a.b/c> or <mailto:x>") == ["<https://a.b/c>"])
    #expect(
      spans(4, "go to https://a.b/c), then xhttp://no and ftp://f.g") == ["https://a.b/c", "ftp://f.g"])
    #expect(spans(5, "www.example.com and awww.no") == ["www.example.com"])
    #expect(
      spans(6, "fixed in #12 and rust-lang/rfcs#3537, the #1 tool, a&#38;b") == [
        "#12", "rust-lang/rfcs#3537",
      ])
    #expect(spans(6, "Ranked #1, voted #2, Our #3, issue#4, #5a").isEmpty)
    #expect(spans(7, "PROJ-123, AB2-7, A-1, ABc-1, XY-12b, (QA-9)") == ["PROJ-123", "AB2-7", "QA-9"])
    // A byte the matchers do not read sends the line to the expression.
    #expect(CodePatternBytes.spans(4, in: Array("é https://x".utf8)) == nil)
    #expect(CodePatternBytes.spans(4, in: [0x0B] + Array("https://x".utf8)) == nil)
  }
}
