import Foundation

/// The word lists lint rules read, from the data files of `Lint/words/` carried inside the
/// binary: teams and contributors change the words without touching the rules.
struct LintWords: Sendable {
  /// One entry of a list: the words, and a replacement where the fix is mechanical.
  struct Entry: Sendable, Equatable {
    let words: String
    let replacement: String?
  }

  let alternatives: [String]
  let beliefPhrases: [String]
  let buzzwords: [Entry]
  let englishWords: Set<String>
  let everyone: [String]
  let features: [String]
  let genericClaims: [String]
  /// Acronyms that need no expansion.
  let knownAcronyms: Set<String>
  /// Generic qualities that a measure in their sentence makes specific.
  let measurableClaims: Set<String>
  let numberWords: [String]
  let outcomeVerbs: [String]
  let sizedSegments: [String]
  let superlatives: [String]
  /// Technology words that open a line alone ("AI reconciles…").
  let strongTechnology: [String]
  /// Technology words that open a line only as the product's own ("Our cloud platform…").
  let technology: [String]
  let timeFrames: [String]
  let vague: [String]
  let wordy: [Entry]

  /// The built-in lists.
  static let builtIn = LintWords()

  private init() {
    func list(_ bytes: [UInt8], britishSpelling: Bool = false) -> [Entry] {
      LintWords.parse(String(decoding: bytes, as: UTF8.self), britishSpelling: britishSpelling)
    }
    func words(_ bytes: [UInt8], britishSpelling: Bool = false) -> [String] {
      list(bytes, britishSpelling: britishSpelling).map(\.words)
    }
    alternatives = words(PackageResources.alternatives_txt)
    beliefPhrases = words(PackageResources.belief_phrases_txt)
    buzzwords = list(PackageResources.buzzwords_txt, britishSpelling: true)
    englishWords = Set(words(PackageResources.english_words_txt))
    everyone = words(PackageResources.everyone_words_txt)
    features = words(PackageResources.feature_words_txt)
    let claimLines = words(PackageResources.generic_claims_txt)
    genericClaims = claimLines.map { $0.hasPrefix("measurable: ") ? String($0.dropFirst(12)) : $0 }
    measurableClaims = Set(
      claimLines.filter { $0.hasPrefix("measurable: ") }.map { String($0.dropFirst(12)) })
    numberWords = words(PackageResources.number_words_txt)
    knownAcronyms = Set(words(PackageResources.known_acronyms_txt))
    outcomeVerbs = words(PackageResources.outcome_verbs_txt)
    sizedSegments = words(PackageResources.sized_segments_txt)
    superlatives = words(PackageResources.superlatives_txt)
    let technologyLines = words(PackageResources.technology_words_txt, britishSpelling: true)
    strongTechnology = technologyLines.filter { $0.hasPrefix("strong: ") }.map { String($0.dropFirst(8)) }
    technology = technologyLines.filter { !$0.hasPrefix("strong: ") }
    timeFrames = words(PackageResources.time_frames_txt)
    vague = words(PackageResources.vague_words_txt, britishSpelling: true)
    wordy = list(PackageResources.wordy_phrases_txt, britishSpelling: true)
  }

  /// Reads a list: one entry a line, `#` starts a comment line, `words -> replacement` gives
  /// a replacement. With `britishSpelling`, each -ize/-yze word also stands in its -ise/-yse
  /// spelling, with the replacement spelt the same way.
  static func parse(_ text: String, britishSpelling: Bool) -> [Entry] {
    var text = text
    return text.withUTF8 { parse(bytes: $0, britishSpelling: britishSpelling) }
  }

  /// The same, on the text's UTF-8 bytes. Lines are cut at newline bytes: `split` of the
  /// String read it Character by Character, 4.4 M instructions of every process that lints
  /// (docs/performance.md, session 19), and the byte slices `split` made, the Strings made
  /// of every line and lowering lines already in lower case were most of the 3.9 M it still
  /// took (session 27). A line that ends in a carriage return (a checkout that writes CRLF)
  /// ends before it.
  private static func parse(bytes: UnsafeBufferPointer<UInt8>, britishSpelling: Bool) -> [Entry] {
    var entries: [Entry] = []
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != 0x0A { end += 1 }
      var last = end
      if last > start, bytes[last - 1] == 0x0D { last -= 1 }
      let raw = UnsafeBufferPointer(rebasing: bytes[start..<last])
      start = end + 1
      guard let line = trimmedLine(raw), !(line.utf8.first == 0x23 && line.hasPrefix("#")) else { continue }
      // Most lines give no replacement: Foundation's search for the arrow is skipped for them
      // (it was most of reading the lists, paid by every process that lints).
      let parts = raw.contains(0x3E) ? line.components(separatedBy: " -> ") : [line]
      let entry = Entry(
        words: lowered(parts.count > 1 ? trimmed(parts[0][...]) : line),
        replacement: parts.count > 1 ? trimmed(parts[1][...]) : nil)
      entries.append(entry)
      if britishSpelling {
        let british = britishVariant(entry.words)
        if british != entry.words {
          entries.append(Entry(words: british, replacement: entry.replacement))
        }
      }
    }
    return entries
  }

  /// `trimmed` of a line's bytes, nil when nothing is left: a line that starts and ends in a
  /// plain byte is made into a String once, as it is.
  private static func trimmedLine(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    guard let first = raw.first, let last = raw.last else { return nil }
    func plain(_ byte: UInt8) -> Bool { byte != 0x20 && byte != 0x09 && byte < 0x80 }
    let line = String(decoding: raw, as: UTF8.self)
    if plain(first), plain(last) { return line }
    let trimmed = trimmed(line[...])
    return trimmed.isEmpty ? nil : trimmed
  }

  /// `lowercased()`, skipped for text of ASCII bytes with no capital letter, which it leaves
  /// as it is.
  private static func lowered(_ text: String) -> String {
    text.utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } ? text.lowercased() : text
  }

  /// A line without white space at either end, as `trimmingCharacters(in: .whitespaces)`
  /// gives it; a line that starts and ends in a letter is taken as it is.
  static func trimmed(_ line: Substring) -> String {
    func plain(_ byte: UInt8?) -> Bool { byte.map { $0 != 0x20 && $0 != 0x09 && $0 < 0x80 } ?? false }
    guard plain(line.utf8.first), plain(line.utf8.last) else {
      return line.trimmingCharacters(in: .whitespaces)
    }
    return String(line)
  }

  /// The British spelling of a word with -iz-/-yz- ("optimized" → "optimised"), or the word.
  static func britishVariant(_ word: String) -> String {
    // Most entries hold neither "iz" nor "yz"; they need no regular expression at all.
    let bytes = Array(word.utf8)
    guard zip(bytes, bytes.dropFirst()).contains(where: { ($0 == 0x69 || $0 == 0x79) && $1 == 0x7A }) else {
      return word
    }
    // ASCII entries are respelt on their bytes: compiling the expression was most of what
    // reading the lists cost a process that lints one file (docs/performance.md, session 18).
    if bytes.allSatisfy({ $0 < 0x80 }) { return britishVariant(ascii: bytes) }
    return britishVariantByExpression(word)
  }

  /// `britishVariant` by its regular expression: other text, and the reference the bytes
  /// are tested against.
  static func britishVariantByExpression(_ word: String) -> String {
    let whole = NSRange(word.startIndex..., in: word)
    return britishEnding.stringByReplacingMatches(in: word, range: whole, withTemplate: "$1$2s$3")
  }

  /// `britishVariant` of ASCII text: each leftmost match of `britishEnding` in turn (a
  /// lower-case letter, "i" or "y", "z", the first ending that a word boundary follows)
  /// gets an "s" for its "z".
  static func britishVariant(ascii bytes: [UInt8]) -> String {
    func isWord(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == 0x5F
    }
    let endings = ["e", "es", "ed", "ing", "ation", "ations", "er", "ers"].map { Array($0.utf8) }
    var respelt = bytes
    var index = 0
    search: while index + 3 < bytes.count {
      guard bytes[index] >= 0x61, bytes[index] <= 0x7A, bytes[index + 1] == 0x69 || bytes[index + 1] == 0x79,
        bytes[index + 2] == 0x7A
      else {
        index += 1
        continue
      }
      for ending in endings {
        let end = index + 3 + ending.count
        guard end <= bytes.count, bytes[(index + 3)..<end].elementsEqual(ending),
          end == bytes.count || !isWord(bytes[end])
        else { continue }
        respelt[index + 2] = 0x73
        index = end
        continue search
      }
      index += 1
    }
    return String(decoding: respelt, as: UTF8.self)
  }

  /// The -ize/-yze endings `britishVariant` respells, compiled once: compiling it for each
  /// entry was a tenth of a warm `list` that lints one file.
  private static let britishEnding = try! NSRegularExpression(
    pattern: #"([a-z])(i|y)z(e|es|ed|ing|ation|ations|er|ers)\b"#)
}
