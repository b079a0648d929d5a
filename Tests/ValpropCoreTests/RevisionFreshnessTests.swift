import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// Freshness read from the report's walk of every revision, against `HistoryWalker`, the walk
/// `valprop list` makes (itself held to git in `HistoryWalkerTests`).
@Suite struct RevisionFreshnessTests {
  /// The walker's answers, the revisions' answers and what they left, and the two combined
  /// as `Workspace.histories` combines them.
  private func compare(_ root: String, paths: [String]) throws -> (
    walked: [String: FileHistory], read: [String: FileHistory], unsettled: [String],
    combined: [String: FileHistory]
  ) {
    let workspace = try Workspace(at: root)
    let walked = try workspace.histories(of: paths, useCache: false)
    let files = paths.map { PropositionHistories.File(path: $0, id: String($0.split(separator: "/").last!)) }
    let revisions = try PropositionHistories(repository: workspace.repository, files: files)
    let (read, unsettled) = try revisions.freshness(
      of: paths, repository: workspace.repository, ignoreRevs: workspace.ignoreRevs(),
      adoption: workspace.config.adoption)
    let combined = try workspace.histories(of: paths, useCache: false, revisions: revisions)
    return (walked, read, unsettled, combined)
  }

  @Test func readsWhatTheWalkerFindsOnAGeneratedHistory() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 120, commits: 900, seed: 11).generate(into: fixture)
    let ignored = try fixture.git(["log", "--format=%H %s"]).split(separator: "\n")
      .filter { $0.split(separator: " ").dropFirst().first == "ignored" }.map { String($0.prefix(40)) }
    #expect(ignored.count > 10)
    try fixture.folder.write(".valprop-ignore-revs", ignored.joined(separator: "\n") + "\n")
    let paths = try HistoryWalkerTests.propositionPaths(fixture)
    let (walked, read, unsettled, combined) = try compare(fixture.path, paths: paths)
    #expect(walked.count == 120)
    for (path, history) in read {
      #expect(history == walked[path], "\(path)")
    }
    // Only files whose answer lies past a merge that changed them are left to the walker.
    #expect(read.count + unsettled.count == 120)
    #expect(read.count > 100, "most files are settled from the revisions")
    #expect(!unsettled.isEmpty, "files edited by the generated evil merges are walked")
    #expect(combined == walked)
    // The files passed metadata, reflow and white-space commits to find their edits.
    #expect(read.values.filter { $0.lastChanged != $0.lastEdited }.count > 20)
  }

  @Test func readsReviewsRenamesAndReAddedFilesAsTheWalkerDoes() throws {
    let fixture = try GitFixture()
    func text(_ words: String, reviewed: String? = nil, owner: String = "@a") -> String {
      "---\ntitle: T\nowner: \"\(owner)\"\n" + (reviewed.map { "reviewed: \($0)\n" } ?? "")
        + "---\n# T\n\n## Problem\n\(words)\n"
    }
    try fixture.commit(
      "add",
      files: [
        "propositions/a.md": text("one two"), "propositions/b.md": text("three"),
        "propositions/c.md": text("five"), "propositions/d.md": text("seven"),
      ])
    try fixture.commit("edit a", files: ["propositions/a.md": text("one two three")])
    try fixture.commit(
      "review a", files: ["propositions/a.md": text("one two three", reviewed: "2026-01-03")])
    try fixture.commit(
      "owner a", files: ["propositions/a.md": text("one two three", reviewed: "2026-01-03", owner: "@b")])
    try fixture.commit(
      "review a again",
      files: ["propositions/a.md": text("one  two three", reviewed: "2026-01-05", owner: "@b")])
    // A pure rename, then a rename with an edit.
    try fixture.git(["mv", "propositions/b.md", "propositions/b2.md"])
    try fixture.commit("move b")
    try fixture.git(["mv", "propositions/c.md", "propositions/c2.md"])
    try fixture.commit("move and edit c", files: ["propositions/c2.md": text("five six")])
    // Deleted, then added again with other words.
    try fixture.git(["rm", "-q", "propositions/d.md"])
    try fixture.commit("drop d")
    try fixture.commit("bring d back", files: ["propositions/d.md": text("eight")])
    // A commit dated before its parent.
    try fixture.commit(
      "old clock",
      files: ["propositions/a.md": text("one two three four", reviewed: "2026-01-05", owner: "@b")],
      date: "2025-06-01T10:00:00+00:00")
    let paths = ["propositions/a.md", "propositions/b2.md", "propositions/c2.md", "propositions/d.md"]
    let (walked, read, unsettled, combined) = try compare(fixture.path, paths: paths)
    #expect(unsettled.isEmpty)
    #expect(read == walked)
    #expect(combined == walked)
    let a = try #require(read["propositions/a.md"])
    #expect(a.lastEdited == a.lastChanged)
    let b = try #require(read["propositions/b2.md"])
    #expect(b.lastChanged?.commit == b.lastEdited?.commit)
    #expect(b.lastChanged != nil)
  }

  @Test func aReviewAfterTheLastEditIsFound() throws {
    let fixture = try GitFixture()
    let path = "propositions/a.md"
    func text(_ reviewed: String?, owner: String = "@a") -> String {
      "---\ntitle: T\nowner: \"\(owner)\"\n" + (reviewed.map { "reviewed: \($0)\n" } ?? "")
        + "---\n# T\n\n## Problem\nwords here\n"
    }
    try fixture.commit("add", files: [path: text(nil)])
    let review = try fixture.commit("review", files: [path: text("2026-01-02")])
    try fixture.commit("owner", files: [path: text("2026-01-02", owner: "@b")])
    let (walked, read, unsettled, _) = try compare(fixture.path, paths: [path])
    #expect(unsettled.isEmpty)
    #expect(read == walked)
    #expect(read[path]?.lastReviewed?.commit.hex == review)
  }

  /// A parent dated after its children is visited before one of them, so a file that
  /// reaches it through that child is not followed further by the revision walk: its answer
  /// comes from the walker, unless the walk found it before (h, edited in that child).
  @Test func aFileTheWalkDropsAtAVisitedCommitIsLeftToTheWalker() throws {
    let fixture = try GitFixture()
    let (f, g, h) = ("propositions/f.md", "propositions/g.md", "propositions/h.md")
    func text(_ words: String) -> String { "# T\n\n## Problem\n\(words)\n" }
    try fixture.commit(
      "add", files: [f: text("f one"), g: text("g one"), h: text("h one")], date: "2026-01-01T10:00:00+00:00")
    try fixture.commit("edit h at X", files: [h: text("h two")], date: "2026-01-20T10:00:00+00:00")
    try fixture.git(["checkout", "-q", "-b", "side"])
    try fixture.commit("edit g", files: [g: text("g two")], date: "2026-01-15T10:00:00+00:00")
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("edit h", files: [h: text("h three")], date: "2026-01-10T10:00:00+00:00")
    let when = "2026-01-25T10:00:00+00:00"
    try fixture.git(
      ["merge", "-q", "--no-ff", "--no-edit", "side"],
      environment: ["GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when])
    let (walked, read, unsettled, combined) = try compare(fixture.path, paths: [f, g, h])
    #expect(unsettled == [f])
    #expect(read[g] == walked[g] && read[g] != nil)
    #expect(read[h] == walked[h] && read[h] != nil)
    #expect(combined == walked)
    #expect(walked[f]?.lastEdited != nil)
  }

  /// A commit made while the report walked: no answer read from the walk is given for the
  /// new HEAD, so none is kept under it.
  @Test func aHeadThatMovedAfterTheWalkLeavesEveryFileToTheWalker() throws {
    let fixture = try GitFixture()
    let path = "propositions/a.md"
    try fixture.commit("add", files: [path: "# A\n\n## Problem\none\n"])
    let workspace = try Workspace(at: fixture.path)
    let revisions = try PropositionHistories(
      repository: workspace.repository, files: [PropositionHistories.File(path: path, id: "a")])
    func freshness() throws -> (answers: [String: FileHistory], unsettled: [String]) {
      try revisions.freshness(
        of: [path], repository: workspace.repository, ignoreRevs: IgnoreRevs(), adoption: .none)
    }
    #expect(try freshness().answers[path] != nil)
    try fixture.commit("edit", files: [path: "# A\n\n## Problem\none two\n"])
    let moved = try freshness()
    #expect(moved.answers.isEmpty)
    #expect(moved.unsettled == [path])
    let combined = try workspace.histories(of: [path], revisions: revisions)
    #expect(combined == (try workspace.histories(of: [path], useCache: false)))
    #expect(
      combined[path]?.lastEdited?.commit.hex
        == (try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)))
  }

  /// In a shallow clone a file edited since the boundary is read from the revisions, and
  /// one whose last edit the boundary hides is walked, truncated, as `list` walks it.
  @Test func aShallowCloneIsReadUpToItsBoundary() throws {
    let fixture = try GitFixture()
    func text(_ words: String, owner: String = "@a") -> String {
      "---\nowner: \"\(owner)\"\n---\n# T\n\n## Problem\n\(words)\n"
    }
    let (a, b) = ("propositions/a.md", "propositions/b.md")
    try fixture.commit("add", files: [a: text("one"), b: text("one")])
    try fixture.commit("edit a", files: [a: text("two")])
    try fixture.commit("owner b", files: [b: text("one", owner: "@b")])
    try fixture.commit("edit a again", files: [a: text("three")])
    let clone = try TemporaryFolder()
    let result = try Shell.run(
      Shell.which("git"), ["clone", "-q", "--depth", "2", "file://" + fixture.path, clone.path + "/c"],
      environment: GitFixture.environment)
    #expect(result.status == 0, "\(result)")
    let (walked, read, unsettled, combined) = try compare(clone.path + "/c", paths: [a, b])
    #expect(unsettled == [b])
    #expect(read[a] == walked[a] && read[a] != nil)
    #expect(walked[b]?.historyTruncated == true)
    #expect(combined == walked)
  }

  @Test func aMergeThatChangedTheFileIsLeftToTheWalker() throws {
    let fixture = try GitFixture()
    let path = "propositions/a.md"
    try fixture.commit("add", files: [path: "# A\n\n## Problem\none\n", "propositions/b.md": "# B\n\nx\n"])
    try fixture.git(["checkout", "-q", "-b", "side"])
    try fixture.commit("side edit", files: [path: "# A\n\n## Problem\none two\n"])
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("main edit", files: [path: "# A\n\n## Problem\nzero one\n"])
    _ = try? fixture.git(["merge", "-q", "--no-edit", "side"])
    try fixture.commit("resolve", files: [path: "# A\n\n## Problem\nzero one two\n"])
    // A merge where the file is the second parent's passes it on like any other commit.
    try fixture.git(["checkout", "-q", "-b", "other"])
    try fixture.commit("other edit", files: ["propositions/b.md": "# B\n\ny\n"])
    try fixture.git(["checkout", "-q", "main"])
    try fixture.git(["merge", "-q", "--no-ff", "--no-edit", "other"])
    let paths = [path, "propositions/b.md"]
    let (walked, read, unsettled, combined) = try compare(fixture.path, paths: paths)
    #expect(unsettled == [path])
    #expect(read["propositions/b.md"] == walked["propositions/b.md"])
    #expect(read["propositions/b.md"] != nil)
    #expect(combined == walked)
  }
}
