import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop lint`: checks structure and wording.
  struct Lint: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check propositions for weak wording and broken structure, and score their strength.",
      discussion: """
        Exits 0 when clean, 1 when a finding has error severity (with --strict, warnings \
        too), 2 when lint could not run. Silence rules in one section with \
        <!-- valprop-ignore <rule or concern>[, …]: <reason> -->; before the first section it \
        covers the whole file. Switch rules off for the workspace with lint.disable, change \
        their severity with lint.severity, and add the team's own words with lint.rules, in \
        .valprop.yml. The strength score is the mean of six sub-scores (specific, outcomes, \
        differentiated, language, validated, concise), each capped by its worst finding.

        Examples:
          valprop lint
          valprop lint reconciliation-autopilot ledger-sync --strict
          valprop lint --changed-since origin/main --format github
          valprop lint --staged
          valprop lint --format sarif > valprop.sarif
          valprop lint --list-rules
        """)

    @Argument(help: "The ids of the propositions to check; all of them when none is given.")
    var ids: [String] = []

    @Option(
      help: "Only check propositions added, modified or renamed since this revision (for pull requests).")
    var changedSince: String?

    @Flag(help: "Check the versions staged in the index that differ from HEAD (for the pre-commit hook).")
    var staged = false

    @Flag(help: "Fail (exit 1) on warnings as well as errors.")
    var strict = false

    @Option(help: "Judge the age of evidence on this day (YYYY-MM-DD) instead of today.")
    var asOf: CalendarDate?

    @Option(
      help:
        "The output format: text, json, github (workflow annotations), sarif (code scanning) or rdjson (reviewdog)."
    )
    var format: LintFormat = .text

    @Flag(
      help:
        "Print every rule with its id, concern, severity and description, then the team's rules, and exit.")
    var listRules = false

    func validate() throws {
      if staged && changedSince != nil {
        throw ValidationError("Give either --staged or --changed-since, not both.")
      }
    }

    func run(in context: CommandContext) throws {
      if listRules {
        let teamRules = (try? context.openWorkspace().config.lintRules) ?? []
        context.write(LintRuleDocs.list(teamRules: teamRules))
        return
      }
      let workspace = try context.openWorkspace()
      // In a pre-commit hook of `git commit -a` or `git commit <path>`, git points
      // GIT_INDEX_FILE at the index it is about to commit.
      let indexFile = context.environment["GIT_INDEX_FILE"].map { path in
        path.hasPrefix("/") ? path : context.directory + "/" + path
      }
      let outcome = try WorkspaceLint(workspace: workspace).run(
        WorkspaceLint.Request(
          ids: ids, staged: staged, indexFile: indexFile, changedSince: changedSince,
          asOf: asOf ?? context.today))
      let results = outcome.results
      switch format {
      case .text: context.write(LintRenderer.text(results, color: context.colorOutput))
      case .json:
        // The direct writer; JSONEncoder's on the reference path (see `LintJSON`).
        context.write(
          context.environment["VALPROP_LINT_ENGINE"] == "reference"
            ? try LintRenderer.json(results) : LintJSON.text(results))
      case .github: context.write(LintRenderer.github(results))
      case .sarif: context.write(try LintRenderer.sarif(results, version: ValpropVersion.current))
      case .rdjson: context.write(try LintRenderer.rdjson(results))
      }
      if outcome.unreadable { throw ExitCode(2) }
      let findings = results.flatMap(\.findings)
      if findings.contains(where: { $0.severity == .error || strict }) {
        throw ExitCode(1)
      }
    }
  }
}

/// The output formats of `valprop lint`.
enum LintFormat: String, ExpressibleByArgument, CaseIterable {
  /// For people.
  case text
  /// The stable JSON contract of docs/commands.md (lint).
  case json
  /// GitHub Actions workflow annotations.
  case github
  /// SARIF 2.1.0 for code scanning.
  case sarif
  /// reviewdog's rdjson, with suggestions.
  case rdjson
}
