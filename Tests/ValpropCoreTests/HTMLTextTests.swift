import Foundation
import Testing
import ValpropCore

/// The one HTML escaper: both forms against a reference of literal replacements on fixed and
/// random text, non-ASCII and combining marks included.
@Suite struct HTMLTextTests {
  /// Literal replacements, code unit by code unit (`.literal`), so that a markup character
  /// followed by a combining mark is still replaced: comparing `Character`s, as the Markdown
  /// escaper did before, left `<` + U+0301 as it was.
  static func reference(_ text: String, quotes: Bool) -> String {
    var pairs = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]
    if quotes { pairs += [("\"", "&quot;"), ("'", "&#39;")] }
    var result = text as NSString
    for (from, to) in pairs {
      result =
        result.replacingOccurrences(
          of: from, with: to, options: .literal, range: NSRange(location: 0, length: result.length))
        as NSString
    }
    return result as String
  }

  @Test func escapesMarkupAndKeepsQuotesInContent() {
    #expect(HTMLText.escapeContent("a < b && \"c\" > 'd'") == "a &lt; b &amp;&amp; \"c\" &gt; 'd'")
    #expect(HTMLText.escape("a < b && \"c\" > 'd'") == "a &lt; b &amp;&amp; &quot;c&quot; &gt; &#39;d&#39;")
    #expect(HTMLText.escapeContent("plain text, café, 数据") == "plain text, café, 数据")
    #expect(HTMLText.escape("") == "" && HTMLText.escapeContent("") == "")
    // A combining accent after a markup character stays after its reference.
    #expect(HTMLText.escapeContent("<\u{301}x") == "&lt;\u{301}x")
  }

  @Test func agreesWithTheReferenceOnRandomText() {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [String] = [
      "a", " ", "&", "<", ">", "\"", "'", "é", "\u{301}", "€", "😀", "\n", "&amp;", ";",
    ]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0..<24, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      }.joined()
      #expect(HTMLText.escapeContent(text) == Self.reference(text, quotes: false), "\(text.debugDescription)")
      #expect(HTMLText.escape(text) == Self.reference(text, quotes: true), "\(text.debugDescription)")
    }
  }
}
