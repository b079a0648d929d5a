import Foundation

/// A case-insensitive pattern over wording, matched on word boundaries.
struct LintPattern: @unchecked Sendable {
  let regex: NSRegularExpression
  /// What every match holds, tested first on the fast path (see `LintEngine`).
  let prefilter: LintPrefilter?
  /// For a pattern of phrases, the same phrases matched on the bytes of plain lines on the
  /// fast path (see `LintPhrases`); nil for raw patterns.
  let phrases: LintPhrases?

  /// Matches any of the phrases as whole words (spaces in a phrase match any white space).
  init(phrases: [String]) {
    let alternatives = phrases.sorted { ($0.count, $1) > ($1.count, $0) }.map { phrase in
      NSRegularExpression.escapedPattern(for: phrase).replacingOccurrences(of: "\\ ", with: "\\s+")
        .replacingOccurrences(of: " ", with: "\\s+")
    }
    regex = LintPattern.compiled.regex(
      #"(?<![\w-])(?:"# + alternatives.joined(separator: "|") + #")(?![\w-])"#)
    prefilter = LintPrefilter.phrases(phrases)
    self.phrases = LintPhrases(phrases.sorted { ($0.count, $1) > ($1.count, $0) }, hyphenEnds: true)
  }

  /// Matches any of the phrases as words that may be joined to others by hyphens
  /// ("Hydra" in "Hydra-based"), for the team's own words.
  init(joinedPhrases phrases: [String]) {
    let alternatives = phrases.sorted { ($0.count, $1) > ($1.count, $0) }.map { phrase in
      NSRegularExpression.escapedPattern(for: phrase).replacingOccurrences(of: "\\ ", with: "\\s+")
        .replacingOccurrences(of: " ", with: "\\s+")
    }
    regex = LintPattern.compiled.regex(#"(?<![\w])(?:"# + alternatives.joined(separator: "|") + #")(?![\w])"#)
    prefilter = LintPrefilter.phrases(phrases)
    self.phrases = LintPhrases(phrases.sorted { ($0.count, $1) > ($1.count, $0) }, hyphenEnds: false)
  }

  /// A raw regular expression, matched without case. Compiled once per pattern and kept:
  /// compiling is costly, and Foundation's regex objects are never fully freed. `words`
  /// (whole runs of ASCII letters and digits) and `fragments` (anywhere) make a prefilter:
  /// every match must hold one of them, ignoring case.
  init(_ pattern: String, words: [String] = [], fragments: [String] = []) {
    regex = LintPattern.compiled.regex(pattern)
    prefilter = words.isEmpty && fragments.isEmpty ? nil : LintPrefilter(words: words, fragments: fragments)
    phrases = nil
  }

  /// A raw regular expression with a prefilter of its own.
  init(_ pattern: String, prefilter: LintPrefilter?) {
    regex = LintPattern.compiled.regex(pattern)
    self.prefilter = prefilter
    phrases = nil
  }

  /// Whether the fast path may skip the text: it is ASCII and holds none of the prefilter's
  /// words.
  func skips(_ text: String) -> Bool {
    guard let prefilter, LintEngine.isFast else { return false }
    return !prefilter.mayMatch(text)
  }

  /// The compiled patterns, shared by every lint run of the process.
  static let compiled = PatternCache()

  /// A lock-protected store of compiled regular expressions by pattern.
  final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var regexes: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression {
      lock.withLock {
        if let known = regexes[pattern] { return known }
        // Every pattern is valprop's own or built from escaped words, so it always compiles.
        let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        regexes[pattern] = regex
        return regex
      }
    }
  }

  /// Every match in a text: its column (from 1, in characters), length and text.
  func matches(in text: String) -> [(column: Int, length: Int, text: String)] {
    if let memo = LintMatchMemo.current {
      return memo.matches(regex, in: text) { find(in: text) }
    }
    return find(in: text)
  }

  /// Every match, found now.
  private func find(in text: String) -> [(column: Int, length: Int, text: String)] {
    if skips(text) { return [] }
    if LintEngine.isFast, let phrases, let found = phrases.matches(in: text) { return found }
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
      guard let found = Range(match.range, in: text) else { return nil }
      return (
        text.distance(from: text.startIndex, to: found.lowerBound) + 1, text[found].count, String(text[found])
      )
    }
  }

  /// The first match, if any.
  func firstMatch(in text: String) -> (column: Int, length: Int, text: String)? {
    matches(in: text).first
  }

  /// Whether the text matches.
  func matches(_ text: String) -> Bool {
    if let memo = LintMatchMemo.current {
      return memo.matchesAny(regex, in: text) { holdsMatch(text) }
    }
    return holdsMatch(text)
  }

  /// Whether the text matches, found now.
  private func holdsMatch(_ text: String) -> Bool {
    if skips(text) { return false }
    if LintEngine.isFast, let phrases, let found = phrases.matches(in: text) { return !found.isEmpty }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}
