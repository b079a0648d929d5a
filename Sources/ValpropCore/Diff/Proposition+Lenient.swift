import Foundation

extension Proposition {
  /// Reads any bytes as a proposition for comparing history: the strict parse when it works,
  /// else the text decoded leniently with its front matter read as plain body text. Old
  /// revisions may hold files valprop would reject today; their wording still counts.
  public static func lenient(id: String, path: String, data: Data) -> Proposition {
    let hasZero = data.withUnsafeBytes { bytes in
      bytes.count > 0 && memchr(bytes.baseAddress!, 0, bytes.count) != nil
    }
    if data.count > SourceText.maximumSize || hasZero {
      // Binary or oversized bytes are never diffed word by word: one line stands for them.
      let note = "(valprop does not read this file: binary, or larger than 2 MB)\n"
      return (try? Proposition(id: id, path: path, text: note))
        ?? (try! Proposition(id: id, path: path, text: "\n"))
    }
    if let parsed = try? Proposition(id: id, path: path, data: data) { return parsed }
    let text = String(decoding: data, as: UTF8.self)
    if let parsed = try? Proposition(id: id, path: path, text: text) { return parsed }
    // Unparseable front matter: keep all of it as body so nothing is lost.
    return (try? Proposition(id: id, path: path, text: "\n" + text))
      ?? (try! Proposition(id: id, path: path, text: "\n"))
  }

  /// The words and punctuation of the title, the audience and the body, white space
  /// ignored: two versions with equal wording differ only in metadata or layout.
  public var wording: [String] {
    Tokenizer.wording(title) + ["\u{1}"] + Tokenizer.wording(frontMatter.audience ?? "") + ["\u{1}"]
      + Tokenizer.wording(bodyLines.joined(separator: "\n"))
  }
}
