import Foundation
import TestSupport
import Testing

/// Drift end to end: `tracks:` written by `new`, drift in `list`, `stale` and `index`, and
/// `review` clearing it, checked against git's own log.
@Suite struct DriftTests {
  static let path = "propositions/billing.md"
  static let text = Propositions.text(
    title: "Billing autopilot",
    frontMatter: [
      "status: active", "owner: \"@billing\"", "reviewed: 2026-01-01", "tracks: [src/billing]",
      "x-team-key: kept",
    ])

  /// A proposition tracking src/billing, then three commits to the code (two to the folder)
  /// and a metadata-only change of the proposition.
  static func workspace() throws -> (GitFixture, start: String) {
    let repo = try GitFixture()
    let start = try repo.commit(
      "Start",
      files: [
        path: text, ".valprop.yml": "drift: {commits: 2}\n", "src/billing/a.swift": "let a = 1\n",
        "src/ui/view.swift": "view\n",
      ], date: "2026-01-01T10:00:00+00:00")
    try repo.commit(
      "Bill in cents", files: ["src/billing/a.swift": "let a = 1\nlet cents = 100\n"],
      date: "2026-01-02T10:00:00+00:00")
    try repo.commit(
      "Only the view", files: ["src/ui/view.swift": "view 2\n"], date: "2026-01-03T10:00:00+00:00")
    try repo.commit(
      "Rewrite billing", files: ["src/billing/a.swift": "let b = 2\n", "src/billing/b.swift": "b\nc\n"],
      date: "2026-01-04T10:00:00+00:00")
    try repo.commit(
      "Change the owner",
      files: [path: text.replacingOccurrences(of: "owner: \"@billing\"", with: "owner: \"@finance\"")],
      date: "2026-01-05T10:00:00+00:00")
    return (repo, start)
  }

  @Test func driftedUntilReviewed() throws {
    let (repo, start) = try DriftTests.workspace()
    let expected = try repo.git(["log", "--format=%H", "\(start)..HEAD", "--", "src/billing"]).split(
      separator: "\n"
    ).map(String.init)
    #expect(expected.count == 2)
    let list = try valprop(["list", "--format", "json", "--as-of", "2026-01-10"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    let row = try #require(try listedByID(list)["billing"])
    #expect(row["tracks"] as? [String] == ["src/billing"])
    #expect(row["drifted"] as? Bool == true)
    #expect(row["state"] as? String == "fresh")
    let drift = try #require(row["drift"] as? [String: Any])
    #expect(drift["commits"] as? Int == 2)
    #expect(drift["files"] as? Int == 2)
    #expect(drift["added"] as? Int == 4)
    #expect(drift["removed"] as? Int == 2)
    #expect(
      try repo.git(["log", "--shortstat", "--format=", "\(start)..HEAD", "--", "src/billing"]).contains(
        "2 files changed, 3 insertions(+), 2 deletions(-)"))
    #expect(drift["since"] as? String == "2026-01-01")
    #expect(drift["basis"] as? String == "edit")
    let last = try #require(drift["last"] as? [String: Any])
    #expect(last["commit"] as? String == expected.first)
    #expect(last["subject"] as? String == "Rewrite billing")
    #expect(last["date"] as? String == "2026-01-04")
    #expect(last["author"] as? String == "Ana Author")
    #expect((drift["first"] as? [String: Any])?["commit"] as? String == expected.last)

    let text = try valprop(["list", "--as-of", "2026-01-10"], in: repo.path)
    #expect(text.stdout.contains("drifted"), "\(text)")

    let stale = try valprop(["stale", "--as-of", "2026-01-10"], in: repo.path)
    #expect(stale.status == 1, "\(stale)")
    #expect(
      stale.stdout.contains(
        "billing: src/billing changed in 2 commits, +4 \u{2212}2 lines, since the last edit on 2026-01-01"),
      "\(stale)")
    #expect(stale.stdout.contains("@finance"))
    let staleJSON = try valprop(["stale", "--as-of", "2026-01-10", "--format", "json"], in: repo.path)
    #expect(try listedByID(staleJSON)["billing"]?["drifted"] as? Bool == true)

    let index = try valprop(["index"], in: repo.path)
    #expect(index.status == 0, "\(index)")
    #expect(repo.folder.read("PROPOSITIONS.md")?.contains("| drifted |") == true)

    // A review resets the drift, since drift is measured from it.
    let review = try valprop(
      ["review", "billing", "-m", "Checked against the new billing code"], in: repo.path)
    #expect(review.status == 0, "\(review)")
    let after = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["billing"])
    #expect(after["drifted"] as? Bool == false)
    let reset = try #require(after["drift"] as? [String: Any])
    #expect(reset["commits"] as? Int == 0)
    #expect(reset["basis"] as? String == "review")
    #expect(reset["first"] is NSNull && reset["last"] is NSNull)
    #expect(try valprop(["stale"], in: repo.path).status == 0)
    // The unknown key stayed as written.
    #expect(repo.folder.read(DriftTests.path)?.contains("x-team-key: kept") == true)

    // More code after the review counts from the review commit.
    try repo.commit("Billing again", files: ["src/billing/a.swift": "let c = 3\n"])
    let again = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["billing"])
    #expect((again["drift"] as? [String: Any])?["commits"] as? Int == 1)
  }

  @Test func untrackedPropositionsHaveNoDrift() throws {
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/plain.md": Propositions.text()])
    let row = try #require(try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["plain"])
    #expect(row["tracks"] as? [String] == [])
    #expect(row["drift"] is NSNull)
    #expect(row["drifted"] as? Bool == false)
  }

  @Test func shallowCloneDriftIsUnknown() throws {
    let (repo, _) = try DriftTests.workspace()
    let clones = try TemporaryFolder()
    try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clones.path + "/shallow"])
    let list = try valprop(["list", "--format", "json"], in: clones.path + "/shallow")
    let row = try #require(try listedByID(list)["billing"])
    #expect(row["drift"] is NSNull)
    #expect((row["driftUnknown"] as? String)?.contains("shallow") == true)
    #expect(row["drifted"] as? Bool == false)
  }

  @Test func newWritesTracks() throws {
    let repo = try GitFixture()
    try repo.commit("Start", files: [".valprop.yml": "directory: propositions\n"])
    let made = try valprop(
      ["new", "billing", "--tracks", "src/billing/**", "--tracks", ":(exclude)src/billing/tests"],
      in: repo.path)
    #expect(made.status == 0, "\(made)")
    let written = try #require(repo.folder.read("propositions/billing.md"))
    #expect(written.contains("tracks: [\"src/billing/**\", \":(exclude)src/billing/tests\"]\n"), "\(written)")
    let row = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["billing"])
    #expect(row["tracks"] as? [String] == ["src/billing/**", ":(exclude)src/billing/tests"])
    // Without --tracks, the template shows the key as a comment.
    try valprop(["new", "plain"], in: repo.path)
    #expect(repo.folder.read("propositions/plain.md")?.contains("# tracks: [") == true)
    let bad = try valprop(["new", "outside", "--tracks", "../elsewhere"], in: repo.path)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--tracks"), "\(bad)")
  }

  @Test func affectedListsWhatTheRangeChangedAndDidNotAddress() throws {
    let (repo, start) = try DriftTests.workspace()
    try repo.git(["checkout", "-q", "-b", "feature", start])
    try repo.commit("Feature code", files: ["src/billing/c.swift": "c\n", "src/ui/view.swift": "v9\n"])
    // main moved on after the fork: its commits are not the feature's (merge-base semantics).
    let json = try valprop(["affected", "--base", "main", "--format", "json"], in: repo.path)
    #expect(json.status == 0, "\(json)")
    let rows = try jsonObjects(json)
    #expect(rows.count == 1)
    #expect(rows.first?["id"] as? String == "billing")
    #expect(rows.first?["changed"] as? [String] == ["src/billing/c.swift"])
    #expect(rows.first?["tracks"] as? [String] == ["src/billing"])
    let text = try valprop(["affected", "--base", "main"], in: repo.path)
    #expect(text.stdout.contains("billing"), "\(text)")
    #expect(text.stdout.contains("1 file: src/billing/c.swift"), "\(text)")
    // A review in the same range addresses it.
    try valprop(["review", "billing"], in: repo.path)
    let reviewed = try valprop(["affected", "--base", "main", "--format", "json"], in: repo.path)
    #expect(try jsonObjects(reviewed).isEmpty, "\(reviewed)")
    let none = try valprop(["affected", "--base", "main"], in: repo.path)
    #expect(none.stdout.contains("No proposition describes code"), "\(none)")
    let bad = try valprop(["affected", "--base", "no-such-branch"], in: repo.path)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("no-such-branch"), "\(bad)")
  }

  @Test func showListsWhatEachPatternMatchesAndTheDrift() throws {
    let (repo, _) = try DriftTests.workspace()
    let show = try valprop(["show", "billing"], in: repo.path)
    #expect(show.status == 0, "\(show)")
    #expect(show.stdout == repo.folder.read(DriftTests.path), "the file's bytes, unchanged")
    #expect(
      show.stderr.contains("  src/billing  2 files: src/billing/a.swift, src/billing/b.swift"), "\(show)")
    #expect(show.stderr.contains("drift: src/billing changed in 2 commits"), "\(show)")
    #expect(show.stderr.contains("(drifted)"), "\(show)")
    let json = try valprop(["show", "billing", "--format", "json"], in: repo.path)
    let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
    #expect(object["text"] as? String == repo.folder.read(DriftTests.path))
    let matches = try #require(object["matches"] as? [[String: Any]])
    #expect(matches.first?["pattern"] as? String == "src/billing")
    #expect(matches.first?["count"] as? Int == 2)
    let row = try #require(object["proposition"] as? [String: Any])
    #expect((row["drift"] as? [String: Any])?["commits"] as? Int == 2)
    // A proposition without tracks: the file alone, nothing on standard error.
    try repo.commit("Plain", files: ["propositions/plain.md": Propositions.text()])
    let plain = try valprop(["show", "plain"], in: repo.path)
    #expect(plain.stderr.isEmpty, "\(plain)")
  }

  /// The drift cache never changes an answer: after each move of HEAD (none, plain commits,
  /// a merge, a rewind, a damaged cache file), `list` answers as the reference walk does,
  /// which reads and writes no cache.
  @Test func cachedDriftsEqualTheReferenceWalk() throws {
    let (repo, start) = try DriftTests.workspace()
    let cache = repo.path + "/.git/valprop/drift.cache"
    func check(_ step: String) throws {
      let cached = try valprop(["list", "--format", "json", "--as-of", "2026-03-01"], in: repo.path)
      #expect(cached.status == 0, "\(step): \(cached)")
      let reference = try valprop(
        ["list", "--format", "json", "--as-of", "2026-03-01"], in: repo.path,
        environment: ["VALPROP_DRIFT_WALK": "reference"])
      #expect(cached.stdout == reference.stdout, "\(step)")
      #expect(FileManager.default.fileExists(atPath: cache), "\(step)")
    }
    try check("cold")
    try check("same HEAD")
    try repo.commit(
      "More billing", files: ["src/billing/a.swift": "let c = 3\n"], date: "2026-01-06T10:00:00+00:00")
    try repo.commit("Only the view", files: ["src/ui/view.swift": "v3\n"], date: "2026-01-07T10:00:00+00:00")
    try check("two plain commits")
    try repo.git(["checkout", "-q", "-b", "side", start])
    try repo.commit(
      "Side billing", files: ["src/billing/side.swift": "side\n"], date: "2026-01-08T10:00:00+00:00")
    try repo.git(["checkout", "-q", "main"])
    try repo.git(["merge", "-q", "--no-ff", "-m", "Merge side", "side"])
    try check("a merge")
    try repo.commit(
      "Back in time", files: ["src/billing/a.swift": "let d = 4\n"], date: "2025-12-01T10:00:00+00:00")
    try check("a commit older than the start")
    try repo.git(["reset", "-q", "--hard", "HEAD~3"])
    try check("a rewind")
    try "garbage".write(toFile: cache, atomically: true, encoding: .utf8)
    try check("a damaged cache")
    let drift = try #require(
      try listedByID(valprop(["list", "--format", "json"], in: repo.path))["billing"]?["drift"]
        as? [String: Any])
    // cents, rewrite and more billing: the rewind dropped the side and the later commits.
    #expect(drift["commits"] as? Int == 3)
  }

  /// A review recorded by hand under an adopted key (`last_reviewed:` read as `reviewed:`)
  /// starts the drift as `reviewed:` itself does.
  @Test func aReviewUnderAnAdoptedKeyStartsTheDrift() throws {
    let repo = try GitFixture()
    func document(_ reviewed: String) -> String {
      Propositions.text(
        title: "Billing autopilot",
        frontMatter: ["status: active", "owner: \"@billing\"", "last_reviewed: \(reviewed)", "tracks: [src]"])
    }
    try repo.commit(
      "Start",
      files: [
        ".valprop.yml": "adopt:\n  keys:\n    last_reviewed: reviewed\n",
        DriftTests.path: document("2026-01-01"),
        "src/a.swift": "a\n",
      ], date: "2026-01-01T10:00:00+00:00")
    try repo.commit("Code", files: ["src/a.swift": "a\nb\n"], date: "2026-01-02T10:00:00+00:00")
    let review = try repo.commit(
      "Review billing", files: [DriftTests.path: document("2026-01-03")], date: "2026-01-03T10:00:00+00:00")
    try repo.commit("More code", files: ["src/a.swift": "c\n"], date: "2026-01-04T10:00:00+00:00")
    let expected = try repo.git(["log", "--format=%H", "\(review)..HEAD", "--", "src"]).split(separator: "\n")
    let list = try valprop(["list", "--format", "json", "--as-of", "2026-01-10"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    let drift = try #require(try listedByID(list)["billing"]?["drift"] as? [String: Any])
    #expect(drift["basis"] as? String == "review")
    #expect(drift["since"] as? String == "2026-01-03")
    #expect(drift["commits"] as? Int == expected.count)
    #expect(expected.count == 1)
  }
}
