import Foundation
import TestSupport
import Testing

/// A proposition file with front matter, a title, an introduction and the given sections.
private func propositionFile(
  _ title: String, owner: String = "@pm", intro: String = "Why this matters.",
  sections: [(String, String)]
) -> String {
  var text = "---\ntitle: \(title)\nowner: \"\(owner)\"\n---\n\n# \(title)\n\n\(intro)\n"
  for (heading, body) in sections { text += "\n## \(heading)\n\(body)\n" }
  return text
}

/// The ledger proposition, its problem costing `hours` hours.
private func ledger(hours: Int, owner: String = "@pm", problem: String? = nil) -> String {
  propositionFile(
    "Ledger sync", owner: owner,
    sections: [
      ("Problem", problem ?? "Manual data reconciliation costs \(hours) hours per week."),
      ("Solution", "An automated pipeline that syncs data across systems in real time."),
      ("Evidence", "- 14 customer interviews, March 2026"),
    ])
}

/// Moves a file with `git mv`, creating the destination's folder first.
private func move(_ repo: GitFixture, _ from: String, _ to: String) throws {
  try repo.folder.makeFolder(to.split(separator: "/").dropLast().joined(separator: "/"))
  try repo.git(["mv", from, to])
}

/// The sections of a file as the test reads them: the text between the front matter and the
/// first `## ` heading under "", then each `## ` heading's lines, line endings kept.
private func sectionTexts(_ text: String) -> [String: String] {
  var lines: [String] = []
  var start = text.startIndex
  while start < text.endIndex {
    let end = text[start...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
    lines.append(String(text[start..<end]))
    start = end
  }
  if lines.first == "---\n", let close = lines.dropFirst().firstIndex(of: "---\n") {
    lines.removeSubrange(0...close)
  }
  var sections: [String: String] = [:]
  var heading = ""
  var body = ""
  for line in lines {
    if line.hasPrefix("## ") {
      if !(heading.isEmpty && body.isEmpty) { sections[heading] = body }
      heading = line.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)
      body = ""
    } else {
      body += line
    }
  }
  if !(heading.isEmpty && body.isEmpty) { sections[heading] = body }
  return sections
}

/// The `changes` of `diff --format json`.
private func changes(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [[String: Any]]
{
  let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
  let object = try #require(
    parsed as? [String: Any], "not an object: \(result)", sourceLocation: sourceLocation)
  #expect(object.keys.sorted() == ["changes"], sourceLocation: sourceLocation)
  return try #require(
    object["changes"] as? [[String: Any]], "no changes array: \(result)", sourceLocation: sourceLocation)
}

/// The sections of one change.
private func sections(_ change: [String: Any]) -> [[String: Any]] {
  change["sections"] as? [[String: Any]] ?? []
}

/// The tokens of one section as (op, text) pairs.
private func tokens(_ section: [String: Any]) -> [(op: String, text: String)] {
  (section["tokens"] as? [[String: Any]] ?? []).map {
    ($0["op"] as? String ?? "?", $0["text"] as? String ?? "")
  }
}

/// The texts of the tokens that are not equal, as "-text" and "+text".
private func changedTokens(_ section: [String: Any]) -> [String] {
  tokens(section).compactMap { token in
    switch token.op {
    case "delete": return "-" + token.text
    case "insert": return "+" + token.text
    default: return nil
    }
  }
}

/// Checks the token contract of every section of every change: `equal` and `delete` give the
/// base side's section text byte for byte, `equal` and `insert` the head side's.
private func expectTokensReassemble(
  _ changes: [[String: Any]], base: (String) throws -> String?, head: (String) throws -> String?,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  for change in changes {
    let path = try #require(change["path"] as? String, sourceLocation: sourceLocation)
    let oldPath = change["oldPath"] as? String
    let kind = change["change"] as? String
    let oldSections = try (kind == "added" ? nil : base(oldPath ?? path)).map(sectionTexts) ?? [:]
    let newSections = try (kind == "deleted" ? nil : head(path)).map(sectionTexts) ?? [:]
    for section in sections(change) {
      let heading = try #require(section["heading"] as? String, sourceLocation: sourceLocation)
      let all = tokens(section)
      #expect(
        all.allSatisfy { ["equal", "insert", "delete"].contains($0.op) }, sourceLocation: sourceLocation)
      let old = all.filter { $0.op != "insert" }.map(\.text).joined()
      let new = all.filter { $0.op != "delete" }.map(\.text).joined()
      #expect(
        Array(old.utf8) == Array((oldSections[heading] ?? "").utf8),
        "\(path) section '\(heading)': old side \(old.debugDescription)", sourceLocation: sourceLocation)
      #expect(
        Array(new.utf8) == Array((newSections[heading] ?? "").utf8),
        "\(path) section '\(heading)': new side \(new.debugDescription)", sourceLocation: sourceLocation)
    }
  }
}

/// `valprop diff`: word-level, section-aware differences of one proposition or of every
/// proposition between two revisions.
@Suite struct DiffTests {
  /// `propositions/ledger.md` at 20 hours (tagged `v1`), then 25 hours at HEAD.
  static func history() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit("first", files: ["propositions/ledger.md": ledger(hours: 20)])
    try repo.git(["tag", "v1"])
    try repo.commit("second", files: ["propositions/ledger.md": ledger(hours: 25)])
    return repo
  }

  @Test func theThreeIDForms() throws {
    let repo = try Self.history()
    try repo.folder.write("propositions/ledger.md", ledger(hours: 30))

    let headToWorkTree = try valprop(["diff", "ledger", "--format", "json"], in: repo.path)
    let revToWorkTree = try valprop(["diff", "ledger", "v1", "--format", "json"], in: repo.path)
    let revToRev = try valprop(["diff", "ledger", "v1", "HEAD", "--format", "json"], in: repo.path)
    let shortToRev = try valprop(["diff", "ledger", "HEAD~1", "main", "--format", "json"], in: repo.path)

    for (result, expected) in [
      (headToWorkTree, ["-25", "+30"]), (revToWorkTree, ["-20", "+30"]), (revToRev, ["-20", "+25"]),
      (shortToRev, ["-20", "+25"]),
    ] {
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.isEmpty, "\(result)")
      let list = try changes(result)
      #expect(list.count == 1, "\(result)")
      let change = try #require(list.first)
      #expect(change["id"] as? String == "ledger")
      #expect(change["path"] as? String == "propositions/ledger.md")
      #expect(change["oldPath"] as? String == "propositions/ledger.md")
      #expect(change["change"] as? String == "modified")
      #expect((change["fields"] as? [Any])?.isEmpty == true, "\(result)")
      #expect(sections(change).map { $0["heading"] as? String } == ["Problem"], "\(result)")
      #expect(sections(change).map { $0["change"] as? String } == ["modified"], "\(result)")
      #expect(sections(change).first.map(changedTokens) == expected, "\(result)")
    }
    try expectTokensReassemble(
      try changes(revToWorkTree), base: { _ in ledger(hours: 20) }, head: { _ in ledger(hours: 30) })

    let text = try valprop(["diff", "ledger"], in: repo.path)
    #expect(text.status == 0, "\(text)")
    #expect(text.stdout.hasPrefix("modified propositions/ledger.md (ledger)\n"), "\(text)")
    #expect(text.stdout.contains("  ## Problem\n"), "\(text)")
    #expect(
      text.stdout.contains("    Manual data reconciliation costs [-25-]{+30+} hours per week.\n"), "\(text)")
    #expect(!text.stdout.contains("\u{1B}["), "no colour without a terminal")
  }

  @Test func nothingToShowWhenTheSidesAreEqual() throws {
    let repo = try Self.history()

    for arguments in [
      ["diff", "ledger"], ["diff", "ledger", "HEAD", "HEAD"], ["diff", "ledger", "v1", "v1"],
    ] {
      let text = try valprop(arguments, in: repo.path)
      let json = try valprop(arguments + ["--format", "json"], in: repo.path)
      #expect(text.status == 0, "\(text)")
      #expect(text.stdout.isEmpty, "\(arguments): \(text)")
      #expect(json.status == 0, "\(json)")
      #expect(try changes(json).isEmpty, "\(arguments): \(json)")
    }
  }

  /// A base commit and a head commit where propositions were added, modified (wording and
  /// front matter only), renamed with an edit, moved to another folder, and deleted.
  static func review() throws -> (repo: GitFixture, base: String, head: String) {
    let repo = try GitFixture()
    let base = try repo.commit(
      "base",
      files: [
        "propositions/keep.md": propositionFile(
          "Keep", sections: [("Problem", "Teams lose track of contracts."), ("Solution", "One register.")]),
        "propositions/edit.md": ledger(hours: 20),
        "propositions/meta.md": propositionFile(
          "Metadata only", owner: "@sales",
          sections: [("Problem", "Quotes take a week to approve."), ("Solution", "Approval rules.")]),
        "propositions/old-name.md": propositionFile(
          "Pricing promise",
          sections: [
            ("Unique value proposition", "Month-end close in 2 days, not 8."),
            ("Evidence", "- Pilot with three finance teams in 2026"),
          ]),
        "propositions/moved.md": propositionFile(
          "Forecasting",
          sections: [("Problem", "Cash forecasts are always stale."), ("Solution", "Daily sync.")]),
        "propositions/gone.md": propositionFile(
          "Retired idea", sections: [("Problem", "Printers jam on invoices."), ("Solution", "Paperless.")]),
        "README.md": "not a proposition\n",
      ])
    try repo.commit(
      "edit and add",
      files: [
        "propositions/edit.md": ledger(hours: 25),
        "propositions/meta.md": propositionFile(
          "Metadata only", owner: "@marketing",
          sections: [("Problem", "Quotes take a week to approve."), ("Solution", "Approval rules.")]),
        "propositions/fresh.md": propositionFile(
          "Onboarding kit", sections: [("Problem", "New hires wait days for laptops & access <admin>.")]),
      ])
    try move(repo, "propositions/old-name.md", "propositions/new-name.md")
    try move(repo, "propositions/moved.md", "propositions/team/moved.md")
    try repo.git(["rm", "-q", "propositions/gone.md"])
    let head = try repo.commit(
      "rename, move, delete",
      files: [
        "propositions/new-name.md": propositionFile(
          "Pricing promise",
          sections: [
            ("Unique value proposition", "Month-end close in 2 days, not 10."),
            ("Evidence", "- Pilot with three finance teams in 2026"),
          ])
      ])
    return (repo, base, head)
  }

  /// `git diff --name-status -M` between two revisions (or a revision and the work tree), as
  /// (change, path, old path) triples.
  static func gitChanges(_ repo: GitFixture, _ revisions: [String]) throws -> Set<[String]> {
    let output = try repo.git(["diff", "--name-status", "-M"] + revisions + ["--", "propositions/"])
    var result = Set<[String]>()
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: "\t").map(String.init)
      switch fields[0].first {
      case "A": result.insert(["added", fields[1], ""])
      case "M": result.insert(["modified", fields[1], fields[1]])
      case "D": result.insert(["deleted", fields[1], fields[1]])
      case "R": result.insert(["renamed", fields[2], fields[1]])
      default: Issue.record("unexpected status in \(line)")
      }
    }
    return result
  }

  /// The (change, path, old path) triples of `diff --format json`.
  static func listed(_ list: [[String: Any]]) -> Set<[String]> {
    Set(
      list.map {
        [$0["change"] as? String ?? "?", $0["path"] as? String ?? "?", $0["oldPath"] as? String ?? ""]
      })
  }

  @Test func baseAndHeadListEveryChangeAsGitDoes() throws {
    let (repo, base, head) = try Self.review()

    let result = try valprop(["diff", "--base", base, "--head", head, "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let list = try changes(result)
    let expected = try Self.gitChanges(repo, [base, head])
    #expect(expected.count == 6, "the fixture has every kind of change: \(expected)")
    #expect(Self.listed(list) == expected, "\(result)")
    #expect(
      list.map { $0["id"] as? String } == ["edit", "fresh", "gone", "meta", "new-name", "moved"], "\(result)")
    let byID = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })
    #expect(byID["fresh"]?["oldPath"] is NSNull, "an addition has no old path")
    let meta = try #require(byID["meta"])
    #expect(sections(meta).isEmpty, "\(meta)")
    let fields = try #require(meta["fields"] as? [[String: Any]])
    #expect(fields.count == 1)
    #expect(fields.first?["name"] as? String == "owner")
    #expect(fields.first?["old"] as? String == "@sales")
    #expect(fields.first?["new"] as? String == "@marketing")
    let renamed = try #require(byID["new-name"])
    #expect(sections(renamed).first.map(changedTokens) == ["-8", "+10"], "\(renamed)")
    let gone = try #require(byID["gone"])
    #expect(sections(gone).map { $0["change"] as? String }.allSatisfy { $0 == "removed" }, "\(gone)")
    #expect((gone["fields"] as? [[String: Any]])?.allSatisfy { $0["new"] is NSNull } == true, "\(gone)")

    try expectTokensReassemble(
      list, base: { try repo.git(["show", "\(base):\($0)"]) },
      head: { try repo.git(["show", "\(head):\($0)"]) })
  }

  @Test func baseAgainstTheWorkTreeListsTheSameChanges() throws {
    let (repo, base, _) = try Self.review()
    // The work tree is HEAD but for the deleted and the added file, which the work tree
    // pairs as a rename (see anUnrelatedDeletionAndAdditionInTheWorkTreeAreNoRename).
    try repo.git(["checkout", "-q", base, "--", "propositions/gone.md"])
    try repo.git(["rm", "-q", "--cached", "propositions/fresh.md"])
    try FileManager.default.removeItem(atPath: repo.path + "/propositions/fresh.md")
    let expected = try Self.gitChanges(repo, [base])
    #expect(expected.count == 4, "\(expected)")

    let defaultHead = try valprop(["diff", "--base", base, "--format", "json"], in: repo.path)

    #expect(defaultHead.status == 0, "\(defaultHead)")
    #expect(Self.listed(try changes(defaultHead)) == expected, "\(defaultHead)")

    // An uncommitted edit of the work tree shows.
    try repo.folder.write(
      "propositions/keep.md", "# Keep\n\n## Problem\nTeams lose track of every contract.\n")
    let edited = try valprop(["diff", "--base", base, "--format", "json"], in: repo.path)
    #expect(edited.status == 0, "\(edited)")
    #expect(Self.listed(try changes(edited)) == (try Self.gitChanges(repo, [base])), "\(edited)")
    #expect(try changes(edited).contains { $0["id"] as? String == "keep" }, "\(edited)")
    try expectTokensReassemble(
      try changes(edited), base: { try repo.git(["show", "\(base):\($0)"]) }, head: { repo.folder.read($0) })
  }

  /// The same two trees give the same changes whether the head side is a commit or the work
  /// tree: git sees a deleted and an added proposition of different wording (37% similar as
  /// git measures it) as D and A, not as a rename.
  @Test
  func anUnrelatedDeletionAndAdditionInTheWorkTreeAreNoRename() throws {
    let repo = try GitFixture()
    let base = try repo.commit(
      "base",
      files: [
        "propositions/gone.md": propositionFile(
          "Retired idea", sections: [("Problem", "Printers jam on invoices."), ("Solution", "Paperless.")])
      ])
    try repo.git(["rm", "-q", "propositions/gone.md"])
    try repo.folder.write(
      "propositions/fresh.md",
      propositionFile("Onboarding kit", sections: [("Problem", "New hires wait days for laptops.")]))

    let workTreeHead = try valprop(["diff", "--base", base, "--format", "json"], in: repo.path)
    try repo.commit("head")
    let committedHead = try valprop(
      ["diff", "--base", base, "--head", "HEAD", "--format", "json"], in: repo.path)

    let expected: Set<[String]> = [
      ["deleted", "propositions/gone.md", "propositions/gone.md"], ["added", "propositions/fresh.md", ""],
    ]
    #expect(try Self.gitChanges(repo, [base, "HEAD"]) == expected)
    #expect(committedHead.status == 0, "\(committedHead)")
    #expect(Self.listed(try changes(committedHead)) == expected, "\(committedHead)")
    #expect(workTreeHead.status == 0, "\(workTreeHead)")
    #expect(Self.listed(try changes(workTreeHead)) == expected, "\(workTreeHead)")
  }

  @Test func markdownIsAPullRequestComment() throws {
    let (repo, base, head) = try Self.review()

    let result = try valprop(["diff", "--base", base, "--head", head, "--format", "markdown"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let markdown = result.stdout
    #expect(markdown.hasPrefix("<!-- valprop-diff -->\n## Value proposition changes\n\n"), "\(markdown)")
    let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
    #expect(
      headings == [
        "### `edit` — modified", "### `fresh` — added", "### `gone` — deleted", "### `meta` — modified",
        "### `new-name` — renamed", "### `moved` — renamed",
      ], "\(markdown)")
    #expect(markdown.contains("`propositions/old-name.md` → `propositions/new-name.md`"), "\(markdown)")
    #expect(markdown.contains("`propositions/moved.md` → `propositions/team/moved.md`"), "\(markdown)")
    #expect(markdown.contains("Manual data reconciliation costs <del>20</del><ins>25</ins> hours per week."))
    #expect(markdown.contains("Month-end close in 2 days, not <del>8</del><ins>10</ins>."), "\(markdown)")
    #expect(markdown.contains("| Field | Before | After |\n|---|---|---|\n| owner | @sales | @marketing |"))
    #expect(markdown.contains("&amp; access &lt;admin&gt;."), "escaped: \(markdown)")
    #expect(!markdown.contains("<admin>"), "\(markdown)")

    let nothing = try valprop(
      ["diff", "--base", head, "--head", head, "--format", "markdown"], in: repo.path)
    #expect(nothing.status == 0, "\(nothing)")
    #expect(
      nothing.stdout == "<!-- valprop-diff -->\n## Value proposition changes\n\nNo proposition changed.\n")
  }

  @Test func aReflowedParagraphIsOnlyWhiteSpace() throws {
    let repo = try Self.history()
    let reflowed = ledger(
      hours: 25, problem: "Manual data reconciliation\ncosts 25 hours  per\r\nweek.")
    try repo.folder.write("propositions/ledger.md", reflowed)

    let text = try valprop(["diff", "ledger"], in: repo.path)
    let markdown = try valprop(["diff", "ledger", "--format", "markdown"], in: repo.path)
    let json = try valprop(["diff", "ledger", "--format", "json"], in: repo.path)
    let review = try valprop(["diff", "--base", "HEAD", "--format", "markdown"], in: repo.path)

    for result in [text, markdown, json, review] { #expect(result.status == 0, "\(result)") }
    #expect(!text.stdout.contains("[-"), "\(text)")
    #expect(!text.stdout.contains("{+"), "\(text)")
    #expect(!text.stdout.contains("Problem"), "\(text)")
    for output in [markdown.stdout, review.stdout] {
      #expect(!output.contains("<del>"), "\(output)")
      #expect(!output.contains("<ins>"), "\(output)")
      #expect(!output.contains("Problem"), "\(output)")
    }
    let change = try #require(try changes(json).first)
    let problem = try #require(sections(change).first { $0["heading"] as? String == "Problem" })
    let changed = tokens(problem).filter { $0.op != "equal" }
    #expect(!changed.isEmpty, "\(json)")
    #expect(changed.allSatisfy { $0.text.allSatisfy(\.isWhitespace) }, "only white space: \(json)")
    try expectTokensReassemble(
      try changes(json), base: { _ in ledger(hours: 25) }, head: { _ in reflowed })
  }

  @Test func aLongSectionShowsTheChangedParagraphWithContextAndFullShowsItWhole() throws {
    let repo = try GitFixture()
    let paragraphs = (1...8).map { "Paragraph \($0) says something about reconciliation." }
    func document(_ paragraphs: [String]) -> String {
      "# Long\n\n## Problem\n" + paragraphs.joined(separator: "\n\n") + "\n\n## Evidence\n- 14 interviews\n"
    }
    try repo.commit("first", files: ["propositions/long.md": document(paragraphs)])
    var edited = paragraphs
    edited[4] = "Paragraph 5 says nothing about reconciliation."
    try repo.folder.write("propositions/long.md", document(edited))

    let hunks = try valprop(["diff", "long"], in: repo.path)
    #expect(hunks.status == 0, "\(hunks)")
    #expect(
      hunks.stdout == """
        modified propositions/long.md (long)
          ## Problem
            … 3 unchanged blocks
            Paragraph 4 says something about reconciliation.

            Paragraph 5 says [-something-]{+nothing+} about reconciliation.

            Paragraph 6 says something about reconciliation.

            … 2 unchanged blocks
          unchanged sections: (before the first section), Evidence

        """, "\(hunks)")

    let wider = try valprop(["diff", "long", "--context", "2"], in: repo.path)
    #expect(wider.stdout.contains("    … 2 unchanged blocks\n    Paragraph 3"), "\(wider)")
    #expect(
      wider.stdout.contains("Paragraph 7 says something about reconciliation.\n\n    … 1 unchanged block\n"))

    let full = try valprop(["diff", "long", "--full"], in: repo.path)
    #expect(full.status == 0, "\(full)")
    for number in 1...8 { #expect(full.stdout.contains("    Paragraph \(number) says"), "\(full)") }
    #expect(!full.stdout.contains("…"), "\(full)")
    #expect(!full.stdout.contains("Evidence"), "\(full)")

    let markdown = try valprop(["diff", "long", "--format", "markdown", "--context", "0"], in: repo.path)
    #expect(
      markdown.stdout.hasSuffix(
        """
        **Problem**

        _… 4 unchanged blocks_

        Paragraph 5 says <del>something</del><ins>nothing</ins> about reconciliation.

        _… 3 unchanged blocks_

        _Unchanged sections: Introduction, Evidence._


        """), "\(markdown)")

    let negative = try valprop(["diff", "long", "--context", "-1"], in: repo.path)
    #expect(negative.status == 2, "\(negative)")
    let negativeLimit = try valprop(["diff", "long", "--max-characters", "-1"], in: repo.path)
    #expect(negativeLimit.status == 2, "\(negativeLimit)")
    #expect(negativeLimit.stderr.contains("--max-characters"), "\(negativeLimit)")
  }

  @Test(arguments: [
    ["diff", "ledger", "--base", "HEAD"], ["diff", "--head", "HEAD"], ["diff", "ledger", "--head", "HEAD"],
    ["diff", "ledger", "HEAD~1", "HEAD", "v1"], ["diff"],
  ])
  func badArgumentsExitTwo(_ arguments: [String]) throws {
    let repo = try Self.history()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(!result.stderr.isEmpty, "\(result)")
  }

  @Test(arguments: [
    ["diff", "ledger", "no-such-rev"], ["diff", "ledger", "HEAD", "no-such-rev"],
    ["diff", "--base", "no-such-rev"],
    ["diff", "--base", "HEAD", "--head", "no-such-rev"],
  ])
  func anUnknownRevisionExitsTwo(_ arguments: [String]) throws {
    let repo = try Self.history()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no-such-rev"), "the message names the revision: \(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  @Test(arguments: [["diff", "nobody"], ["diff", "nobody", "v1"], ["diff", "nobody", "v1", "HEAD"]])
  func anUnknownIDExitsTwo(_ arguments: [String]) throws {
    let repo = try Self.history()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("nobody"), "the message names the id: \(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  /// A mistyped id gets the documented `hint:` with the nearest ids, as other commands do.
  @Test(arguments: [["diff", "ledgr"], ["diff", "ledgr", "v1"], ["diff", "ledgr", "v1", "HEAD"]])
  func anUnknownIDSuggestsTheNearest(_ arguments: [String]) throws {
    let repo = try Self.history()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.hasPrefix("error: no proposition 'ledgr' in propositions/"), "\(result)")
    #expect(
      result.stderr.hasSuffix("\nhint: did you mean 'ledger'? run 'valprop list' to see the ids\n"),
      "\(result)")
  }

  /// A proposition deleted before HEAD: diff says history has it and how to see it.
  @Test func aPropositionDeletedBeforeTheOldSideSaysWhereToFindIt() throws {
    let repo = try Self.history()
    try repo.git(["rm", "-q", "propositions/ledger.md"])
    try repo.commit("third", files: ["propositions/budget.md": ledger(hours: 30)])

    let result = try valprop(["diff", "ledger"], in: repo.path)
    let earlier = try valprop(["diff", "ledger", "v1", "HEAD~1", "--format", "json"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(
      result.stderr.hasPrefix(
        "error: no proposition 'ledger' in propositions/ at HEAD nor in the work tree; history has it, "
          + "as propositions/ledger.md\nhint: see its revisions and its deletion with 'valprop log ledger'"),
      "\(result)")
    #expect(earlier.status == 0, "two revisions that have it: \(earlier)")
  }

  /// An id only the compared revision holds (deleted since) is suggested too.
  @Test func anUnknownIDSuggestsTheRevisionsIDs() throws {
    let repo = try Self.history()
    try repo.git(["rm", "-q", "propositions/ledger.md"])
    try repo.commit("third", files: ["propositions/budget.md": ledger(hours: 30)])

    let result = try valprop(["diff", "ledgr", "v1"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("\nhint: did you mean 'ledger'?"), "\(result)")
  }

  @Test func aPropositionAddedOrDeletedSinceARevision() throws {
    let repo = try Self.history()
    try repo.commit("add", files: ["propositions/fresh.md": "# Fresh\n\n## Problem\nNew words.\n"])

    let added = try valprop(["diff", "fresh", "v1", "HEAD", "--format", "json"], in: repo.path)
    let deleted = try valprop(["diff", "fresh", "HEAD", "v1", "--format", "json"], in: repo.path)

    #expect(added.status == 0, "\(added)")
    #expect(deleted.status == 0, "\(deleted)")
    #expect(try changes(added).first?["change"] as? String == "added", "\(added)")
    #expect(try changes(deleted).first?["change"] as? String == "deleted", "\(deleted)")
    let problem = try #require(
      try changes(added).first.map(sections)?.first { $0["heading"] as? String == "Problem" })
    #expect(problem["change"] as? String == "added")
    #expect(changedTokens(problem) == ["+New words.\n"])
  }

  @Test func aPropositionRenamedBetweenRevisionsIsShownAsRenamed() throws {
    let repo = try Self.history()
    try move(repo, "propositions/ledger.md", "propositions/finance/ledger.md")
    try repo.commit("move to a folder", files: ["propositions/finance/ledger.md": ledger(hours: 26)])
    try move(repo, "propositions/finance/ledger.md", "propositions/finance/ledger-sync.md")
    try repo.commit("rename", files: ["propositions/finance/ledger-sync.md": ledger(hours: 27)])

    let moved = try valprop(["diff", "ledger", "HEAD~2", "HEAD~1", "--format", "json"], in: repo.path)
    let renamed = try valprop(["diff", "ledger-sync", "HEAD~1", "HEAD", "--format", "json"], in: repo.path)
    let both = try valprop(["diff", "ledger-sync", "v1", "--format", "json"], in: repo.path)
    let review = try valprop(["diff", "--base", "v1", "--head", "HEAD", "--format", "json"], in: repo.path)

    for (result, oldPath, path, expected) in [
      (moved, "propositions/ledger.md", "propositions/finance/ledger.md", ["-25", "+26"]),
      (renamed, "propositions/finance/ledger.md", "propositions/finance/ledger-sync.md", ["-26", "+27"]),
      (both, "propositions/ledger.md", "propositions/finance/ledger-sync.md", ["-20", "+27"]),
      (review, "propositions/ledger.md", "propositions/finance/ledger-sync.md", ["-20", "+27"]),
    ] {
      #expect(result.status == 0, "\(result)")
      let list = try changes(result)
      #expect(list.count == 1, "\(result)")
      #expect(list.first?["change"] as? String == "renamed", "\(result)")
      #expect(list.first?["oldPath"] as? String == oldPath, "\(result)")
      #expect(list.first?["path"] as? String == path, "\(result)")
      #expect(list.first.map(sections)?.first.map(changedTokens) == expected, "\(result)")
    }
    #expect(Self.listed(try changes(review)) == (try Self.gitChanges(repo, ["v1", "HEAD"])))

    let text = try valprop(["diff", "ledger-sync", "v1"], in: repo.path)
    #expect(
      text.stdout.hasPrefix(
        "renamed propositions/ledger.md → propositions/finance/ledger-sync.md (ledger-sync)\n"), "\(text)")
  }

  @Test func aFileThatIsNotUTF8AtARevisionDoesNotCrash() throws {
    let repo = try GitFixture()
    var latin1 = Data(ledger(hours: 20).utf8)
    latin1.append(
      contentsOf: Array("\n## Notes\nCaf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8, 0x6D, 0x65, 0x0A])
    try repo.folder.write("propositions/ledger.md", latin1)
    try repo.commit("latin-1 bytes")
    try repo.commit(
      "fixed", files: ["propositions/ledger.md": ledger(hours: 25) + "\n## Notes\nCafé crème\n"])

    let review = try valprop(
      ["diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"], in: repo.path)
    #expect(review.status == 0, "\(review)")
    let change = try #require(try changes(review).first, "\(review)")
    #expect(change["change"] as? String == "modified")
    #expect(sections(change).map { $0["heading"] as? String }.contains("Problem"), "\(review)")

    for arguments in [
      ["diff", "ledger", "HEAD~1", "HEAD", "--format", "json"], ["diff", "ledger", "HEAD~1"],
      ["diff", "--base", "HEAD~1", "--format", "markdown"], ["diff", "--base", "HEAD~1"],
    ] {
      let result = try valprop(arguments, in: repo.path)
      // Either a diff, or the clear error of docs/commands.md naming the file; never a crash.
      #expect(result.status == 0 || result.status == 2, "\(arguments): \(result)")
      if result.status != 0 {
        #expect(result.stderr.hasPrefix("error: "), "\(arguments): \(result)")
        #expect(result.stderr.contains("propositions/ledger.md"), "\(arguments): \(result)")
      }
    }
  }
}
