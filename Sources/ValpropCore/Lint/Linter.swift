import Foundation

/// Checks a proposition's structure and wording against what separates strong value
/// propositions from weak ones, and scores it.
public struct Linter: Sendable {
  /// Rule ids and concerns switched off.
  public let disabled: Set<String>
  /// Severity overrides by rule id; nil switches a rule off.
  public let severities: [String: Severity?]
  /// Extra words counted as jargon.
  public let jargon: [String]
  /// The team's own word rules.
  public let teamRules: [LintTeamRule]
  /// The longest headline accepted, in words.
  public let headlineWords: Int
  /// The longest unique value proposition or job statement accepted, in words.
  public let statementWords: Int
  /// The default review interval, for the age of evidence.
  public let reviewEvery: ReviewInterval

  /// A linter with the workspace's settings.
  public init(config: WorkspaceConfig) {
    disabled = Set(config.lintDisable)
    severities = config.lintSeverity
    jargon = config.lintJargon
    teamRules = config.lintRules
    headlineWords = config.lintHeadlineWords
    statementWords = config.lintStatementWords
    reviewEvery = config.reviewEvery
  }

  /// The result for a file that could not be parsed: one `front-matter` finding.
  public func result(for error: ValpropError, id: String, path: String) -> LintResult {
    var collector = Collector(linter: self, id: id, path: path, lines: [])
    let location = error.location
    collector.add(
      .frontMatter, line: location?.line ?? 1, column: location?.column ?? 1,
      message: error.problem.replacingOccurrences(of: "\(path):", with: "")
        .trimmingCharacters(in: .whitespaces).replacingOccurrences(
          of: #"^\d+(:\d+)?: "#, with: "", options: .regularExpression) + (error.hint.map { "; \($0)" } ?? "")
    )
    return LintResult(id: id, path: path, findings: collector.findings, scores: .unreadable)
  }

  /// Lints a proposition on a day (the age of evidence depends on it).
  public func lint(_ proposition: Proposition, asOf: CalendarDate) -> LintResult {
    lint(proposition, asOf: asOf, sections: nil)
  }

  /// Lints a proposition on a day, taking its prepared sections from `sections` when it
  /// holds them (the revisions of one history share most of theirs).
  func lint(_ proposition: Proposition, asOf: CalendarDate, sections: LintSectionMemo?) -> LintResult {
    // The body's lines are cut once, for the checks and the findings' line texts.
    let bodyLines = proposition.bodyLines
    var collector = Collector(linter: self, proposition: proposition, bodyLines: bodyLines)
    let memo = LintEngine.isFast ? sections : nil
    let check = Check(proposition: proposition, linter: self, asOf: asOf, memo: memo, bodyLines: bodyLines)
    func run() -> [Suppression] {
      check.run(&collector)
      return check.suppressions(&collector)
    }
    // With a memo of sections, the patterns' matches are kept with it (`LintMatchMemo`).
    let suppressions = memo?.matches.installed(run) ?? run()
    let kept = collector.findings.filter { finding in
      !suppressions.contains { $0.covers(finding) }
    }.sorted { left, right in
      // By line, column and rule id; the ids are compared only at one place.
      if left.line != right.line { return left.line < right.line }
      if left.column != right.column { return left.column < right.column }
      return left.rule.id.rawValue < right.rule.id.rawValue
    }
    return LintResult(id: proposition.id, path: proposition.path, findings: kept, scores: LintScore(kept))
  }

  /// Lints propositions on every core, each result at its proposition's index. Every
  /// worker takes the caller's lint path (`LintEngine`); on the reference path they are
  /// linted one after another on the calling thread, as before.
  public func lintConcurrently(_ propositions: [Proposition], asOf: CalendarDate) -> [LintResult] {
    let engine = LintEngine.current
    guard engine == .fast, propositions.count > 1 else {
      return propositions.map { lint($0, asOf: asOf) }
    }
    let slots = ResultSlots<LintResult>(count: propositions.count)
    DispatchQueue.concurrentPerform(iterations: propositions.count) { index in
      let result = LintEngine.$current.withValue(engine) { lint(propositions[index], asOf: asOf) }
      slots.set(index, result)
    }
    return slots.values()
  }

  /// 0-100: the mean of the six characteristics, each capped by its worst finding (see
  /// `LintScore`).
  public static func score(_ findings: [LintFinding]) -> Int {
    LintScore(findings).total
  }

  /// Gathers findings, applying `lint.disable` and `lint.severity`.
  struct Collector {
    let linter: Linter
    let id: String
    let path: String
    /// The file's lines, for columns in bytes; split from `body.text` when first needed.
    private var lines: [String]
    /// A proposition's body lines as its parse split them (the file's lines from
    /// `firstLine`), and its text: a lint reads a line above the body (the front matter)
    /// from the text split again only when a finding points there.
    private let body: (lines: [String], firstLine: Int, text: String)?
    var findings: [LintFinding] = []
    /// What makes each finding the same as another (see `add`), for the fast path's test.
    private var kept: Set<Kept> = []
    /// While a section's loop is recorded for `LintSectionReplay`: every call of `add`, as
    /// made, before the settings filter it.
    var recording: [LintSectionReplay.Addition]?

    /// A finding's rule, place and message.
    private struct Kept: Hashable {
      let rule: LintRuleID
      let line: Int
      let column: Int
      let message: String

      /// The place alone: few findings share one, and a message's hash is its text
      /// normalized, Character by Character for typographic quotes (the messages quote the
      /// words they flag). Equality still compares the messages as Strings, as the reference
      /// path does.
      func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(line)
        hasher.combine(column)
      }
    }

    init(linter: Linter, id: String, path: String, lines: [String]) {
      self.linter = linter
      self.id = id
      self.path = path
      self.lines = lines
      body = nil
    }

    /// A collector for a proposition's findings, reading its lines from the parse on the
    /// fast path (the reference path splits the text, as before); `bodyLines` are the
    /// proposition's, when the caller has cut them already.
    init(linter: Linter, proposition: Proposition, bodyLines: [String]? = nil) {
      self.linter = linter
      id = proposition.id
      path = proposition.path
      guard LintEngine.isFast else {
        lines = SourceText.lines(proposition.text)
        body = nil
        return
      }
      lines = []
      body = (bodyLines ?? proposition.bodyLines, proposition.bodyFirstLine, proposition.text)
    }

    /// The file's line `number` (from 1); nil past its ends.
    mutating func fileLine(_ number: Int) -> String? {
      if let body, !body.lines.isEmpty, number >= body.firstLine {
        // The lines of the body are the file's from `firstLine` on (`Proposition`).
        return number - body.firstLine < body.lines.count ? body.lines[number - body.firstLine] : nil
      }
      if let body, lines.isEmpty { lines = SourceText.lines(body.text) }
      return number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// A character column as a UTF-8 byte column on a file line.
    mutating func byteColumn(line: Int, column: Int) -> Int {
      guard let text = fileLine(line) else { return column }
      return Collector.byteColumn(in: text, column: column)
    }

    /// A character column as a UTF-8 byte column in a line. Where the bytes before it and
    /// the one at it are ASCII but "\r", each character before it is one byte (only "\r"
    /// joins the ASCII byte after it into one character, and a mark joining the last one
    /// would be a byte of 0x80 or more at the column), so the column is read from the bytes
    /// without walking characters.
    static func byteColumn(in text: String, column: Int) -> Int {
      var bytes = text
      if LintEngine.isFast,
        let plain = bytes.withUTF8({ bytes -> Int? in
          let before = min(max(0, column - 1), bytes.count)
          for index in 0..<min(before + 1, bytes.count) where bytes[index] >= 0x80 || bytes[index] == 0x0D {
            return nil
          }
          return before
        })
      {
        return plain + 1
      }
      return text.prefix(max(0, column - 1)).utf8.count + 1
    }

    mutating func add(
      _ ruleID: LintRuleID, line: Int, column: Int = 1, cap: Int? = nil, message: String,
      suggestion: LintSuggestion? = nil, severity chosenSeverity: Severity? = nil
    ) {
      recording?.append(
        LintSectionReplay.Addition(
          rule: ruleID, line: line, column: column, cap: cap, message: message, suggestion: suggestion,
          severity: chosenSeverity))
      let rule = LintRule.rule(ruleID)
      if linter.disabled.contains(rule.id.rawValue) || linter.disabled.contains(rule.concern.rawValue) {
        return
      }
      var severity = chosenSeverity ?? rule.severity
      if let override = linter.severities[rule.id.rawValue] {
        guard let chosen = override else { return }
        severity = chosen
      }
      // The same finding twice (one line can match a rule's pattern more than once) is one;
      // different messages at one place (each missing section) are all kept.
      // The fast path looks the finding up; the reference path reads every finding so far.
      let isNew =
        LintEngine.isFast
        ? kept.insert(Kept(rule: rule.id, line: line, column: column, message: message)).inserted
        : !findings.contains(where: {
          $0.rule.id == rule.id && $0.line == line && $0.column == column && $0.message == message
        })
      guard isNew else { return }
      var fix = suggestion
      if let original = suggestion {
        fix?.byteColumn = byteColumn(line: original.line, column: original.column)
        fix?.byteEndColumn =
          original.endLine == original.line && original.endColumn > 1
          ? byteColumn(line: original.endLine, column: original.endColumn) : original.endColumn
      }
      findings.append(
        LintFinding(
          rule: rule, severity: severity, id: id, path: path, line: line, column: column,
          byteColumn: byteColumn(line: line, column: column), message: message, suggestion: fix, cap: cap))
    }
  }

  /// A `<!-- valprop-ignore rule: reason -->` in force over ranges of lines: its section and
  /// the front-matter keys the section mirrors.
  struct Suppression {
    let name: String
    let lines: [ClosedRange<Int>]

    func covers(_ finding: LintFinding) -> Bool {
      (finding.rule.id.rawValue == name || finding.rule.concern.rawValue == name)
        && lines.contains { $0.contains(finding.line) }
    }
  }
}
