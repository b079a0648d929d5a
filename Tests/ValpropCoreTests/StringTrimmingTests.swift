import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The Swift trim answers as Foundation's, which it replaces on a hot path.
@Suite struct StringTrimmingTests {
  @Test func trimmedWhitespaceAnswersAsTrimmingCharacters() {
    var generator = SystemRandomNumberGenerator()
    let pieces = [
      " ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\u{202F}", "\u{85}", "\u{200B}", "\u{1680}", "\u{FEFF}",
      "\u{B}", "\n", "a", "é",
      "e\u{301}", "\u{301}", "🎉", "価", "|", "\r\n",
    ]
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      #expect(
        text.trimmedWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
    }
  }

  /// Trimming spaces and tabs on the bytes of ASCII text answers as trimming Characters, on
  /// strings and substrings, with carriage returns, line feeds and text past ASCII about.
  @Test func trimmedSpacesAnswersAsTrimmingCharacters() {
    var generator = SplitMix(seed: 47)
    let pieces = [" ", "\t", "\r", "\n", "\r\n", "a", "`", "~~~", "é", "\u{301}", " \u{301}", "\u{A0}", "#"]
    for _ in 0..<4_000 {
      let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      #expect(text.trimmedSpaces == text.trimmedSpacesByCharacter, "\(text.debugDescription)")
      let inner = text.dropFirst(Int.random(in: 0...2, using: &generator))
      #expect(inner.trimmedSpaces == inner.trimmedSpacesByCharacter, "\(inner.debugDescription)")
    }
    // ASCII alone, which the byte path answers.
    let ascii = [" ", "\t", "\r", "\n", "\r\n", "a", "`", "~~~", "#", "\u{0B}"]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
        ascii.randomElement(using: &generator)!
      }
      .joined()
      #expect(text.trimmedSpaces == text.trimmedSpacesByCharacter, "\(text.debugDescription)")
    }
    #expect(" \t a b\t ".trimmedSpaces == "a b")
    #expect(" \u{301}x ".trimmedSpaces == " \u{301}x")
    #expect("\t\r\n ".trimmedSpaces == "\r\n")
  }
}
