import ArgumentParser

/// The output formats of listing commands: `text` for people, `json` for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for a person at a terminal.
  case text
  /// The stable JSON contract of SPEC §4.
  case json
}

/// Renders rows as aligned columns: every column but the last padded to its widest cell.
enum Columns {
  /// Lays out a header and rows, one line each: line breaks and other control characters in
  /// a cell become spaces.
  static func render(header: [String], rows: [[String]]) -> String {
    let all = ([header] + rows).map { row in
      row.map { cell in
        String(cell.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
      }
    }
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n") + "\n"
  }
}
