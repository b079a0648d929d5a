import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop log`: the revisions of one proposition.
  struct Log: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "List a proposition's revisions, newest first, following renames.",
      discussion: """
        Lists the commits 'git log -- <path>' lists, in its order, continued through renames \
        as 'git log --follow' does, with the words added and removed, the sections whose \
        wording changed, and the strength score (as 'valprop lint' gives it) of each revision.

        With --patch, each revision is followed by its word-level diff, as 'valprop diff' \
        shows it: the changed paragraphs, list items or table rows with --context blocks \
        around them, or whole sections with --full.

        A proposition deleted since is found in history: its revisions up to the deletion.

        Examples:
          valprop log reconciliation-autopilot
          valprop log reconciliation-autopilot --patch
          valprop log reconciliation-autopilot --format json
        """)

    @Argument(help: "The id of the proposition (its file name without .md).", completion: Completions.ids)
    var id: String

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    @Flag(name: [.customShort("p"), .long], help: "Show each revision's word-level diff after its summary.")
    var patch = false

    @Option(
      help: "With --patch: unchanged paragraphs, list items or table rows shown around each changed one.")
    var context: Int?

    @Flag(help: "With --patch: show every changed section whole.")
    var full = false

    func validate() throws {
      if let context, context < 0 {
        throw ValidationError("--context needs a number of blocks, 0 or more.")
      }
      if !patch, context != nil || full {
        throw ValidationError("--context and --full shape the diff of --patch: add --patch.")
      }
      if full, context != nil {
        throw ValidationError("Give either --context or --full, not both.")
      }
    }

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      // A folder gone with its last proposition still has history to show.
      let catalog = try workspace.catalog(requireFolder: false)
      if catalog.entries(for: id).count > 1 {
        _ = try catalog.entry(for: id)  // Throws the duplicate-id error.
      }
      // A proposition deleted since is logged from its last path, up to its deletion, as
      // 'git log --follow -- <last path>' lists it.
      var path = try workspace.currentPath(of: id)
      let deleted = path == nil
      if path == nil {
        let past = try workspace.pastPropositions(id)
        guard let found = past.path else {
          throw workspace.unknownProposition(
            id, revision: "HEAD or any earlier commit", alsoKnown: past.ids.sorted())
        }
        path = found
      }
      guard let path else { return }
      let log: PropositionLog
      let scores: [LintScore?]
      do {
        // A walk made at this HEAD before is read back from the log cache. Each revision is
        // scored as of its own day, so old evidence is judged as it was then; versions scored
        // by an earlier run come from the cache, the rest are linted while the log is read.
        (log, scores) = try PropositionLog.scored(
          repository: workspace.repository, path: path, id: id, simplify: !deleted,
          cache: LogWalkCache(repository: workspace.repository),
          scores: RevisionScores(repository: workspace.repository, linter: Linter(config: workspace.config)))
      } catch let error as GitError {
        throw ValpropError.git(error)
      }
      if log.truncated {
        context.warn(
          "warning: this is a shallow clone; older revisions are missing. "
            + "Fetch them with 'git fetch --unshallow' (GitHub Actions: fetch-depth: 0).")
      }
      let ignored = try workspace.ignoreRevs().commits
      let rows = zip(log.entries, scores).map {
        LogRow($0, scores: $1, ignored: ignored.contains($0.stamp.commit), patch: patch)
      }
      // Every version parsed and diffed: freeing them one by one was 56 M instructions on the
      // main thread of a cold log of a long RFC's 163 revisions, after the output was written.
      defer { KeptUntilExit.keep((log, rows)) }
      let view = full ? DiffView.full : DiffView(context: self.context ?? 1, markdownLimit: nil)
      switch format {
      case .json:
        context.write(try JSON.encode(rows))
      case .text:
        if rows.isEmpty {
          context.warn("No commit holds \(path) yet.")
        }
        for row in rows {
          let short = String(row.commit.prefix(7))
          let renameNote = row.change == "renamed" ? " \(row.oldPath ?? "") → \(row.path)" : ""
          // A commit that changed only front matter (a review, a status, a link) says what
          // it changed rather than "+0 -0 words".
          // A heading moved up or down a level is named too: no word of it changed.
          let headings = row.headings.map { "heading \($0.old) → \($0.new)" }
          let what =
            row.wordsAdded == 0 && row.wordsRemoved == 0 && !(row.fields.isEmpty && headings.isEmpty)
            ? (row.fields.map(LogRow.describe) + headings).joined(separator: ", ")
            : (["+\(row.wordsAdded) -\(row.wordsRemoved) words"] + headings).joined(separator: ", ")
          let ignoredNote = row.ignored ? "  (in \(IgnoreRevs.fileName))" : ""
          context.write(
            "\(short)  \(row.date.prefix(10))  \(row.author)  \(row.change)\(renameNote)  \(what)"
              + "  strength \(row.score.map(String.init) ?? "-")  \(row.subject)\(ignoredNote)\n"
          )
          if let scores = row.scores {
            context.write("         strength by characteristic: \(scores.summary)\n")
          }
          if !row.sections.isEmpty {
            context.write(
              "         sections: \(row.sections.map { $0.isEmpty ? "(introduction)" : $0 }.joined(separator: ", "))\n"
            )
          }
          if let change = row.change(id: id) {
            context.write("\n" + DiffRenderer.text([change], color: context.colorOutput, view: view) + "\n")
          }
        }
      }
    }
  }
}

/// One revision in `valprop log --format json` (docs/commands.md).
struct LogRow: Encodable {
  let commit: String
  let date: String
  let author: String
  let subject: String
  let path: String
  let oldPath: String?
  let change: String
  let wordsAdded: Int
  let wordsRemoved: Int
  let sections: [String]
  /// The front-matter keys the commit changed (a review, a status, a link).
  let fields: [FieldChange]
  /// The sections whose heading changed level (or case) only, as written before and after.
  let headings: [HeadingChange]
  /// Whether the commit is listed in `.valprop-ignore-revs` (its changes are no edit).
  let ignored: Bool
  let score: Int?
  /// The sub-score of each characteristic.
  let scores: LintScore?
  /// With `--patch`: the revision's changed sections, word by word, as `diff` gives them.
  let patch: [SectionChange]?
  /// The word diff of the revision (kept for `--patch`).
  private let diff: PropositionDiff?

  init(_ entry: LogEntry, scores: LintScore?, ignored: Bool = false, patch: Bool = false) {
    self.ignored = ignored
    headings = entry.diff.headingChanges.map { HeadingChange(old: $0.old, new: $0.new) }
    self.patch = patch ? entry.diff.sections : nil
    diff = patch ? entry.diff : nil
    fields = entry.diff.fields
    self.score = scores?.total
    self.scores = scores
    commit = entry.stamp.commit.hex
    date = entry.stamp.isoDate
    author = entry.stamp.author
    subject = entry.subject
    path = entry.path
    oldPath = entry.oldPath
    change = entry.change.rawValue
    let changed = entry.diff.sections.filter(\.wordingChanged)
    wordsAdded = changed.reduce(0) { $0 + $1.wordsAdded }
    wordsRemoved = changed.reduce(0) { $0 + $1.wordsRemoved }
    sections = changed.map(\.heading)
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(commit, forKey: .commit)
    try container.encode(date, forKey: .date)
    try container.encode(author, forKey: .author)
    try container.encode(subject, forKey: .subject)
    try container.encode(path, forKey: .path)
    if oldPath != nil { try container.encode(oldPath, forKey: .oldPath) }
    try container.encode(change, forKey: .change)
    try container.encode(wordsAdded, forKey: .wordsAdded)
    try container.encode(wordsRemoved, forKey: .wordsRemoved)
    try container.encode(sections, forKey: .sections)
    try container.encode(fields, forKey: .fields)
    try container.encode(headings, forKey: .headings)
    try container.encode(ignored, forKey: .ignored)
    try container.encode(score, forKey: .score)
    if let scores {
      try container.encode(
        Dictionary(uniqueKeysWithValues: Characteristic.allCases.map { ($0.rawValue, scores[$0]) }),
        forKey: .scores)
    }
    if let patch { try container.encode(patch, forKey: .patch) }
  }

  /// The revision as a change `DiffRenderer` shows (for `--patch`); nil without `--patch`.
  func change(id: String) -> PropositionChange? {
    guard let diff, let kind = PropositionChange.Kind(rawValue: change) else { return nil }
    return PropositionChange(id: id, path: path, oldPath: oldPath, change: kind, diff: diff)
  }

  /// A front-matter change in words: "reviewed 2026-09-01", "status active → retired",
  /// "superseded by ledger-sync", "owner set to @finance-pm".
  static func describe(_ field: FieldChange) -> String {
    switch (field.name, field.old, field.new) {
    case ("reviewed", _, let new?): return "reviewed \(new)"
    case ("status", let old?, let new?): return "status \(old) → \(new)"
    case ("status", nil, let new?): return "status \(new)"
    case ("superseded-by", _, let new?): return "superseded by \(new)"
    case ("supersedes", _, let new?): return "supersedes \(new)"
    case (let name, _, nil): return "\(name) removed"
    case (let name, nil, let new?): return "\(name) set to \(new)"
    case (let name, let old?, let new?): return "\(name) \(old) → \(new)"
    }
  }

  enum CodingKeys: String, CodingKey {
    case commit, date, author, subject, path, oldPath, change, wordsAdded, wordsRemoved, sections, fields,
      headings, ignored, score, scores, patch
  }

  /// A heading that changed level or case: `# Summary` → `## Summary`.
  struct HeadingChange: Encodable {
    let old: String
    let new: String
  }
}

extension Valprop.Log: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.format = line.option("--format") ?? .text
    command.patch = line.flag("--patch", "-p")
    command.context = line.option("--context")
    command.full = line.flag("--full")
    guard case let ids = line.positionals(), ids.count == 1 else { return nil }
    command.id = ids[0]
    return command
  }
}
