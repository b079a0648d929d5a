import Foundation

/// What decides whether two versions of a proposition have the same wording, computed as
/// cheaply as possible: the words of the body (everything after the front matter), and the
/// front matter's text. Bodies are compared first; only when they match and the front matter
/// differs is the YAML parsed, to compare the title and audience.
final class WordingKey {
  /// The body's words and punctuation, white space left out, joined by U+0001 (one string
  /// holds less memory than thousands of small ones).
  let body: String
  /// The front matter's text (between the `---` lines), "" without one.
  let frontMatter: String
  /// The whole file, parsed only when the bodies match and the front matter differs.
  let data: Data
  /// The path, for the parse.
  let path: String

  /// Splits a file into its front matter and body without parsing YAML, on the bytes: the
  /// fences are found by the proposition parser's own rule (`Proposition.frontMatterEnd`).
  init(data: Data, path: String) {
    self.path = path
    let parts: (front: String, body: String)? = data.withUnsafeBytes { raw in
      if raw.isEmpty { return ("", "") }
      let bytes = raw.bindMemory(to: UInt8.self)
      guard bytes.count <= SourceText.maximumSize, memchr(raw.baseAddress!, 0, raw.count) == nil else {
        return nil
      }
      var start = 0
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
      func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[min(from, to)..<to]), as: UTF8.self)
      }
      /// The body's key, straight from the bytes (lines of ASCII byte by byte).
      func body(_ from: Int) -> String {
        Tokenizer.joinedWording(anyBytes: UnsafeBufferPointer(rebasing: bytes[min(from, bytes.count)...]))
      }
      // Without front matter, or with front matter never closed, the whole file is body.
      let lines = SourceText.lineRanges(bytes, from: start)
      guard let close = try? Proposition.frontMatterEnd(lines, in: bytes, path: path) else {
        return ("", body(start))
      }
      return (
        text(lines[1].lowerBound, lines[close].lowerBound),
        body(close + 1 < lines.count ? lines[close + 1].lowerBound : bytes.count)
      )
    }
    guard let parts else {
      // Binary or oversized: any change of bytes counts, and nothing is tokenised.
      body = "\u{2}\(data.count):" + HistoryCache.checksum(data)
      frontMatter = ""
      self.data = Data()
      return
    }
    frontMatter = parts.front
    self.data = data
    body = parts.body
  }

  /// The title and audience words, from the parsed front matter (or the heading, as the
  /// proposition's title falls back to it); parsed once, when first compared.
  lazy var titleAndAudience: [String] = {
    // Front matter that parses and names a title is all that is needed; parsing the whole
    // proposition (its lines, heading and sections) cost four times as much.
    if !frontMatter.isEmpty, let parsed = try? FrontMatter(yaml: frontMatter, path: path, firstLine: 2),
      let title = parsed.title
    {
      return Self.titleAndAudience(title: title, audience: parsed.audience)
    }
    let proposition = Proposition.lenient(id: "", path: path, data: data)
    return Self.titleAndAudience(title: proposition.title, audience: proposition.frontMatter.audience)
  }()

  static func titleAndAudience(title: String, audience: String?) -> [String] {
    Tokenizer.wording(title) + ["\u{1}"] + Tokenizer.wording(audience ?? "")
  }

  /// Whether two versions have the same wording.
  func sameWording(as other: WordingKey) -> Bool {
    guard body == other.body else { return false }
    if frontMatter == other.frontMatter { return true }
    return titleAndAudience == other.titleAndAudience
  }
}
