import Foundation
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

  /// What follows the space put after a `<!--` while Ink parses, so that the space can be
  /// taken out again wherever it ends up: another noncharacter.
  static let commentSpace = Unicode.Scalar(UInt32(0xFDD1))!

  /// What stands for a `>` inside a comment while Ink parses: a third noncharacter.
  static let commentCloser = Unicode.Scalar(UInt32(0xFDD2))!

  /// The noncharacters that stand for something while Ink parses.
  static let marks: Set<Unicode.Scalar> = [angleBracket, commentSpace, commentCloser]

  /// The text with every `<` but those opening `<!--` as `angleBracket` (and any of the
  /// `marks` already in it as U+FFFD). Ink loops without end, allocating until the process
  /// dies, on a `<` it starts to read as HTML and then cannot: a paragraph holding `\<pre>`
  /// (golang/proposal's 51082-godocfmt.md) took 20 GB. Raw HTML is shown as text in the
  /// report anyway, so Ink never needs to see one.
  ///
  /// A comment that a `-->` closes is made one Ink reads whole: Ink ends a comment at its
  /// first `>`, so each `>` before the `-->` stands as `commentCloser` (the licence comment
  /// opening rust-lang/rfcs' 1990-external-doc-attribute.md holds two); and Ink reads a
  /// `<!--` that no white space follows (`<!--TODO-->`) as raw HTML running to the end of the
  /// document, which then showed unformatted, so a space and `commentSpace` go after it.
  /// `showingAngleBrackets` puts both back as they were, so in code, where Ink shows
  /// `<!--x-->` as written, nothing changes.
  static func hidingAngleBrackets(_ markdown: String) -> String {
    let source = markdown.unicodeScalars
    guard markdown.utf8.contains(0x3C) || source.contains(where: { marks.contains($0) }) else {
      return markdown
    }
    var scalars = String.UnicodeScalarView()
    var index = source.startIndex
    // Where the comment being read closes (its `-->`); nil outside one.
    var close: String.Index?
    while index != source.endIndex {
      let scalar = source[index]
      if let end = close {
        if index == end {
          scalars.append(contentsOf: "-->".unicodeScalars)
          index = source.index(index, offsetBy: 3)
          close = nil
          continue
        }
        scalars.append(
          scalar == ">"
            ? commentCloser : scalar == "<" ? angleBracket : marks.contains(scalar) ? "\u{FFFD}" : scalar)
        index = source.index(after: index)
        continue
      }
      // An HTML comment (a template's hint) stays one, for the sanitiser to drop.
      if scalar == "<", source[index...].starts(with: "<!--".unicodeScalars) {
        let body = source.index(index, offsetBy: 4)
        scalars.append(contentsOf: "<!--".unicodeScalars)
        // `<!-->` and `<!--->` close at once, as in HTML (and as Ink reads them).
        let closesAtOnce =
          source[body...].starts(with: ">".unicodeScalars)
          || source[body...].starts(with: "->".unicodeScalars)
        close = closesAtOnce ? nil : markdown.range(of: "-->", range: body..<markdown.endIndex)?.lowerBound
        if close != nil, body != source.endIndex, !source[body].properties.isWhitespace {
          scalars.append(" ")
          scalars.append(commentSpace)
        }
        index = body
        continue
      }
      scalars.append(scalar == "<" ? angleBracket : marks.contains(scalar) ? "\u{FFFD}" : scalar)
      index = source.index(after: index)
    }
    return String(scalars)
  }

  /// Ink's HTML with each `angleBracket` as `&lt;`, the `<` it stood for shown as text; one
  /// inside a tag Ink wrote (a link's target, an image's text) is the `<` itself again, so
  /// the sanitiser shows that tag as text, as before (`&lt;` there would be escaped once more
  /// and make a live link to another address). Each `commentCloser` is its `>` again (as
  /// `&gt;` outside a tag, as Ink writes it in code), and the space put after a `<!--`, with
  /// its `commentSpace`, is taken out.
  static func showingAngleBrackets(_ html: String) -> String {
    let scalars = html.unicodeScalars
    guard scalars.contains(where: { marks.contains($0) }) else { return html }
    var result = ""
    result.reserveCapacity(html.utf8.count)
    var inTag = false
    var index = scalars.startIndex
    while index != scalars.endIndex {
      let scalar = scalars[index]
      index = scalars.index(after: index)
      if scalar == " ", index != scalars.endIndex, scalars[index] == commentSpace {
        index = scalars.index(after: index)
        continue
      }
      if scalar == commentSpace { continue }
      if scalar == angleBracket {
        result += inTag ? "<" : "&lt;"
        continue
      }
      if scalar == commentCloser {
        result += inTag ? ">" : "&gt;"
        continue
      }
      if scalar == "<" { inTag = true } else if scalar == ">" { inTag = false }
      result.unicodeScalars.append(scalar)
    }
    return result
  }
}
