/// Renders proposition changes for people: `text` for a terminal (colour optional) and
/// `markdown` for a pull-request comment. Only changed wording is shown: white space alone
/// (a reflowed paragraph) is no change here.
public enum DiffRenderer {
  /// The terminal form: a header per proposition, field changes, then each section whose
  /// wording changed with deletions as `[-…-]` and insertions as `{+…+}`, or in red and
  /// green when `color` is on.
  public static func text(_ changes: [PropositionChange], color: Bool) -> String {
    var out = ""
    for change in changes {
      let header =
        change.change == .renamed
        ? "\(change.change.rawValue) \(change.oldPath ?? "") → \(change.path) (\(change.id))"
        : "\(change.change.rawValue) \(change.path) (\(change.id))"
      out += (color ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n"
      for field in change.diff.fields {
        out += "  \(field.name): \(field.old ?? "(none)") → \(field.new ?? "(none)")\n"
      }
      if change.change == .modified && !change.diff.wordingChanged {
        out += "  (layout only: no wording changed)\n"
      }
      for section in change.diff.sections where section.wordingChanged {
        let title = section.heading.isEmpty ? "(before the first section)" : "## \(section.heading)"
        out += "  \(title)" + (section.change == .modified ? "" : " (\(section.change.rawValue))") + "\n"
        var line = ""
        for token in section.tokens {
          let pieces = token.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
            String.init)
          for (position, piece) in pieces.enumerated() {
            if position > 0 {
              if token.op != .delete || !token.isWhitespace {
                out +=
                  ("    " + line).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
                  + "\n"
                line = ""
              }
            }
            line += styled(piece, token, color: color)
          }
        }
        if !line.isEmpty {
          out +=
            ("    " + line).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) + "\n"
        }
      }
    }
    return out
  }

  private static func styled(_ text: String, _ token: DiffToken, color: Bool) -> String {
    guard !text.isEmpty else { return "" }
    switch token.op {
    case .equal: return text
    case .insert where token.isWhitespace: return text
    case .delete where token.isWhitespace: return ""
    case .insert: return color ? "\u{1B}[32m\(text)\u{1B}[0m" : "{+\(text)+}"
    case .delete: return color ? "\u{1B}[31;9m\(text)\u{1B}[0m" : "[-\(text)-]"
    }
  }

  /// The first line of the pull-request comment, which CI finds to update the comment
  /// instead of adding another.
  public static let commentMarker = "<!-- valprop-diff -->"

  /// The pull-request comment: a heading per proposition, front-matter changes as a table,
  /// and changed sections with `<del>…</del>` and `<ins>…</ins>`.
  public static func markdown(_ changes: [PropositionChange]) -> String {
    var out = "\(commentMarker)\n## Value proposition changes\n\n"
    if changes.isEmpty { return out + "No proposition changed.\n" }
    for change in changes {
      out += "### `\(change.id)` — \(change.change.rawValue)\n\n"
      if change.change == .renamed, let old = change.oldPath {
        out += "`\(old)` → `\(change.path)`\n\n"
      } else {
        out += "`\(change.path)`\n\n"
      }
      if change.change == .modified && !change.diff.wordingChanged {
        out += "_Layout only: no wording changed._\n\n"
      }
      if !change.diff.fields.isEmpty {
        out += "| Field | Before | After |\n|---|---|---|\n"
        for field in change.diff.fields {
          out += "| \(cell(field.name)) | \(cell(field.old ?? "")) | \(cell(field.new ?? "")) |\n"
        }
        out += "\n"
      }
      for section in change.diff.sections where section.wordingChanged {
        let title = section.heading.isEmpty ? "Introduction" : escape(section.heading)
        out += "**\(title)**" + (section.change == .modified ? "" : " (\(section.change.rawValue))") + "\n\n"
        var lines: [String] = [""]
        for token in section.tokens {
          if token.isWhitespace {
            if token.op == .delete { continue }
            let pieces = token.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            lines[lines.count - 1] += pieces[0]
            for piece in pieces.dropFirst() { lines.append(String(piece)) }
            continue
          }
          let pieces = token.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
            String.init)
          for (position, piece) in pieces.enumerated() {
            if position > 0 { lines.append("") }
            guard !piece.isEmpty else { continue }
            switch token.op {
            case .equal: lines[lines.count - 1] += escape(piece)
            case .insert: lines[lines.count - 1] += "<ins>\(escape(piece))</ins>"
            case .delete: lines[lines.count - 1] += "<del>\(escape(piece))</del>"
            }
          }
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        out += lines.joined(separator: "\n") + "\n\n"
      }
    }
    return out
  }

  /// Escapes the characters HTML would read as markup.
  public static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  /// A table cell: escaped, pipes and line breaks neutralised.
  static func cell(_ text: String) -> String {
    escape(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
