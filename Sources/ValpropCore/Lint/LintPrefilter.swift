import Foundation
import GitKit

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
    ProcessEnvironment.value("VALPROP_LINT_ENGINE") == "reference" ? .reference : .fast

  /// The path in force (tests switch it for one task).
  @TaskLocal static var current: LintEngine = environment

  /// Whether the fast path is in force.
  static var isFast: Bool { current == .fast }
}

extension Linter {
  /// Lints on the reference path (every regular expression on every line, the `Character`
  /// code), for the fuzzer to compare with `lint(_:asOf:)`.
  @_spi(Fuzzing) public func lintByReference(_ proposition: Proposition, asOf: CalendarDate) -> LintResult {
    LintEngine.$current.withValue(.reference) { lint(proposition, asOf: asOf) }
  }
}

/// What every match of a pattern must hold, tested on a line's bytes before the regular
/// expression runs. Exact only for ASCII text: a line with any other byte always may match,
/// since Unicode case folding can turn other characters into ASCII letters (the Kelvin sign
/// folds to "k", the long s to "s", "ﬁ" to "fi") and other letters join words.
struct LintPrefilter: Sendable {
  /// Lower-cased words, each a whole run of ASCII letters, digits and "_" in any match.
  private let words: [[UInt8]]
  /// For each word, the other words its phrase holds: a line must hold them all as well.
  private let companions: [[[UInt8]]]
  /// For each word, its whole phrase lower-cased, when the line must hold it as written
  /// (each space standing for any run of white space); nil for a phrase of one word.
  private let sequences: [[UInt8]?]
  /// Lower-cased fragments, one of which every match holds somewhere.
  private let fragments: [[UInt8]]
  /// The fragments' first bytes, a bit each (bytes under 0x80), so that one pass over a
  /// line looks for every fragment.
  private let fragmentStarts: (low: UInt64, high: UInt64)
  /// The fragments' first two bytes, a bit for each pair (`pairKey`), when every fragment
  /// has two bytes or more (else nil, and the first bytes decide alone): "t" opens "todo"
  /// and one word in ten, and comparing every fragment at each "t" was most of the
  /// prefilter's time on the long paragraphs of dotnet/csharplang (docs/performance.md,
  /// session 29).
  private let fragmentPairs: [UInt64]?
  /// For each pair of first bytes (and the word's length, capped), whether a word starts so.
  private let starts: [UInt64]
  /// Each word's bitmap index (`key`), in ascending order as the words are kept.
  private let wordKeys: [Int]
  /// Lower-cased fragments, one of which may follow a number instead ("5%", "3 days",
  /// "2.5x"): after a digit and any digits, ",", ".", "-" and white space.
  private let afterDigit: [[UInt8]]
  /// Lower-cased words, one of which may come before a number instead ("than 5", "by $3"):
  /// the whole run of letters before a digit and any "$" and white space.
  private let beforeDigit: [[UInt8]]

  /// A prefilter for whole words (`words`) or fragments anywhere (`fragments`). Both must be
  /// ASCII; words must be runs of letters, digits and "_".
  init(words: [String] = [], fragments: [String] = [], afterDigit: [String] = [], beforeDigit: [String] = [])
  {
    self.init(
      phrases: words.map { [$0] }, fragments: fragments, afterDigit: afterDigit, beforeDigit: beforeDigit)
  }

  /// A prefilter for phrases given as their words, the first the one looked for: a line
  /// must hold every word of one phrase as whole words, or one of the fragments.
  init(
    phrases: [[String]], sequences: [String?]? = nil, fragments: [String] = [], afterDigit: [String] = [],
    beforeDigit: [String] = []
  ) {
    precondition(
      (phrases.flatMap { $0 } + fragments + afterDigit + beforeDigit).allSatisfy {
        $0.utf8.allSatisfy { $0 < 0x80 } && !$0.isEmpty
      },
      "prefilter words are ASCII")
    precondition(
      afterDigit.allSatisfy { !LintPrefilter.skipsAfterDigit($0.utf8.first!) }
        && beforeDigit.allSatisfy { $0.utf8.allSatisfy(LintPrefilter.isLetter) },
      "a figure's fragments start after what a number holds; the words before it are letters")
    self.afterDigit = afterDigit.map { Array($0.lowercased().utf8) }
    self.beforeDigit = beforeDigit.map { Array($0.lowercased().utf8) }
    let written = sequences ?? phrases.map { _ in nil }
    precondition(
      written.count == phrases.count && written.allSatisfy { $0?.utf8.allSatisfy { $0 < 0x80 } ?? true })
    // Each phrase's words, then its whole text (or nothing) as the last entry.
    let unique = Set(
      zip(phrases, written).map { words, text in
        words.map { Array($0.lowercased().utf8) } + [text.map { Array($0.lowercased().utf8) } ?? []]
      }
    ).sorted {
      $0.lexicographicallyPrecedes($1) { $0.lexicographicallyPrecedes($1) }
    }
    // By key, so that the words a key can be are one run (`candidates`).
    let byKey = unique.enumerated().sorted {
      (LintPrefilter.key($0.element[0][...]), $0.offset) < (LintPrefilter.key($1.element[0][...]), $1.offset)
    }.map(\.element)
    words = byKey.map { $0[0] }
    companions = byKey.map { Array($0.dropFirst().dropLast()) }
    self.sequences = byKey.map { $0.last!.isEmpty ? nil : $0.last! }
    wordKeys = words.map { LintPrefilter.key($0[...]) }
    self.fragments = Array(Set(fragments.map { Array($0.lowercased().utf8) })).sorted {
      $0.lexicographicallyPrecedes($1)
    }
    var fragmentStarts: (low: UInt64, high: UInt64) = (0, 0)
    for fragment in self.fragments {
      if fragment[0] < 64 {
        fragmentStarts.low |= 1 << UInt64(fragment[0])
      } else {
        fragmentStarts.high |= 1 << UInt64(fragment[0] - 64)
      }
    }
    self.fragmentStarts = fragmentStarts
    if !self.fragments.isEmpty, self.fragments.allSatisfy({ $0.count >= 2 }) {
      var pairs = [UInt64](repeating: 0, count: (1 << 14) / 64)
      for fragment in self.fragments {
        let key = LintPrefilter.pairKey(fragment[0], fragment[1])
        pairs[key >> 6] |= 1 << UInt64(key & 63)
      }
      fragmentPairs = pairs
    } else {
      fragmentPairs = nil
    }
    var starts = [UInt64](repeating: 0, count: 1 << 10)
    for word in words {
      let key = LintPrefilter.key(word[...])
      starts[key >> 6] |= 1 << UInt64(key & 63)
    }
    self.starts = starts
  }

  /// The prefilter of phrases matched as whole words (`LintPattern(phrases:)`), or nil
  /// when a phrase is not ASCII or has no word in it. Each run of letters and digits of a
  /// phrase is a whole word of any text it matches: the phrase's edges forbid a letter or
  /// digit next to it, and inside the phrase its neighbours are spaces or punctuation.
  /// A phrase of more than one word must also be there as written, its spaces standing for
  /// any white space (`\s+` in the pattern), ignoring ASCII case.
  static func phrases(_ phrases: [String], fragments: [String] = []) -> LintPrefilter? {
    var words: [[String]] = []
    var sequences: [String?] = []
    for phrase in phrases {
      guard phrase.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
      let runs = phrase.utf8.split { !isWordByte($0) }.map { String(decoding: $0, as: UTF8.self) }
      // The longest run first, the last of equals: the rarest in text ("lot" of "a lot
      // of", "top" of "the top").
      guard let longest = runs.indices.max(by: { runs[$0].count <= runs[$1].count }) else { return nil }
      words.append([runs[longest]] + runs.enumerated().filter { $0.offset != longest }.map(\.element))
      // A phrase that is one word needs no second look; nor does one with a space at an edge.
      sequences.append(
        runs.count == 1 && runs[0] == phrase || phrase.hasPrefix(" ") || phrase.hasSuffix(" ") ? nil : phrase)
    }
    return LintPrefilter(phrases: words, sequences: sequences, fragments: fragments)
  }

  /// A letter, digit or "_": what `\w` matches in ASCII.
  static func isWordByte(_ byte: UInt8) -> Bool {
    // A letter of either case, a digit, "_": three comparisons.
    (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
  }

  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// The bitmap index of two ASCII bytes, lower-cased.
  private static func pairKey(_ first: UInt8, _ second: UInt8) -> Int {
    Int(first & 0x7F) << 7 | Int(second & 0x7F)
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
    if !LintPrefilter.isASCII(bytes) { return true }
    if !words.isEmpty, holdsWord(bytes) { return true }
    if !fragments.isEmpty, holdsFragment(bytes) { return true }
    if !afterDigit.isEmpty || !beforeDigit.isEmpty, holdsFigure(bytes) { return true }
    return false
  }

  /// Whether bytes are all ASCII, tested eight at a time.
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let count = bytes.count
    var index = 0
    while index + 8 <= count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      index += 8
    }
    while index < count {
      if bytes[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// An ASCII letter.
  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
  }

  /// White space as `\s` reads it in ASCII (with the separators 0x1C-0x1F, to be safe).
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
  }

  /// What a number and the space after it hold before its unit: digits, separators,
  /// decimals, hyphens and white space.
  static func skipsAfterDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == 0x2C || byte == 0x2E || byte == 0x2D || isSpace(byte)
  }

  /// Whether ASCII bytes hold one of the fragments, ignoring ASCII case: one pass, where
  /// `contains(_:lowerCased:)` takes one a fragment.
  private func holdsFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    let (low, high) = fragmentStarts
    guard let fragmentPairs else {
      for index in 0..<count {
        let first = LintPrefilter.lower(bytes[index])
        let bit = first < 64 ? low >> UInt64(first) : high >> UInt64(first & 63)
        if bit & 1 != 0, holdsFragment(bytes, at: index, opening: first) { return true }
      }
      return false
    }
    return fragmentPairs.withUnsafeBufferPointer { pairs in
      // No fragment fits in the last byte; else the pair must open one.
      var index = 0
      while index + 1 < count {
        let first = LintPrefilter.lower(bytes[index])
        let bit = first < 64 ? low >> UInt64(first) : high >> UInt64(first & 63)
        if bit & 1 != 0 {
          let key = LintPrefilter.pairKey(first, LintPrefilter.lower(bytes[index + 1]))
          if pairs[key >> 6] & (1 << UInt64(key & 63)) != 0, holdsFragment(bytes, at: index, opening: first) {
            return true
          }
        }
        index += 1
      }
      return false
    }
  }

  /// Whether one of the fragments that open with `first` is at `index`.
  private func holdsFragment(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, opening first: UInt8) -> Bool
  {
    for fragment in fragments where fragment[0] == first && bytes.count - index >= fragment.count {
      if LintPrefilter.same(bytes, index, fragment) { return true }
    }
    return false
  }

  /// Whether an ASCII text holds a number followed by one of `afterDigit` or preceded by
  /// one of `beforeDigit`.
  private func holdsFigure(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var index = 0
    while index < count {
      guard LintPrefilter.isDigit(bytes[index]) else {
        index += 1
        continue
      }
      if !beforeDigit.isEmpty {
        var end = index
        while end > 0, bytes[end - 1] == 0x24 || LintPrefilter.isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, LintPrefilter.isLetter(bytes[start - 1]) { start -= 1 }
        for word in beforeDigit where word.count == end - start {
          if LintPrefilter.same(bytes, start, word) { return true }
        }
      }
      // Every digit up to the unit leads to the same place: go on from there.
      while index < count, LintPrefilter.skipsAfterDigit(bytes[index]) { index += 1 }
      for fragment in afterDigit where count - index >= fragment.count {
        if LintPrefilter.same(bytes, index, fragment) { return true }
      }
    }
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
      var candidate = candidates(key)
      while candidate < words.count, wordKeys[candidate] == key {
        let word = words[candidate]
        if word.count == length, LintPrefilter.same(bytes, start, word),
          companions[candidate].allSatisfy({ LintPrefilter.holdsWhole(bytes, $0) }),
          sequences[candidate].map({ LintPrefilter.holdsPhrase(bytes, $0) }) ?? true
        {
          return true
        }
        candidate += 1
      }
    }
    return false
  }

  /// The first of the words whose key is `key` (they follow it): a binary search of
  /// `wordKeys`, where the reference scanned every word.
  private func candidates(_ key: Int) -> Int {
    wordKeys.firstIndex(notBelow: key)
  }

  /// Whether the bytes at `start` are the lower-cased word, ignoring ASCII case.
  private static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: [UInt8]) -> Bool {
    for offset in word.indices where lower(bytes[start + offset]) != word[offset] { return false }
    return true
  }

  /// Whether ASCII bytes hold a lower-cased phrase as written, each of its spaces standing
  /// for a run of white space, ignoring ASCII case.
  static func holdsPhrase(_ bytes: UnsafeBufferPointer<UInt8>, _ phrase: [UInt8]) -> Bool {
    let count = bytes.count
    for start in 0..<count where lower(bytes[start]) == phrase[0] {
      var index = start
      var offset = 0
      while offset < phrase.count {
        if phrase[offset] == 0x20 {
          guard index < count, isSpace(bytes[index]) else { break }
          while index < count, isSpace(bytes[index]) { index += 1 }
          while offset < phrase.count, phrase[offset] == 0x20 { offset += 1 }
        } else {
          guard index < count, lower(bytes[index]) == phrase[offset] else { break }
          index += 1
          offset += 1
        }
      }
      if offset == phrase.count { return true }
    }
    return false
  }

  /// Whether ASCII bytes hold a lower-cased word as a whole run of letters and digits.
  private static func holdsWhole(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
    var index = 0
    while index < bytes.count {
      guard isWordByte(bytes[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
      if index - start == word.count, same(bytes, start, word) { return true }
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
