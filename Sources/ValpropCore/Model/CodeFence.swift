/// Fenced code blocks, met line by line as Markdown is read: a line that opens a block (three
/// backticks or tildes), sits inside one, or closes it (a line starting with the marker that
/// opened it) is code, never a heading. The proposition parser, the summary reader and the
/// diff's section cutters all read fences this way.
struct CodeFence {
  /// The marker of the open block (three backticks or tildes); nil outside one.
  private var marker: String?

  /// Whether a block is open: then a line whose first character after blanks is not a
  /// backtick or a tilde (which cannot close it) is code, and leaves the fence as it is.
  var isOpen: Bool { marker != nil }

  /// Reads the next line, trimmed of spaces and tabs; returns whether it is fence or code.
  mutating func isCode(_ trimmed: String) -> Bool {
    if let marker {
      if trimmed.hasPrefix(marker) { self.marker = nil }
      return true
    }
    guard trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") else { return false }
    marker = String(trimmed.prefix(3))
    return true
  }
}
