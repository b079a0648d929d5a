import ArgumentParser
import ValpropCore

/// The output formats of listing commands: `text` for people, `json` for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for a person at a terminal.
  case text
  /// The stable JSON contract of docs/commands.md.
  case json
}

/// Renders rows as aligned columns: every column but the last padded to its widest cell.
enum Columns {
  /// Lays out a header and rows, one line each: line breaks and other control characters in
  /// a cell become spaces. Columns are as wide as their widest cell on screen (emoji and CJK
  /// take two cells), so nothing is dropped; with `maxWidth` (a terminal's width) the widest
  /// columns are cut, each cut cell ending in "…", until a line fits.
  static func render(header: [String], rows: [[String]], maxWidth: Int? = nil) -> String {
    var all = ([header] + rows).map { row in
      row.map { cell in
        DisplayWidth.isPrintableASCII(cell)
          ? cell
          : String(
            cell.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
      }
    }
    var cellWidths = all.map { $0.map(DisplayWidth.of) }
    var widths = header.indices.map { column in cellWidths.map { $0[column] }.max() ?? 0 }
    if let maxWidth {
      let gaps = 2 * max(0, widths.count - 1)
      // Cut the widest column by one cell at a time (the title, mostly), down to 3 cells.
      while widths.reduce(0, +) + gaps > maxWidth {
        guard let widest = widths.indices.filter({ widths[$0] > 3 }).max(by: { widths[$0] < widths[$1] })
        else { break }
        widths[widest] -= 1
      }
      all = all.map { row in row.enumerated().map { DisplayWidth.cut($1, to: widths[$0]) } }
      cellWidths = all.map { $0.map(DisplayWidth.of) }
    }
    // Lines are put together as bytes: String appends took most of a warm `list`'s table.
    var out: [UInt8] = []
    var line: [UInt8] = []
    for (row, rowWidths) in zip(all, cellWidths) {
      line.removeAll(keepingCapacity: true)
      for column in row.indices {
        if column > 0 { line += [0x20, 0x20] }
        line += row[column].utf8
        if column < row.count - 1 {
          line += repeatElement(0x20, count: max(0, widths[column] - rowWidths[column]))
        }
      }
      out += String(decoding: line, as: UTF8.self).trimmedWhitespace.utf8
      out.append(0x0A)
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// How many terminal cells text takes: two for wide characters (CJK, fullwidth forms, emoji
/// shown as emoji), none for combining marks and joiners, one for the rest.
enum DisplayWidth {
  /// The width of a text.
  static func of(_ text: String) -> Int {
    isPrintableASCII(text) ? text.utf8.count : text.reduce(0) { $0 + of($1) }
  }

  /// Whether every byte of a text is printable ASCII (space to tilde), one cell each: most
  /// cells of a listing, measured without looking up Unicode properties.
  static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  /// The width of one character (a grapheme cluster: a flag or a family emoji is one).
  static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.contains(where: { $0.properties.isEmojiPresentation })
      || (first.properties.isEmoji && scalars.contains("\u{FE0F}"))
    {
      return 2
    }
    if isWide(first.value) { return 2 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: return 1
    }
  }

  /// East Asian wide and fullwidth ranges.
  static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The text cut to at most `width` cells, ending in "…" when anything was cut.
  static func cut(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let next = of(character)
      if used + next > width - 1 { break }
      out.append(character)
      used += next
    }
    return out + "…"
  }
}

/// A cell of a Markdown table: HTML-escaped, `|` escaped and line breaks as `<br>`, so a
/// title with a pipe or several lines stays in its cell.
enum MarkdownCell {
  static func escape(_ text: String) -> String {
    HTMLText.escapeContent(text).replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
      .replacingOccurrences(of: "\r", with: "<br>")
  }

  /// A link target: characters that would end the link or the cell are percent-encoded.
  static func link(_ path: String) -> String {
    var out = ""
    for scalar in path.unicodeScalars {
      switch scalar {
      case " ": out += "%20"
      case "(": out += "%28"
      case ")": out += "%29"
      case "|": out += "%7C"
      case "<": out += "%3C"
      case ">": out += "%3E"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
