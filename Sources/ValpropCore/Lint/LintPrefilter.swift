import Foundation

/// Which path lint's wording checks take. The fast path skips a pattern on lines that
/// cannot match it (a byte scan of ASCII lines for the words every match holds) and
/// searches ASCII text for words without Foundation; the reference path runs every pattern
/// on every line, as lint did before. Both give the same findings: the tests run both on
/// the lint corpora and on random text. `VALPROP_LINT_ENGINE=reference` forces the
/// reference path.
enum LintEngine: Sendable {
  case fast
  case reference

  /// The path the environment asks for: `reference`, or the fast path otherwise.
  static let environment: LintEngine =
    ProcessInfo.processInfo.environment["VALPROP_LINT_ENGINE"] == "reference" ? .reference : .fast

  /// The path in force (tests switch it for one task).
  @TaskLocal static var current: LintEngine = environment

  /// Whether the fast path is in force.
  static var isFast: Bool { current == .fast }
}

/// What every match of a pattern must hold, tested on a line's bytes before the regular
/// expression runs. Exact only for ASCII text: a line with any other byte always may match,
/// since Unicode case folding can turn other characters into ASCII letters (the Kelvin sign
/// folds to "k", the long s to "s", "ﬁ" to "fi") and other letters join words.
struct LintPrefilter: Sendable {
  /// Lower-cased words, each a whole run of ASCII letters, digits and "_" in any match.
  private let words: [[UInt8]]
  /// Lower-cased fragments, one of which every match holds somewhere.
  private let fragments: [[UInt8]]
  /// For each pair of first bytes (and the word's length, capped), whether a word starts so.
  private let starts: [UInt64]

  /// A prefilter for whole words (`words`) or fragments anywhere (`fragments`). Both must be
  /// ASCII; words must be runs of letters, digits and "_".
  init(words: [String] = [], fragments: [String] = []) {
    self.words = Array(Set(words.map { Array($0.lowercased().utf8) })).sorted {
      $0.lexicographicallyPrecedes($1)
    }
    self.fragments = Array(Set(fragments.map { Array($0.lowercased().utf8) })).sorted {
      $0.lexicographicallyPrecedes($1)
    }
    var starts = [UInt64](repeating: 0, count: 1 << 10)
    for word in self.words {
      let key = LintPrefilter.key(word[...])
      starts[key >> 6] |= 1 << UInt64(key & 63)
    }
    self.starts = starts
    precondition(
      (words + fragments).allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } && !$0.isEmpty },
      "prefilter words are ASCII")
  }

  /// The prefilter of phrases matched as whole words (`LintPattern(phrases:)`), or nil
  /// when a phrase is not ASCII or has no word in it. Each run of letters and digits of a
  /// phrase is a whole word of any text it matches: the phrase's edges forbid a letter or
  /// digit next to it, and inside the phrase its neighbours are spaces or punctuation.
  static func phrases(_ phrases: [String]) -> LintPrefilter? {
    var words: [String] = []
    for phrase in phrases {
      guard phrase.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
      // The longest run: the rarest in text ("lot" of "a lot of").
      let runs = phrase.utf8.split { !isWordByte($0) }
      guard let longest = runs.max(by: { $0.count < $1.count }) else { return nil }
      words.append(String(decoding: longest, as: UTF8.self))
    }
    return LintPrefilter(words: words)
  }

  /// A letter, digit or "_": what `\w` matches in ASCII.
  static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == 0x5F
  }

  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// The bitmap index of a word: its first two bytes, lower-cased, and whether it is longer.
  private static func key(_ word: ArraySlice<UInt8>) -> Int {
    let first = Int(lower(word[word.startIndex]) & 0x7F)
    let second = word.count > 1 ? Int(lower(word[word.startIndex + 1]) & 0x7F) : 0
    return (first << 7 | second) << 1 | (word.count > 2 ? 1 : 0)
  }

  /// Whether a text may match: false only when it is ASCII and holds none of the words and
  /// fragments.
  func mayMatch(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { mayMatch(bytes: $0) }
  }

  /// Whether the fast path may skip a text that cannot match.
  func skips(_ text: String) -> Bool {
    LintEngine.isFast && !mayMatch(text)
  }

  func mayMatch(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 { return true }
    if !words.isEmpty, holdsWord(bytes) { return true }
    for fragment in fragments where LintPrefilter.contains(bytes, lowerCased: fragment) { return true }
    return false
  }

  private func holdsWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      guard LintPrefilter.isWordByte(bytes[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < count, LintPrefilter.isWordByte(bytes[index]) { index += 1 }
      let length = index - start
      let first = Int(LintPrefilter.lower(bytes[start]))
      let second = length > 1 ? Int(LintPrefilter.lower(bytes[start + 1])) : 0
      let key = (first << 7 | second) << 1 | (length > 2 ? 1 : 0)
      guard starts[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
      for word in words where word.count == length {
        var same = true
        for offset in 0..<length where LintPrefilter.lower(bytes[start + offset]) != word[offset] {
          same = false
          break
        }
        if same { return true }
      }
    }
    return false
  }

  /// Whether ASCII bytes hold a lower-cased ASCII needle, ignoring ASCII case.
  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, lowerCased needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard bytes.count >= needle.count else { return false }
    let first = needle[0]
    var index = 0
    let last = bytes.count - needle.count
    while index <= last {
      if lower(bytes[index]) == first {
        var offset = 1
        while offset < needle.count, lower(bytes[index + offset]) == needle[offset] { offset += 1 }
        if offset == needle.count { return true }
      }
      index += 1
    }
    return false
  }
}
