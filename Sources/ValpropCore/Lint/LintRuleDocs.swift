/// The rule documentation, generated from `LintRule.all`: what `valprop lint --list-rules`
/// prints, the rule table of `docs/lint-rules.md` and `docs/lint.md`, so that none of them can drift from
/// the code.
public enum LintRuleDocs {
  /// One line per rule for `--list-rules`: id, concern, severity, what it scores, summary;
  /// then the team's own rules.
  public static func list(teamRules: [LintTeamRule] = []) -> String {
    let width = LintRule.all.map(\.id.rawValue.count).max() ?? 0
    let concernWidth = Concern.allCases.map(\.rawValue.count).max() ?? 0
    var out = ""
    for rule in LintRule.all {
      let id = rule.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
      let concern = rule.concern.rawValue.padding(toLength: concernWidth, withPad: " ", startingAt: 0)
      let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
      out += "\(id)  \(concern)  \(severity)  \(rule.summary)\n"
    }
    if !teamRules.isEmpty {
      out += "\nteam rules (lint.rules in .valprop.yml), reported as team-word:\n"
      for rule in teamRules {
        out +=
          "  \(rule.words.joined(separator: ", ")) (\(rule.severity.rawValue)): \(rule.message)"
          + (rule.replacement.map { " → \($0)" } ?? "") + "\n"
      }
    }
    return out
  }

  /// A Markdown table cell: pipes escaped, line breaks as " / ", comments made visible.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " / ")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }

  /// The rule table of `docs/lint-rules.md` and `docs/lint.md`.
  public static var table: String {
    var out = "| rule | concern | severity | scores | what it finds | weak | strong |\n"
    out += "|---|---|---|---|---|---|---|\n"
    for rule in LintRule.all {
      let scores =
        (rule.characteristic.map { "\($0.rawValue) ≤ \(rule.cap)" } ?? "—")
        + (rule.totalCap(severity: rule.severity).map { "; total ≤ \($0)" } ?? "")
      out +=
        "| `\(rule.id.rawValue)` | \(rule.concern.rawValue) | \(rule.severity.rawValue) | \(scores) | \(cell(rule.summary)) | \(cell(rule.weak)) | \(cell(rule.strong)) |\n"
    }
    return out
  }

  /// The section of `docs/lint.md` that describes each rule and how to fix what it finds.
  public static var details: String {
    LintRule.all.map { rule in
      """
      ### `\(rule.id.rawValue)`

      \(rule.summary) \(rule.help)

      - concern: \(rule.concern.rawValue); severity: \(rule.severity.rawValue)
      - weak: \(cell(rule.weak))
      - strong: \(cell(rule.strong))

      """
    }.joined(separator: "\n")
  }
}

extension LintRuleDocs {
  /// The whole of `docs/lint.md`.
  public static var document: String {
    """
    # Lint rules and the strength score

    <!-- Generated from Sources/ValpropCore/Lint (LintRule.all, LintScore, LintRuleDocs); \
    LintDocsTests fails when this file and the code differ. Regenerate with
    VALPROP_WRITE_DOCS=1 swift test --skip-build --filter LintDocsTests -->

    `valprop lint` checks each proposition against what separates strong value propositions
    from weak ones and scores its strength from 0 to 100. `valprop lint --list-rules` prints
    the rules below, with the team's own rules of `.valprop.yml`.

    ## What is never linted

    Fenced code blocks, inline code spans, link targets (the `(…)` of `[text](…)`), link
    reference definitions, URLs, HTML comments (template hints, suppressions) and issue
    references (`#12`, `owner/repo#12`, `PROJ-12`) are blanked before any rule reads the
    wording, so columns stay true and nothing inside them is reported. A rank such as
    "the #1 choice" is wording and is checked as a superlative.

    ## Every match, with its column

    Each rule reports every match on a line, at the column where the words start, and the
    message quotes the words it flags. Sentences are read across wrapped lines (a paragraph
    ends at a blank line or a new list item); a semicolon ends a sentence for its length.

    ## The strength score

    Six sub-scores, one per characteristic of a strong proposition, each from 0 to 100:

    \(Characteristic.allCases.map { "- `\($0.rawValue)`: \($0.title)" }.joined(separator: "\n"))

    Each finding caps the sub-score of its rule's characteristic at the rule's cap (the
    *scores* column below: `specific ≤ 70` means a finding of that rule leaves *specific*
    at 70 at most). A sub-score is the lowest cap of its findings, so a finding counts once
    and ten of the same kind weigh no more than one; the same flaw reported in the front
    matter and in its section does not count twice. The total is the mean of the six.

    Where the concerns fold in: the *audience* concern (no audience, everyone, no size)
    counts under **specific**, since a named and sized segment is what makes a proposition
    specific; *technology-first* and the job statement's form count under **outcomes**,
    since both are about leading with what changes for the customer; a leftover template
    hint counts under **concise**. The structure rules about upkeep (suppressions without a
    reason or with an unknown name) do not score.

    Some findings also cap the total:

    - a fundamental flaw — no named audience (`no-audience`, `everyone-audience`), no
      measurable benefit (`no-measurable-benefit`), no evidence (`no-evidence`), no
      differentiation (`missing-differentiation`, `no-alternative`) — caps the total at
      \(LintScore.fundamentalCap), so one such flaw keeps a proposition clearly below a strong one;
    - an unfinished proposition (`front-matter`, `missing-section`, `empty-section`,
      `placeholder` as errors) caps it at \(LintScore.unfinishedCap);
    - wording that is not English (`not-english`) caps it at \(LintScore.unreadableCap): the wording checks
      could not read it, so it never gets a clean 100.

    A rule whose severity `lint.severity` changes caps at 30 as an error and 70 as a warning.
    `valprop lint` shows the total and the six parts in text and JSON; `valprop log` shows
    them for every revision and `valprop list --format json` for every proposition.

    ## Rules

    \(table)
    ## Team rules

    Teams add their own words in `.valprop.yml`; each finding is reported as `team-word`
    with the team's message, and a replacement becomes a suggestion (rdjson):

    ```yaml
    lint:
      rules:
        - words: [Hydra, L3 queue]
          message: internal names; say what the customer sees
          replace: the matching service   # optional
          severity: warning               # optional: warning (default) or error
    ```

    A word matches without case and also inside hyphenated words ("Hydra-based").

    ## Word lists

    The built-in words live in data files in `Sources/ValpropCore/Lint/words/`, carried
    inside the binary: buzzwords (with replacements), wordy phrases, vague comparatives,
    generic claims, superlatives, feature words, technology words, outcome verbs, everyone
    words, sized segments, time frames, alternatives, belief phrases, number words, known
    acronyms and common English words. Each -ize word also matches its British -ise
    spelling. One entry a line, `#` for comments, `words -> replacement` where the fix is
    mechanical; a `strong:` or `measurable:` prefix marks the entries a rule treats apart
    (technology that opens a line alone; virtues a measure in their sentence makes specific).

    ## Language

    A proposition whose letters are mostly not Latin, or whose words are almost never common
    English words, gets one `not-english` finding that names the checks that could not apply;
    only structure and length are checked, and the total is capped so it is never a clean 100.

    ## Suppressions

    `<!-- valprop-ignore <rule or concern>[, <rule or concern>…]: <reason> -->` silences
    the named rules or concerns in its section; before the first `## ` section it covers
    the whole file. Names compare without case. A suppression in *Target audience* or
    *Customer segments* also covers the `audience:` key; one in *Unique value proposition*,
    *High-level concept* or *Headline* also covers `title:` and the `# ` heading. Without a
    reason it silences nothing and is itself a finding; an unknown name is a finding that
    suggests the closest known one. `lint.disable` and `lint.severity` reject unknown names
    the same way.

    ## Rule details

    \(details)
    """
  }
}
