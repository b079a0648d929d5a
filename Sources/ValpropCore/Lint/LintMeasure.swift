import Foundation

/// What makes wording measurable: a number with a unit, a comparison (from … to …, instead
/// of …), or a time frame ("within 2 days", "each Friday", "overnight"). A bare number ("by
/// 12"), a list marker ("3.") or a year alone measures nothing; a ceiling ("up to 80%") and
/// a bare multiplier ("5x quicker") measure only when the evidence backs them.
enum LintMeasure {
  static let words = LintWords.builtIn

  /// A number: digits (with separators and decimals) or a number word.
  static let number =
    #"(?:\d[\d,]*(?:\.\d+)?|"#
    + words.numberWords.map { NSRegularExpression.escapedPattern(for: $0) }
    .joined(separator: "|") + ")"

  /// Words after a number that make no unit ("by 12 and …", "12 to …").
  static let notUnits: Set<String> = [
    "to", "and", "or", "by", "the", "a", "an", "of", "in", "on", "at", "for", "with", "from", "than", "is",
    "are", "was", "were", "be", "it", "that", "this", "as", "if", "but", "so", "we", "our", "you", "your",
    "they", "their", "more", "less", "fewer", "up", "x", "times", "fold",
  ]

  /// Units a number word needs after it to measure ("two days"; "one ledger" is no measure).
  static let timeUnits =
    "(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|business\\s+days?|working\\s+days?|shifts?|steps?|clicks?|people|staff|percent|times)"
  static let numberWordThenUnit = LintPattern(
    #"\b(?:"# + words.numberWords.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
      + #")[\s-]+(?:(?:more|fewer|less|full|extra|working|business)\s+)?"# + timeUnits + #"\b"#,
    words: timeUnitWords)
  /// Every match of `timeUnits` holds one of these whole words.
  static let timeUnitWords = [
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months",
    "quarter", "quarters", "year", "years", "shift", "shifts", "step", "steps", "click", "clicks", "people",
    "staff", "percent", "times",
  ]
  static let percentage = LintPattern(
    #"\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b|pp\b|percentage\s+points?\b|basis\s+points\b|bps\b)"#,
    prefilter: LintPrefilter(afterDigit: ["%", "per", "pp", "basis", "bps"]))
  static let currency = LintPattern(
    #"[$€£¥₹]\s?\d|\b\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn)?\s*(?:usd|eur|gbp|dollars|euros|pounds|chf|aud|cad)\b"#,
    fragments: ["$", "usd", "eur", "gbp", "dollars", "pounds", "chf", "aud", "cad"])
  static let numberThenWord = LintPattern(
    #"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d[\d,]*(?:\.\d+)?)?\+?[\s-]*([a-z][a-z'’-]*)"#)
  /// A rate: "3 a day", "40 per quarter", "twice a week".
  static let rate = LintPattern(
    #"\b(?:\d[\d,]*|once|twice)\s+(?:a|an|per|each|every)\s+(?:second|minute|hour|day|week|month|quarter|year|shift|run|release|customer|user|store|site|truck|clinic)\b"#,
    words: [
      "second", "minute", "hour", "day", "week", "month", "quarter", "year", "shift", "run", "release",
      "customer", "user", "store", "site", "truck", "clinic",
    ])
  static let unitThenNumber = LintPattern(
    #"\b(?:day|week|month|quarter|hour|step|round|tier|level|version|page|minute|year|sprint)s?\s+\d"#)
  static let comparison = LintPattern(
    #"\bfrom\s+[^.;]{0,40}?\d[^.;]{0,60}?\bto\b|\bfrom\s+[^.;]{0,60}?\bto\s+[^.;]{0,30}?\d|\binstead\s+of\s+(?:\S+\s+){0,2}\d|\b(?:vs\.?|versus|rather\s+than|down\s+from|up\s+from)\s+(?:\S+\s+){0,2}\d|\b(?:half|halves|halved|halve|in\s+half|doubles|doubled|triples|tripled)\b"#,
    prefilter: LintPrefilter(
      phrases: [
        ["from", "to"], ["from", "down"], ["from", "up"], ["instead", "of"], ["vs"], ["versus"],
        ["rather", "than"],
        ["half"], ["halves"], ["halved"], ["halve"], ["doubles"], ["doubled"], ["triples"], ["tripled"],
      ]))
  static let timeFrame = LintPattern(
    phrases: words.timeFrames
      + ["each", "every", "by", "on", "before", "until"].flatMap { lead in
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].flatMap {
          ["\(lead) \($0)", "\(lead) \($0)s"]
        }
      })
  /// "Within a day", "in an hour", "inside one shift": a time frame with an article.
  static let singleTimeFrame = LintPattern(
    #"\b(?:within|in|under|inside|by|after)\s+(?:a|an|one|the\s+same|half\s+an?)\s+(?:minute|hour|day|working\s+day|business\s+day|week|month|quarter|shift|visit|call)\b"#,
    words: ["minute", "hour", "day", "week", "month", "quarter", "shift", "visit", "call"])
  /// Ceilings and bare multipliers.
  static let ceiling = LintPattern(
    #"\b(?:up\s+to|as\s+(?:much|many|little|few|fast)\s+as)\s+"# + number + #"(?:\s*(?:%|x\b|×|times\b))?"#,
    prefilter: LintPrefilter.phrases([
      "up to", "as much as", "as many as", "as little as", "as few as", "as fast as",
    ]))
  static let multiplier = LintPattern(
    #"(?<![\w.])\d+(?:\.\d+)?\s*(?:x|×)(?![\w])|\b"# + number
      + #"\s+times\s+(?:faster|quicker|more|less|better|cheaper|as)\b|\b\d+-fold\b|\btwice\s+as\b|\b(?:10|ten)x\b"#,
    prefilter: LintPrefilter(fragments: ["times", "fold", "twice", "tenx"], afterDigit: ["x"]))
  static let listMarker = LintPattern(#"^\s*(?:[-*+]\s+|\d+[.)]\s+|\|)"#)
  static let year = LintPattern(#"^(?:19|20)\d{2}$"#)

  /// The ceilings and multipliers in a text that the evidence does not back.
  static func unbacked(in text: String, evidence: String) -> [(column: Int, length: Int, text: String)] {
    // Most lines hold no figure at all: skip the patterns then.
    guard hasDigit(text) || holdsTwice(text) else { return [] }
    // A multiplier inside a ceiling ("up to 5x") is one figure.
    let ceilings = ceiling.matches(in: text)
    let multipliers = multiplier.matches(in: text).filter { match in
      !ceilings.contains { match.column < $0.column + $0.length && $0.column < match.column + match.length }
    }
    return (ceilings + multipliers).filter { match in
      !LintMeasure.evidence(evidence, backs: match, in: text)
    }.sorted { $0.column < $1.column }
  }

  /// Whether the evidence states the same figure: the number with the same kind of unit
  /// ("5x" backs "up to 5x quicker"; "5 customers" does not), or with the word after it.
  static func evidence(
    _ evidence: String, backs match: (column: Int, length: Int, text: String), in text: String
  ) -> Bool {
    guard !evidence.isEmpty,
      let numberRange = match.text.range(of: #"\d+(?:[.,]\d+)?"#, options: .regularExpression)
    else { return false }
    let figure = NSRegularExpression.escapedPattern(for: String(match.text[numberRange]))
    let rest = match.text[numberRange.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
    let unit: String
    if rest.hasPrefix("%") {
      unit = #"\s*(?:%|percent)"#
    } else if rest.hasPrefix("x") || rest.hasPrefix("×") || rest.hasPrefix("times") || rest.hasPrefix("-fold")
    {
      unit = #"\s*(?:x|×|times|-fold)"#
    } else {
      let after =
        text.dropFirst(match.column - 1 + match.length)
        .split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).first.map(String.init) ?? ""
      guard !after.isEmpty else { return false }
      unit = #"\s+"# + NSRegularExpression.escapedPattern(for: after)
    }
    return LintPattern(#"(?<![\d.,])"# + figure + unit + #"(?![\w])"#).matches(evidence)
  }

  /// Whether wording states a measure. `evidence` is the Evidence section's text: ceilings
  /// and multipliers it backs count.
  static func isMeasured(_ text: String, evidence: String = "") -> Bool {
    if isMeasuredRow(text) { return true }
    var text = text
    if let marker = listMarker.firstMatch(in: text) {
      text = String(repeating: " ", count: marker.length) + text.dropFirst(marker.length)
    }
    for match in unbacked(in: text, evidence: evidence) {
      text = blank(text, column: match.column, length: match.length)
    }
    if timeFrame.matches(text) || singleTimeFrame.matches(text) || numberWordThenUnit.matches(text)
      || comparison.matches(text)
    {
      return true
    }
    // Everything else needs a digit (or "twice").
    guard hasDigit(text) || holdsTwice(text) else { return false }
    // What is left of ceilings and multipliers is backed by the evidence.
    if multiplier.matches(text) || ceiling.matches(text) { return true }
    if percentage.matches(text) || currency.matches(text) || unitThenNumber.matches(text)
      || rate.matches(text)
    {
      return true
    }
    for match in numberThenWord.matches(in: text) {
      let word =
        match.text.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).last.map(String.init)?
        .lowercased() ?? ""
      let digits = match.text.prefix { $0.isNumber }
      // "2025 users" counts users; "in 2025" alone is a year.
      if notUnits.contains(word) || (year.matches(String(digits)) && digits.count == match.text.count) {
        continue
      }
      if word.allSatisfy(\.isLetter) || word.contains("-") || word.contains("'") { return true }
    }
    return false
  }

  /// A number with a unit of time: "in 2 days", "42 minutes".
  static let duration = LintPattern(
    #"\b\d[\d,]*(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d[\d,]*)?[\s-]*"# + timeUnits + #"\b"#,
    prefilter: LintPrefilter(afterDigit: timeUnitStarts))
  /// Every match of `timeUnits` starts with one of these.
  static let timeUnitStarts = [
    "second", "minute", "hour", "day", "week", "month", "quarter", "year", "business", "working", "shift",
    "step", "click", "people", "staff", "percent", "times",
  ]
  static let againstNumber = LintPattern(
    #"\b(?:than|by|against|to|from)\s+(?:about\s+|around\s+|only\s+)?[$€£]?\d"#,
    prefilter: LintPrefilter(beforeDigit: ["than", "by", "against", "to", "from", "about", "around", "only"]))

  /// Whether a sentence measures a comparison ("faster": by how much?): a percentage,
  /// money, a before and after, a duration, a rate, a multiplier or "than 8". A count of
  /// things ("across 3 sites") or a year measures no comparison.
  static func quantifiesComparison(_ text: String, evidence: String = "") -> Bool {
    if !hasDigit(text) && !holdsTwice(text) {
      return comparison.matches(text) || numberWordThenUnit.matches(text)
    }
    return percentage.matches(text) || currency.matches(text) || comparison.matches(text)
      || duration.matches(text) || rate.matches(text) || multiplier.matches(text)
      || againstNumber.matches(text) || numberWordThenUnit.matches(text) || isMeasuredRow(text)
  }

  /// Whether a table row compares figures: at least two cells after the label hold numbers
  /// ("| Hours spent matching per week | 20 | 2 |").
  static func isMeasuredRow(_ text: String) -> Bool {
    // A row starts with "|": on the fast path a text without one is no row.
    if LintEngine.isFast, !text.lintContains(0x7C) { return false }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("|") else { return false }
    let cells = trimmed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    return cells.dropFirst().filter { $0.contains(where: \.isNumber) }.count >= 2
  }

  /// Whether a text holds "twice" in any case: a byte search of ASCII text on the fast
  /// path, Foundation's search otherwise (and in a Turkic locale, where "I" is no "i").
  static func holdsTwice(_ text: String) -> Bool {
    if LintEngine.isFast, plainCase {
      var text = text
      let found = text.withUTF8 { bytes -> Bool? in
        LintPrefilter.isASCII(bytes) ? LintPrefilter.contains(bytes, lowerCased: twice) : nil
      }
      if let found { return found }
    }
    return text.localizedCaseInsensitiveContains("twice")
  }

  /// "twice" as bytes, for `holdsTwice`.
  private static let twice = Array("twice".utf8)

  /// Whether the locale cases "I" as "i".
  static let plainCase = !["tr", "az"].contains(Locale.current.language.languageCode?.identifier ?? "")

  /// Whether a text holds a digit: a quick test before the patterns that need one.
  static func hasDigit(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in bytes.contains { $0 >= 0x30 && $0 <= 0x39 } }
  }

  /// A text with a run of characters replaced by spaces.
  static func blank(_ text: String, column: Int, length: Int) -> String {
    var characters = Array(text)
    for index in (column - 1)..<min(characters.count, column - 1 + length) { characters[index] = " " }
    return String(characters)
  }
}
