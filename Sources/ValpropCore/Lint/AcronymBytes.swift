/// `Linter.Check.acronym`, `(?<![\w&-])(?:[A-Z]{2,}[A-Z0-9&]*|[A-Z][0-9]+)(?:s|'s)?(?![\w&-])`,
/// matched on the bytes of a line as the expression matches it: compiling it was the one
/// regular expression left in a process that lints one RFC, and the first one compiled
/// pays for ICU's property sets (8 M instructions of a warm `list` after a commit;
/// docs/performance.md, session 18). It reads lines of printable ASCII and tabs only (where
/// `\w` is `[A-Za-z0-9_]`); `spans` gives nil for others, which go to the expression.
/// `AcronymBytesTests` holds it to the expression on generated lines.
enum AcronymBytes {
  /// The spans the expression matches in `bytes`, leftmost first; nil when the line holds
  /// a byte this does not read.
  static func spans(in bytes: [UInt8]) -> [Range<Int>]? {
    guard CodePatternBytes.reads(bytes) else { return nil }
    return CodePatternBytes.matches(bytes) { index in match(bytes, at: index) }
  }

  /// `[\w&-]`, which may stand neither before nor after an acronym.
  static func joins(_ byte: UInt8) -> Bool {
    CodePatternBytes.isWord(byte) || byte == 0x26 || byte == 0x2D
  }

  /// Where a match starting at `index` ends, or nil.
  static func match(_ bytes: [UInt8], at index: Int) -> Int? {
    guard index + 1 < bytes.count, CodePatternBytes.isUpper(bytes[index]) else { return nil }
    if index > 0, joins(bytes[index - 1]) { return nil }
    var end: Int
    if CodePatternBytes.isUpper(bytes[index + 1]) {
      // `[A-Z]{2,}[A-Z0-9&]*`: giving any back leaves a byte of the run next, which the
      // lookahead refuses, so only the whole run can match.
      end = index + 2
      while end < bytes.count,
        CodePatternBytes.isUpper(bytes[end]) || CodePatternBytes.isDigit(bytes[end]) || bytes[end] == 0x26
      {
        end += 1
      }
    } else if CodePatternBytes.isDigit(bytes[index + 1]) {
      end = index + 2
      while end < bytes.count, CodePatternBytes.isDigit(bytes[end]) { end += 1 }
    } else {
      return nil
    }
    // `(?:s|'s)?` tries "s", then "'s", then nothing, each followed by the lookahead.
    func free(_ at: Int) -> Bool { at == bytes.count || !joins(bytes[at]) }
    if end < bytes.count, bytes[end] == 0x73, free(end + 1) { return end + 1 }
    if end + 1 < bytes.count, bytes[end] == 0x27, bytes[end + 1] == 0x73, free(end + 2) { return end + 2 }
    return free(end) ? end : nil
  }
}
