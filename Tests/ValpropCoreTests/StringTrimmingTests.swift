import Foundation
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
}
