/// What a lint finding is about: one of the things that separate strong value propositions
/// from weak ones (docs/lint.md).
public enum Concern: String, Sendable, CaseIterable, Codable {
  /// Sections, front matter and template leftovers.
  case structure
  /// Specific and measurable: numbers, units, time frames.
  case measurable
  /// Customer outcomes rather than features.
  case outcomes
  /// Differentiated from the alternatives.
  case differentiated
  /// The customer's language, not buzzwords or internal jargon.
  case language
  /// Backed by recent evidence.
  case validated
  /// Short enough to remember.
  case concise
  /// A named, sized segment rather than everyone.
  case audience
  /// Leading with the customer's outcome, not the technology.
  case technologyFirst = "technology-first"
}

/// How much a finding matters: errors fail `valprop lint`, warnings only with `--strict`.
public enum Severity: String, Sendable, Codable, Comparable {
  /// Fails the lint only with `--strict`.
  case warning
  /// Fails the lint.
  case error

  /// Warnings sort before errors.
  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs == .warning && rhs == .error
  }
}

/// A lint rule: a stable id, what it checks, how to fix what it finds, and how it weighs on
/// the score.
public struct LintRule: Sendable, Equatable {
  /// The stable id, used in suppressions, `lint.disable` and `lint.severity`.
  public let id: LintRuleID
  /// The concern it belongs to.
  public let concern: Concern
  /// Its severity unless the config says otherwise.
  public let severity: Severity
  /// One line on what it checks.
  public let summary: String
  /// How to make the wording strong.
  public let help: String
  /// A weak wording the rule catches.
  public let weak: String
  /// A strong wording it accepts.
  public let strong: String
  /// The characteristic whose sub-score a finding caps; nil for rules about the file's upkeep.
  public let characteristic: Characteristic?
  /// The most its characteristic can score while the rule has a finding.
  public let cap: Int
  /// Whether a finding is a fundamental flaw (no audience, no measurable benefit, no evidence,
  /// no differentiation), which also caps the total.
  public let fundamental: Bool

  init(
    _ id: LintRuleID, _ concern: Concern, _ severity: Severity, counts characteristic: Characteristic?,
    cap: Int? = nil, fundamental: Bool = false, summary: String, help: String, weak: String, strong: String
  ) {
    self.id = id
    self.concern = concern
    self.severity = severity
    self.characteristic = characteristic
    self.cap = cap ?? (fundamental ? 0 : severity == .error ? 30 : 70)
    self.fundamental = fundamental
    self.summary = summary
    self.help = help
    self.weak = weak
    self.strong = strong
  }

  /// The cap a finding of this rule puts on the total, if any: fundamental flaws and an
  /// unfinished structure keep a proposition clearly below a strong one, unreadable text
  /// never scores as if checked.
  public func totalCap(severity: Severity) -> Int? {
    if id == .notEnglish { return LintScore.unreadableCap }
    guard severity == .error else { return nil }
    if fundamental { return LintScore.fundamentalCap }
    if [.frontMatter, .missingSection, .emptySection, .placeholder, .conflictMarkers, .unreadableFile]
      .contains(id)
    {
      return LintScore.unfinishedCap
    }
    return nil
  }

  /// Every rule, in the order docs/lint-rules.md and `valprop lint --list-rules` list them.
  public static let all: [LintRule] = [
    LintRule(
      .frontMatter, .structure, .error, counts: nil,
      summary: "The front matter cannot be read.",
      help: "Fix the YAML between the '---' lines; the message names the line.",
      weak: "status: actve", strong: "status: active"),
    LintRule(
      .missingSection, .structure, .error, counts: nil,
      summary: "A section the proposition's framework expects is missing.",
      help: "Add the section with a '## ' heading; 'valprop new' lays out every section of a framework.",
      weak: "(no '## Solution')", strong: "## Solution"),
    LintRule(
      .emptySection, .structure, .error, counts: nil,
      summary: "A section has a heading but no wording.",
      help: "Write the section, or remove it if the framework does not need it.",
      weak: "## Solution\n<!-- valprop-hint: … -->",
      strong: "## Solution\nA pipeline that matches bank lines to invoices overnight."),
    LintRule(
      .placeholder, .structure, .error, counts: nil,
      summary: "Placeholder text (…, TODO, TBD, lorem ipsum) is still in the wording.",
      help: "Replace the placeholder with the real wording.",
      weak: "When …, I want to …, so I can ….",
      strong: "When I close the books, I want to match payments automatically, so I can finish in two days."),
    LintRule(
      .leftoverHint, .structure, .warning, counts: .concise, cap: 90,
      summary: "A template hint is still in a section that has been written.",
      help: "Delete the '<!-- valprop-hint: … -->' line once the section is written.",
      weak: "<!-- valprop-hint: Name one segment … -->\nFinance teams at 50-500 employee SaaS companies.",
      strong: "Finance teams at 50-500 employee SaaS companies."),
    LintRule(
      .jobStatementForm, .structure, .warning, counts: .outcomes,
      summary:
        "A jobs-to-be-done statement lacks a situation, a motivation or an outcome ('When …, I want to …, so I can …').",
      help:
        "Write the situation, the motivation and the expected outcome: 'When <situation>, I want to <motivation>, so I can <outcome>.'",
      weak: "Users need faster closing.",
      strong:
        "When I close the month, I need to match payments automatically, so that I'm able to report by day 2."
    ),
    LintRule(
      .suppressionWithoutReason, .structure, .warning, counts: nil,
      summary: "A valprop-ignore comment gives no reason, so it silences nothing.",
      help: "Say why: '<!-- valprop-ignore buzzword: the customer's own word in interviews -->'.",
      weak: "<!-- valprop-ignore buzzword -->",
      strong: "<!-- valprop-ignore buzzword: quoted from the RFP -->"),
    LintRule(
      .unknownSuppression, .structure, .warning, counts: nil,
      summary: "A valprop-ignore comment names no known rule or concern; the message suggests the closest.",
      help: "Use a rule id or concern that 'valprop lint --list-rules' prints.",
      weak: "<!-- valprop-ignore buzzwords: … -->", strong: "<!-- valprop-ignore buzzword, jargon: … -->"),
    LintRule(
      .conflictMarkers, .structure, .error, counts: nil,
      summary: "Merge conflict markers (<<<<<<<, =======, >>>>>>>) are still in the file.",
      help: "Finish the merge: keep the wording that is right, then delete the three marker lines.",
      weak: "<<<<<<< HEAD\nCuts close to 2 days\n=======\nCuts close to 3 days\n>>>>>>> pricing",
      strong: "Cuts close to 2 days"),
    LintRule(
      .brokenLink, .structure, .error, counts: nil,
      summary:
        "A lifecycle link is broken: 'superseded-by:' or 'supersedes:' names no proposition, the other side does not link back, or the links go round in a cycle.",
      help:
        "Let 'valprop supersede <old> --by <new>' write both sides; fix an id by hand where a proposition was renamed.",
      weak: "superseded-by: ledger-sync-v2   (no such proposition)", strong: "superseded-by: ledger-sync"),
    LintRule(
      .tracksMatchNothing, .structure, .warning, counts: nil,
      summary:
        "A 'tracks:' pattern matches no file at HEAD: a typo, or code that moved (a pathspec does not follow renames), so its drift can never be seen.",
      help:
        "Fix the pattern, or name the code where it lives now; 'valprop show <id>' lists what each pattern matches.",
      weak: "tracks: [Sources/Reconcilation/**]   (no such folder)",
      strong: "tracks: [Sources/Reconciliation/**]"),
    LintRule(
      .unreadableFile, .structure, .error, counts: nil,
      summary:
        "A file of the propositions folder cannot be linted: a symbolic link, an id another file also has, or bytes that are not text.",
      help: "Do what the message says (rename, replace the link with the file); lint then checks it.",
      weak: "propositions/a.md and propositions/old/a.md (one id, two files)", strong: "propositions/a.md"),
    LintRule(
      .noMeasurableBenefit, .measurable, .error, counts: .specific, fundamental: true,
      summary: "No benefit states a number with a unit, a comparison or a time frame.",
      help: "Quantify at least one benefit: how much, how fast, how often, by when.",
      weak: "- Reduces churn by 12", strong: "- Cuts reconciliation from 20 hours to 2 hours per week"),
    LintRule(
      .unmeasuredBenefit, .measurable, .warning, counts: .specific,
      summary: "A benefit line has no number with a unit, no comparison and no time frame.",
      help: "Say how much: a number with a unit, a before and after, or a time frame ('each Friday').",
      weak: "- Fewer errors at month-end", strong: "- 95% fewer manual corrections at month-end"),
    LintRule(
      .vagueComparative, .measurable, .warning, counts: .specific,
      summary:
        "A vague comparative or quantifier ('faster', 'better', 'significantly', 'many') has no measure in its sentence.",
      help: "Replace it with the measured difference: 'from 8 days to 2'.",
      weak: "Close the books significantly faster.", strong: "Close the books in 2 days instead of 8."),
    LintRule(
      .unbackedFigure, .measurable, .warning, counts: .specific,
      summary: "A ceiling ('up to 80%') or a bare multiplier ('5x quicker') that the evidence does not back.",
      help:
        "State the typical result with its baseline ('median close from 8 days to 3'), or back the figure in the evidence.",
      weak: "- Up to 5x quicker month-end", strong: "- Median close from day 8 to day 3 across 6 pilots"),
    LintRule(
      .featureAsBenefit, .outcomes, .warning, counts: .outcomes,
      summary:
        "A benefit names a feature (an API, a dashboard, encryption, SSO) without saying what it does for the customer.",
      help: "Say the outcome the feature brings: what the customer saves, avoids or gains.",
      weak: "- A webhook API with 90 event types",
      strong: "- Customer data stays protected, so audits pass without findings"),
    LintRule(
      .missingDifferentiation, .differentiated, .error, counts: .differentiated, fundamental: true,
      summary: "The differentiation says nothing or is missing where the framework expects it.",
      help: "Say why this beats the named alternatives (a competitor, a spreadsheet, doing nothing).",
      weak: "## Differentiation\n(empty)",
      strong: "## Differentiation\nReconciles NetSuite and Stripe without the CSV exports BlackLine needs."),
    LintRule(
      .noAlternative, .differentiated, .error, counts: .differentiated, fundamental: true,
      summary: "The differentiation names no alternative: no rival, no manual way, not doing nothing.",
      help:
        "Name what the customer would use instead (a rival, a spreadsheet, an agency, doing nothing) and why this beats it.",
      weak: "Affordable, quick and simple, with friendly people.",
      strong: "Unlike the spreadsheet controllers keep today, every match is logged for the auditors."),
    LintRule(
      .genericClaim, .differentiated, .warning, counts: .differentiated,
      summary:
        "The differentiation claims what any competitor could claim ('high quality', 'great support', 'affordable').",
      help: "Name what only you do, against a named alternative, with proof.",
      weak: "Great support and high quality.",
      strong: "Reconciles Stripe payouts to NetSuite invoices line by line, which Blackline does not."),
    LintRule(
      .unsupportedSuperlative, .differentiated, .warning, counts: .differentiated,
      summary: "A superlative ('the only', 'the leading', 'the top pick', '#1') has no proof of its own.",
      help:
        "Give each superlative its proof (a source, a ranking, a measurement) in its sentence or the evidence, or drop it.",
      weak: "The leading tool in the industry, the top pick of controllers.",
      strong: "Closes in 2 days (median of 14 customers, Q1 2026)."),
    LintRule(
      .buzzword, .language, .warning, counts: .language,
      summary:
        "A buzzword customers do not use ('synergy', 'best-in-class', 'leverage'), in US or British spelling.",
      help: "Say it in the customer's words; where the fix is mechanical, valprop suggests it.",
      weak: "Leverage best-in-class synergies to revolutionise finance.",
      strong: "Use one ledger for both entities."),
    LintRule(
      .jargon, .language, .warning, counts: .language,
      summary:
        "A word the team listed as internal jargon (lint.jargon in .valprop.yml), also inside hyphenated words.",
      help: "Use the word the customer would use.",
      weak: "Runs on the Hydra-based pipeline.", strong: "Matches payments overnight."),
    LintRule(
      .teamWord, .language, .warning, counts: .language,
      summary: "A word the team's own rules (lint.rules in .valprop.yml) ask to avoid, with their message.",
      help: "Follow the team's message; where the rule gives a replacement, valprop suggests it.",
      weak: "Open a ticket in the L3 queue.", strong: "Open a ticket with second-line support."),
    LintRule(
      .unexplainedAcronym, .language, .warning, counts: .language,
      summary:
        "Three or more different acronyms customers may not know are never spelt out in the proposition.",
      help: "Spell it out once ('service level agreement (SLA)'), or say it in the customer's words.",
      weak: "Run the HAE through the PDQ engine.",
      strong: "Run the hedge effectiveness assessment (HAE) each quarter."),
    LintRule(
      .internalName, .language, .warning, counts: .language,
      summary:
        "An internal project or team name ('Project Nightjar', 'the Orca squad') customers never heard of.",
      help: "Say what the customer sees or gets, not what the team calls it inside.",
      weak: "Project Nightjar lets the Orca squad pre-load parts.",
      strong: "Operatives see the tenant's photos and bring the right part."),
    LintRule(
      .wordyPhrase, .language, .warning, counts: .language, cap: 85,
      summary: "A wordy phrase has a shorter equivalent ('in order to', 'utilize').",
      help: "Use the shorter form; valprop suggests it.",
      weak: "In order to utilise the data", strong: "To use the data"),
    LintRule(
      .notEnglish, .language, .warning, counts: .language, cap: 50,
      summary: "The wording is not in English, so the wording checks cannot read it.",
      help: "Write the proposition in English, or keep a translation beside an English original.",
      weak: "Cerramos la contabilidad en dos días.", strong: "Closes the books in 2 days."),
    LintRule(
      .noEvidence, .validated, .error, counts: .validated, fundamental: true,
      summary: "There is no evidence: the Evidence section is missing, empty, or only internal belief.",
      help: "List the interviews, pilots or metrics that back the claims, each with a date.",
      weak: "## Evidence\n(empty)", strong: "## Evidence\n- 14 customer interviews, March 2026"),
    LintRule(
      .beliefAsEvidence, .validated, .warning, counts: .validated, cap: 50,
      summary:
        "An evidence line is internal belief ('we are confident', 'leadership concluded'), not what customers said or did.",
      help: "Replace belief with what customers said or did: interviews, pilots, usage data.",
      weak: "- The leadership offsite concluded buyers need this, June 2026",
      strong: "- 14 buyer interviews, June 2026: 11 asked for it unprompted"),
    LintRule(
      .staleEvidence, .validated, .warning, counts: .validated, cap: 50,
      summary: "The newest evidence is older than the review interval (active and draft propositions only).",
      help: "Validate again (interviews, metrics) and add the new evidence with its date.",
      weak: "- Interviews, 2023", strong: "- Interviews, October 2026"),
    LintRule(
      .undatedEvidence, .validated, .warning, counts: .validated, cap: 50,
      summary: "The evidence gives no date, so nobody can tell whether it still holds.",
      help: "Add when each piece of evidence was gathered (a month and year at least).",
      weak: "- Customer interviews", strong: "- 14 customer interviews, 3 March 2026"),
    LintRule(
      .longStatement, .concise, .warning, counts: .concise,
      summary:
        "A headline (title or '# ' heading), unique value proposition or job statement is too long to remember.",
      help:
        "Cut it to the outcome and the audience; the limits are lint.headline-words and lint.statement-words.",
      weak: "A comprehensive, end-to-end, AI-assisted platform that helps finance teams of every size …",
      strong: "Month-end close in 2 days, not 8"),
    LintRule(
      .longSentence, .concise, .warning, counts: .concise, cap: 85,
      summary: "A sentence of more than 30 words is hard to read.",
      help: "Split it; one idea per sentence.",
      weak: "(a 40-word sentence)", strong: "(two 15-word sentences)"),
    LintRule(
      .everyoneAudience, .audience, .error, counts: .specific, fundamental: true,
      summary:
        "The audience is everyone ('everyone', 'anyone', 'all businesses'), with no size and no exclusion.",
      help: "Name the segment that feels the pain most, and its size.",
      weak: "Everyone who handles money.", strong: "Controllers at SaaS companies with 50-500 employees."),
    LintRule(
      .noAudience, .audience, .error, counts: .specific, fundamental: true,
      summary: "No audience is named: no 'audience:' and no audience or segment section.",
      help: "Name the target audience in 'audience:' or in the framework's audience section.",
      weak: "(no audience)", strong: "audience: Controllers at 50-500 employee SaaS companies"),
    LintRule(
      .unsizedAudience, .audience, .warning, counts: .specific, cap: 60,
      summary:
        "The audience has no size (employees, revenue, volume, team size); 'SMBs' or 'large companies' is no size.",
      help:
        "Add a size that tells who is in and who is out: '50-500 employees', 'over 1,000 invoices a month'.",
      weak: "SMBs and large companies.", strong: "Finance teams at companies with 50-500 employees."),
    LintRule(
      .technologyFirst, .technologyFirst, .warning, counts: .outcomes,
      summary: "The headline or problem opens with the technology, not the customer or the outcome.",
      help: "Lead with who benefits and what changes for them; the technology comes after.",
      weak: "The Go-based, Kafka-powered reconciliation engine",
      strong: "Month-end close in 2 days, with AI matching"),
  ]

  /// The rules by id.
  static let byID: [LintRuleID: LintRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

  /// The rule with an id.
  public static func rule(_ id: LintRuleID) -> LintRule {
    byID[id]!
  }

  /// The rule with a name, compared without case, if any.
  public static func named(_ name: String) -> LintRule? {
    LintRuleID(name: name).flatMap { byID[$0] }
  }
}
