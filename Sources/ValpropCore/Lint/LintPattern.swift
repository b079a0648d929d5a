import Foundation

/// A case-insensitive pattern over wording, matched on word boundaries.
struct LintPattern: @unchecked Sendable {
  /// The regular expression, compiled the first time a text needs it: the fast path answers
  /// most lines from the prefilter or the phrases' bytes, and compiling every rule's
  /// expression was a tenth of linting one file in a fresh process (docs/performance.md,
  /// session 17). It is also the pattern's identity in `LintMatchMemo`.
  let expression: LazyExpression
  /// What every match holds, tested first on the fast path (see `LintEngine`).
  let prefilter: LintPrefilter?
  /// For a pattern of phrases, the same phrases matched on the bytes of plain lines on the
  /// fast path (see `LintPhrases`); nil for raw patterns.
  let phrases: LintPhrases?
  /// Whether the prefilter's answer on ASCII text is the pattern's own (`init(wholeWords:)`),
  /// so that the fast path asks whether such a text matches without the expression.
  var prefilterDecides = false

  /// The compiled regular expression.
  var regex: NSRegularExpression { expression.regex }

  /// Matches any of the phrases as whole words (spaces in a phrase match any white space).
  init(phrases: [String]) {
    let ordered = LintPattern.longestFirst(phrases)
    expression = LintPattern.compiled.expression(recipe: LintPattern.recipe("phrases", ordered)) {
      #"(?<![\w-])(?:"# + LintPattern.alternatives(ordered) + #")(?![\w-])"#
    }
    prefilter = LintPrefilter.phrases(phrases)
    self.phrases = LintPhrases(ordered, hyphenEnds: true)
  }

  /// Matches any of the phrases as words that may be joined to others by hyphens
  /// ("Hydra" in "Hydra-based"), for the team's own words.
  init(joinedPhrases phrases: [String]) {
    let ordered = LintPattern.longestFirst(phrases)
    expression = LintPattern.compiled.expression(recipe: LintPattern.recipe("joined", ordered)) {
      #"(?<![\w])(?:"# + LintPattern.alternatives(ordered) + #")(?![\w])"#
    }
    prefilter = LintPrefilter.phrases(phrases)
    self.phrases = LintPhrases(ordered, hyphenEnds: false)
  }

  /// A raw regular expression, matched without case. Compiled once per pattern and kept:
  /// compiling is costly, and Foundation's regex objects are never fully freed. `words`
  /// (whole runs of ASCII letters and digits) and `fragments` (anywhere) make a prefilter:
  /// every match must hold one of them, ignoring case.
  init(_ pattern: String, words: [String] = [], fragments: [String] = []) {
    expression = LintPattern.compiled.expression(recipe: LintPattern.recipe("raw", [pattern])) { pattern }
    prefilter = words.isEmpty && fragments.isEmpty ? nil : LintPrefilter(words: words, fragments: fragments)
    phrases = nil
  }

  /// `\b(?:word|word…)\b` without case: on ASCII text, a match is a whole run of ASCII
  /// letters, digits and "_" that is one of the words (ICU's `\w` on ASCII), which is what
  /// the prefilter's words test, so it answers `matches` for such text. The rules that only
  /// ask whether a sentence speaks of "we" then compile nothing for ASCII files.
  init(wholeWords words: [String]) {
    self.init(#"\b(?:"# + words.joined(separator: "|") + #")\b"#, words: words)
    prefilterDecides = true
  }

  /// A raw regular expression with a prefilter of its own.
  init(_ pattern: String, prefilter: LintPrefilter?) {
    expression = LintPattern.compiled.expression(recipe: LintPattern.recipe("raw", [pattern])) { pattern }
    self.prefilter = prefilter
    phrases = nil
  }

  /// What a pattern is made from, as one string that no other kind or list of parts gives:
  /// each part is written after its length in bytes, so a part holding the separator cannot
  /// pass for two.
  static func recipe(_ kind: String, _ parts: [String]) -> String {
    kind + parts.map { "\u{0}\($0.utf8.count)\u{0}\($0)" }.joined()
  }

  /// Phrases longest first (in `Character`s), ties in alphabetical order: the order
  /// of the alternatives, so that the longest phrase at a place is the one matched. Each
  /// phrase is counted once, not at every comparison.
  static func longestFirst(_ phrases: [String]) -> [String] {
    phrases.map { ($0.count, $0) }.sorted { ($0.0, $1.1) > ($1.0, $0.1) }.map(\.1)
  }

  /// The phrases as alternatives of a regular expression: escaped, each space matching any
  /// run of white space.
  static func alternatives(_ ordered: [String]) -> String {
    ordered.map { phrase in
      NSRegularExpression.escapedPattern(for: phrase).replacingOccurrences(of: "\\ ", with: "\\s+")
        .replacingOccurrences(of: " ", with: "\\s+")
    }.joined(separator: "|")
  }

  /// A regular expression compiled on first use (for a pattern, from the process's shared
  /// store).
  final class LazyExpression: @unchecked Sendable {
    private let lock = NSLock()
    private var made: NSRegularExpression?
    private let compile: () -> NSRegularExpression

    /// An expression `compile` makes when a text first needs it.
    init(compiling compile: @escaping () -> NSRegularExpression) {
      self.compile = compile
    }

    /// A valprop pattern, compiled without case from the shared store.
    convenience init(_ source: @escaping () -> String) {
      self.init { LintPattern.compiled.regex(source()) }
    }

    /// The expression, compiled now if no text needed it before.
    var regex: NSRegularExpression {
      lock.withLock {
        if let made { return made }
        let compiled = compile()
        made = compiled
        return compiled
      }
    }
  }

  /// Whether the fast path may skip the text: it is ASCII and holds none of the prefilter's
  /// words.
  func skips(_ text: String) -> Bool {
    guard let prefilter, LintEngine.isFast else { return false }
    return !prefilter.mayMatch(text)
  }

  /// The compiled patterns, shared by every lint run of the process.
  static let compiled = PatternCache()

  /// A lock-protected store of compiled regular expressions by pattern, and of the lazy
  /// expressions by what they are made from, so that two patterns made alike (a rule that
  /// builds its pattern for each text) are one in `LintMatchMemo` and compile once.
  ///
  /// Both are keyed by the bytes: Swift's `==` holds "Å" (U+212B) and "A" with a combining
  /// ring equal, and the regular expression engine reads them apart, so two phrases spelt
  /// in other normal forms must not share a pattern.
  final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var regexes: [[UInt8]: NSRegularExpression] = [:]
    private var expressions: [[UInt8]: LazyExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression {
      let key = Array(pattern.utf8)
      return lock.withLock {
        if let known = regexes[key] { return known }
        // Every pattern is valprop's own or built from escaped words, so it always compiles.
        let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        regexes[key] = regex
        return regex
      }
    }

    /// The lazy expression made from `recipe` (the pattern, or the phrases and their kind),
    /// whose pattern `source` writes when a text first needs it.
    func expression(recipe: String, source: @escaping () -> String) -> LazyExpression {
      let key = Array(recipe.utf8)
      return lock.withLock {
        if let known = expressions[key] { return known }
        let made = LazyExpression(source)
        expressions[key] = made
        return made
      }
    }
  }

  /// Every match in a text: its column (from 1, in characters), length and text.
  func matches(in text: String) -> [(column: Int, length: Int, text: String)] {
    if let memo = LintMatchMemo.current {
      // A text the prefilter rules out is answered without the memo: looking a line up
      // cost more than the prefilter's pass over it, and most lines are ruled out
      // (docs/performance.md, session 29).
      if skips(text) { return [] }
      return memo.matches(expression, in: text) { find(in: text) }
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
      if skips(text) { return false }
      return memo.matchesAny(expression, in: text) { holdsMatch(text) }
    }
    return holdsMatch(text)
  }

  /// Whether the text matches, found now.
  private func holdsMatch(_ text: String) -> Bool {
    if skips(text) { return false }
    // Not skipped, ASCII: it holds one of the words.
    if prefilterDecides, LintEngine.isFast {
      var text = text
      if text.withUTF8({ LintPrefilter.isASCII($0) }) { return true }
    }
    if LintEngine.isFast, let phrases, let found = phrases.matches(in: text) { return !found.isEmpty }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}
