import Foundation

/// Changes front-matter keys in a proposition's text, touching only the lines of those keys
/// (or adding lines before the closing `---`), so every other byte stays as written.
public enum FrontMatterEditor {
  /// Sets top-level keys to YAML values (written as given, e.g. `2026-11-27` or `[a, b]`).
  /// A file without front matter gains a minimal one. Line endings follow the file's own.
  /// Keys in `removing` lose their lines (a link a lifecycle change cuts).
  public static func set(
    _ values: [(key: String, value: String)], removing: [String] = [], in proposition: Proposition
  ) -> String {
    let text = proposition.text
    let newline = text.contains("\r\n") ? "\r\n" : "\n"
    var lines = SourceText.linesWithEndings(text)
    guard proposition.hasFrontMatter else {
      let block =
        (["---"] + values.map { "\($0.key): \($0.value)" } + ["---"]).joined(separator: newline) + newline
      return block + text
    }
    // The closing '---' line: the first after line 1.
    let closing =
      lines.indices.dropFirst().first { index in
        let trimmed = lines[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed == "---" || trimmed == "..."
      } ?? lines.count
    let keyLines = proposition.frontMatter.keyLines.map { $0.line - 1 }.sorted()
    var insertions: [String] = []
    var replacements: [Int: (end: Int, text: String)] = [:]
    for (key, value) in values {
      guard let start = proposition.frontMatter.line(of: key).map({ $0 - 1 }), start < lines.count else {
        insertions.append("\(key): \(value)\(newline)")
        continue
      }
      // The key's lines run to the next key or the closing line (block lists span lines).
      let end = keyLines.first { $0 > start }.map { min($0, closing) } ?? closing
      let original = lines[start]
      let ending = original.hasSuffix("\r\n") ? "\r\n" : original.hasSuffix("\n") ? "\n" : newline
      // A key adopted under the team's own name keeps that name.
      var replacement = "\(proposition.frontMatter.writtenKeys[key] ?? key): \(value)"
      // Keep a trailing comment on a one-line value.
      if end == start + 1, let comment = original.range(of: #"\s+#.*$"#, options: .regularExpression) {
        replacement += original[comment].trimmingCharacters(in: .newlines)
      }
      let indent = original.prefix { $0 == " " }
      replacements[start] = (end, indent + replacement + ending)
    }
    for key in removing where !values.contains(where: { $0.key == key }) {
      guard let start = proposition.frontMatter.line(of: key).map({ $0 - 1 }), start < lines.count else {
        continue
      }
      let end = keyLines.first { $0 > start }.map { min($0, closing) } ?? closing
      replacements[start] = (end, "")
    }
    for (start, change) in replacements.sorted(by: { $0.key > $1.key }) {
      lines.replaceSubrange(start..<change.end, with: [change.text])
    }
    let closingNow =
      lines.indices.dropFirst().first { index in
        let trimmed = lines[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed == "---" || trimmed == "..."
      } ?? lines.count
    lines.insert(contentsOf: insertions, at: closingNow)
    return lines.joined()
  }
}
