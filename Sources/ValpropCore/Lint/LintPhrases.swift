/// A pattern of phrases (`LintPattern(phrases:)`, `LintPattern(joinedPhrases:)`) matched on
/// the bytes of a plain line as the regular expression matches it there: from each place,
/// left to right, the first alternative in the pattern's order that matches (its spaces any
/// run of white space, ASCII case ignored) with no word character (or hyphen) on either
/// side; the search goes on after the match. It answers only for lines of ASCII letters,
/// digits, punctuation, spaces, tabs, line and form feeds, where every byte is one
/// `Character` and one UTF-16 unit, and `\w` and `\s` mean what they mean in ASCII; other
/// lines, and phrases this cannot spell (not ASCII, a space at an edge or two in a row,
/// other white space), take the regular expression.
struct LintPhrases: Sendable {
  /// The phrases, lower-cased, in the pattern's order.
  private let phrases: [[UInt8]]
  /// For each lower-cased first byte, the phrases starting with it, in the pattern's order.
  private let byFirstByte: [[Int]]
  /// Whether a hyphen next to a match forbids it, as a word character does.
  private let hyphenEnds: Bool

  /// The matcher of phrases in the pattern's order, or nil when one cannot be spelt here.
  init?(_ phrases: [String], hyphenEnds: Bool) {
    var lowered: [[UInt8]] = []
    var byFirstByte = [[Int]](repeating: [], count: 128)
    for phrase in phrases {
      let bytes = Array(phrase.utf8).map(LintPrefilter.lower)
      guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
        bytes.allSatisfy({ $0 >= 0x21 && $0 < 0x7F || $0 == 0x20 }),
        !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 })
      else { return nil }
      byFirstByte[Int(first)].append(lowered.count)
      lowered.append(bytes)
    }
    self.phrases = lowered
    self.byFirstByte = byFirstByte
    self.hyphenEnds = hyphenEnds
  }

  /// White space as `\s` reads it in the lines this answers for.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C
  }

  /// Whether a byte next to a match forbids it.
  private func isEdge(_ byte: UInt8) -> Bool {
    LintPrefilter.isWordByte(byte) || (hyphenEnds && byte == 0x2D)
  }

  /// Every match, as `LintPattern.matches(in:)` gives them; nil when the line is not one
  /// this answers for.
  func matches(in text: String) -> [(column: Int, length: Int, text: String)]? {
    var text = text
    return text.withUTF8 { bytes -> [(column: Int, length: Int, text: String)]? in
      for byte in bytes where byte >= 0x7F || (byte < 0x20 && !LintPhrases.isSpace(byte)) { return nil }
      var found: [(column: Int, length: Int, text: String)] = []
      let count = bytes.count
      var start = 0
      while start < count {
        if start > 0, isEdge(bytes[start - 1]) {
          start += 1
          continue
        }
        let first = Int(LintPrefilter.lower(bytes[start]))
        var end: Int?
        for phrase in byFirstByte[first] {
          if let matched = match(phrases[phrase], in: bytes, at: start),
            matched == count || !isEdge(bytes[matched])
          {
            end = matched
            break
          }
        }
        if let end {
          found.append(
            (
              start + 1, end - start,
              String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            ))
          start = end
        } else {
          start += 1
        }
      }
      return found
    }
  }

  /// Where a phrase matched at `start` ends, or nil.
  private func match(_ phrase: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    var index = start
    for byte in phrase {
      if byte == 0x20 {
        guard index < bytes.count, LintPhrases.isSpace(bytes[index]) else { return nil }
        while index < bytes.count, LintPhrases.isSpace(bytes[index]) { index += 1 }
      } else {
        guard index < bytes.count, LintPrefilter.lower(bytes[index]) == byte else { return nil }
        index += 1
      }
    }
    return index
  }
}
