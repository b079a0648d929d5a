import Ink

/// Renders a proposition's Markdown to HTML for the report: Ink parses it, and
/// `HTMLSanitizer` keeps only what Markdown produces, so raw HTML in a proposition shows as
/// text and runs nothing.
public enum MarkdownRenderer {
  /// The safe HTML of `markdown`, its headings moved down by `headingShift` levels.
  public static func html(_ markdown: String, headingShift: Int = 0) -> String {
    HTMLSanitizer.sanitize(MarkdownParser().html(from: markdown), headingShift: headingShift)
  }
}
