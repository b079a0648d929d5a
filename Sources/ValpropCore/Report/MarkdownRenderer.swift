import Ink

/// Renders a proposition's Markdown to HTML for the report: Ink parses it, and
/// `HTMLSanitizer` keeps only what Markdown produces, so raw HTML in a proposition shows as
/// text and runs nothing.
public enum MarkdownRenderer {
  /// The safe HTML of `markdown`, its headings moved down by `headingShift` levels.
  public static func html(_ markdown: String, headingShift: Int = 0) -> String {
    let html = MarkdownParser().html(from: hidingAngleBrackets(markdown))
    return HTMLSanitizer.sanitize(showingAngleBrackets(html), headingShift: headingShift)
  }

  /// What stands for `<` while Ink parses: a noncharacter, which no text means.
  static let angleBracket = Unicode.Scalar(UInt32(0xFDD0))!

  /// The text with every `<` but those opening `<!--` as `angleBracket` (and any
  /// `angleBracket` already in it as U+FFFD), and a space after each `<!--` that a `-->`
  /// closes and no white space follows: Ink reads `<!--TODO-->` as the start of raw HTML
  /// running to the end of the document, which then showed unformatted; with the space it
  /// is a comment, dropped like any other. Ink loops without end, allocating until the process dies, on a `<` it starts
  /// to read as HTML and then cannot: a paragraph holding `\<pre>` (golang/proposal's
  /// 51082-godocfmt.md) took 20 GB. Raw HTML is shown as text in the report anyway, so Ink
  /// never needs to see one.
  static func hidingAngleBrackets(_ markdown: String) -> String {
    guard markdown.utf8.contains(0x3C) || markdown.unicodeScalars.contains(angleBracket) else {
      return markdown
    }
    var scalars = String.UnicodeScalarView()
    let source = markdown.unicodeScalars
    var index = source.startIndex
    while index != source.endIndex {
      let scalar = source[index]
      // An HTML comment (a template's hint) stays one, for the sanitiser to drop.
      let opensComment = scalar == "<" && source[index...].starts(with: "<!--".unicodeScalars)
      if opensComment {
        let body = source.index(index, offsetBy: 4)
        scalars.append(contentsOf: "<!--".unicodeScalars)
        if body != source.endIndex, !source[body].properties.isWhitespace,
          String(source[body...]).contains("-->")
        {
          scalars.append(" ")
        }
        index = body
        continue
      }
      scalars.append(scalar == "<" ? angleBracket : scalar == angleBracket ? "\u{FFFD}" : scalar)
      index = source.index(after: index)
    }
    return String(scalars)
  }

  /// Ink's HTML with each `angleBracket` as `&lt;`, the `<` it stood for shown as text; one
  /// inside a tag Ink wrote (a link's target, an image's text) is the `<` itself again, so
  /// the sanitiser shows that tag as text, as before (`&lt;` there would be escaped once more
  /// and make a live link to another address).
  static func showingAngleBrackets(_ html: String) -> String {
    guard html.unicodeScalars.contains(angleBracket) else { return html }
    var result = ""
    result.reserveCapacity(html.utf8.count)
    var inTag = false
    for scalar in html.unicodeScalars {
      if scalar == angleBracket {
        result += inTag ? "<" : "&lt;"
        continue
      }
      if scalar == "<" { inTag = true } else if scalar == ">" { inTag = false }
      result.unicodeScalars.append(scalar)
    }
    return result
  }
}
