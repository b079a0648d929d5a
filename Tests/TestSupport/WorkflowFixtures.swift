import Foundation

/// Proposition texts for the staleness, review and lifecycle tests: strong (lint-clean of
/// errors) core propositions whose front matter and wording a test varies line by line.
public enum Propositions {
  /// The default problem statement: long enough to reflow.
  public static let problem =
    "Manual data reconciliation costs 20 hours per week for every finance team we interviewed."

  /// A core proposition with the given front-matter lines (after `title:`) and problem.
  public static func text(
    title: String = "Reconciliation autopilot",
    frontMatter: [String] = ["status: active", "framework: core", "owner: \"@finance-pm\""],
    problem: String = Propositions.problem
  ) -> String {
    (["---", "title: \(title)"] + frontMatter + ["---"]).joined(separator: "\n") + "\n" + """

      # \(title)

      ## Target audience
      Finance teams at mid-market SaaS companies (50-500 employees) that close the books monthly.

      ## Problem
      \(problem)

      ## Solution
      An automated pipeline that syncs data across systems in real time.

      ## Key benefits
      - Reduces reconciliation time by 90%
      - Cuts the month-end close from 8 days to 2 days

      ## Differentiation
      The only solution with native integrations for all major ERP platforms.

      ## Evidence
      - 14 customer interviews, March 2026 (link)

      """
  }

  /// A proposition with lint errors: no audience worth the name, no evidence, buzzwords.
  public static let weak = """
    ---
    title: Synergy platform
    framework: core
    ---

    # Synergy platform

    ## Target audience
    Everyone.

    ## Problem
    Reconciliation is slow.

    ## Solution
    An AI-powered platform that leverages best-in-class synergies.

    ## Key benefits
    - Faster

    """
}

/// Calendar days as `YYYY-MM-DD` text, in UTC.
public enum Day {
  private static var calendar: Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }

  /// Today in UTC.
  public static var today: String { format(Date()) }

  /// The day `days` after `day` (before, when negative).
  public static func adding(_ days: Int, to day: String) -> String {
    let parts = day.split(separator: "-").compactMap { Int($0) }
    let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    return format(calendar.date(byAdding: .day, value: days, to: date)!)
  }

  /// A moment's day in UTC.
  public static func format(_ date: Date) -> String {
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }
}

extension GitFixture {
  /// What `git fsck` reports as broken (empty when the repository is sound): its exit status
  /// and every line that is not about a dangling or unreachable object.
  public func fsckProblems() throws -> String {
    let result = try Shell.run(
      Shell.which("git"), ["fsck", "--no-progress"], in: path, environment: GitFixture.environment)
    let lines = (result.stdout + result.stderr).split(separator: "\n").filter {
      !$0.hasPrefix("dangling ") && !$0.hasPrefix("unreachable ") && !$0.hasPrefix("notice: ")
        && !$0.hasPrefix("Checking ")
    }
    if result.status == 0 && lines.isEmpty { return "" }
    return "git fsck exit \(result.status):\n" + lines.joined(separator: "\n")
  }

  /// The lock files git or libgit2 left in the git directory (`*.lock`), relative to it.
  public func lockFiles() -> [String] {
    let gitDirectory = path + "/.git"
    return (FileManager.default.subpaths(atPath: gitDirectory) ?? []).filter { $0.hasSuffix(".lock") }
      .sorted()
  }

  /// The subjects and bodies of every commit reachable from HEAD, newest first.
  public func messages() throws -> String {
    try git(["log", "--format=%B%x00"])
  }

  /// The number of commits reachable from HEAD (0 in an empty repository).
  public func commitCount() -> Int {
    (try? git(["rev-list", "--count", "HEAD"])).flatMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    } ?? 0
  }
}
