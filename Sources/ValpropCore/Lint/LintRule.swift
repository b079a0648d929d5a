/// What a lint finding is about: one of the things that separate strong value propositions
/// from weak ones (SPEC §5).
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

/// A lint rule: a stable id, what it checks and how to fix what it finds.
public struct LintRule: Sendable, Equatable {
  /// The stable id, used in suppressions, `lint.disable` and `lint.severity`.
  public let id: String
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

  /// Every rule, in the order the README lists them.
  public static let all: [LintRule] = [
    LintRule(
      id: "front-matter", concern: .structure, severity: .error,
      summary: "The front matter cannot be read.",
      help: "Fix the YAML between the '---' lines; the message names the line.",
      weak: "status: actve", strong: "status: active"),
    LintRule(
      id: "missing-section", concern: .structure, severity: .error,
      summary: "A section the proposition's framework expects is missing.",
      help: "Add the section with a '## ' heading; 'valprop new' lays out every section of a framework.",
      weak: "(no '## Differentiation')", strong: "## Differentiation"),
    LintRule(
      id: "empty-section", concern: .structure, severity: .error,
      summary: "A section has a heading but no wording.",
      help: "Write the section, or remove it if the framework does not need it.",
      weak: "## Solution\n<!-- valprop-hint: … -->",
      strong: "## Solution\nA pipeline that matches bank lines to invoices overnight."),
    LintRule(
      id: "placeholder", concern: .structure, severity: .error,
      summary: "Placeholder text (…, TODO, TBD, lorem ipsum) is still in the wording.",
      help: "Replace the placeholder with the real wording.",
      weak: "When …, I want to …, so I can ….",
      strong: "When I close the books, I want to match payments automatically, so I can finish in two days."),
    LintRule(
      id: "leftover-hint", concern: .structure, severity: .warning,
      summary: "A template hint is still in a section that has been written.",
      help: "Delete the '<!-- valprop-hint: … -->' line once the section is written.",
      weak: "<!-- valprop-hint: Name one segment … -->\nFinance teams at 50-500 employee SaaS companies.",
      strong: "Finance teams at 50-500 employee SaaS companies."),
    LintRule(
      id: "job-statement-form", concern: .structure, severity: .warning,
      summary: "A jobs-to-be-done statement does not follow 'When …, I want to …, so I can …'.",
      help:
        "Write the situation, the motivation and the expected outcome: 'When <situation>, I want to <motivation>, so I can <outcome>.'",
      weak: "Users need faster closing.",
      strong: "When I close the month, I want to match payments automatically, so I can report by day 2."),
    LintRule(
      id: "suppression-without-reason", concern: .structure, severity: .warning,
      summary: "A valprop-ignore comment gives no reason, so it silences nothing.",
      help: "Say why: '<!-- valprop-ignore buzzword: the customer's own word in interviews -->'.",
      weak: "<!-- valprop-ignore buzzword -->",
      strong: "<!-- valprop-ignore buzzword: quoted from the RFP -->"),
    LintRule(
      id: "unknown-suppression", concern: .structure, severity: .warning,
      summary: "A valprop-ignore comment names no known rule or concern.",
      help: "Use a rule id or concern from 'valprop lint --help' or the README.",
      weak: "<!-- valprop-ignore buzzwords: … -->", strong: "<!-- valprop-ignore buzzword: … -->"),
    LintRule(
      id: "no-measurable-benefit", concern: .measurable, severity: .error,
      summary: "No benefit states a number, unit, percentage or time frame.",
      help: "Quantify at least one benefit: how much, how fast, how often, by when.",
      weak: "- Faster reconciliation", strong: "- Cuts reconciliation from 20 hours to 2 hours per week"),
    LintRule(
      id: "unmeasured-benefit", concern: .measurable, severity: .warning,
      summary: "A benefit line has no number, unit, percentage or time frame.",
      help: "Say how much: a number with a unit or a time frame makes the benefit checkable.",
      weak: "- Fewer errors at month-end", strong: "- 95% fewer manual corrections at month-end"),
    LintRule(
      id: "vague-comparative", concern: .measurable, severity: .warning,
      summary:
        "A vague comparative or quantifier ('faster', 'better', 'significantly', 'many') has no number beside it.",
      help: "Replace it with the measured difference: 'from 8 days to 2'.",
      weak: "Close the books significantly faster.", strong: "Close the books in 2 days instead of 8."),
    LintRule(
      id: "feature-as-benefit", concern: .outcomes, severity: .warning,
      summary:
        "A benefit names a feature (an API, a dashboard, encryption, SSO) without saying what it does for the customer.",
      help: "Say the outcome the feature brings: what the customer saves, avoids or gains.",
      weak: "- 256-bit encryption", strong: "- Customer data stays protected, so audits pass without findings"
    ),
    LintRule(
      id: "missing-differentiation", concern: .differentiated, severity: .error,
      summary: "The differentiation says nothing or is missing where the framework expects it.",
      help: "Say why this beats the named alternatives (a competitor, a spreadsheet, doing nothing).",
      weak: "## Differentiation\n(empty)",
      strong: "## Differentiation\nThe only tool that reconciles NetSuite and Stripe without CSV exports."),
    LintRule(
      id: "generic-claim", concern: .differentiated, severity: .warning,
      summary:
        "The differentiation claims what any competitor could claim ('high quality', 'great support', 'innovative').",
      help: "Name what only you do, against a named alternative, with proof.",
      weak: "Great support and high quality.",
      strong: "Reconciles Stripe payouts to NetSuite invoices line by line, which Blackline does not."),
    LintRule(
      id: "unsupported-superlative", concern: .differentiated, severity: .warning,
      summary: "A superlative ('the only', 'the best', 'the fastest', '#1') has no evidence behind it.",
      help: "Back it with evidence in the Evidence section, or drop the superlative.",
      weak: "The fastest close on the market.", strong: "Closes in 2 days (median of 14 customers, Q1 2026)."),
    LintRule(
      id: "buzzword", concern: .language, severity: .warning,
      summary: "A buzzword customers do not use ('synergy', 'best-in-class', 'leverage').",
      help: "Say it in the customer's words; where the fix is mechanical, valprop suggests it.",
      weak: "Leverage best-in-class synergies.", strong: "Use one ledger for both entities."),
    LintRule(
      id: "jargon", concern: .language, severity: .warning,
      summary: "A word the team listed as internal jargon (lint.jargon in .valprop.yml).",
      help: "Use the word the customer would use.",
      weak: "Runs on the Hydra pipeline.", strong: "Matches payments overnight."),
    LintRule(
      id: "wordy-phrase", concern: .language, severity: .warning,
      summary: "A wordy phrase has a shorter equivalent ('in order to', 'utilize').",
      help: "Use the shorter form; valprop suggests it.",
      weak: "In order to utilize the data", strong: "To use the data"),
    LintRule(
      id: "no-evidence", concern: .validated, severity: .error,
      summary: "There is no evidence: the Evidence section is missing or empty.",
      help: "List the interviews, pilots or metrics that back the claims, each with a date.",
      weak: "## Evidence\n(empty)", strong: "## Evidence\n- 14 customer interviews, March 2026"),
    LintRule(
      id: "stale-evidence", concern: .validated, severity: .warning,
      summary: "The newest evidence is older than the review interval.",
      help: "Validate again (interviews, metrics) and add the new evidence with its date.",
      weak: "- Interviews, 2023", strong: "- Interviews, October 2026"),
    LintRule(
      id: "undated-evidence", concern: .validated, severity: .warning,
      summary: "The evidence gives no date, so nobody can tell whether it still holds.",
      help: "Add when each piece of evidence was gathered (a month and year at least).",
      weak: "- Customer interviews", strong: "- 14 customer interviews, March 2026"),
    LintRule(
      id: "long-statement", concern: .concise, severity: .warning,
      summary: "A headline, unique value proposition or job statement is too long to remember.",
      help:
        "Cut it to the outcome and the audience; the limits are lint.headline-words and lint.statement-words.",
      weak: "A comprehensive, end-to-end, AI-assisted platform that helps finance teams of every size …",
      strong: "Month-end close in 2 days, not 8"),
    LintRule(
      id: "long-sentence", concern: .concise, severity: .warning,
      summary: "A sentence of more than 30 words is hard to read.",
      help: "Split it; one idea per sentence.",
      weak: "(a 40-word sentence)", strong: "(two 15-word sentences)"),
    LintRule(
      id: "everyone-audience", concern: .audience, severity: .error,
      summary: "The audience is everyone ('everyone', 'anyone', 'all businesses').",
      help: "Name the segment that feels the pain most, and its size.",
      weak: "Everyone who handles money.", strong: "Controllers at SaaS companies with 50-500 employees."),
    LintRule(
      id: "no-audience", concern: .audience, severity: .error,
      summary: "No audience is named: no 'audience:' and no audience or segment section.",
      help: "Name the target audience in 'audience:' or in the framework's audience section.",
      weak: "(no audience)", strong: "audience: Controllers at 50-500 employee SaaS companies"),
    LintRule(
      id: "unsized-audience", concern: .audience, severity: .warning,
      summary: "The audience has no size (employees, revenue, volume, team size).",
      help:
        "Add a size that tells who is in and who is out: '50-500 employees', 'over 1,000 invoices a month'.",
      weak: "Finance teams.", strong: "Finance teams at companies with 50-500 employees."),
    LintRule(
      id: "technology-first", concern: .technologyFirst, severity: .warning,
      summary: "The headline or problem opens with the technology, not the customer or the outcome.",
      help: "Lead with who benefits and what changes for them; the technology comes after.",
      weak: "AI-powered reconciliation engine", strong: "Month-end close in 2 days, with AI matching"),
  ]

  /// The rule with an id, if any.
  public static func named(_ id: String) -> LintRule? {
    all.first { $0.id == id }
  }
}
