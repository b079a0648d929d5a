import Foundation

/// What decides whether two versions of a proposition have the same wording, computed as
/// cheaply as possible: the words of the body (everything after the front matter), and the
/// front matter's text. Bodies are compared first; only when they match and the front matter
/// differs is the YAML parsed, to compare the title and audience.
struct WordingKey {
  /// The body's words and punctuation, white space left out, joined by U+0001 (one string
  /// holds less memory than thousands of small ones).
  let body: String
  /// The front matter's text (between the `---` lines), "" without one.
  let frontMatter: String
  /// The whole file, parsed only when the bodies match and the front matter differs.
  let data: Data
  /// The path, for the parse.
  let path: String

  /// Splits a file into its front matter and body without parsing YAML.
  init(data: Data, path: String) {
    self.path = path
    if data.count > SourceText.maximumSize || data.contains(0) {
      // Binary or oversized: any change of bytes counts, and nothing is tokenised.
      body = "\u{2}\(data.count):" + HistoryCache.checksum(data)
      frontMatter = ""
      self.data = Data()
      return
    }
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
    self.data = data
    body = Tokenizer.wording(lines[bodyStart...].joined()).joined(separator: "\u{1}")
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
