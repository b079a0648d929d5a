import Foundation
import TestSupport
import Testing
import Yams

/// `valprop retire`, `valprop supersede` (status and links, one commit) and `valprop index`
/// (the register and its check).
@Suite struct LifecycleTests {
  static let autopilot = "propositions/autopilot.md"
  static let ledger = "propositions/ledger.md"

  /// A repository with two active propositions, committed.
  static func workspace(ledgerFrontMatter: [String] = ["status: active", "owner: \"@bo\""]) throws
    -> GitFixture
  {
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        autopilot: Propositions.text(),
        ledger: Propositions.text(title: "Ledger sync", frontMatter: ledgerFrontMatter),
        "README.md": "readme\n",
      ], date: "2024-01-10T10:00:00+00:00")
    return repo
  }

  /// The front matter of a file, parsed.
  static func frontMatter(_ repo: GitFixture, _ path: String) throws -> [String: Any] {
    let text = try #require(repo.folder.read(path))
    let parts = text.components(separatedBy: "---\n")
    try #require(parts.count >= 3 && parts[0].isEmpty, "no front matter: \(text)")
    return try #require(try Yams.load(yaml: parts[1]) as? [String: Any], "\(text)")
  }

  /// The file's lines without those starting with any of the prefixes.
  static func lines(_ text: String?, without prefixes: [String]) -> [Substring] {
    (text ?? "").split(separator: "\n", omittingEmptySubsequences: false).filter { line in
      !prefixes.contains { line.hasPrefix($0) }
    }
  }

  // MARK: - retire

  @Test func retireSetsTheStatusInOneCommit() throws {
    let repo = try Self.workspace()
    let before = try #require(repo.folder.read(Self.autopilot))
    let head = try repo.git(["rev-parse", "HEAD"])

    let result = try valprop(["retire", "autopilot", "-m", "We stopped selling it"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(
      repo.folder.read(Self.autopilot)
        == before.replacingOccurrences(of: "status: active\n", with: "status: retired\n"))
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.autopilot + "\n")
    let message = try repo.git(["log", "-1", "--format=%B"])
    #expect(message.contains("autopilot") && message.contains("We stopped selling it"), "\(message)")
    #expect(try repo.gitData(["show", "HEAD:" + Self.autopilot]) == repo.folder.data(Self.autopilot))
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    let row = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["autopilot"])
    #expect(row["status"] as? String == "retired")
    #expect(row["state"] as? String == "retired")
    #expect(try repo.fsckProblems().isEmpty)
  }

  @Test func retireAddsAStatusLineWhereThereIsNone() throws {
    let repo = try GitFixture()
    let text = Propositions.text(frontMatter: ["owner: \"@pm\"", "x-custom: kept"])
    try repo.commit("Start", files: [Self.autopilot: text])

    let result = try valprop(["retire", "autopilot"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let after = repo.folder.read(Self.autopilot)
    #expect(Self.lines(after, without: ["status:"]) == Self.lines(text, without: []), "\(after ?? "")")
    let fields = try Self.frontMatter(repo, Self.autopilot)
    #expect(fields["status"] as? String == "retired", "\(fields)")
    #expect(fields["x-custom"] as? String == "kept", "\(fields)")
  }

  // MARK: - supersede

  /// The ways the new proposition may already list what it supersedes.
  static let existingLinks: [(name: String, lines: [String], expected: [String])] = [
    ("no supersedes: yet", [], ["autopilot"]),
    ("a flow list", ["supersedes: [legacy]"], ["legacy", "autopilot"]),
    ("a block list", ["supersedes:", "  - legacy"], ["legacy", "autopilot"]),
  ]

  @Test(arguments: existingLinks.indices)
  func supersedeLinksBothFilesInOneCommit(_ index: Int) throws {
    let links = Self.existingLinks[index]
    let ledgerFrontMatter = ["status: active", "owner: \"@bo\""] + links.lines
    let repo = try Self.workspace(ledgerFrontMatter: ledgerFrontMatter)
    let oldBefore = repo.folder.read(Self.autopilot)
    let newBefore = repo.folder.read(Self.ledger)
    let head = try repo.git(["rev-parse", "HEAD"])

    let result = try valprop(
      ["supersede", "autopilot", "--by", "ledger", "-m", "Repositioned"], in: repo.path)

    #expect(result.status == 0, "\(links.name): \(result)")
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head, "one commit")
    let names = try repo.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n")
    #expect(Set(names) == [Substring(Self.autopilot), Substring(Self.ledger)], "\(names)")
    let message = try repo.git(["log", "-1", "--format=%B"])
    #expect(message.contains("autopilot") && message.contains("ledger") && message.contains("Repositioned"))
    let old = try Self.frontMatter(repo, Self.autopilot)
    #expect(old["status"] as? String == "superseded", "\(old)")
    #expect(old["superseded-by"] as? String == "ledger", "\(old)")
    let new = try Self.frontMatter(repo, Self.ledger)
    #expect(new["supersedes"] as? [String] == links.expected, "\(links.name): \(new)")
    #expect(new["status"] as? String == "active", "\(new)")
    // Every other line stays as it was.
    #expect(
      Self.lines(repo.folder.read(Self.autopilot), without: ["status:", "superseded-by:"])
        == Self.lines(oldBefore, without: ["status:"]))
    #expect(
      Self.lines(repo.folder.read(Self.ledger), without: ["supersedes:", "  - "])
        == Self.lines(newBefore, without: ["supersedes:", "  - "]))
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    let rows = try listedByID(try valprop(["list", "--format", "json"], in: repo.path))
    #expect(rows["autopilot"]?["state"] as? String == "superseded")
    let stale = try valprop(["stale", "--format", "json"], in: repo.path)
    #expect(!(try jsonObjects(stale).contains { $0["id"] as? String == "autopilot" }), "\(stale)")
    #expect(try repo.fsckProblems().isEmpty)
  }

  /// A lifecycle command that must refuse, changing nothing.
  struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    /// What to do to the work tree first: a path to edit, and whether to stage the edit.
    let dirty: String?
    let staged: Bool
    var testDescription: String { name }
  }

  @Test(arguments: [
    Refusal(
      name: "retire a file with unstaged changes", arguments: ["retire", "autopilot"], dirty: autopilot,
      staged: false),
    Refusal(
      name: "retire a file with staged changes", arguments: ["retire", "autopilot"], dirty: autopilot,
      staged: true),
    Refusal(
      name: "supersede an old file with unstaged changes",
      arguments: ["supersede", "autopilot", "--by", "ledger"],
      dirty: autopilot, staged: false),
    Refusal(
      name: "supersede by a new file with unstaged changes",
      arguments: ["supersede", "autopilot", "--by", "ledger"],
      dirty: ledger, staged: false),
    Refusal(
      name: "supersede by a new file with staged changes",
      arguments: ["supersede", "autopilot", "--by", "ledger"],
      dirty: ledger, staged: true),
    Refusal(
      name: "supersede by an untracked file", arguments: ["supersede", "autopilot", "--by", "fresh"],
      dirty: nil,
      staged: false),
    Refusal(name: "retire an unknown id", arguments: ["retire", "nope"], dirty: nil, staged: false),
    Refusal(
      name: "supersede an unknown id", arguments: ["supersede", "nope", "--by", "ledger"], dirty: nil,
      staged: false),
    Refusal(
      name: "supersede by an unknown id", arguments: ["supersede", "autopilot", "--by", "nope"], dirty: nil,
      staged: false),
    Refusal(
      name: "supersede by itself", arguments: ["supersede", "autopilot", "--by", "autopilot"], dirty: nil,
      staged: false),
    Refusal(
      name: "supersede without --by", arguments: ["supersede", "autopilot"], dirty: nil, staged: false),
  ])
  func refusesChangingNothing(_ refusal: Refusal) throws {
    let repo = try Self.workspace()
    if let dirty = refusal.dirty {
      try repo.folder.write(dirty, (repo.folder.read(dirty) ?? "") + "More words.\n")
      if refusal.staged { try repo.git(["add", dirty]) }
    }
    try repo.folder.write("propositions/fresh.md", Propositions.text(title: "Fresh"))
    let before = repo.folder.snapshot()

    let result = try valprop(refusal.arguments, in: repo.path)

    #expect(result.status >= 2, "\(result)")
    #expect(!result.stderr.isEmpty, "\(result)")
    if refusal.name.contains("unknown") { #expect(result.stderr.contains("nope"), "\(result)") }
    let after = repo.folder.snapshot()
    #expect(before == after, "\(before.changes(to: after))")
  }

  // MARK: - index

  /// The register's table: the header's cells, and each row's cells.
  static func table(_ markdown: String) throws -> (header: [String], rows: [[String]]) {
    let lines = markdown.split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
    try #require(lines.count >= 2, "no table: \(markdown)")
    func cells(_ line: String) -> [String] {
      // Split at pipes that are not escaped.
      var cells: [String] = []
      var cell = ""
      var previous: Character = " "
      for character in line.dropFirst() {
        if character == "|" && previous != "\\" {
          cells.append(cell.trimmingCharacters(in: .whitespaces))
          cell = ""
        } else {
          cell.append(character)
        }
        previous = character
      }
      return cells
    }
    return (cells(lines[0]), lines.dropFirst(2).map(cells))
  }

  /// A workspace with a register path in a subfolder and three propositions.
  static func indexed() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        ".valprop.yml": "index: docs/REGISTER.md\n",
        autopilot: Propositions.text(frontMatter: [
          "status: active", "owner: [\"@finance-pm\", \"@cfo\"]", "reviewed: 2024-02-01",
        ]),
        ledger: Propositions.text(title: "Ledger sync", frontMatter: ["status: retired"]),
        "propositions/area/pricing.md": Propositions.text(
          title: "Pricing | plans", frontMatter: ["status: draft", "owner: \"@growth\""]),
      ], date: "2024-01-10T10:00:00+00:00")
    return repo
  }

  @Test func indexWritesTheRegisterWhereTheConfigSays() throws {
    let repo = try Self.indexed()

    let result = try valprop(["index"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(!repo.folder.exists("PROPOSITIONS.md"))
    let markdown = try #require(repo.folder.read("docs/REGISTER.md"), "\(result)")
    let (header, rows) = try Self.table(markdown)
    func column(_ words: String...) throws -> Int {
      try #require(
        header.firstIndex { cell in words.allSatisfy { cell.lowercased().contains($0) } },
        "no column \(words) in \(header)")
    }
    let status = try column("status")
    let owners = try column("owner")
    let edited = try column("edited")
    let reviewed = try column("reviewed")
    let due = try column("due")
    // The register holds nothing that depends on the day (issue 17): no state column.
    #expect(!header.contains { $0.lowercased().contains("state") }, "\(header)")
    #expect(rows.count == 3, "\(markdown)")
    let list = try listedByID(try valprop(["list", "--format", "json"], in: repo.path))
    for (id, path) in [
      ("autopilot", Self.autopilot), ("ledger", Self.ledger), ("pricing", "propositions/area/pricing.md"),
    ] {
      let listed = try #require(list[id])
      let row = try #require(rows.first { $0.joined().contains(path) }, "no row links \(path): \(markdown)")
      // A link to the file, relative to the register's folder, with the title as its text.
      let link = try #require(
        row.joined(separator: "|").firstMatch(of: #/\[([^\]]+)\]\(([^)]+)\)/#), "\(row)")
      let target = URL(fileURLWithPath: repo.path + "/docs/").appendingPathComponent(String(link.2))
        .standardized
      #expect(target.path == URL(fileURLWithPath: repo.path + "/" + path).standardized.path, "\(row)")
      let title = try #require(listed["title"] as? String)
      #expect(
        link.1.replacingOccurrences(of: "\\|", with: "|") == title
          || link.1.replacingOccurrences(of: "\\|", with: "|").replacingOccurrences(of: "&#124;", with: "|")
            == title,
        "\(row)")
      #expect(row[status] == listed["status"] as? String, "\(row)")
      for owner in listed["owners"] as? [String] ?? [] { #expect(row[owners].contains(owner), "\(row)") }
      #expect(row[edited] == "2024-01-10", "\(row)")
      #expect(row[due] == listed["due"] as? String ?? "-", "\(row)")
      if let day = listed["lastReviewed"] as? String {
        #expect(row[reviewed] == day, "\(row)")
      } else {
        #expect(!row[reviewed].contains("20"), "\(row)")
      }
    }
    let autopilot = try #require(rows.first { $0.joined().contains(Self.autopilot) })
    #expect(autopilot[reviewed] == "2024-02-01")
    #expect(autopilot[due] == "2024-05-01")
    #expect(autopilot[owners].contains("@finance-pm") && autopilot[owners].contains("@cfo"))
  }

  @Test func theDefaultRegisterIsAtTheRoot() throws {
    let repo = try repository(["propositions/autopilot.md": Propositions.text()])

    let result = try valprop(["index"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let markdown = try #require(repo.folder.read("PROPOSITIONS.md"))
    #expect(markdown.contains("](propositions/autopilot.md)"), "\(markdown)")
  }

  @Test func checkFollowsTheCommittedRegister() throws {
    let repo = try Self.indexed()

    // Never written, then written but not committed.
    let missing = try valprop(["index", "--check"], in: repo.path)
    #expect(missing.status == 1, "\(missing)")
    #expect(try valprop(["index"], in: repo.path).status == 0)
    let before = repo.folder.snapshot()
    let uncommitted = try valprop(["index", "--check"], in: repo.path)
    #expect(uncommitted.status == 1, "\(uncommitted)")
    #expect(!uncommitted.stderr.isEmpty || !uncommitted.stdout.isEmpty, "\(uncommitted)")
    #expect(repo.folder.snapshot() == before, "--check writes nothing")

    // Committed: up to date.
    try repo.commit("Register", date: "2024-01-11T10:00:00+00:00")
    let current = try valprop(["index", "--check"], in: repo.path)
    #expect(current.status == 0, "\(current)")

    // A wording change committed: out of date until the register is written again.
    let text = try #require(repo.folder.read(Self.ledger)).replacingOccurrences(
      of: "20 hours", with: "25 hours")
    try repo.commit("Edit", files: [Self.ledger: text], date: "2024-02-20T10:00:00+00:00")
    let edited = try valprop(["index", "--check"], in: repo.path)
    #expect(edited.status == 1, "\(edited)")
    #expect(try valprop(["index"], in: repo.path).status == 0)
    #expect(try valprop(["index", "--check"], in: repo.path).status == 1, "written, not yet committed")
    try repo.commit("Register again", date: "2024-02-21T10:00:00+00:00")
    let again = try valprop(["index", "--check"], in: repo.path)
    #expect(again.status == 0, "\(again)")
  }
}
