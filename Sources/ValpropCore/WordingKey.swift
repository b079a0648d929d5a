import Foundation

/// What decides whether two versions of a proposition have the same wording, computed as
/// cheaply as possible: the words of the body (everything after the front matter), and the
/// front matter's text. Bodies are compared first; only when they match and the front matter
/// differs is the YAML parsed, to compare the title and audience.
struct WordingKey {
  /// The body's words and punctuation, white space left out.
  let body: [String]
  /// The front matter's text (between the `---` lines), "" without one.
  let frontMatter: String
  /// The whole file, for parsing the front matter when needed.
  let data: Data
  /// The path, for the parse.
  let path: String

  /// Splits a file into its front matter and body without parsing YAML.
  init(data: Data, path: String) {
    self.data = data
    self.path = path
    var text = String(decoding: data, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let lines = SourceText.linesWithEndings(text)
    var bodyStart = 0
    var front = ""
    if let first = lines.first, first.trimmingCharacters(in: .whitespacesAndNewlines) == "---",
      let close = lines.indices.dropFirst().first(where: { index in
        let line = lines[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return line == "---" || line == "..."
      })
    {
      front = lines[1..<close].joined()
      bodyStart = close + 1
    }
    frontMatter = front
    body = Tokenizer.wording(lines[bodyStart...].joined())
  }

  /// The title and audience words, from the parsed front matter (or the heading, as the
  /// proposition's title falls back to it).
  var titleAndAudience: [String] {
    let proposition = Proposition.lenient(id: "", path: path, data: data)
    return Tokenizer.wording(proposition.title) + ["\u{1}"]
      + Tokenizer.wording(proposition.frontMatter.audience ?? "")
  }

  /// Whether two versions have the same wording.
  func sameWording(as other: WordingKey) -> Bool {
    guard body == other.body else { return false }
    if frontMatter == other.frontMatter { return true }
    return titleAndAudience == other.titleAndAudience
  }
}
