import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Lint's settings (suppressions, `lint.*` in the config, the score) and its five output
/// formats, each parsed and checked against the shape its consumer expects.
@Suite struct LintRendererTests {
  /// The day evidence is judged on.
  static let asOf = CalendarDate(year: 2026, month: 11, day: 27)!

  /// A strong core proposition that lints clean; tests change one part of it.
  static let base = Samples.strongCore()

  /// The base text with parts replaced.
  static func text(_ replacements: [(String, String)]) -> String {
    replacements.reduce(base) { text, pair in
      precondition(text.contains(pair.0), "the base has no '\(pair.0)'")
      return text.replacingOccurrences(of: pair.0, with: pair.1)
    }
  }

  /// Lints a text with a config (the text of `.valprop.yml`).
  func lint(_ text: String, config: String = "", path: String = "propositions/autopilot.md") throws
    -> LintResult
  {
    let workspace = config.isEmpty ? WorkspaceConfig() : try WorkspaceConfig(text: config)
    let proposition = try Proposition(id: "autopilot", path: path, data: Data(text.utf8))
    return Linter(config: workspace).lint(proposition, asOf: Self.asOf)
  }

  /// The file line (from 1) of the first line containing `needle`, and the column (from 1,
  /// in characters) where it starts.
  func position(of needle: String, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws -> (line: Int, column: Int)
  {
    let lines = text.components(separatedBy: "\n")
    let index = try #require(
      lines.firstIndex { $0.contains(needle) }, "no '\(needle)'", sourceLocation: sourceLocation)
    let range = try #require(lines[index].range(of: needle), sourceLocation: sourceLocation)
    return (index + 1, lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
  }

  /// The rule ids found, with their lines.
  func found(_ result: LintResult) -> [String] {
    result.findings.map { "\($0.rule.id.rawValue)@\($0.line)" }
  }

  @Test func theBaseIsClean() throws {
    let result = try lint(Self.base)
    #expect(result.findings.isEmpty, "\(found(result))")
    #expect(result.score == 100)
  }

  // MARK: Suppressions

  @Test func aRuleSuppressionSilencesThatRuleInItsSectionOnly() throws {
    let text = Self.text([
      (
        "Controllers match payouts to invoices by hand, 20 hours per week.",
        "<!-- valprop-ignore buzzword: the controllers' own word in 9 of 14 interviews -->\n"
          + "Controllers leverage spreadsheets to match payouts, 20 hours per week.\n"
          + "In order to close, they work weekends, 2 a month."
      ),
      (
        "Matches every payout to its invoices overnight.",
        "We leverage bank feeds to match payouts overnight."
      ),
    ])
    let result = try lint(text)
    let problem = try position(of: "Controllers leverage", in: text)
    let solution = try position(of: "We leverage", in: text)
    let wordy = try position(of: "In order to", in: text)
    #expect(
      result.findings.filter { $0.rule.id == .buzzword }.map(\.line) == [solution.line], "\(found(result))")
    #expect(!result.findings.contains { $0.line == problem.line })
    // Only the rule named: another rule of the same concern in the section still counts.
    #expect(
      result.findings.contains { $0.rule.id == .wordyPhrase && $0.line == wordy.line }, "\(found(result))")
  }

  @Test func aConcernSuppressionSilencesEveryRuleOfThatConcernInItsSectionOnly() throws {
    let text = Self.text([
      (
        "Controllers match payouts to invoices by hand, 20 hours per week.",
        "<!-- valprop-ignore language: quoted from the customer's RFP -->\n"
          + "In order to close, controllers leverage spreadsheets, 20 hours per week.\n"
          + "They want faster closes."
      ),
      (
        "Matches every payout to its invoices overnight.",
        "We leverage bank feeds to match payouts overnight."
      ),
    ])
    let result = try lint(text)
    let problem = try position(of: "In order to close", in: text)
    let vague = try position(of: "faster", in: text)
    let solution = try position(of: "We leverage", in: text)
    #expect(
      !result.findings.contains { $0.line == problem.line },
      "language is silenced in Problem: \(found(result))")
    #expect(
      result.findings.contains { $0.rule.id == .buzzword && $0.line == solution.line }, "\(found(result))")
    // Another concern in the same section is not silenced.
    #expect(
      result.findings.contains { $0.rule.id == .vagueComparative && $0.line == vague.line },
      "\(found(result))")
  }

  @Test func aSuppressionBeforeTheFirstSectionCoversTheWholeFile() throws {
    let text = Self.text([
      (
        "# Reconciliation autopilot\n",
        "# Reconciliation autopilot\n<!-- valprop-ignore buzzword: the customers' word -->\n"
          + "<!-- valprop-ignore audience: an internal experiment for every team -->\n"
      ),
      ("audience: Finance teams at SaaS companies with 50-500 employees", "audience: Everyone"),
      ("Finance teams at SaaS companies with 50-500 employees.", "Everyone who closes books."),
      (
        "Controllers match payouts to invoices by hand, 20 hours per week.",
        "Controllers leverage spreadsheets, 20 hours per week."
      ),
      (
        "Matches every payout to its invoices overnight.",
        "We leverage bank feeds to match payouts overnight."
      ),
      (
        "- 14 controller interviews, October 2026",
        "- 14 controller interviews, October 2026; we leverage them"
      ),
    ])
    let result = try lint(text)
    // Front matter, sections and the Evidence section alike.
    #expect(result.findings.isEmpty, "\(found(result))")
  }

  @Test(arguments: [
    "<!-- valprop-ignore buzzword -->", "<!-- valprop-ignore buzzword: -->",
    "<!-- valprop-ignore buzzword:   -->",
  ])
  func aSuppressionWithoutAReasonSilencesNothingAndIsReported(_ comment: String) throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "\(comment)\nWe leverage bank feeds to match payouts overnight."
      )
    ])
    let result = try lint(text)
    let at = try position(of: comment, in: text)
    let buzzword = try position(of: "leverage", in: text)
    let reported = result.findings.filter { $0.rule.id == .suppressionWithoutReason }
    #expect(reported.map(\.line) == [at.line], "\(found(result))")
    #expect(reported.first?.column == at.column)
    #expect(reported.first?.severity == .warning)
    #expect(reported.first?.rule.concern == .structure)
    #expect(reported.first?.message.contains("buzzword") == true)
    #expect(
      result.findings.contains { $0.rule.id == .buzzword && $0.line == buzzword.line }, "\(found(result))")
  }

  @Test func suppressionNamesAreCaseInsensitiveAndMayBeSeveral() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "<!-- valprop-ignore Buzzword, WORDY-PHRASE: the customer's own words -->\n"
          + "We leverage bank feeds in order to match payouts overnight."
      )
    ])
    let result = try lint(text)
    #expect(result.findings.isEmpty, "\(found(result))")
  }

  @Test func anUnknownSuppressionSuggestsTheClosestName() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "<!-- valprop-ignore buzzwords, jargon: the customer's own words -->\n"
          + "We leverage bank feeds to match payouts overnight."
      )
    ])
    let result = try lint(text)
    let unknown = result.findings.filter { $0.rule.id == .unknownSuppression }
    #expect(unknown.count == 1, "\(found(result))")
    #expect(unknown.first?.message.contains("'buzzwords'") == true)
    #expect(unknown.first?.message.contains("did you mean 'buzzword'?") == true, "\(unknown)")
  }

  @Test(arguments: ["buzzwords", "jargons", "tone", ""])
  func anUnknownNameIsReportedAndSilencesNothing(_ name: String) throws {
    let comment = "<!-- valprop-ignore \(name): the customer said it -->"
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "We leverage bank feeds to match payouts overnight. \(comment)"
      )
    ])
    let result = try lint(text)
    let at = try position(of: "<!--", in: text)
    let reported = result.findings.filter { $0.rule.id == .unknownSuppression }
    #expect(reported.map(\.line) == [at.line], "\(found(result))")
    #expect(reported.first?.column == at.column)
    #expect(reported.first?.rule.concern == .structure)
    #expect(result.findings.contains { $0.rule.id == .buzzword }, "\(found(result))")
    #expect(!result.findings.contains { $0.rule.id == .suppressionWithoutReason })
  }

  @Test func aSuppressionSpanningLinesStillCountsWithItsReason() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "<!-- valprop-ignore buzzword:\n  the controllers' own word -->\nWe leverage bank feeds to match payouts overnight."
      )
    ])
    let result = try lint(text)
    #expect(result.findings.isEmpty, "\(found(result))")
  }

  // MARK: Configuration

  static let weakLanguage = text([
    (
      "Matches every payout to its invoices overnight.",
      "We leverage the Hydra engine in order to match payouts overnight."
    )
  ])

  @Test func lintDisableSwitchesARuleOffEverywhere() throws {
    let all = try lint(Self.weakLanguage, config: "lint:\n  jargon: [Hydra]\n")
    #expect(
      Set(all.findings.map(\.rule.id.rawValue)) == ["buzzword", "wordy-phrase", "jargon"], "\(found(all))")
    let rule = try lint(
      Self.weakLanguage, config: "lint:\n  jargon: [Hydra]\n  disable: [buzzword, Jargon]\n")
    #expect(Set(rule.findings.map(\.rule.id.rawValue)) == ["wordy-phrase"], "\(found(rule))")
    // The language sub-score is capped by its worst finding: a wordy phrase weighs less.
    #expect(rule.scores[.language] > all.scores[.language])
    #expect(rule.score > all.score)
    let concern = try lint(Self.weakLanguage, config: "lint:\n  jargon: [Hydra]\n  disable: [language]\n")
    #expect(concern.findings.isEmpty, "\(found(concern))")
    #expect(concern.score == 100)
  }

  @Test func lintDisableRejectsUnknownNames() {
    #expect(throws: ValpropError.self) { try WorkspaceConfig(text: "lint:\n  disable: [buzzwords]\n") }
  }

  @Test func lintSeverityRaisesLowersOrSwitchesOffARule() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.", "We leverage bank feeds in order to match payouts."
      ),
      ("- 14 controller interviews, October 2026", ""),
    ])
    let defaults = try lint(text)
    #expect(defaults.findings.first { $0.rule.id == .buzzword }?.severity == .warning)
    #expect(defaults.findings.first { $0.rule.id == .noEvidence }?.severity == .error)
    #expect(defaults.findings.contains { $0.rule.id == .wordyPhrase })
    let config = """
      lint:
        severity:
          buzzword: error
          no-evidence: warning
          wordy-phrase: off
      """
    let result = try lint(text, config: config)
    #expect(result.findings.first { $0.rule.id == .buzzword }?.severity == .error, "\(found(result))")
    #expect(result.findings.first { $0.rule.id == .noEvidence }?.severity == .warning, "\(found(result))")
    #expect(!result.findings.contains { $0.rule.id == .wordyPhrase }, "\(found(result))")
    // The JSON names the severity after the override.
    let json = try object(LintRenderer.json([result]))
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.first { $0["rule"] as? String == "buzzword" }?["severity"] as? String == "error")
  }

  @Test(arguments: [
    "lint:\n  severity:\n    buzzword: fatal\n", "lint:\n  severity:\n    buzzwords: error\n",
    "lint:\n  severity:\n    language: error\n",
  ])
  func lintSeverityRejectsUnknownRulesAndLevels(_ config: String) {
    #expect(throws: ValpropError.self) { try WorkspaceConfig(text: config) }
  }

  @Test func lintJargonFlagsTheTeamsWordsWhereTheyStand() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "Runs every payout through HYDRA and the ledger   sync overnight."
      )
    ])
    #expect(try lint(text).findings.isEmpty, "no jargon without lint.jargon")
    let result = try lint(text, config: "lint:\n  jargon: [Hydra, ledger sync]\n")
    let hydra = try position(of: "HYDRA", in: text)
    let ledger = try position(of: "ledger   sync", in: text)
    let jargon = result.findings.filter { $0.rule.id == .jargon }
    #expect(
      jargon.map { [$0.line, $0.column] } == [[hydra.line, hydra.column], [ledger.line, ledger.column]])
    #expect(jargon.allSatisfy { $0.rule.concern == .language && $0.severity == .warning })
    #expect(jargon.first?.message.contains("HYDRA") == true)
  }

  @Test func headlineWordsAndStatementWordsSetTheLimits() throws {
    let long = Self.text([
      ("title: Reconciliation autopilot", "title: Month-end close in 2 days")
    ])
    #expect(!(try lint(long)).findings.contains { $0.rule.id == .longStatement })
    let limited = try lint(long, config: "lint:\n  headline-words: 3\n")
    let headline = limited.findings.filter { $0.rule.id == .longStatement }
    #expect(headline.count == 1, "\(found(limited))")
    #expect(headline.first?.line == 7, "the finding points at the title heading")
    #expect(headline.first?.message.contains("3") == true)

    let lean = """
      ---
      title: Faster close
      framework: lean
      audience: Controllers at SaaS companies with 50-500 employees
      ---

      # Close in 2 days

      ## Unique value proposition
      Month-end close in 2 days, not 8.

      ## High-level concept
      An autopilot for the month-end.

      ## Customer segments
      - Controllers at SaaS companies with 50-500 employees

      ## Existing alternatives
      - Spreadsheets and 20 hours a week of matching

      ## Evidence
      - 14 controller interviews, October 2026

      """
    #expect(!(try lint(lean)).findings.contains { $0.rule.id == .longStatement })
    let short = try lint(lean, config: "lint:\n  statement-words: 5\n")
    let uvp = try position(of: "Month-end close in 2 days, not 8.", in: lean)
    #expect(
      short.findings.filter { $0.rule.id == .longStatement }.map(\.line) == [uvp.line], "\(found(short))")
  }

  // MARK: Score

  @Test func theScoreStaysWithin0And100() throws {
    #expect(Linter.score([]) == 100)
    let rule = try #require(LintRule.named("missing-section"))
    let many = (1...20).map {
      LintFinding(
        rule: rule, severity: .error, id: "x", path: "x.md", line: $0, column: 1, byteColumn: 1, message: "m",
        suggestion: nil)
    }
    // Twenty unfinished sections count as one: the total is capped, never driven below 0.
    #expect(Linter.score(many) == LintScore.unfinishedCap)
    let dreadful = """
      ---
      title: AI-powered synergy platform that empowers everyone everywhere to do better things
      framework: core
      audience: Everyone
      ---

      # AI-powered synergy platform that empowers everyone everywhere to do better things

      ## Problem
      AI is missing.

      ## Key benefits
      - Better outcomes
      - API

      ## Differentiation
      Innovative and best-in-class.

      """
    let result = try lint(dreadful)
    #expect((0...100).contains(result.score))
    #expect(result.score < 50, "\(result.score): \(found(result))")
    #expect(try lint(Self.base).score == 100)
  }

  // MARK: rdjson suggestions

  @Test func rdjsonSuggestsMechanicalFixesWithExactRanges() throws {
    let text = Self.text([
      (
        "Matches every payout to its invoices overnight.",
        "Leverage bank feeds in order to match payouts; teams leverage it overnight."
      ),
      (
        "## Key benefits\n",
        "## Key benefits\n<!-- valprop-hint: One outcome per line, each with a number. -->\n"
      ),
    ])
    let result = try lint(text)
    let diagnostics = try #require(
      try object(LintRenderer.rdjson([result]))["diagnostics"] as? [[String: Any]])
    func suggestion(_ rule: String, line: Int, column: Int) throws -> [String: Any] {
      let diagnostic = try #require(
        diagnostics.first { code($0) == rule && start($0["location"]) == [line, column] },
        "no \(rule) at \(line):\(column) in \(diagnostics)")
      let suggestions = try #require(diagnostic["suggestions"] as? [[String: Any]])
      #expect(suggestions.count == 1)
      return try #require(suggestions.first)
    }
    let first = try position(of: "Leverage", in: text)
    let capital = try suggestion("buzzword", line: first.line, column: 1)
    #expect(range(capital) == [first.line, 1, first.line, 9])
    #expect(capital["text"] as? String == "Use", "the capital is kept")

    let second = try position(of: "leverage it", in: text)
    let lower = try suggestion("buzzword", line: second.line, column: second.column)
    #expect(range(lower) == [second.line, second.column, second.line, second.column + 8])
    #expect(lower["text"] as? String == "use")

    let wordy = try position(of: "in order to", in: text)
    let to = try suggestion("wordy-phrase", line: wordy.line, column: wordy.column)
    #expect(range(to) == [wordy.line, wordy.column, wordy.line, wordy.column + 11])
    #expect(to["text"] as? String == "to")

    let hint = try position(of: "<!-- valprop-hint", in: text)
    let delete = try suggestion("leftover-hint", line: hint.line, column: 1)
    #expect(range(delete) == [hint.line, 1, hint.line + 1, 1], "the whole line, its line break included")
    #expect(delete["text"] as? String == "")

    // Applying the suggestions, right to left, gives the fixed wording.
    var lines = text.components(separatedBy: "\n")
    for fix in [lower, to, capital] {
      let span = range(fix)
      var line = Array(lines[span[0] - 1])
      line.replaceSubrange((span[1] - 1)..<(span[3] - 1), with: Array(fix["text"] as? String ?? ""))
      lines[span[0] - 1] = String(line)
    }
    lines.remove(at: hint.line - 1)
    #expect(lines.contains("Use bank feeds to match payouts; teams use it overnight."))
    #expect(!lines.joined(separator: "\n").contains("valprop-hint"))
    // Findings without a mechanical fix carry no suggestions.
    for diagnostic in diagnostics
    where !["buzzword", "wordy-phrase", "leftover-hint"].contains(code(diagnostic)) {
      #expect(diagnostic["suggestions"] == nil)
    }
  }

  @Test
  func rdjsonColumnsCountUTF8BytesAsReviewdogExpects() throws {
    let text = Self.text([
      ("Matches every payout to its invoices overnight.", "Cafés and bistros leverage bank feeds overnight.")
    ])
    let result = try lint(text)
    let diagnostics = try #require(
      try object(LintRenderer.rdjson([result]))["diagnostics"] as? [[String: Any]])
    let buzzword = try #require(diagnostics.first { code($0) == "buzzword" })
    let at = try position(of: "leverage", in: text)
    // "Cafés and bistros " is 18 characters and 19 bytes: 'leverage' starts at byte column 20.
    #expect(start(buzzword["location"]) == [at.line, 20])
    let fix = try #require((buzzword["suggestions"] as? [[String: Any]])?.first)
    #expect(range(fix) == [at.line, 20, at.line, 28])
  }

  // MARK: Formats

  /// Two results: one with findings of both severities, one clean.
  func twoResults(path: String = "propositions/autopilot.md") throws -> [LintResult] {
    let weak = Self.text([
      ("Matches every payout to its invoices overnight.", "We leverage bank feeds to match payouts."),
      ("- 14 controller interviews, October 2026", ""),
    ])
    let clean = try Proposition(id: "clean", path: "propositions/clean.md", data: Data(Self.base.utf8))
    return [try lint(weak, path: path), Linter(config: WorkspaceConfig()).lint(clean, asOf: Self.asOf)]
  }

  @Test func jsonHasExactlyTheShapeOfTheSpec() throws {
    let results = try twoResults()
    let json = try object(LintRenderer.json(results))
    #expect(Set(json.keys) == ["findings", "propositions"])
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.count == results.flatMap(\.findings).count)
    #expect(findings.count >= 2)
    let concerns = Set(Concern.allCases.map(\.rawValue))
    for (finding, expected) in zip(findings, results.flatMap(\.findings)) {
      #expect(
        Set(finding.keys) == ["id", "path", "line", "column", "rule", "concern", "severity", "message"],
        "\(finding)")
      #expect(finding["id"] as? String == "autopilot")
      #expect(finding["path"] as? String == "propositions/autopilot.md")
      #expect(isInteger(finding["line"]) && finding["line"] as? Int == expected.line)
      #expect(isInteger(finding["column"]) && finding["column"] as? Int == expected.column)
      #expect(finding["rule"] as? String == expected.rule.id.rawValue)
      let concern = try #require(finding["concern"] as? String)
      #expect(concerns.contains(concern))
      #expect(concern == LintRule.named(expected.rule.id.rawValue)?.concern.rawValue)
      #expect(["error", "warning"].contains(finding["severity"] as? String ?? ""))
      #expect(finding["severity"] as? String == expected.severity.rawValue)
      #expect((finding["message"] as? String)?.isEmpty == false)
    }
    #expect(Set(findings.compactMap { $0["severity"] as? String }) == ["error", "warning"])
    let propositions = try #require(json["propositions"] as? [[String: Any]])
    #expect(propositions.map { Set($0.keys) } == [["id", "score", "scores"], ["id", "score", "scores"]])
    for (proposition, result) in zip(propositions, results) {
      let scores = try #require(proposition["scores"] as? [String: Int])
      #expect(Set(scores.keys) == Set(Characteristic.allCases.map(\.rawValue)))
      #expect(Characteristic.allCases.allSatisfy { scores[$0.rawValue] == result.scores[$0] })
    }
    #expect(propositions.compactMap { $0["id"] as? String } == ["autopilot", "clean"])
    #expect(propositions.allSatisfy { isInteger($0["score"]) })
    #expect(propositions.compactMap { $0["score"] as? Int } == results.map(\.score))
    #expect(propositions.last?["score"] as? Int == 100)
  }

  @Test func jsonOfNothingIsTwoEmptyArrays() throws {
    let json = try object(LintRenderer.json([]))
    #expect((json["findings"] as? [Any])?.isEmpty == true)
    #expect((json["propositions"] as? [Any])?.isEmpty == true)
  }

  @Test func githubPrintsOneWorkflowCommandPerFinding() throws {
    let results = try twoResults()
    let output = LintRenderer.github(results)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(output.hasSuffix("\n"))
    #expect(lines.count == results.flatMap(\.findings).count)
    let pattern = try NSRegularExpression(
      pattern: #"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([^,:]+)::(.+)$"#)
    for (line, finding) in zip(lines, results.flatMap(\.findings)) {
      let text = String(line)
      let match = try #require(
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), "not a command: \(text)")
      func group(_ index: Int) -> String {
        Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
      }
      #expect(group(1) == finding.severity.rawValue)
      #expect(group(2) == "propositions/autopilot.md")
      #expect(group(3) == String(finding.line))
      #expect(group(4) == String(finding.column))
      #expect(group(5).contains(finding.rule.id.rawValue))
      #expect(group(6) == finding.message)
    }
  }

  @Test func githubEscapesPropertiesAndMessages() throws {
    let rule = try #require(LintRule.named("buzzword"))
    let finding = LintFinding(
      rule: rule, severity: .warning, id: "odd", path: "propositions/a,b:c%d.md", line: 3, column: 7,
      byteColumn: 7,
      message: "100% sure: 'x', then\r\nmore", suggestion: nil)
    let output = LintRenderer.github([
      LintResult(id: "odd", path: finding.path, findings: [finding], scores: LintScore([finding]))
    ])
    #expect(
      output
        == "::warning file=propositions/a%2Cb%3Ac%25d.md,line=3,col=7,title=valprop buzzword::100%25 sure: 'x', then%0D%0Amore\n"
    )
    #expect(output.filter { $0 == "\n" }.count == 1, "one line per finding, whatever the message holds")
  }

  @Test func githubOfACleanRunPrintsNothing() throws {
    let clean = try Proposition(id: "clean", path: "propositions/clean.md", data: Data(Self.base.utf8))
    #expect(LintRenderer.github([Linter(config: WorkspaceConfig()).lint(clean, asOf: Self.asOf)]) == "")
  }

  @Test func sarifHasTheShapeCodeScanningExpects() throws {
    let results = try twoResults()
    let log = try object(LintRenderer.sarif(results, version: "1.2.3"))
    #expect(log["version"] as? String == "2.1.0")
    let schema = try #require(log["$schema"] as? String)
    #expect(schema.hasPrefix("https://") && schema.contains("sarif") && schema.contains("2.1.0"))
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let run = try #require(runs.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "valprop")
    #expect(driver["version"] as? String == "1.2.3")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(
      rules.compactMap { $0["id"] as? String } == LintRule.all.map(\.id.rawValue), "every rule, in order")
    #expect(Set(rules.compactMap { $0["id"] as? String }).count == rules.count, "rule ids are unique")
    for rule in rules {
      let id = rule["id"] as? String ?? "?"
      #expect(nonEmpty((rule["shortDescription"] as? [String: Any])?["text"]), "\(id)")
      #expect(nonEmpty((rule["fullDescription"] as? [String: Any])?["text"]), "\(id)")
      let help = try #require(rule["help"] as? [String: Any], "\(id)")
      #expect(nonEmpty(help["text"]) && nonEmpty(help["markdown"]), "\(id)")
      let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
      #expect(["error", "warning", "note"].contains(level ?? ""), "\(id): \(String(describing: level))")
      #expect(level == LintRule.named(id)?.severity.rawValue)
    }
    let sarifResults = try #require(run["results"] as? [[String: Any]])
    let findings = results.flatMap(\.findings)
    #expect(sarifResults.count == findings.count)
    for (result, finding) in zip(sarifResults, findings) {
      let ruleID = try #require(result["ruleId"] as? String)
      #expect(ruleID == finding.rule.id.rawValue)
      let index = try #require(result["ruleIndex"] as? Int, "\(result)")
      #expect(isInteger(result["ruleIndex"]))
      #expect(
        rules.indices.contains(index) && rules[index]["id"] as? String == ruleID, "ruleIndex of \(ruleID)")
      #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
      #expect(result["level"] as? String == finding.severity.rawValue)
      #expect((result["message"] as? [String: Any])?["text"] as? String == finding.message)
      let locations = try #require(result["locations"] as? [[String: Any]])
      let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
      let artifact = try #require(physical["artifactLocation"] as? [String: Any])
      #expect(artifact["uri"] as? String == "propositions/autopilot.md", "a path relative to the root")
      let region = try #require(physical["region"] as? [String: Any])
      #expect(isInteger(region["startLine"]) && isInteger(region["startColumn"]))
      #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1)
      #expect(region["startLine"] as? Int == finding.line && region["startColumn"] as? Int == finding.column)
    }
    // A run without findings still has its rules and an empty results array.
    let empty = try object(LintRenderer.sarif([], version: "1.2.3"))
    let emptyRun = try #require((empty["runs"] as? [[String: Any]])?.first)
    #expect((emptyRun["results"] as? [Any])?.isEmpty == true)
  }

  @Test func rdjsonHasTheShapeReviewdogExpects() throws {
    let results = try twoResults()
    let document = try object(LintRenderer.rdjson(results))
    #expect((document["source"] as? [String: Any])?["name"] as? String == "valprop")
    let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
    let findings = results.flatMap(\.findings)
    #expect(diagnostics.count == findings.count)
    var suggested = 0
    for (diagnostic, finding) in zip(diagnostics, findings) {
      #expect(diagnostic["message"] as? String == finding.message)
      let location = try #require(diagnostic["location"] as? [String: Any])
      #expect(location["path"] as? String == "propositions/autopilot.md")
      let range = try #require(location["range"] as? [String: Any])
      let begin = try #require(range["start"] as? [String: Any])
      #expect(isInteger(begin["line"]) && isInteger(begin["column"]))
      #expect(begin["line"] as? Int == finding.line && begin["column"] as? Int == finding.column)
      let severity = try #require(diagnostic["severity"] as? String)
      #expect(["ERROR", "WARNING", "INFO"].contains(severity))
      #expect(severity == (finding.severity == .error ? "ERROR" : "WARNING"))
      #expect((diagnostic["code"] as? [String: Any])?["value"] as? String == finding.rule.id.rawValue)
      if let suggestions = diagnostic["suggestions"] {
        suggested += 1
        let list = try #require(suggestions as? [[String: Any]])
        for suggestion in list {
          let span = try #require(suggestion["range"] as? [String: Any])
          for end in ["start", "end"] {
            let point = try #require(span[end] as? [String: Any], "\(end)")
            #expect(isInteger(point["line"]) && isInteger(point["column"]))
          }
          #expect(suggestion["text"] is String)
        }
      }
    }
    #expect(suggested == 1, "the buzzword 'leverage' has a mechanical fix")
  }

  @Test func textListsFindingsScoresAndATotal() throws {
    let results = try twoResults()
    let output = LintRenderer.text(results, color: false)
    let findings = results.flatMap(\.findings)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (line, finding) in zip(lines, findings) {
      #expect(
        line
          == "propositions/autopilot.md:\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule.id)]"
      )
    }
    #expect(lines.contains("autopilot: strength \(results[0].score)/100 (\(results[0].scores.summary))"))
    #expect(
      lines.contains(
        "clean: strength 100/100 (specific 100, outcomes 100, differentiated 100, language 100, validated 100, concise 100)"
      ))
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.count - errors
    #expect(
      lines.contains(
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in 2 propositions"
      ))
    #expect(!output.contains("\u{1B}["), "no colour unless asked")
    #expect(LintRenderer.text(results, color: true).contains("\u{1B}["))
  }

  // MARK: Helpers

  /// Parses a rendered JSON object.
  func object(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String:
    Any]
  {
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(
      parsed as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
  }

  /// Whether a parsed JSON value is a whole number (a string holding digits is not).
  func isInteger(_ value: Any?) -> Bool {
    guard !(value is String), let number = value as? NSNumber else { return false }
    return number.doubleValue == Double(number.intValue)
  }

  /// Whether a parsed JSON value is a non-empty string.
  func nonEmpty(_ value: Any?) -> Bool {
    (value as? String)?.isEmpty == false
  }

  /// An rdjson diagnostic's rule.
  func code(_ diagnostic: [String: Any]) -> String {
    (diagnostic["code"] as? [String: Any])?["value"] as? String ?? ""
  }

  /// An rdjson location's start, as [line, column].
  func start(_ location: Any?) -> [Int] {
    let point = ((location as? [String: Any])?["range"] as? [String: Any])?["start"] as? [String: Any]
    return [point?["line"] as? Int ?? 0, point?["column"] as? Int ?? 0]
  }

  /// An rdjson suggestion's range, as [start line, start column, end line, end column].
  func range(_ suggestion: [String: Any]) -> [Int] {
    let span = suggestion["range"] as? [String: Any]
    let begin = span?["start"] as? [String: Any]
    let end = span?["end"] as? [String: Any]
    return [begin?["line"], begin?["column"], end?["line"], end?["column"]].map { $0 as? Int ?? 0 }
  }
}
