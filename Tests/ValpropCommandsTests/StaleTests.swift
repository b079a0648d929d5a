import Foundation
import TestSupport
import Testing

/// `valprop stale` and the states of `list --as-of` (docs/commands.md) on repositories with back-dated
/// commits: which commits reset the review clock, the states, the window, the owner filter,
/// the formats and shallow clones.
@Suite struct StaleTests {
  /// The path of the proposition most tests follow.
  static let path = "propositions/autopilot.md"
  /// The day of its first (real) edit, and that commit's author date.
  static let editDay = "2024-01-10"
  static let editDate = "2024-01-10T10:00:00+02:00"
  /// The date of the commit a test adds after it.
  static let laterDate = "2024-03-01T10:00:00+00:00"

  /// A repository whose proposition was written on 2024-01-10 (default interval 90d: due
  /// 2024-04-09); returns it and the commit.
  static func editedOnce(_ text: String = Propositions.text()) throws -> (GitFixture, String) {
    let repo = try GitFixture()
    let first = try repo.commit("Add autopilot", files: [path: text], date: editDate)
    return (repo, first)
  }

  /// `list --format json --as-of DAY`, by id.
  static func listed(_ repo: GitFixture, asOf day: String) throws -> [String: [String: Any]] {
    let result = try valprop(["list", "--format", "json", "--as-of", day], in: repo.path)
    #expect(result.status == 0, "\(result)")
    return try listedByID(result)
  }

  // MARK: - What resets the clock

  /// A commit after the first edit that must not count as an edit.
  struct Cosmetic: Sendable, CustomTestStringConvertible {
    let name: String
    /// Whether the commit changes the file's bytes (a pure rename does not).
    let changesBytes: Bool
    var testDescription: String { name }
  }

  static let cosmetics: [Cosmetic] = [
    Cosmetic(name: "white space only", changesBytes: true),
    Cosmetic(name: "reflowed paragraph", changesBytes: true),
    Cosmetic(name: "line endings to CRLF", changesBytes: true),
    Cosmetic(name: "owner and tags", changesBytes: true),
    Cosmetic(name: "pure rename into a folder", changesBytes: false),
    Cosmetic(name: "wording edit listed in .valprop-ignore-revs", changesBytes: true),
  ]

  /// Makes the cosmetic commit on 2024-03-01; returns its id and the proposition's new path.
  static func apply(_ cosmetic: Cosmetic, to repo: GitFixture) throws -> (commit: String, path: String) {
    let original = Propositions.text()
    switch cosmetic.name {
    case "white space only":
      let text = original.replacingOccurrences(of: " costs 20 hours", with: "  costs   20 hours")
        .replacingOccurrences(of: "## Solution\n", with: "## Solution   \n\n")
        .replacingOccurrences(of: "- Reduces", with: "-   Reduces")
        .replacingOccurrences(of: "(link)\n", with: "(link)  \n\n\n")
      return (try repo.commit("Fix white space", files: [path: text], date: laterDate), path)
    case "reflowed paragraph":
      let text = original.replacingOccurrences(
        of: Propositions.problem,
        with: "Manual data reconciliation costs 20\nhours per week for every finance\nteam we interviewed.")
      return (try repo.commit("Reflow", files: [path: text], date: laterDate), path)
    case "line endings to CRLF":
      let text = original.replacingOccurrences(of: "\n", with: "\r\n")
      return (try repo.commit("CRLF", files: [path: text], date: laterDate), path)
    case "owner and tags":
      let text = original.replacingOccurrences(
        of: "owner: \"@finance-pm\"",
        with: "owner: [\"@ops\", \"@finance-pm\"]\ntags: [erp, finance]\nx-notes: hi")
      return (try repo.commit("Owners and tags", files: [path: text], date: laterDate), path)
    case "pure rename into a folder":
      let moved = "propositions/archive/2024/autopilot.md"
      try repo.folder.makeFolder("propositions/archive/2024")
      try repo.git(["mv", path, moved])
      return (try repo.commit("Move", date: laterDate), moved)
    default:
      let text = original.replacingOccurrences(of: "20 hours", with: "25 hours")
      let ignored = try repo.commit("Bulk rewording", files: [path: text], date: laterDate)
      try repo.commit(
        "Ignore the bulk rewording",
        files: [".valprop-ignore-revs": "# bulk edits\n\(ignored)  # the rewording\n"],
        date: "2024-03-02T10:00:00+00:00")
      return (ignored, path)
    }
  }

  @Test(arguments: cosmetics)
  func cosmeticCommitsDoNotResetTheClock(_ cosmetic: Cosmetic) throws {
    let (repo, first) = try Self.editedOnce()
    let (later, path) = try Self.apply(cosmetic, to: repo)

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    #expect(row["path"] as? String == path, "\(row)")
    let edited = try #require(row["lastEdited"] as? [String: Any], "\(row)")
    #expect(edited["commit"] as? String == first, "\(cosmetic.name) counted as an edit: \(row)")
    #expect(edited["date"] as? String == Self.editDate, "\(row)")
    #expect(edited["author"] as? String == "Ana Author", "\(row)")
    let changed = try #require(row["lastChanged"] as? [String: Any], "\(row)")
    #expect(changed["commit"] as? String == (cosmetic.changesBytes ? later : first), "\(row)")
    #expect(row["due"] as? String == "2024-04-09", "\(row)")
    #expect(row["state"] as? String == "stale", "\(row)")
    #expect(row["historyTruncated"] as? Bool == false, "\(row)")

    let stale = try valprop(["stale", "--as-of", "2024-04-10", "--format", "json"], in: repo.path)
    #expect(stale.status == 1, "\(stale)")
    #expect(try jsonObjects(stale).first?["daysOverdue"] as? Int == 1, "\(stale)")
  }

  @Test func allCosmeticCommitsTogetherStillDoNotResetTheClock() throws {
    let (repo, first) = try Self.editedOnce()
    var text = Propositions.text()
    text = text.replacingOccurrences(of: "owner: \"@finance-pm\"", with: "owner: \"@ops\"")
    try repo.commit("Owner", files: [Self.path: text], date: "2024-02-01T10:00:00+00:00")
    text = text.replacingOccurrences(of: "in real time.", with: "in real\ntime.")
    try repo.commit("Reflow", files: [Self.path: text], date: "2024-02-02T10:00:00+00:00")
    try repo.folder.makeFolder("propositions/finance")
    try repo.git(["mv", Self.path, "propositions/finance/autopilot.md"])
    try repo.commit("Move", date: "2024-02-03T10:00:00+00:00")
    text = text.replacingOccurrences(of: "real\ntime.", with: "real  \ntime.  ")
    try repo.commit(
      "Space", files: ["propositions/finance/autopilot.md": text], date: "2024-02-04T10:00:00+00:00")

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    #expect((row["lastEdited"] as? [String: Any])?["commit"] as? String == first, "\(row)")
    #expect(row["due"] as? String == "2024-04-09", "\(row)")
    #expect(row["state"] as? String == "stale", "\(row)")
  }

  /// A commit that changes the wording and so resets the clock.
  struct Edit: Sendable, CustomTestStringConvertible {
    let name: String
    let from: String
    let to: String
    var testDescription: String { name }
  }

  @Test(arguments: [
    Edit(name: "one word of the body", from: "20 hours", to: "25 hours"),
    Edit(name: "the title", from: "title: Reconciliation autopilot", to: "title: Reconciliation pilot"),
    Edit(
      name: "the audience", from: "status: active", to: "status: active\naudience: CFOs of SaaS companies"),
    Edit(name: "a section heading", from: "## Differentiation", to: "## Why us"),
  ])
  func aWordingEditResetsTheClock(_ edit: Edit) throws {
    let (repo, _) = try Self.editedOnce()
    let text = Propositions.text().replacingOccurrences(of: edit.from, with: edit.to)
    #expect(text != Propositions.text())
    let second = try repo.commit("Edit \(edit.name)", files: [Self.path: text], date: Self.laterDate)

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    #expect((row["lastEdited"] as? [String: Any])?["commit"] as? String == second, "\(row)")
    #expect((row["lastChanged"] as? [String: Any])?["commit"] as? String == second, "\(row)")
    #expect(row["due"] as? String == "2024-05-30", "\(row)")
    #expect(row["state"] as? String == "fresh", "\(row)")
    let stale = try valprop(["stale", "--as-of", "2024-04-10"], in: repo.path)
    #expect(stale.status == 0, "\(stale)")
  }

  @Test func anEditRenamedInTheSameCommitResetsTheClock() throws {
    let (repo, _) = try Self.editedOnce()
    try repo.git(["rm", "-q", Self.path])
    let text = Propositions.text().replacingOccurrences(of: "20 hours", with: "30 hours")
    let second = try repo.commit(
      "Move and edit", files: ["propositions/finance/autopilot.md": text], date: Self.laterDate)

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    #expect((row["lastEdited"] as? [String: Any])?["commit"] as? String == second, "\(row)")
    #expect(row["due"] as? String == "2024-05-30", "\(row)")
  }

  @Test func aReviewedDateLaterThanTheLastEditResetsTheClock() throws {
    let (repo, first) = try Self.editedOnce()
    let text = Propositions.text(frontMatter: [
      "status: active", "framework: core", "owner: \"@finance-pm\"", "reviewed: 2024-03-01",
    ])
    try repo.commit("Reviewed", files: [Self.path: text], date: "2024-03-01T12:00:00+00:00")

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    // Recording a review is no edit, but it moves the due date.
    #expect((row["lastEdited"] as? [String: Any])?["commit"] as? String == first, "\(row)")
    #expect(row["lastReviewed"] as? String == "2024-03-01", "\(row)")
    #expect(row["due"] as? String == "2024-05-30", "\(row)")
    #expect(row["state"] as? String == "fresh", "\(row)")
    #expect(try valprop(["stale", "--as-of", "2024-04-10"], in: repo.path).status == 0)
  }

  @Test func aReviewedDateEarlierThanTheLastEditDoesNotMoveTheDueDate() throws {
    let (repo, _) = try Self.editedOnce(
      Propositions.text(frontMatter: ["status: active", "owner: \"@finance-pm\"", "reviewed: 2023-12-01"]))

    let row = try #require(try Self.listed(repo, asOf: "2024-04-10")["autopilot"])

    #expect(row["lastReviewed"] as? String == "2023-12-01", "\(row)")
    #expect(row["due"] as? String == "2024-04-09", "\(row)")
    #expect(row["state"] as? String == "stale", "\(row)")
  }

  @Test func reviewEveryOfTheFileAndOfTheConfigSetTheInterval() throws {
    let repo = try GitFixture()
    try repo.commit(
      "Add",
      files: [
        ".valprop.yml": "review-every: 6m\n",
        "propositions/monthly.md": Propositions.text(frontMatter: ["status: active", "review-every: 30d"]),
        "propositions/default.md": Propositions.text(frontMatter: ["status: active"]),
      ], date: Self.editDate)

    let rows = try Self.listed(repo, asOf: "2024-02-01")

    #expect(rows["monthly"]?["due"] as? String == "2024-02-09", "\(rows)")
    #expect(rows["monthly"]?["state"] as? String == "due-soon", "\(rows)")
    #expect(rows["default"]?["due"] as? String == "2024-07-10", "\(rows)")
    #expect(rows["default"]?["state"] as? String == "fresh", "\(rows)")
  }

  @Test func valpropReviewResetsTheClock() throws {
    let repo = try GitFixture()
    try repo.commit("Add", files: [Self.path: Propositions.text()], date: "2020-01-10T10:00:00+00:00")
    let before = try valprop(["stale", "--format", "json"], in: repo.path)
    #expect(before.status == 1, "\(before)")
    #expect(try jsonObjects(before).map { $0["id"] as? String } == ["autopilot"], "\(before)")

    let review = try valprop(["review", "autopilot", "-m", "Checked"], in: repo.path)
    let today = Day.today

    #expect(review.status == 0, "\(review)")
    let after = try valprop(["stale", "--format", "json"], in: repo.path)
    #expect(after.status == 0, "\(after)")
    #expect(try jsonObjects(after).isEmpty, "\(after)")
    let row = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["autopilot"])
    #expect(row["lastReviewed"] as? String == today, "\(row)")
    #expect(row["due"] as? String == Day.adding(90, to: today), "\(row)")
    #expect(row["state"] as? String == "fresh", "\(row)")
    // The review commit is no edit.
    #expect(
      (row["lastEdited"] as? [String: Any])?["date"] as? String == "2020-01-10T10:00:00+00:00", "\(row)")
  }

  // MARK: - States

  /// A repository with one proposition in every state on 2024-04-20, committed on
  /// 2024-01-10 unless said otherwise; returns it and the expected states.
  static func everyState() throws -> (GitFixture, [String: String]) {
    let repo = try GitFixture()
    try repo.commit(
      "Add",
      files: [
        "propositions/ledger.md": Propositions.text(
          title: "Ledger", frontMatter: ["status: active", "owner: [\"@b-team\", \"@a-team\"]"]),
        "propositions/inbox.md": Propositions.text(
          title: "Inbox", frontMatter: ["status: active", "owner: \"@a-team\"", "review-every: 110d"]),
        "propositions/pricing.md": Propositions.text(
          title: "Pricing", frontMatter: ["status: active", "owner: \"@c-team\"", "reviewed: 2024-03-20"]),
        "propositions/payroll.md": Propositions.text(title: "Payroll", frontMatter: ["status: draft"]),
        "propositions/fax.md": Propositions.text(
          title: "Fax", frontMatter: ["status: retired", "owner: \"@a-team\""]),
        "propositions/telex.md": Propositions.text(
          title: "Telex", frontMatter: ["status: superseded", "superseded-by: pricing", "owner: \"@a-team\""]),
      ], date: editDate)
    // Written long ago, never reviewed, but not committed: never stale.
    try repo.folder.write(
      "propositions/unsaved-draft.md",
      Propositions.text(title: "Unsaved draft", frontMatter: ["status: active", "reviewed: 2020-01-01"]))
    try repo.folder.write("propositions/staged-draft.md", Propositions.text(title: "Staged draft"))
    try repo.git(["add", "propositions/staged-draft.md"])
    return (
      repo,
      [
        "ledger": "stale", "inbox": "due-soon", "pricing": "fresh", "payroll": "stale", "fax": "retired",
        "telex": "superseded", "unsaved-draft": "uncommitted", "staged-draft": "uncommitted",
      ]
    )
  }

  @Test func listAsOfShowsEveryState() throws {
    let (repo, expected) = try Self.everyState()

    let rows = try Self.listed(repo, asOf: "2024-04-20")

    #expect(rows.mapValues { $0["state"] as? String ?? "?" } == expected, "\(rows)")
    for id in ["unsaved-draft", "staged-draft"] {
      #expect(rows[id]?["lastChanged"] is NSNull, "\(id): \(rows[id] ?? [:])")
      #expect(rows[id]?["lastEdited"] is NSNull, "\(id): \(rows[id] ?? [:])")
    }
  }

  @Test func staleListsWhatListCallsStaleOrDueSoonWithTheSameStates() throws {
    let (repo, _) = try Self.everyState()

    let list = try Self.listed(repo, asOf: "2024-04-20")
    let stale = try valprop(["stale", "--as-of", "2024-04-20", "--format", "json"], in: repo.path)

    #expect(stale.status == 1, "\(stale)")
    let rows = try jsonObjects(stale)
    let ids = Set(rows.compactMap { $0["id"] as? String })
    #expect(ids == ["ledger", "inbox", "payroll"], "\(stale)")
    #expect(ids == Set(list.filter { ["stale", "due-soon"].contains($0.value["state"] as? String) }.keys))
    for row in rows {
      let id = row["id"] as? String ?? ""
      #expect(row["state"] as? String == list[id]?["state"] as? String, "\(id)")
      #expect(row["due"] as? String == list[id]?["due"] as? String, "\(id)")
    }
  }

  @Test func retiredSupersededAndUncommittedAreNeverStale() throws {
    let repo = try GitFixture()
    try repo.commit(
      "Add",
      files: [
        "propositions/fax.md": Propositions.text(frontMatter: ["status: retired"]),
        "propositions/telex.md": Propositions.text(frontMatter: ["status: superseded"]),
      ], date: "2019-01-01T10:00:00+00:00")
    try repo.folder.write(
      "propositions/unsaved-draft.md",
      Propositions.text(frontMatter: ["status: active", "reviewed: 2019-01-01"]))

    for day in ["2019-06-01", "2030-01-01"] {
      let result = try valprop(["stale", "--as-of", day, "--format", "json"], in: repo.path)
      #expect(result.status == 0, "\(result)")
      #expect(try jsonObjects(result).isEmpty, "\(result)")
    }
    let today = try valprop(["stale"], in: repo.path)
    #expect(today.status == 0, "\(today)")
  }

  @Test func anEmptyRepositoryHasOnlyUncommittedPropositions() throws {
    let repo = try repository([
      "propositions/first.md": Propositions.text(frontMatter: ["reviewed: 2019-01-01"])
    ])

    let rows = try Self.listed(repo, asOf: "2024-01-01")
    let stale = try valprop(["stale", "--as-of", "2024-01-01"], in: repo.path)

    #expect(rows["first"]?["state"] as? String == "uncommitted", "\(rows)")
    #expect(stale.status == 0, "\(stale)")
  }

  // MARK: - The window, the owner filter, exit codes

  @Test(
    arguments: [
      ("2024-03-25", "fresh", nil), ("2024-03-26", "due-soon", -14), ("2024-04-09", "due-soon", 0),
      ("2024-04-10", "stale", 1), ("2024-05-09", "stale", 30),
    ] as [(String, String, Int?)])
  func theDueSoonWindowAndTheDueDay(day: String, state: String, daysOverdue: Int?) throws {
    let (repo, _) = try Self.editedOnce()

    let row = try #require(try Self.listed(repo, asOf: day)["autopilot"])
    let stale = try valprop(["stale", "--as-of", day, "--format", "json"], in: repo.path)

    #expect(row["state"] as? String == state, "\(day): \(row)")
    #expect(stale.status == (state == "stale" ? 1 : 0), "\(day): \(stale)")
    let rows = try jsonObjects(stale)
    if let daysOverdue {
      #expect(rows.count == 1, "\(stale)")
      #expect(rows.first?["daysOverdue"] as? Int == daysOverdue, "\(day): \(stale)")
      #expect(rows.first?["state"] as? String == state, "\(stale)")
    } else {
      #expect(rows.isEmpty, "\(day): \(stale)")
    }
  }

  @Test func withinWidensTheWindowAndTheConfigSetsIt() throws {
    let (repo, _) = try Self.editedOnce()

    let narrow = try valprop(["stale", "--as-of", "2024-03-15", "--format", "json"], in: repo.path)
    let wide = try valprop(
      ["stale", "--as-of", "2024-03-15", "--within", "30d", "--format", "json"], in: repo.path)
    let weeks = try valprop(
      ["stale", "--as-of", "2024-03-15", "--within", "4w", "--format", "json"], in: repo.path)
    let bad = try valprop(["stale", "--within", "soon"], in: repo.path)

    #expect(narrow.status == 0, "\(narrow)")
    #expect(try jsonObjects(narrow).isEmpty, "\(narrow)")
    #expect(wide.status == 0, "due soon is not stale: \(wide)")
    let row = try #require(try jsonObjects(wide).first, "\(wide)")
    #expect(row["state"] as? String == "due-soon", "\(wide)")
    #expect(row["daysOverdue"] as? Int == -25, "\(wide)")
    #expect(try jsonObjects(weeks).count == 1, "\(weeks)")
    #expect(bad.status >= 2, "\(bad)")

    try repo.folder.write(".valprop.yml", "due-soon: 30d\n")
    let configured = try valprop(["stale", "--as-of", "2024-03-15", "--format", "json"], in: repo.path)
    #expect(try jsonObjects(configured).count == 1, "\(configured)")
    #expect(try Self.listed(repo, asOf: "2024-03-15")["autopilot"]?["state"] as? String == "due-soon")
  }

  @Test func ownerKeepsOnlyThatOwnersPropositions() throws {
    let (repo, _) = try Self.everyState()

    let a = try valprop(
      ["stale", "--as-of", "2024-04-20", "--owner", "@A-TEAM", "--format", "json"], in: repo.path)
    let b = try valprop(
      ["stale", "--as-of", "2024-04-20", "--owner", "@b-team", "--format", "json"], in: repo.path)
    let c = try valprop(
      ["stale", "--as-of", "2024-04-20", "--owner", "@c-team", "--format", "json"], in: repo.path)
    let bText = try valprop(["stale", "--as-of", "2024-04-20", "--owner", "@b-team"], in: repo.path)

    #expect(Set(try jsonObjects(a).compactMap { $0["id"] as? String }) == ["ledger", "inbox"], "\(a)")
    #expect(a.status == 1, "\(a)")
    #expect(try jsonObjects(b).compactMap { $0["id"] as? String } == ["ledger"], "\(b)")
    #expect(try jsonObjects(c).isEmpty, "\(c)")
    #expect(c.status == 0, "nothing of @c-team is stale: \(c)")
    #expect(bText.stdout.contains("ledger"), "\(bText)")
    #expect(!bText.stdout.contains("payroll") && !bText.stdout.contains("inbox"), "\(bText)")
  }

  // MARK: - Formats

  /// The lines of each owner's group in a report: from the line naming the owner to the next.
  static func groups(_ output: String, owners: [String], heading: (String) -> Bool) -> [String: [String]] {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var starts: [(owner: String, line: Int)] = []
    for (number, line) in lines.enumerated() where heading(line) {
      if let owner = owners.first(where: { line.contains($0) }) { starts.append((owner, number)) }
    }
    var result: [String: [String]] = [:]
    for (position, start) in starts.enumerated() {
      let end = position + 1 < starts.count ? starts[position + 1].line : lines.count
      result[start.owner] = Array(lines[(start.line + 1)..<end])
    }
    result["order"] = starts.map(\.owner)
    return result
  }

  /// Whether a group's lines mention a proposition id as a word.
  static func mentions(_ lines: [String]?, _ id: String) -> Bool {
    (lines ?? []).contains { line in
      line.range(of: #"(^|[^a-z-])\#(id)([^a-z-]|$)"#, options: .regularExpression) != nil
    }
  }

  @Test(arguments: ["text", "markdown"])
  func humanFormatsAreGroupedByOwner(format: String) throws {
    let (repo, _) = try Self.everyState()

    let result = try valprop(["stale", "--as-of", "2024-04-20", "--format", format], in: repo.path)

    #expect(result.status == 1, "\(result)")
    let owners = ["@a-team", "@b-team", "no owner"]
    let groups = Self.groups(result.stdout, owners: owners) { line in
      format == "markdown"
        ? line.hasPrefix("#") && !line.hasPrefix("# ")
        : !line.hasPrefix(" ") && line.trimmingCharacters(in: .whitespaces).count < 20
          && owners.contains { line.contains($0) }
    }
    #expect(Set(groups["order"] ?? []) == Set(owners), "\(result)")
    #expect(groups["order"]?.last == "no owner", "'(no owner)' comes last: \(result)")
    #expect(Self.mentions(groups["@a-team"], "ledger"), "\(result)")
    #expect(Self.mentions(groups["@a-team"], "inbox"), "\(result)")
    #expect(!Self.mentions(groups["@a-team"], "payroll"), "\(result)")
    #expect(Self.mentions(groups["@b-team"], "ledger"), "two owners: under both: \(result)")
    #expect(!Self.mentions(groups["@b-team"], "inbox"), "\(result)")
    #expect(Self.mentions(groups["no owner"], "payroll"), "\(result)")
    #expect(!Self.mentions(groups["no owner"], "ledger"), "\(result)")
    for absent in ["@c-team", "fax", "telex", "unsaved", "staged", "pricing"] {
      #expect(!result.stdout.contains(absent), "\(absent) is not due: \(result)")
    }
    #expect(!result.stdout.contains("\u{1B}["), "\(result)")
  }

  @Test(arguments: ["text", "markdown", "json", "github"])
  func nothingToReportExitsZero(format: String) throws {
    let (repo, _) = try Self.editedOnce()

    let result = try valprop(["stale", "--as-of", "2024-01-20", "--format", format], in: repo.path)

    #expect(result.status == 0, "\(result)")
    if format == "json" { #expect(try jsonObjects(result).isEmpty, "\(result)") }
    if format == "github" { #expect(!result.stdout.contains("::"), "\(result)") }
  }

  @Test func jsonHasTheContractFieldsAndDaysOverdue() throws {
    let (repo, first) = try Self.editedOnce(
      Propositions.text(frontMatter: [
        "status: active", "framework: core", "owner: [\"@finance-pm\", \"@cfo\"]", "tags: [finance, erp]",
        "reviewed: 2023-11-01",
      ]))

    let result = try valprop(["stale", "--as-of", "2024-04-19", "--format", "json"], in: repo.path)

    #expect(result.status == 1, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.count == 1, "\(result)")
    let row = try #require(rows.first)
    #expect(
      Set(row.keys) == [
        "id", "path", "title", "status", "framework", "owners", "tags", "lastChanged", "lastEdited",
        "lastReviewed", "reviewEvery", "due", "state", "historyTruncated", "daysOverdue", "supersededBy",
        "tracks", "drift", "driftUnknown", "drifted",
      ], "\(row.keys.sorted())")
    #expect(row["id"] as? String == "autopilot")
    #expect(row["path"] as? String == Self.path)
    #expect(row["title"] as? String == "Reconciliation autopilot")
    #expect(row["status"] as? String == "active")
    #expect(row["framework"] as? String == "core")
    #expect(row["owners"] as? [String] == ["@finance-pm", "@cfo"])
    #expect(row["tags"] as? [String] == ["finance", "erp"])
    for key in ["lastChanged", "lastEdited"] {
      let stamp = try #require(row[key] as? [String: Any], "\(key): \(row)")
      #expect(stamp["commit"] as? String == first, "\(key)")
      #expect(stamp["date"] as? String == Self.editDate, "\(key)")
      #expect(stamp["author"] as? String == "Ana Author", "\(key)")
    }
    #expect(row["lastReviewed"] as? String == "2023-11-01")
    #expect(row["reviewEvery"] as? String == "90d")
    #expect(row["due"] as? String == "2024-04-09")
    #expect(row["state"] as? String == "stale")
    #expect(row["historyTruncated"] as? Bool == false)
    #expect(row["daysOverdue"] as? Int == 10)
  }

  @Test func githubFormatAnnotatesEachFile() throws {
    let (repo, _) = try Self.everyState()

    let result = try valprop(["stale", "--as-of", "2024-04-20", "--format", "github"], in: repo.path)

    #expect(result.status == 1, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(result)")
    var files: [String: String] = [:]
    for line in lines {
      let match = line.firstMatch(of: #/^::(error|warning|notice) file=([^,:]+)(,[^:]*)?::(.+)$/#)
      let parsed = try #require(match, "not an annotation: \(line)")
      files[String(parsed.2)] = String(parsed.1)
      #expect(!parsed.4.isEmpty)
    }
    #expect(
      Set(files.keys) == ["propositions/ledger.md", "propositions/inbox.md", "propositions/payroll.md"],
      "\(result)")
    #expect(files["propositions/ledger.md"] != "notice", "a stale proposition is more than a notice")
  }

  // MARK: - Shallow clones

  /// A repository whose proposition was reviewed on 2024-03-01 but edited on 2024-04-01, and
  /// a depth-1 clone of it.
  static func shallowClone() throws -> (origin: GitFixture, clone: TemporaryFolder) {
    let origin = try GitFixture()
    let text = Propositions.text(frontMatter: ["status: active", "owner: \"@pm\"", "reviewed: 2024-03-01"])
    try origin.commit("Add", files: [path: text], date: editDate)
    try origin.commit(
      "Edit", files: [path: text.replacingOccurrences(of: "20 hours", with: "22 hours")],
      date: "2024-04-01T10:00:00+00:00")
    try origin.commit(
      "Unreviewed", files: ["propositions/never.md": Propositions.text(title: "Never")],
      date: "2024-04-02T10:00:00+00:00")
    try origin.commit("Readme", files: ["README.md": "hi\n"], date: "2024-04-05T10:00:00+00:00")
    let parent = try TemporaryFolder()
    let clone = try git(
      ["clone", "-q", "--depth", "1", "file://" + origin.path, parent.path + "/clone"], in: parent.path)
    #expect(clone.status == 0, "\(clone)")
    return (origin, parent)
  }

  @Test func aShallowCloneIsRefusedWithTheFix() throws {
    let (_, parent) = try Self.shallowClone()
    let clone = parent.path + "/clone"
    let before = parent.snapshot()

    let result = try valprop(["stale", "--as-of", "2024-06-10"], in: clone)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("fetch-depth: 0"), "\(result)")
    #expect(result.stderr.contains("git fetch --unshallow"), "\(result)")
    #expect(parent.snapshot() == before)
  }

  /// git keeps a shallow clone's `shallow` file in the folder its work trees share: a second
  /// work tree (`git worktree add`) is as shallow as the first, and says so as the first does
  /// (it failed with "object not found" on the cut-off commit's parent).
  @Test func aLinkedWorkTreeOfAShallowCloneIsShallowToo() throws {
    let (_, parent) = try Self.shallowClone()
    let clone = parent.path + "/clone"
    let added = try git(["worktree", "add", "-q", parent.path + "/second"], in: clone)
    #expect(added.status == 0, "\(added)")
    for folder in [clone, parent.path + "/second"] {
      let stale = try valprop(["stale", "--as-of", "2024-06-10"], in: folder)
      #expect(stale.status == 2 && stale.stderr.contains("git fetch --unshallow"), "\(folder): \(stale)")
      let list = try valprop(["list", "--format", "json"], in: folder)
      #expect(list.status == 0 && list.stderr.contains("shallow clone"), "\(folder): \(list)")
      let log = try valprop(["log", "autopilot"], in: folder)
      #expect(log.status == 0 && log.stderr.contains("shallow clone"), "\(folder): \(log)")
    }
  }

  @Test func allowShallowJudgesCutOffPropositionsOnTheirReviewedDateAlone() throws {
    let (origin, parent) = try Self.shallowClone()
    let clone = parent.path + "/clone"

    let full = try valprop(["stale", "--as-of", "2024-06-10", "--format", "json"], in: origin.path)
    let early = try valprop(
      ["stale", "--allow-shallow", "--as-of", "2024-05-01", "--format", "json"], in: clone)
    let late = try valprop(
      ["stale", "--allow-shallow", "--as-of", "2024-06-10", "--format", "json"], in: clone)
    let list = try valprop(["list", "--as-of", "2024-06-10", "--format", "json"], in: clone)

    // With full history the edit of 2024-04-01 counts: due 2024-06-30, not stale yet.
    #expect(full.status == 0, "\(full)")
    #expect(try jsonObjects(full).isEmpty, "\(full)")
    // Cut off, the boundary commit is no edit: due is reviewed (2024-03-01) + 90d = 2024-05-30.
    #expect(try jsonObjects(early).isEmpty, "\(early)")
    #expect(early.status == 0, "\(early)")
    #expect(late.status == 1, "\(late)")
    let row = try #require(try jsonObjects(late).first { $0["id"] as? String == "autopilot" }, "\(late)")
    #expect(row["due"] as? String == "2024-05-30", "\(row)")
    #expect(row["daysOverdue"] as? Int == 11, "\(row)")
    #expect(row["lastEdited"] is NSNull, "\(row)")
    #expect(row["historyTruncated"] as? Bool == true, "\(row)")
    #expect(!(try jsonObjects(late).contains { $0["id"] as? String == "never" }), "no date to judge: \(late)")
    // list never reports the boundary commit's date, and warns.
    #expect(list.status == 0, "\(list)")
    #expect(!list.stderr.isEmpty, "\(list)")
    for (_, listed) in try listedByID(list) {
      #expect(listed["lastEdited"] is NSNull, "\(listed)")
      #expect(listed["historyTruncated"] as? Bool == true, "\(listed)")
    }
  }
}
