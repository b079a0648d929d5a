/// The code patterns of `LintSection.codePatterns` after the inline code one (links, link
/// references, URLs, issue references, ticket keys), matched on the bytes of a line as their
/// regular expressions match it: the leftmost match, then the next from where it ended.
///
/// Compiling the six expressions was 8 M instructions of every process that lints a link
/// or a URL, a fifth of a warm `list` after a commit that edits one RFC (docs/performance.md,
/// session 18). The matchers read only lines of printable ASCII and tabs, where ICU's `\s` is
/// a space or a tab, `\w` is `[A-Za-z0-9_]`, `\d` is a digit, and no byte ends a line;
/// `spans` gives nil for any other line, which goes to the regular expression.
/// `CodePatternBytesTests` holds each matcher to its expression on generated lines.
enum CodePatternBytes {
  /// The spans pattern `index` of `LintSection.codePatterns` (1 to 7) matches in `bytes`; nil
  /// when the line holds a byte the matchers do not read.
  static func spans(_ index: Int, in bytes: [UInt8]) -> [Range<Int>]? {
    guard reads(bytes) else { return nil }
    switch index {
    case 1: return linkTargets(bytes)
    case 2: return linkReference(bytes)
    case 3: return angleURLs(bytes)
    case 4: return schemeURLs(bytes)
    case 5: return wwwURLs(bytes)
    case 6: return issueReferences(bytes)
    case 7: return ticketKeys(bytes)
    default: return nil
    }
  }

  /// Whether a line is printable ASCII and tabs, the lines these matchers (and
  /// `AcronymBytes`) read.
  static func reads(_ bytes: [UInt8]) -> Bool {
    bytes.allSatisfy { ($0 >= 0x20 && $0 <= 0x7E) || $0 == 0x09 }
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
  static func isWord(_ byte: UInt8) -> Bool {
    isDigit(byte) || isUpper(byte) || isLower(byte) || byte == 0x5F
  }

  /// Whether `\b` holds before `index`, where the byte at `index` is a word byte.
  static func wordStarts(_ bytes: [UInt8], at index: Int) -> Bool {
    index == 0 || !isWord(bytes[index - 1])
  }

  /// Whether `bytes` holds `text` at `index`.
  static func holds(_ bytes: [UInt8], _ text: StaticString, at index: Int) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index >= 0, index + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
    return true
  }

  /// `\]\([^)]*\)`: a link's target with the "]" before it.
  static func linkTargets(_ bytes: [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var index = 0
    while index + 1 < bytes.count {
      guard bytes[index] == 0x5D, bytes[index + 1] == 0x28 else {
        index += 1
        continue
      }
      // No ")" after this opening: none after any later one either.
      guard let close = bytes[(index + 2)...].firstIndex(of: 0x29) else { break }
      spans.append(index..<(close + 1))
      index = close + 1
    }
    return spans
  }

  /// `^\s*\[[^\]]+\]:\s*\S.*$`: a whole line that defines a link reference.
  static func linkReference(_ bytes: [UInt8]) -> [Range<Int>] {
    var index = 0
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    guard index < bytes.count, bytes[index] == 0x5B else { return [] }
    index += 1
    let label = index
    while index < bytes.count, bytes[index] != 0x5D { index += 1 }
    guard index < bytes.count, index > label, index + 1 < bytes.count, bytes[index + 1] == 0x3A else {
      return []
    }
    index += 2
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    return index < bytes.count ? [0..<bytes.count] : []
  }

  /// `<[a-z]+://[^>]*>`: a URL in angle brackets.
  static func angleURLs(_ bytes: [UInt8]) -> [Range<Int>] {
    matches(bytes) { index in
      guard bytes[index] == 0x3C else { return nil }
      var scheme = index + 1
      while scheme < bytes.count, isLower(bytes[scheme]) { scheme += 1 }
      guard scheme > index + 1, holds(bytes, "://", at: scheme),
        let close = bytes[(scheme + 3)...].firstIndex(of: 0x3E)
      else { return nil }
      return close + 1
    }
  }

  /// `[^\s)>\]]+` from `start`: where the run ends, or nil when it is empty.
  static func urlRest(_ bytes: [UInt8], from start: Int) -> Int? {
    var end = start
    while end < bytes.count {
      let byte = bytes[end]
      if isSpace(byte) || byte == 0x29 || byte == 0x3E || byte == 0x5D { break }
      end += 1
    }
    return end > start ? end : nil
  }

  /// `\b(?:https?|ftp)://[^\s)>\]]+`: a bare URL.
  static func schemeURLs(_ bytes: [UInt8]) -> [Range<Int>] {
    matches(bytes) { index in
      // "https" before "http", as the expression's `https?` tries the "s" first.
      guard wordStarts(bytes, at: index),
        let scheme = (["https://", "http://", "ftp://"] as [StaticString]).first(where: {
          holds(bytes, $0, at: index)
        })
      else { return nil }
      return urlRest(bytes, from: index + scheme.utf8CodeUnitCount)
    }
  }

  /// `\bwww\.[^\s)>\]]+`: a web address without a scheme.
  static func wwwURLs(_ bytes: [UInt8]) -> [Range<Int>] {
    matches(bytes) { index in
      guard holds(bytes, "www.", at: index), wordStarts(bytes, at: index) else { return nil }
      return urlRest(bytes, from: index + 4)
    }
  }

  /// `(?<![Tt]he )(?<![Oo]ur )(?<![Rr]anked )(?<![Rr]ated )(?<![Vv]oted )(?<![\w&])`
  /// `(?:[\w.-]+/[\w.-]+)?#\d+\b`: an issue or pull request, "#12" or "owner/repo#12", but
  /// not a rank ("the #1 tool").
  static func issueReferences(_ bytes: [UInt8]) -> [Range<Int>] {
    func isName(_ byte: UInt8) -> Bool { isWord(byte) || byte == 0x2E || byte == 0x2D }
    func run(from start: Int) -> Int {
      var end = start
      while end < bytes.count, isName(bytes[end]) { end += 1 }
      return end
    }
    /// `#\d+\b` at `index`: where it ends.
    func number(at index: Int) -> Int? {
      guard index < bytes.count, bytes[index] == 0x23 else { return nil }
      var end = index + 1
      while end < bytes.count, isDigit(bytes[end]) { end += 1 }
      guard end > index + 1, end == bytes.count || !isWord(bytes[end]) else { return nil }
      return end
    }
    return matches(bytes) { index in
      if index > 0, isWord(bytes[index - 1]) || bytes[index - 1] == 0x26 { return nil }
      for word in ["the ", "our ", "ranked ", "rated ", "voted "] as [StaticString] {
        let start = index - word.utf8CodeUnitCount
        guard start >= 0 else { continue }
        // The first letter in either case, the rest as written.
        let first = bytes[start]
        if first == word.utf8Start[0] || first == word.utf8Start[0] - 0x20,
          (1..<word.utf8CodeUnitCount).allSatisfy({ bytes[start + $0] == word.utf8Start[$0] })
        {
          return nil
        }
      }
      // "owner/repo#12" first, then "#12".
      let owner = run(from: index)
      if owner > index, owner < bytes.count, bytes[owner] == 0x2F {
        let repository = run(from: owner + 1)
        if repository > owner + 1, let end = number(at: repository) { return end }
      }
      return number(at: index)
    }
  }

  /// `\b[A-Z]{2,}[A-Z0-9]*-\d+\b`: a ticket key such as "PROJ-123".
  static func ticketKeys(_ bytes: [UInt8]) -> [Range<Int>] {
    matches(bytes) { index in
      guard index + 1 < bytes.count, isUpper(bytes[index]), isUpper(bytes[index + 1]),
        wordStarts(bytes, at: index)
      else { return nil }
      var key = index + 2
      while key < bytes.count, isUpper(bytes[key]) || isDigit(bytes[key]) { key += 1 }
      guard key < bytes.count, bytes[key] == 0x2D else { return nil }
      var end = key + 1
      while end < bytes.count, isDigit(bytes[end]) { end += 1 }
      guard end > key + 1, end == bytes.count || !isWord(bytes[end]) else { return nil }
      return end
    }
  }

  /// The leftmost matches, each looked for from where the one before ended: `match` gives
  /// where a match starting at an index ends, or nil.
  static func matches(_ bytes: [UInt8], _ match: (Int) -> Int?) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var index = 0
    while index < bytes.count {
      if let end = match(index) {
        spans.append(index..<end)
        index = end
      } else {
        index += 1
      }
    }
    return spans
  }
}
