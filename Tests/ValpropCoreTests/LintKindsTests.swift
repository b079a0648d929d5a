import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// One test per kind of miss and false finding of issue 20: the weak wording is caught (by
/// the right rule, at the right column, with the words quoted) and the strong wording passes.
@Suite struct LintKindsTests {
  static let asOf = CalendarDate(year: 2026, month: 11, day: 27)!

  /// The strong core sample with parts replaced.
  static func core(_ replacements: [(String, String)]) -> String {
    replacements.reduce(Samples.strongCore()) { text, pair in
      precondition(text.contains(pair.0), "the sample has no '\(pair.0)'")
      return text.replacingOccurrences(of: pair.0, with: pair.1)
    }
  }

  static let benefit = "- Cuts reconciliation time from 20 hours to 2 hours per week"
  static let differentiation = "Reconciles payouts line by line; BlackLine matches deposits only."
  static let evidence = "- 14 controller interviews, October 2026"
  static let audienceLine = "Finance teams at SaaS companies with 50-500 employees.\n"
  static let solution = "Matches every payout to its invoices overnight."

  func lint(_ text: String, config: String = "") throws -> LintResult {
    let workspace = config.isEmpty ? WorkspaceConfig() : try WorkspaceConfig(text: config)
    let proposition = try Proposition(id: "p", path: "propositions/p.md", data: Data(text.utf8))
    return Linter(config: workspace).lint(proposition, asOf: Self.asOf)
  }

  /// The findings of a text, for failure messages.
  func describe(_ text: String) -> String {
    ((try? lint(text))?.findings ?? []).map { "\($0.line):\($0.column) [\($0.rule.id)] \($0.message)" }
      .joined(separator: "\n")
  }

  func rules(_ text: String, config: String = "") throws -> [LintRuleID] {
    try lint(text, config: config).findings.map(\.rule.id)
  }

  /// The 1-based line and column of `needle` in `text`.
  func position(of needle: String, in text: String) -> (line: Int, column: Int) {
    let lines = text.components(separatedBy: "\n")
    let index = lines.firstIndex { $0.contains(needle) } ?? 0
    let range = lines[index].range(of: needle)!
    return (index + 1, lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
  }

  @Test func theSampleIsClean() throws {
    #expect(try lint(Self.core([])).findings.isEmpty)
    #expect(try lint(Self.core([])).score == 100)
  }

  // MARK: Measurable

  @Test func aNumberWithoutAUnitIsNoMeasure() throws {
    let weak = try rules(Self.core([(Self.benefit, "- Reduces churn by 12")]))
    #expect(weak.contains(.noMeasurableBenefit), "\(weak)")
    #expect(try rules(Self.core([(Self.benefit, "- Reduces churn by 12% in the first quarter")])).isEmpty)
    #expect(try rules(Self.core([(Self.benefit, "- Reduces churn by 12 customers a month")])).isEmpty)
  }

  @Test func aCeilingOrABareMultiplierNeedsBacking() throws {
    let text = Self.core([(Self.benefit, Self.benefit + "\n- Up to 5x quicker month-end")])
    let result = try lint(text)
    let found = result.findings.filter { $0.rule.id == .unbackedFigure }
    #expect(found.count == 1, "\(result.findings)")
    #expect(found.first?.column == position(of: "Up to 5x", in: text).column)
    #expect(found.first?.message.contains("'Up to 5x'") == true, "\(found)")
    let backed = Self.core([
      (Self.benefit, Self.benefit + "\n- Month-end 5x quicker"),
      (
        Self.evidence,
        Self.evidence + "\n- Pilot with 6 customers, October 2026: close 5x quicker (8 days to 1.6)"
      ),
    ])
    #expect(try rules(backed).isEmpty, "\(describe(backed))")
  }

  @Test func aListMarkerIsNoMeasure() throws {
    let weak = try rules(Self.core([(Self.benefit, "3. Faster onboarding")]))
    #expect(weak.contains(.noMeasurableBenefit), "\(weak)")
    #expect(try rules(Self.core([(Self.benefit, "3. Onboarding in 2 days instead of 9")])).isEmpty)
  }

  @Test func aCountDoesNotMeasureAVagueComparative() throws {
    let text = Self.core([(Self.solution, "Faster checks across 3 sites.")])
    let found = try lint(text).findings.filter { $0.rule.id == .vagueComparative }
    #expect(found.map(\.column) == [1], "\(found)")
    #expect(found.first?.message.contains("'Faster'") == true)
    #expect(try rules(Self.core([(Self.solution, "Checks 40% faster across 3 sites.")])).isEmpty)
  }

  @Test func timeFramesWithoutDigitsAreMeasures() throws {
    for frame in [
      "- Stock counts ready each Friday", "- Stock levels refreshed hourly", "- Payouts matched overnight",
      "- Payouts matched within a day of arriving",
    ] {
      #expect(try rules(Self.core([(Self.benefit, frame)])).isEmpty, "\(frame)")
    }
  }

  @Test func aBenefitsTableIsReadByItsRowsNotItsHeader() throws {
    let table =
      "| Outcome | Before | After |\n|---|---|---|\n| Hours matching per week | 20 | 2 |\n| Errors at close | many | few |"
    let text = Self.core([(Self.benefit, table)])
    let found = try lint(text).findings
    #expect(Set(found.map(\.rule.id)) == [.unmeasuredBenefit, .vagueComparative], "\(found)")
    #expect(Set(found.map(\.line)) == [position(of: "| Errors at close", in: text).line])
  }

  // MARK: Outcomes

  @Test func aFeatureWithANumberIsStillAFeature() throws {
    let text = Self.core([(Self.benefit, Self.benefit + "\n- A webhook API with 90 event types")])
    let found = try lint(text).findings.filter { $0.rule.id == .featureAsBenefit }
    #expect(found.map(\.column) == [5, 13, 25], "every feature word: \(found)")
    #expect(found.first?.message.contains("'webhook'") == true)
    let strong = Self.core([(Self.benefit, Self.benefit + "\n- API p99 latency drops from 800 ms to 120 ms")])
    #expect(try rules(strong).isEmpty)
  }

  @Test func prepositionsAreNoOutcome() throws {
    let weak = try rules(Self.core([(Self.benefit, Self.benefit + "\n- Dashboard by region within reach")]))
    #expect(weak.contains(.featureAsBenefit), "\(weak)")
  }

  // MARK: Differentiated

  @Test func aDifferentiationMustNameAnAlternative() throws {
    let text = Self.core([(Self.differentiation, "Affordable, quick and simple, with friendly people.")])
    let found = try rules(text)
    #expect(found.contains(.noAlternative), "\(found)")
    #expect(found.contains(.genericClaim), "\(found)")
    #expect(try lint(text).score <= LintScore.fundamentalCap)
    let manual = Self.core([(Self.differentiation, "Replaces the spreadsheet controllers keep by hand.")])
    #expect(try rules(manual).isEmpty)
  }

  @Test func claimingNoCompetitionIsNoDifferentiation() throws {
    let text = Self.core([(Self.differentiation, "We have no real competitors in this space.")])
    let found = try lint(text).findings
    #expect(found.map(\.rule.id) == [.missingDifferentiation], "\(found)")
    #expect(found.first?.message.contains("'We have no real competitors in this space.'") == true)
  }

  @Test func eachSuperlativeNeedsItsOwnProof() throws {
    let text = Self.core([
      (Self.differentiation, "The leading reconciliation tool in the industry, the top pick of controllers.")
    ])
    let found = try lint(text).findings.filter { $0.rule.id == .unsupportedSuperlative }
    #expect(found.count == 2, "dated evidence elsewhere proves neither: \(found)")
    #expect(found.map(\.message).contains { $0.contains("'The leading'") })
    let proven = Self.core([
      (
        Self.differentiation,
        "The fastest close of the 6 tools in the G2 Winter 2026 benchmark: 2 days against 5."
      )
    ])
    #expect(try rules(proven).isEmpty, "\(describe(proven))")
  }

  @Test func aRivalsAdjectiveIsNotOurClaim() throws {
    let text = Self.core([
      (
        Self.differentiation,
        "Unlike BlackLine, whose tool is robust but needs a consultant, we match line by line."
      )
    ])
    #expect(try rules(text).isEmpty, "\(describe(text))")
    let opening = Self.core([
      (Self.differentiation, "While BlackLine is fast to set up, we reconcile line by line and it does not.")
    ])
    #expect(try rules(opening).isEmpty, "\(describe(opening))")
    let ours = Self.core([(Self.differentiation, "Our robust tool beats BlackLine.")])
    #expect(try rules(ours).contains(.genericClaim))
  }

  // MARK: Language

  @Test func britishSpellingsOfBuzzwordsAreBuzzwords() throws {
    let text = Self.core([(Self.solution, "We revolutionise finance with optimised matching.")])
    let found = try lint(text).findings.filter { $0.rule.id == .buzzword }
    #expect(found.map(\.column) == [4, 31], "\(found)")
    #expect(found.last?.message.contains("'optimised'") == true)
  }

  @Test func jargonJoinedByAHyphenIsJargon() throws {
    let text = Self.core([(Self.solution, "A Hydra-based matcher posts entries overnight.")])
    let found = try lint(text, config: "lint:\n  jargon: [Hydra]\n").findings
    #expect(found.map(\.rule.id) == [.jargon], "\(found)")
    #expect(found.first?.column == 3)
  }

  @Test func teamRulesReportTheirMessageAndSuggestTheReplacement() throws {
    let config = """
      lint:
        rules:
          - words: [L3 queue]
            message: an internal name
            replace: second-line support
      """
    let text = Self.core([(Self.solution, "Sends exceptions to the L3 queue overnight.")])
    let found = try lint(text, config: config).findings
    #expect(found.map(\.rule.id) == [.teamWord], "\(found)")
    #expect(found.first?.message == "'L3 queue': an internal name (write 'second-line support')")
    // The replacement keeps the original's leading capital.
    #expect(found.first?.suggestion?.replacement == "Second-line support")
    #expect(throws: ValpropError.self) { try WorkspaceConfig(text: "lint:\n  rules:\n    - words: [x]\n") }
    #expect(throws: ValpropError.self) {
      try WorkspaceConfig(text: "lint:\n  rules:\n    - words: [x]\n      message: m\n      colour: red\n")
    }
  }

  @Test func unknownNamesInTheConfigSuggestTheClosest() throws {
    #expect {
      try WorkspaceConfig(text: "lint:\n  disable: [buzzwords]\n")
    } throws: { error in
      (error as? ValpropError)?.hint?.contains("did you mean 'buzzword'?") == true
    }
    #expect {
      try WorkspaceConfig(text: "lint:\n  severity:\n    vague-comparatives: off\n")
    } throws: { error in
      (error as? ValpropError)?.hint?.contains("did you mean 'vague-comparative'?") == true
    }
  }

  @Test func notEnglishIsSaidAndNeverAClean100() throws {
    let text = """
      ---
      title: Citas sin huecos
      framework: core
      audience: Clínicas de fisioterapia con 3-10 profesionales
      ---

      # Citas sin huecos

      ## Target audience
      Clínicas de fisioterapia con 3-10 profesionales y más de 200 citas por semana.

      ## Problem
      Los huecos de la agenda cuestan a cada clínica unas 12 citas por semana sin cobrar.

      ## Solution
      Una lista de espera que avisa a los pacientes por mensaje cuando se libera una cita.

      ## Key benefits
      - Llenamos los huecos en menos de dos horas, sin llamadas de la recepción

      ## Differentiation
      Doctoralia envía recordatorios pero no rellena los huecos de la agenda.

      ## Evidence
      - 12 entrevistas con gerentes de clínicas, octubre de 2026

      """
    let result = try lint(text)
    #expect(result.findings.map(\.rule.id) == [.notEnglish], "\(result.findings)")
    #expect(result.findings.first?.message.contains("could not apply") == true)
    #expect(result.score <= LintScore.unreadableCap)
  }

  // MARK: Validated

  @Test func internalBeliefIsNoEvidence() throws {
    let only = Self.core([
      (Self.evidence, "- The leadership offsite concluded buyers need this, October 2026")
    ])
    #expect(try rules(only) == [.noEvidence])
    let mixed = Self.core([(Self.evidence, Self.evidence + "\n- We are confident buyers need this")])
    let found = try lint(mixed).findings
    #expect(found.map(\.rule.id) == [.beliefAsEvidence], "\(found)")
    #expect(found.first?.message.contains("'We are confident'") == true)
  }

  @Test func beliefInAnyWordingIsNoEvidence() throws {
    for belief in [
      "- The CEO is convinced buyers want this, October 2026", "- Sales believes it will sell, October 2026",
    ] {
      let text = Self.core([(Self.evidence, belief)])
      #expect(try rules(text) == [.noEvidence], "\(belief): \(describe(text))")
    }
    let survey = Self.core([
      (Self.evidence, "- Survey of 120 controllers, October 2026: 80% confident in their close")
    ])
    #expect(try rules(survey).isEmpty, "a source with belief words is evidence")
  }

  @Test(arguments: [
    "November 2026", "Nov 2026", "Q4 2026", "11/2026", "3 November 2026", "Nov. 3, 2026", "2026-11",
    "Nov '26", "3.11.2026", "2026 Q4", "H2 2026",
  ])
  func evidenceFromTheCurrentPeriodIsDatedAndFresh(_ date: String) throws {
    let text = Self.core([(Self.evidence, "- 14 controller interviews, \(date)")])
    #expect(try rules(text).isEmpty, "\(date): \(describe(text))")
  }

  @Test func aCountIsNoYear() throws {
    let text = Self.core([(Self.evidence, "- A poll of 2025 users")])
    #expect(try rules(text) == [.undatedEvidence], "\(describe(text))")
  }

  @Test func retiredAndSupersededPropositionsGetNoStaleEvidence() throws {
    let old = Self.core([(Self.evidence, "- 14 controller interviews, March 2024")])
    #expect(try rules(old) == [.staleEvidence])
    for status in ["retired", "superseded"] {
      let text = old.replacingOccurrences(
        of: "framework: core\n", with: "framework: core\nstatus: \(status)\n")
      #expect(try rules(text).isEmpty, "\(status)")
    }
  }

  // MARK: Concise

  @Test func aLongHeadingIsMeasuredWhenTheTitleIsShort() throws {
    let heading =
      "# Reconciliation autopilot that matches every Stripe payout to NetSuite invoices overnight for controllers"
    let text = Self.core([("# Reconciliation autopilot", heading)])
    let found = try lint(text).findings
    #expect(found.map(\.rule.id) == [.longStatement], "\(found)")
    #expect(found.first?.line == position(of: heading, in: text).line)
  }

  @Test func sentenceLengthsCountWordsAsPeopleDo() throws {
    // 30 words, with hyphens, apostrophes and ranges that once counted as several.
    let thirty =
      "Controllers at 50-500-employee companies re-key the bank's day-to-day lines into the ledger's month-end file, "
      + "and each of them loses 20-30 hours a month to it before the auditors' year-end visit."
    #expect(Linter.Check.wordCount(thirty) == 35 - 5)
    #expect(try rules(Self.core([(Self.solution, thirty)])).isEmpty)
    let long =
      "Short one first. "
      + thirty.replacingOccurrences(of: "year-end visit", with: "year-end visit comes round")
    let text = Self.core([(Self.solution, long)])
    let found = try lint(text).findings
    #expect(found.map(\.rule.id) == [.longSentence], "\(found)")
    #expect(found.first?.column == position(of: "Controllers at", in: text).column, "points at the sentence")
  }

  // MARK: Audience

  @Test func vagueSegmentsAreNoSize() throws {
    for segment in ["SMBs", "Large companies", "Enterprises and SMEs"] {
      let text = Self.core([
        ("audience: Finance teams at SaaS companies with 50-500 employees", "audience: \(segment)"),
        (Self.audienceLine, "\(segment).\n"),
      ])
      #expect(try rules(text).contains(.unsizedAudience), "\(segment)")
    }
  }

  @Test func anExclusionAfterTheWordIsNoEveryone() throws {
    let text = Self.core([
      (
        Self.audienceLine,
        "Finance teams at SaaS companies with 50-500 employees; anybody over 200 seats is out of scope.\n"
      )
    ])
    #expect(try rules(text).isEmpty, "\(describe(text))")
    let everyone = Self.core([(Self.audienceLine, "Everyone who handles money.\n")])
    let found = try lint(everyone).findings
    #expect(
      found.contains {
        $0.rule.id == .everyoneAudience && $0.column == 1 && $0.message.contains("'Everyone'")
      })
  }

  @Test func everyoneWithAnAdjectiveIsStillEveryone() throws {
    for audience in ["All small businesses.", "Any finance team.", "Every online company."] {
      let text = Self.core([(Self.audienceLine, audience + "\n")])
      #expect(try rules(text).contains(.everyoneAudience), "\(audience)")
    }
  }

  @Test func aSizedInternalAudienceIsNoEveryone() throws {
    let text = Self.core([
      (
        "audience: Finance teams at SaaS companies with 50-500 employees",
        "audience: All engineers on the data platform (60 people)"
      ),
      (Self.audienceLine, "All engineers on the data platform (60 people).\n"),
    ])
    #expect(try rules(text).isEmpty, "\(describe(text))")
  }

  @Test func aFindingInTheFrontMatterAndItsSectionCountsOnce() throws {
    let both = Self.core([
      (
        "audience: Finance teams at SaaS companies with 50-500 employees",
        "audience: Everyone who handles money"
      ),
      (Self.audienceLine, "Everyone who handles money.\n"),
    ])
    let one = Self.core([
      (
        "audience: Finance teams at SaaS companies with 50-500 employees",
        "audience: Everyone who handles money"
      )
    ])
    #expect(try lint(both).findings.filter { $0.rule.id == .everyoneAudience }.count == 2)
    #expect(try lint(both).score == lint(one).score)
  }

  @Test func aSuppressionInTheAudienceSectionCoversTheAudienceKey() throws {
    let text = Self.core([
      (
        "audience: Finance teams at SaaS companies with 50-500 employees",
        "audience: Everyone who handles money"
      ),
      (
        Self.audienceLine,
        "<!-- valprop-ignore everyone-audience: the RFP's own words -->\nEveryone who handles money.\n"
      ),
    ])
    let found = try lint(text).findings
    #expect(!found.contains { $0.rule.id == .everyoneAudience }, "\(found)")
  }

  // MARK: Technology first

  @Test func technologyAfterAnArticleOrFromTheStackIsTechnologyFirst() throws {
    for headline in [
      "The Go-based, Kafka-powered reconciliation engine", "Our Kubernetes microservices for finance",
    ] {
      let text = Self.core([
        ("# Reconciliation autopilot", "# \(headline)"),
        ("title: Reconciliation autopilot", "title: \(headline)"),
      ])
      #expect(try rules(text).contains(.technologyFirst), "\(headline)")
    }
    let strong = Self.core([("# Reconciliation autopilot", "# Month-end close in 2 days, with AI matching")])
    #expect(try rules(strong).isEmpty)
  }

  // MARK: Structure

  @Test func aJobStatementMayUseCommonWordingAndIsToldWhatIsMissing() throws {
    func job(_ statement: String) -> String {
      """
      ---
      title: Month-end close in 2 days
      framework: jtbd
      audience: Controllers at SaaS companies with 50-500 employees
      ---

      # Month-end close in 2 days

      ## Job statement
      \(statement)

      ## Functional job
      Match 3,000 payments a month to invoices by the second working day.

      ## Emotional job
      Stop dreading the last week of the month.

      ## Social job
      Be seen by the CFO as the controller whose books are never late.

      ## Competing solutions
      - Excel with lookups: one broken formula costs a day of rework

      ## Evidence
      - 14 switch interviews with controllers, October 2026

      """
    }
    #expect(
      try rules(job("When I close the month, I need to match payouts, so that I'm able to report by day 2."))
        .isEmpty)
    let found = try lint(job("Users need faster closing.")).findings.filter {
      $0.rule.id == .jobStatementForm
    }
    #expect(found.count == 1)
    #expect(found.first?.message.contains("the situation ('When …')") == true, "\(found)")
    #expect(found.first?.message.contains("the expected outcome") == true, "\(found)")
  }

  // MARK: What is never linted

  @Test func codeLinksAndIssueReferencesAreNeverLinted() throws {
    let text = Self.core([
      (
        Self.solution,
        "Matches every payout overnight (see #142 and acme/ledger#87); set `TODO: leverage …` in "
          + "[the guide](https://example.com/seamless-leverage-best-in-class).\n\n```yaml\nmode: best-in-class # TODO …\n```"
      )
    ])
    #expect(try rules(text).isEmpty, "\(describe(text))")
    let rank = Self.core([(Self.differentiation, "The #1 choice of controllers; BlackLine is second.")])
    #expect(try rules(rank).contains(.unsupportedSuperlative))
  }

  @Test func everyMatchOnALineIsReported() throws {
    let text = Self.core([(Self.solution, "We leverage synergies and leverage bank feeds.")])
    let found = try lint(text).findings.filter { $0.rule.id == .buzzword }
    #expect(found.map(\.column) == [4, 13, 27], "\(found)")
    #expect(found.map(\.message).allSatisfy { $0.contains("'leverage'") || $0.contains("'synergies'") })
  }

  // MARK: Score

  @Test func oneFundamentalFlawTakesAPropositionClearlyBelowAStrongOne() throws {
    let flaws = [
      Self.core([
        ("audience: Finance teams at SaaS companies with 50-500 employees\n", ""),
        ("## Target audience\n" + Self.audienceLine, ""),
      ]),
      Self.core([(Self.benefit, "- Faster reconciliation")]),
      Self.core([(Self.evidence, "")]),
      Self.core([(Self.differentiation, "Great support and high quality.")]),
    ]
    for text in flaws {
      let result = try lint(text)
      #expect(result.findings.contains { $0.rule.fundamental }, "\(result.findings)")
      #expect(result.score <= LintScore.fundamentalCap, "\(result.findings)")
    }
  }

  @Test func subScoresAreCappedByTheirWorstFinding() throws {
    let text = Self.core([(Self.solution, "We leverage synergies in order to match payouts overnight.")])
    let result = try lint(text)
    #expect(result.scores[.language] == LintRule.rule(.buzzword).cap)
    #expect(Characteristic.allCases.filter { $0 != .language }.allSatisfy { result.scores[$0] == 100 })
    #expect(result.score == (5 * 100 + LintRule.rule(.buzzword).cap) / 6)
  }

  // MARK: Templates

  /// What a fresh template may be told: only to fill things in.
  static let fillIn: Set<LintRuleID> = [
    .emptySection, .placeholder, .noEvidence, .missingDifferentiation, .noAudience,
  ]

  @Test(arguments: ["core", "canvas", "jtbd", "lean", "before-after"])
  func aFreshTemplateIsOnlyToldToFillThingsIn(_ name: String) throws {
    let template = try #require(TemplateStore.builtIn.first { $0.name == name })
    let text = try template.render(
      TemplateValues(id: "fresh", title: "Fresh", owners: ["@pm"], audience: nil, date: Self.asOf))
    let result = try lint(text)
    #expect(!result.findings.isEmpty, "a fresh template is not finished")
    for finding in result.findings {
      #expect(Self.fillIn.contains(finding.rule.id), "\(name): \(finding.rule.id) \(finding.message)")
      #expect(
        ["fill", "no audience", "placeholder"].contains { finding.message.contains($0) },
        "\(name): \(finding.message)")
    }
  }
}
