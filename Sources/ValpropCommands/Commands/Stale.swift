import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop stale`: propositions past their review date or due soon.
  struct Stale: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "stale",
      abstract:
        "List propositions past their review date, due within the window, or drifted from the code they track, by owner.",
      discussion: """
        Exits 1 when any proposition is stale or drifted, so a scheduled CI job can notify its \
        owners. Due = the later of the last edit and the last review, plus the review interval; \
        drifted = the code named by 'tracks:' changed past the 'drift:' threshold since then. In a \
        shallow clone it refuses (exit 2) unless --allow-shallow, because the clone's oldest \
        commit would look like an edit of every file.

        Examples:
          valprop stale
          valprop stale --within 30d --owner @finance-pm
          valprop stale --format markdown >> "$GITHUB_STEP_SUMMARY"
          valprop stale --as-of 2027-01-01 --format json
        """)

    @Option(
      help: "Judge on this day (YYYY-MM-DD) instead of today, in UTC.", transform: CalendarDate.parseArgument)
    var asOf: CalendarDate?

    @Option(
      help:
        "Also list propositions due within this window (e.g. 30d; 0d for overdue and due today only); by default the config's due-soon."
    )
    var within: ReviewInterval?

    @Option(
      help:
        "Only propositions this person or team owns (compared without case and without a leading '@')."
    )
    var owner: String?

    @Flag(
      help:
        "In a shallow clone, judge propositions whose history is cut short on their 'reviewed:' date alone.")
    var allowShallow = false

    @Option(
      help:
        "The output format: text, markdown (grouped by owner, for an issue or a job summary), json or github."
    )
    var format: StaleFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      if workspace.repository.isShallow && !allowShallow {
        throw ValpropError.refused(
          problem: "this is a shallow clone: its oldest commit looks as if it edited every proposition",
          hint:
            "fetch the full history (git fetch --unshallow; in GitHub Actions: actions/checkout with fetch-depth: 0),"
            + " or pass --allow-shallow to judge cut-off propositions on their reviewed: date alone")
      }
      let day = asOf ?? context.today
      let report = try StatusReport(workspace: workspace, asOf: day, dueSoon: within)
      var rows = report.rows.filter {
        $0.state == FreshnessState.stale.rawValue || $0.state == FreshnessState.dueSoon.rawValue || $0.drifted
      }
      if let owner {
        if !report.rows.contains(where: { OwnerMatch.matches(owner, $0.owners) }) {
          throw OwnerMatch.noSuchOwner(owner, known: report.rows.flatMap(\.owners))
        }
        rows = rows.filter { OwnerMatch.matches(owner, $0.owners) }
      }
      rows.sort { ($0.daysOverdue ?? 0, $1.id) > ($1.daysOverdue ?? 0, $0.id) }
      let window = (within ?? workspace.config.dueSoon).description
      for warning in futureReviewWarnings(report.rows, today: context.today) { context.warn(warning) }
      let unknown = report.rows.filter { $0.state == FreshnessState.unknown.rawValue }
      if !unknown.isEmpty {
        context.warn(
          "warning: \(unknown.count) proposition(s) cannot be judged: the shallow history is cut off and they have no reviewed: date ("
            + unknown.map(\.id).joined(separator: ", ") + ")")
      }
      switch format {
      case .json:
        context.write(
          ListRow.json(
            rows.map { row in
              var row = row
              row.includesDaysOverdue = true
              return row
            }))
      case .text:
        context.write(
          Self.text(rows, day: day, window: window, maxWidth: context.terminalWidth, owner: owner))
      case .markdown: context.write(Self.markdown(rows, day: day, window: window, owner: owner))
      case .github: context.write(Self.github(rows))
      }
      for problem in report.problems { context.report(problem) }
      if !report.problems.isEmpty { throw ExitCode(2) }
      if rows.contains(where: { $0.state == FreshnessState.stale.rawValue || $0.drifted }) {
        throw ExitCode(1)
      }
    }

    static func overdue(_ row: ListRow) -> String {
      guard let days = row.daysOverdue else { return "-" }
      if days > 0 { return "\(days) day\(days == 1 ? "" : "s") overdue" }
      if days == 0 { return "due today" }
      return "due in \(-days) day\(days == -1 ? "" : "s")"
    }

    /// The groups by owner; with `--owner`, only that owner's group (a row with co-owners is
    /// not repeated under them).
    static func groups(_ rows: [ListRow], owner: String?) -> [(owner: String, rows: [ListRow])] {
      StatusReport.byOwner(rows).filter { group in
        owner.map { OwnerMatch.key($0) == OwnerMatch.key(group.owner) } ?? true
      }
    }

    static func text(
      _ rows: [ListRow], day: CalendarDate, window: String, maxWidth: Int? = nil, owner: String? = nil
    ) -> String {
      guard !rows.isEmpty else {
        return "Nothing is stale, drifted or due within \(window) (as of \(day)).\n"
      }
      var out = "To review (as of \(day), due-soon window \(window)):\n"
      for group in groups(rows, owner: owner) {
        out += "\n\(group.owner)\n"
        out += Columns.render(
          header: ["  ID", "TITLE", "DUE", "WHEN", "STATE"],
          rows: group.rows.map { ["  " + $0.id, $0.title, $0.due ?? "-", overdue($0), $0.stateText] },
          maxWidth: maxWidth)
        for row in group.rows {
          if let reason = row.driftReason { out += "  \(row.id): \(reason)\n" }
        }
      }
      return out + "\nRecord a review with: valprop review <id>\n"
    }

    static func markdown(_ rows: [ListRow], day: CalendarDate, window: String, owner: String? = nil) -> String
    {
      var out = "# Value propositions to review\n\nAs of \(day); due-soon window \(window).\n\n"
      guard !rows.isEmpty else { return out + "Nothing is stale or due soon.\n" }
      for group in groups(rows, owner: owner) {
        out += "## \(MarkdownCell.escape(group.owner))\n\n"
        out +=
          "| Proposition | Due | When | State | Last edited | Last reviewed |\n|---|---|---|---|---|---|\n"
        for row in group.rows {
          let title = MarkdownCell.escape(row.title)
          out +=
            "| [\(title)](\(MarkdownCell.link(row.path))) (`\(row.id)`) | \(row.due ?? "-") | \(overdue(row)) | \(row.stateText) | "
            + "\(row.lastEdited.map { String($0.isoDate.prefix(10)) } ?? "-") | \(row.lastReviewed ?? "never") |\n"
        }
        out += "\n"
        for row in group.rows {
          if let reason = row.driftReason {
            out += "- `\(row.id)` drifted: \(MarkdownCell.escape(reason))\n"
          }
        }
        if group.rows.contains(where: \.drifted) { out += "\n" }
      }
      return out + "Record a review with `valprop review <id> -m \"what you checked\"`.\n"
    }

    static func github(_ rows: [ListRow]) -> String {
      rows.map { row in
        let level = row.state == FreshnessState.stale.rawValue || row.drifted ? "error" : "warning"
        let owners = row.owners.isEmpty ? "no owner" : row.owners.joined(separator: ", ")
        let drift = row.driftReason.map { "; drifted: \($0)" } ?? ""
        return
          "::\(level) file=\(row.path),line=1,title=valprop \(row.stateText)::\(row.id) is \(row.stateText): due \(row.due ?? "-"), \(overdue(row))\(drift) (\(owners))\n"
      }.joined()
    }
  }
}

/// The output formats of `valprop stale`.
enum StaleFormat: String, ExpressibleByArgument, CaseIterable {
  /// Grouped by owner, for a terminal.
  case text
  /// Grouped by owner, for an issue or a CI job summary.
  case markdown
  /// The list shape of docs/commands.md with `daysOverdue`.
  case json
  /// GitHub Actions annotations.
  case github
}

extension ReviewInterval: ExpressibleByArgument {
  /// Parses `90d`, `12w`, `6m` or `1y` from the command line; `0d` (any unit) is the empty
  /// window of `stale --within 0d`.
  public init?(argument: String) {
    if let unit = argument.last.flatMap(Unit.init(rawValue:)), argument.dropLast().allSatisfy({ $0 == "0" }),
      argument.count > 1
    {
      self = ReviewInterval.none(unit)
      return
    }
    self.init(argument)
  }
}

extension Valprop.Stale: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.asOf = line.option("--as-of", transform: CalendarDate.parseArgument)
    command.within = line.option("--within")
    command.owner = line.option("--owner")
    command.allowShallow = line.flag("--allow-shallow")
    command.format = line.option("--format") ?? .text
    return line.positionals().isEmpty ? command : nil
  }
}
