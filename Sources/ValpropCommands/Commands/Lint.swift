import ArgumentParser
import Foundation
import GitKit
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
      let linter = Linter(config: workspace.config)
      // In a pre-commit hook of `git commit -a` or `git commit <path>`, git points
      // GIT_INDEX_FILE at the index it is about to commit.
      let indexFile = context.environment["GIT_INDEX_FILE"].map { path in
        path.hasPrefix("/") ? path : context.directory + "/" + path
      }
      let source: PropositionSource =
        staged ? try IndexSource(repository: workspace.repository, file: indexFile) : workspace.source
      let catalog = try PropositionCatalog(
        source: source, directory: workspace.config.directory, exclude: workspace.config.excludeRules)
      var entries = catalog.entries
      if !ids.isEmpty {
        entries = try ids.map { try catalog.entry(for: $0) }
      }
      if staged {
        let head = try? workspace.repository.headCommit()?.tree()
        entries = try entries.filter { entry in
          let stagedEntry = (source as? IndexSource)?.entries[entry.path]
          let committed = try head?.entry(atPath: entry.path)
          return committed?.id != stagedEntry?.id
        }
      }
      if let changedSince {
        let (base, _) = try workspace.source(at: changedSince)
        let changed = Set(
          try PropositionChange.between(base: base, head: source, directory: workspace.config.directory)
            .filter { $0.change != .deleted }.map(\.path))
        entries = entries.filter { changed.contains($0.path) }
      }
      let duplicates = Dictionary(uniqueKeysWithValues: catalog.duplicates.map { ($0.id, $0.paths) })
      var results: [LintResult] = []
      // A file lint cannot read is a finding, and the others are still linted; lint then
      // exits 2, since it could not do all of its job.
      var unreadable = false
      let linted = Set(entries.map(\.path))
      var all: [String: Proposition] = [:]
      for entry in catalog.entries where duplicates[entry.id] == nil {
        do {
          guard let data = try source.read(entry.path) else { continue }
          // The others are read only for their links: their front matter is enough.
          let proposition =
            linted.contains(entry.path)
            ? try Proposition(id: entry.id, path: entry.path, data: data, adoption: workspace.config.adoption)
            : try Proposition.frontMatterOnly(
              id: entry.id, path: entry.path, data: data, adoption: workspace.config.adoption)
          all[entry.id] = proposition
          if linted.contains(entry.path) {
            results.append(linter.lint(proposition, asOf: asOf ?? context.today))
          }
        } catch let error as ValpropError where linted.contains(entry.path) {
          if error.location != nil {
            results.append(linter.result(for: error, id: entry.id, path: entry.path))
          } else {
            unreadable = true
            results.append(
              linter.unreadable(
                id: entry.id, path: entry.path, message: Self.message(error, path: entry.path)))
          }
        } catch is ValpropError {
          continue  // a file outside the ones asked for: only a link target, and unreadable
        }
      }
      for entry in entries {
        guard let paths = duplicates[entry.id] else { continue }
        unreadable = true
        results.append(
          linter.unreadable(
            id: entry.id, path: entry.path,
            message: Self.message(ValpropError.duplicateID(entry.id, paths: paths), path: entry.path)))
      }
      let order = Dictionary(entries.enumerated().map { ($1.path, $0) }) { first, _ in first }
      results.sort { (order[$0.path] ?? 0) < (order[$1.path] ?? 0) }
      results = linter.checkLinks(results, all: all)
      if all.values.contains(where: { !$0.frontMatter.tracks.isEmpty }),
        let head = try? workspace.repository.headCommit()
      {
        results = linter.checkTracks(results, all: all, files: try Self.files(of: head))
      }
      switch format {
      case .text: context.write(LintRenderer.text(results, color: context.colorOutput))
      case .json: context.write(try LintRenderer.json(results))
      case .github: context.write(LintRenderer.github(results))
      case .sarif: context.write(try LintRenderer.sarif(results, version: ValpropVersion.current))
      case .rdjson: context.write(try LintRenderer.rdjson(results))
      }
      if unreadable { throw ExitCode(2) }
      let findings = results.flatMap(\.findings)
      if findings.contains(where: { $0.severity == .error || strict }) {
        throw ExitCode(1)
      }
    }

    /// Every file path of a commit's tree, from the repository root.
    static func files(of commit: Commit) throws -> [String] {
      do {
        return try commit.repository.changes(from: nil, to: commit.tree(), detectRenames: false).map(
          \.newPath)
      } catch let error as GitError {
        throw ValpropError.git(error)
      }
    }

    /// An error as one line of a finding about `path`: what is wrong, then what to do.
    static func message(_ error: ValpropError, path: String) -> String {
      let problem: String
      switch error {
      case .fileSystem(path, let detail): problem = detail
      case .fileExists(path): problem = "already exists"
      default: problem = error.problem
      }
      return problem + (error.hint.map { "; \($0)" } ?? "")
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
