import Foundation
import TestSupport
import Testing

/// A proposition whose problem costs `hours` hours; `solution` and `owner` vary too.
private func ledger(
  hours: Int = 20, owner: String = "@pm",
  solution: String = "An automated pipeline that syncs data across systems.",
  evidence: String = "- 14 customer interviews, March 2026"
) -> String {
  """
  ---
  title: Ledger sync
  owner: "\(owner)"
  ---

  # Ledger sync

  Why this matters.

  ## Problem
  Manual data reconciliation costs \(hours) hours per week.

  ## Solution
  \(solution)

  ## Evidence
  \(evidence)

  """
}

/// Writes files, stages everything and commits with the given author and dates (the
/// committer date defaults to the author date); returns the commit id.
@discardableResult
private func commit(
  _ repo: GitFixture, _ message: String, files: [String: String] = [:], author: String = "Ana Author",
  date: String, committerDate: String? = nil
) throws -> String {
  for (relative, text) in files { try repo.folder.write(relative, text) }
  try repo.git(["add", "-A"])
  try repo.git(
    ["commit", "-q", "--allow-empty", "-m", message],
    environment: [
      "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": committerDate ?? date,
    ])
  return try head(repo)
}

/// The id of HEAD.
private func head(_ repo: GitFixture) throws -> String {
  try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Merges a branch into the current one with a merge commit at a date.
@discardableResult
private func merge(_ repo: GitFixture, _ branch: String, date: String) throws -> String {
  try repo.git(
    ["merge", "-q", "--no-ff", "-m", "merge \(branch)", branch],
    environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
  return try head(repo)
}

/// A date in February 2026, one a day.
private func day(_ number: Int) -> String {
  String(format: "2026-02-%02dT10:00:00+00:00", number)
}

/// The commit ids of `valprop log --format json`.
private func loggedCommits(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [String]
{
  try jsonObjects(result, sourceLocation: sourceLocation).map { $0["commit"] as? String ?? "?" }
}

/// The lines of git's output.
private func lines(_ output: String) -> [String] {
  output.split(separator: "\n").map(String.init)
}

/// `valprop log`: the commits `git log -- <path>` lists, through renames as `--follow` does.
@Suite struct LogTests {
  @Test func listsWhatGitLogListsThroughMergesAndSkewedDates() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    try commit(repo, "add", files: [path: ledger(), "a.txt": "a\n", "b.txt": "b\n"], date: day(1))
    try commit(repo, "edit", files: [path: ledger(hours: 25)], date: day(2))
    // A merge where both sides changed other files only.
    try repo.git(["checkout", "-q", "-b", "feature"])
    try commit(repo, "feature a", files: ["a.txt": "a2\n"], date: day(3))
    try repo.git(["checkout", "-q", "main"])
    try commit(repo, "main b", files: ["b.txt": "b2\n"], date: day(4))
    let plainMerge = try merge(repo, "feature", date: day(5))
    // An evil merge: neither side touched the proposition, the merge commit did.
    try repo.git(["checkout", "-q", "-b", "topic"])
    try commit(repo, "topic c", files: ["c.txt": "c\n"], date: day(6))
    try repo.git(["checkout", "-q", "main"])
    try commit(repo, "main d", files: ["d.txt": "d\n"], date: day(7))
    try repo.git(["merge", "-q", "--no-ff", "--no-commit", "topic"])
    let evilMerge = try commit(repo, "evil merge", files: [path: ledger(hours: 26)], date: day(8))
    // Both sides of a merge edit the proposition; the side branch is back-dated (author and
    // committer), so date order is not topological order.
    try repo.git(["checkout", "-q", "-b", "side"])
    let backDated = try repo.commit(
      "side solution", files: [path: ledger(hours: 26, solution: "A pipeline.")],
      date: "2025-12-01T09:00:00+01:00")
    try commit(
      repo, "side evidence (old author date)",
      files: [path: ledger(hours: 26, solution: "A pipeline.", evidence: "- 15 interviews")],
      date: "2025-11-01T09:00:00+00:00", committerDate: day(9))
    try repo.git(["checkout", "-q", "main"])
    try commit(repo, "main problem", files: [path: ledger(hours: 27)], date: day(10))
    let bothSidesMerge = try merge(repo, "side", date: day(11))
    // A merge that takes the proposition from its second parent unchanged.
    try repo.git(["checkout", "-q", "-b", "side2"])
    try commit(
      repo, "side2 owner",
      files: [path: ledger(hours: 27, owner: "@ops", solution: "A pipeline.", evidence: "- 15 interviews")],
      date: day(12))
    try repo.git(["checkout", "-q", "main"])
    try commit(repo, "main e", files: ["e.txt": "e\n"], date: day(13))
    let sameAsSide = try merge(repo, "side2", date: day(14))
    try commit(
      repo, "reflow",
      files: [path: ledger(hours: 27, owner: "@ops", solution: "A\npipeline.", evidence: "- 15 interviews")],
      date: day(15))
    try commit(repo, "unrelated", files: ["f.txt": "f\n"], date: day(16))

    let expected = lines(try repo.git(["log", "--format=%H", "--", path]))
    let result = try valprop(["log", "ledger", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(try loggedCommits(result) == expected, "\(result)")
    // The oracle itself exercises what this test is about.
    #expect(expected.contains(evilMerge))
    #expect(expected.contains(bothSidesMerge))
    #expect(expected.contains(backDated))
    #expect(!expected.contains(plainMerge))
    #expect(!expected.contains(sameAsSide))
    #expect(expected.count == 9, "\(expected)")

    let text = try valprop(["log", "ledger"], in: repo.path)
    #expect(text.status == 0, "\(text)")
    let shown = text.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix(7)) }
    #expect(shown == expected.map { String($0.prefix(7)) }, "\(text)")
    // Again at the same HEAD: the walk is read back from the log cache, to the same bytes.
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/valprop/log.cache"))
    let again = try valprop(["log", "ledger", "--format", "json"], in: repo.path)
    #expect(again.stdout == result.stdout)
  }

  @Test func followsAPureRenameAsGitLogFollowDoes() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger(), "other.txt": "1\n"])
    try repo.commit("edit", files: ["propositions/ledger.md": ledger(hours: 25)])
    try repo.commit("other", files: ["other.txt": "2\n"])
    try repo.folder.makeFolder("propositions/finance")
    try repo.git(["mv", "propositions/ledger.md", "propositions/finance/ledger-sync.md"])
    try repo.commit("rename")
    try repo.commit("edit again", files: ["propositions/finance/ledger-sync.md": ledger(hours: 30)])

    let expected = lines(
      try repo.git(["log", "--follow", "--format=%H", "--", "propositions/finance/ledger-sync.md"]))
    let result = try valprop(["log", "ledger-sync", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(expected.count == 4)
    #expect(try loggedCommits(result) == expected, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.map { $0["change"] as? String } == ["modified", "renamed", "modified", "added"])
    #expect(
      rows.map { $0["path"] as? String } == [
        "propositions/finance/ledger-sync.md", "propositions/finance/ledger-sync.md",
        "propositions/ledger.md",
        "propositions/ledger.md",
      ])
    #expect(rows[1]["oldPath"] as? String == "propositions/ledger.md")
    #expect(rows[1]["wordsAdded"] as? Int == 0, "a pure rename changes no word")
    #expect(rows[1]["wordsRemoved"] as? Int == 0)
    #expect((rows[1]["sections"] as? [String])?.isEmpty == true)
  }

  @Test func followsARenameWithAnEdit() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger()])
    try repo.commit("edit", files: ["propositions/ledger.md": ledger(hours: 25)])
    try repo.git(["mv", "propositions/ledger.md", "propositions/ledger-sync.md"])
    try repo.commit("rename and edit", files: ["propositions/ledger-sync.md": ledger(hours: 26)])
    try repo.commit("unrelated", files: ["README.md": "hi\n"])
    try repo.commit("edit again", files: ["propositions/ledger-sync.md": ledger(hours: 27)])

    let expected = lines(
      try repo.git(["log", "--follow", "--format=%H", "--", "propositions/ledger-sync.md"]))
    let result = try valprop(["log", "ledger-sync", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(expected.count == 4)
    #expect(try loggedCommits(result) == expected, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.map { $0["change"] as? String } == ["modified", "renamed", "modified", "added"])
    #expect(rows[1]["oldPath"] as? String == "propositions/ledger.md")
    #expect(rows[1]["wordsAdded"] as? Int == 1, "26 for 25")
    #expect(rows[1]["wordsRemoved"] as? Int == 1)
    #expect(rows[1]["sections"] as? [String] == ["Problem"])
  }

  @Test func aDeletedAndReAddedFileAsGitLogListsIt() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    try repo.commit("add", files: [path: ledger()])
    try repo.commit("edit", files: [path: ledger(hours: 25)])
    try repo.git(["rm", "-q", path])
    try repo.commit("delete")
    try repo.commit("unrelated", files: ["README.md": "hi\n"])
    try repo.commit("add again", files: [path: ledger(hours: 40, solution: "A spreadsheet.")])
    try repo.commit("edit again", files: [path: ledger(hours: 41, solution: "A spreadsheet.")])

    let expected = lines(try repo.git(["log", "--format=%H", "--", path]))
    let result = try valprop(["log", "ledger", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(expected.count == 5)
    #expect(try loggedCommits(result) == expected, "\(result)")
    #expect(
      try jsonObjects(result).map { $0["change"] as? String } == [
        "modified", "added", "deleted", "modified", "added",
      ])
  }

  @Test func jsonFieldsOfEachRevision() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    let added = try commit(
      repo, "Add the ledger proposition\n\nWith a body.", files: [path: ledger()],
      date: "2026-03-04T05:06:07+02:00", committerDate: "2026-03-05T00:00:00+00:00")
    let edited = try commit(
      repo, "Raise the hours", files: [path: ledger(hours: 25, solution: "An automated daily pipeline.")],
      author: "Bo Builder", date: "2026-03-10T23:30:00-03:30")
    let reflowed = try commit(
      repo, "Reflow",
      files: [path: ledger(hours: 25, solution: "An automated\ndaily  pipeline.")], author: "Ana Author",
      date: "2026-03-11T12:00:00+00:00")
    let owner = try commit(
      repo, "New owner",
      files: [path: ledger(hours: 25, owner: "@ops", solution: "An automated\ndaily  pipeline.")],
      date: "2026-03-12T08:00:00+05:45")

    let result = try valprop(["log", "ledger", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.count == 4, "\(result)")
    for row in rows {
      let keys = Set(row.keys)
      #expect(
        keys.isSuperset(of: [
          "author", "change", "commit", "date", "path", "sections", "subject", "wordsAdded", "wordsRemoved",
          "fields", "ignored",
        ]), "every field of docs/commands.md: \(row)")
      #expect(!keys.contains("oldPath"), "no old path without a rename: \(row)")
      #expect(row["path"] as? String == path)
    }
    #expect(rows.map { $0["commit"] as? String } == [owner, reflowed, edited, added])
    #expect(
      rows.map { $0["date"] as? String } == [
        "2026-03-12T08:00:00+05:45", "2026-03-11T12:00:00+00:00", "2026-03-10T23:30:00-03:30",
        "2026-03-04T05:06:07+02:00",
      ], "author dates with the author's offset")
    #expect(rows.map { $0["author"] as? String } == ["Ana Author", "Ana Author", "Bo Builder", "Ana Author"])
    #expect(
      rows.map { $0["subject"] as? String } == [
        "New owner", "Reflow", "Raise the hours", "Add the ledger proposition",
      ])
    #expect(rows.map { $0["change"] as? String } == ["modified", "modified", "modified", "added"])
    // The added version's words: "Ledger sync Why this matters" 5, the problem 8, the
    // solution 8, the evidence "14 customer interviews March 2026" 5. Then 20 -> 25, and
    // "that syncs data across systems" -> "daily".
    #expect(rows.map { $0["wordsAdded"] as? Int } == [0, 0, 2, 26], "\(result)")
    #expect(rows.map { $0["wordsRemoved"] as? Int } == [0, 0, 6, 0], "\(result)")
    #expect(
      rows.map { $0["sections"] as? [String] } == [
        [], [], ["Problem", "Solution"], ["", "Problem", "Solution", "Evidence"],
      ],
      "\(result)")
  }

  @Test func aCommitMessageThatIsNotUTF8ShowsReplacementCharacters() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger()])
    try repo.folder.write("propositions/ledger.md", ledger(hours: 25))
    try repo.git(["add", "-A"])
    // git commit would re-encode the message as UTF-8; write the commit object as it is.
    let tree = try repo.git(["write-tree"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let object =
      Data(
        """
        tree \(tree)
        parent \(try head(repo))
        author Ana Author <ana@example.com> 1767261600 +0000
        committer Cy Committer <cy@example.com> 1767261600 +0000

        Caf
        """.utf8) + Data([0xE9]) + Data(" hours\n".utf8)
    let written = try Shell.run(
      Shell.which("git"), ["hash-object", "-t", "commit", "-w", "--stdin"], in: repo.path,
      environment: GitFixture.environment, input: object)
    #expect(written.status == 0, "\(written)")
    try repo.git(["update-ref", "HEAD", written.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
    #expect(try repo.gitData(["cat-file", "commit", "HEAD"]).contains(Data([0x43, 0x61, 0x66, 0xE9])))

    let json = try valprop(["log", "ledger", "--format", "json"], in: repo.path)
    let text = try valprop(["log", "ledger"], in: repo.path)

    #expect(json.status == 0, "\(json)")
    #expect(try jsonObjects(json).first?["subject"] as? String == "Caf\u{FFFD} hours", "\(json)")
    #expect(text.status == 0, "\(text)")
    #expect(text.stdout.contains("Caf\u{FFFD} hours"), "\(text)")
  }

  @Test func anUnknownIDExitsTwo() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger()])

    let result = try valprop(["log", "nobody"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("nobody"), "\(result)")
  }

  /// A mistyped id gets the shared "did you mean", among today's ids and those of history.
  @Test func anUnknownIDSuggestsTheNearestIDs() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger(), "propositions/old-plan.md": ledger()])
    try repo.git(["rm", "-q", "propositions/old-plan.md"])
    try repo.commit("drop the old plan")

    let today = try valprop(["log", "ledgr"], in: repo.path)
    let past = try valprop(["log", "old-plna"], in: repo.path)

    #expect(today.status == 2, "\(today)")
    #expect(
      today.stderr == "error: no proposition 'ledgr' in propositions/ at HEAD or any earlier commit\n"
        + "hint: did you mean 'ledger'? run 'valprop list' to see the ids\n", "\(today)")
    #expect(past.status == 2, "\(past)")
    #expect(past.stderr.contains("hint: did you mean 'old-plan'?"), "\(past)")
  }

  /// A proposition deleted since is logged from its last path, its deletion first, as
  /// `git log --follow -- <last path>` lists it (renames before the deletion followed).
  @Test func aDeletedPropositionIsLoggedUpToItsDeletion() throws {
    let repo = try GitFixture()
    try repo.commit("add", files: ["propositions/ledger.md": ledger(), "propositions/other.md": ledger()])
    try repo.commit("edit", files: ["propositions/ledger.md": ledger(hours: 25)])
    try repo.folder.makeFolder("propositions/finance")
    try repo.git(["mv", "propositions/ledger.md", "propositions/finance/ledger.md"])
    try repo.commit("move")
    try repo.commit("edit again", files: ["propositions/finance/ledger.md": ledger(hours: 30)])
    try repo.git(["rm", "-q", "-r", "propositions/finance"])
    try repo.commit("delete")
    try repo.commit("unrelated", files: ["propositions/other.md": ledger(hours: 40)])

    let expected = lines(
      try repo.git(["log", "--follow", "--format=%H", "--", "propositions/finance/ledger.md"]))
    let result = try valprop(["log", "ledger", "--format", "json"], in: repo.path)
    let text = try valprop(["log", "ledger"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(expected.count == 5, "\(expected)")
    #expect(try loggedCommits(result) == expected, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.map { $0["change"] as? String } == ["deleted", "modified", "renamed", "modified", "added"])
    #expect(rows.first?["path"] as? String == "propositions/finance/ledger.md")
    #expect(rows.first?["wordsRemoved"] as? Int ?? 0 > 0, "\(result)")
    #expect(text.status == 0, "\(text)")
    #expect(text.stdout.hasPrefix(String(expected[0].prefix(7))), "\(text)")
    #expect(text.stdout.split(separator: "\n").first?.contains("  deleted  ") == true, "\(text)")
  }

  /// A heading moved a level (`# Summary` to `## Summary`) is a heading change, not the whole
  /// document's words removed and added again.
  @Test func aHeadingLevelChangeIsNamedNotCountedAsWords() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    let hashes = """
      - Start Date: 2026-01-01

      # Summary

      Ledger sync keeps the books aligned every night.

      # Motivation

      Manual data reconciliation costs 20 hours per week.

      """
    let added = try repo.commit("add", files: [path: hashes])
    let level = try repo.commit(
      "level", files: [path: hashes.replacingOccurrences(of: "# Summary", with: "## Summary")])

    let text = try valprop(["log", "ledger"], in: repo.path)
    let json = try valprop(["log", "ledger", "--format", "json"], in: repo.path)
    let patch = try valprop(["log", "ledger", "--patch"], in: repo.path)

    #expect(text.status == 0, "\(text)")
    let first = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.contains("  modified  heading # Summary → ## Summary  strength "), "\(text)")
    #expect(!first.contains("words"), "\(text)")
    let rows = try jsonObjects(json)
    #expect(rows[0]["wordsAdded"] as? Int == 0 && rows[0]["wordsRemoved"] as? Int == 0, "\(json)")
    #expect((rows[0]["sections"] as? [String])?.isEmpty == true, "\(json)")
    let headings = try #require(rows[0]["headings"] as? [[String: String]], "\(json)")
    #expect(headings == [["old": "# Summary", "new": "## Summary"]])
    #expect(patch.stdout.contains("  ## Summary (heading was # Summary)\n"), "\(patch)")
    #expect(!patch.stdout.contains("[-"), "no word removed: \(patch)")
    // list agrees: the commit changed the layout, not the wording.
    let row = try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["ledger"]
    #expect(
      (row?["lastChanged"] as? [String: Any])?["commit"] as? String == level, "\(String(describing: row))")
    #expect(
      (row?["lastEdited"] as? [String: Any])?["commit"] as? String == added, "\(String(describing: row))")
  }

  /// A proposition whose whole life lay on a merged branch: `git log -- <path>` simplifies
  /// the branch away, `git log --follow` lists it, and so does valprop.
  @Test func aPropositionAddedAndDeletedOnAMergedBranch() throws {
    let repo = try GitFixture()
    let path = "propositions/draft.md"
    try repo.commit("start", files: ["propositions/ledger.md": ledger()])
    try repo.git(["checkout", "-q", "-b", "idea"])
    // Unlike any other file: git --follow would take a copy of one for its origin.
    try repo.commit("draft", files: [path: "# Draft\n\n## Problem\nDrafting costs 5 hours.\n"])
    try repo.commit("sharpen", files: [path: "# Draft\n\n## Problem\nDrafting costs 6 hours.\n"])
    try repo.git(["rm", "-q", path])
    try repo.commit("drop the draft")
    try repo.git(["checkout", "-q", "main"])
    try repo.commit("main work", files: ["propositions/ledger.md": ledger(hours: 21)])
    try repo.git(["merge", "-q", "--no-ff", "-m", "merge idea", "idea"])

    let expected = lines(try repo.git(["log", "--follow", "--format=%H", "--", path]))
    let result = try valprop(["log", "draft", "--format", "json"], in: repo.path)

    #expect(lines(try repo.git(["log", "--format=%H", "--", path])).isEmpty, "the oracle's premise")
    #expect(expected.count == 3, "\(expected)")
    #expect(result.status == 0, "\(result)")
    #expect(try loggedCommits(result) == expected, "\(result)")
    #expect(try jsonObjects(result).map { $0["change"] as? String } == ["deleted", "modified", "added"])
  }

  /// `--patch` follows each revision's summary with its word diff as `diff` renders it, and
  /// `--context` shapes it as it does there; JSON carries the changed sections' tokens.
  @Test func patchShowsEachRevisionsWordDiff() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    try repo.commit("add", files: [path: ledger()])
    try repo.commit("raise the hours", files: [path: ledger(hours: 25)])
    try repo.commit("new owner", files: [path: ledger(hours: 25, owner: "@ops")])

    let text = try valprop(["log", "ledger", "--patch"], in: repo.path)
    let diff = try valprop(["diff", "ledger", "HEAD~2", "HEAD~1"], in: repo.path)
    let json = try valprop(["log", "ledger", "-p", "--format", "json"], in: repo.path)
    let plain = try valprop(["log", "ledger", "--format", "json"], in: repo.path)
    let stray = try valprop(["log", "ledger", "--context", "2"], in: repo.path)

    #expect(text.status == 0, "\(text)")
    let output = text.stdout
    // Each summary line, then its diff, in order.
    let summaries = output.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.contains("  strength ") }
    #expect(summaries.count == 3, "\(text)")
    let raise = try #require(output.range(of: "raise the hours"), "\(text)")
    let added = try #require(output.range(of: "  add\n"), "\(text)")
    let hunk = try #require(
      output.range(of: "    Manual data reconciliation costs [-20-]{+25+} hours per week.\n"))
    #expect(raise.upperBound < hunk.lowerBound && hunk.upperBound < added.lowerBound, "\(text)")
    #expect(output.contains(diff.stdout), "the same rendering as diff: \(diff)\n\(text)")
    #expect(output.contains("  owner: @pm → @ops\n"), "\(text)")
    #expect(output.contains("    {+Manual data reconciliation costs 20 hours per week.+}\n"), "\(text)")

    #expect(json.status == 0, "\(json)")
    let rows = try jsonObjects(json)
    let patch = try #require(rows[1]["patch"] as? [[String: Any]], "\(json)")
    #expect(patch.map { $0["heading"] as? String } == ["Problem"])
    let tokens = try #require(patch.first?["tokens"] as? [[String: Any]])
    #expect(tokens.contains { $0["op"] as? String == "insert" && $0["text"] as? String == "25" }, "\(json)")
    #expect((rows[0]["patch"] as? [Any])?.isEmpty == true, "a front-matter change has no section")
    #expect(try jsonObjects(plain).allSatisfy { $0["patch"] == nil }, "no patch without --patch")
    #expect(stray.status == 2, "--context without --patch: \(stray)")
    #expect(stray.stderr.contains("--patch"), "\(stray)")
  }

  @Test func patchContextAndFullShapeTheHunks() throws {
    let repo = try GitFixture()
    let path = "propositions/ledger.md"
    let evidence = (1...6).map { "- Interview \($0), March 2026" }.joined(separator: "\n")
    try repo.commit("add", files: [path: ledger(evidence: evidence)])
    try repo.commit(
      "edit",
      files: [path: ledger(evidence: evidence.replacingOccurrences(of: "Interview 3", with: "Pilot 3"))])

    let narrow = try valprop(["log", "ledger", "--patch", "--context", "0"], in: repo.path)
    let full = try valprop(["log", "ledger", "--patch", "--full"], in: repo.path)

    #expect(narrow.status == 0, "\(narrow)")
    #expect(narrow.stdout.contains("    - [-Interview-]{+Pilot+} 3, March 2026\n"), "\(narrow)")
    #expect(!narrow.stdout.contains("    - Interview 2, March 2026\n"), "no context: \(narrow)")
    #expect(narrow.stdout.contains("… 2 unchanged blocks"), "\(narrow)")
    #expect(full.status == 0, "\(full)")
    #expect(full.stdout.contains("    - Interview 6, March 2026\n"), "the whole section: \(full)")
  }

  /// A commit that changed only front matter says what it changed, and a commit listed in
  /// `.valprop-ignore-revs` is marked, in text and JSON.
  @Test func frontMatterChangesAreNamedAndIgnoredRevisionsMarked() throws {
    let repo = try GitFixture()
    let text = Propositions.text(frontMatter: ["status: active"])
    try repo.commit("Add", files: ["propositions/ledger.md": text], date: "2026-03-01T10:00:00+00:00")
    let reviewed = text.replacingOccurrences(
      of: "status: active", with: "status: active\nreviewed: 2026-03-05")
    try repo.commit("Review", files: ["propositions/ledger.md": reviewed], date: "2026-03-05T10:00:00+00:00")
    let retired = reviewed.replacingOccurrences(of: "status: active", with: "status: retired")
    let retire = try repo.commit(
      "Retire", files: ["propositions/ledger.md": retired], date: "2026-03-07T10:00:00+00:00")
    try repo.commit(
      "Ignore the retirement", files: [".valprop-ignore-revs": retire + "\n"],
      date: "2026-03-08T10:00:00+00:00")

    let result = try valprop(["log", "ledger"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
    #expect(lines.count == 3, "\(result)")
    #expect(lines[0].contains("  status active → retired  "), "\(lines[0])")
    #expect(lines[0].hasSuffix("Retire  (in .valprop-ignore-revs)"), "\(lines[0])")
    #expect(lines[1].contains("  reviewed 2026-03-05  "), "\(lines[1])")
    #expect(!lines[1].contains("(in .valprop-ignore-revs)"), "\(lines[1])")
    #expect(lines[2].contains(" words  "), "\(lines[2])")
    let rows = try jsonObjects(try valprop(["log", "ledger", "--format", "json"], in: repo.path))
    #expect(rows.map { $0["ignored"] as? Bool } == [true, false, false])
    let fields = try #require(rows[1]["fields"] as? [[String: Any]])
    #expect(fields.map { $0["name"] as? String } == ["reviewed"])
    #expect(fields.first?["new"] as? String == "2026-03-05")
    #expect((rows[2]["fields"] as? [[String: Any]])?.isEmpty == false, "the first version sets its keys")
  }
}
