import Foundation
import TestSupport
import Testing

/// Issue 17, lifecycle: supersede refuses cycles and retired or superseded successors,
/// replaces a link only with --force and says so on both sides; repeats are no-ops; retire
/// cuts a superseded proposition's link; list shows the successor; a second review with a
/// note is recorded.
@Suite struct LifecycleLinkTests {
  /// A committed workspace with active propositions a, b, c and d.
  static func workspace(_ ids: [String] = ["a", "b", "c", "d"]) throws -> GitFixture {
    let repo = try GitFixture()
    var files: [String: String] = [:]
    for id in ids {
      files["propositions/\(id).md"] = Propositions.text(title: "Proposition \(id.uppercased())")
    }
    try repo.commit("Start", files: files, date: "2026-01-10T10:00:00+00:00")
    return repo
  }

  static func head(_ repo: GitFixture) throws -> String { try repo.git(["rev-parse", "HEAD"]) }

  @Test func aTwoStepCycleIsRefused() throws {
    let repo = try Self.workspace()
    try #require(try valprop(["supersede", "a", "--by", "b"], in: repo.path).status == 0)
    let head = try Self.head(repo)

    let result = try valprop(["supersede", "b", "--by", "a"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("'a' is superseded, so it cannot supersede 'b'"), "\(result)")
    #expect(
      result.stderr.contains(
        "hint: 'b' replaced 'a' (a → b); to bring 'a' back, set its status to active and remove its "
          + "superseded-by:, then supersede 'b' by it"), "never 'supersede b --by b': \(result)")
    #expect(try Self.head(repo) == head)
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
  }

  @Test func aCycleThroughHandWrittenLinksIsRefused() throws {
    let repo = try Self.workspace()
    // c says it supersedes a (written by hand, status left active): a → c → a.
    try repo.commit(
      "links by hand",
      files: ["propositions/c.md": Propositions.text(frontMatter: ["status: active", "supersedes: [a]"])])
    let head = try Self.head(repo)

    let result = try valprop(["supersede", "c", "--by", "a"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("would make a cycle"), "\(result)")
    #expect(try Self.head(repo) == head)
  }

  @Test func aThreeStepCycleIsRefused() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["supersede", "a", "--by", "b"], in: repo.path).status == 0)
    #expect(try valprop(["supersede", "b", "--by", "c"], in: repo.path).status == 0)

    let result = try valprop(["supersede", "c", "--by", "a"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("'a' is superseded"), "\(result)")
    // b is superseded by c too: the hint suggests no command that would close the cycle.
    #expect(!result.stderr.contains("valprop supersede c --by b"), "\(result)")
    #expect(result.stderr.contains("'c' replaced 'a' (a → b → c)"), "\(result)")
    let rows = try listedByID(try valprop(["list", "--format", "json"], in: repo.path))
    #expect(rows["c"]?["status"] as? String == "active", "something stays active")
  }

  /// Superseding by a superseded proposition names the end of its chain of successors.
  @Test func aSupersededSuccessorNamesTheLastOfItsChain() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["supersede", "b", "--by", "c"], in: repo.path).status == 0)
    #expect(try valprop(["supersede", "c", "--by", "d"], in: repo.path).status == 0)

    let result = try valprop(["supersede", "a", "--by", "b"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(
      result.stderr.contains("hint: supersede it by 'd', which replaced 'b': valprop supersede a --by d"))
  }

  @Test func aRetiredSuccessorIsRefused() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["retire", "b"], in: repo.path).status == 0)
    let head = try Self.head(repo)

    let result = try valprop(["supersede", "a", "--by", "b"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("'b' is retired, so it cannot supersede 'a'"), "\(result)")
    #expect(try Self.head(repo) == head)
  }

  @Test func replacingALinkNeedsForceAndSaysWhatItReplaces() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["supersede", "b", "--by", "c"], in: repo.path).status == 0)
    let head = try Self.head(repo)

    let refused = try valprop(["supersede", "b", "--by", "d"], in: repo.path)

    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains("'b' is already superseded by 'c'"), "\(refused)")
    #expect(refused.stderr.contains("--force"), "\(refused)")
    #expect(try Self.head(repo) == head)

    let forced = try valprop(["supersede", "b", "--by", "d", "--force"], in: repo.path)

    #expect(forced.status == 0, "\(forced)")
    #expect(forced.stdout.contains("Replaced the link b → c by b → d"), "\(forced)")
    #expect(forced.stdout.contains("Removed b from the supersedes: of c"), "\(forced)")
    let b = try LifecycleTests.frontMatter(repo, "propositions/b.md")
    let c = try LifecycleTests.frontMatter(repo, "propositions/c.md")
    let d = try LifecycleTests.frontMatter(repo, "propositions/d.md")
    #expect(b["superseded-by"] as? String == "d")
    #expect((c["supersedes"] as? [Any])?.isEmpty == true, "\(c)")
    #expect(d["supersedes"] as? [String] == ["b"])
    let changed = try repo.git(["show", "--name-only", "--format=", "HEAD"])
    #expect(
      changed.split(separator: "\n").sorted() == [
        "propositions/b.md", "propositions/c.md", "propositions/d.md",
      ])
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
  }

  @Test(arguments: [["supersede", "a", "--by", "b"], ["retire", "a"]])
  func aRepeatIsANoOpWithAMessage(_ command: [String]) throws {
    let repo = try Self.workspace()
    #expect(try valprop(command, in: repo.path).status == 0)
    let head = try Self.head(repo)

    let again = try valprop(command, in: repo.path)

    #expect(again.status == 0, "\(again)")
    #expect(again.stdout.contains("already") && again.stdout.contains("nothing to change"), "\(again)")
    #expect(try Self.head(repo) == head, "no empty commit")
  }

  @Test func retiringASupersededPropositionCutsTheLinkOnBothSides() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["supersede", "a", "--by", "b"], in: repo.path).status == 0)

    let result = try valprop(["retire", "a"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Removed its link to b"), "\(result)")
    let a = try LifecycleTests.frontMatter(repo, "propositions/a.md")
    let b = try LifecycleTests.frontMatter(repo, "propositions/b.md")
    #expect(a["status"] as? String == "retired")
    #expect(a["superseded-by"] == nil, "\(a)")
    #expect((b["supersedes"] as? [Any])?.isEmpty == true, "\(b)")
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
  }

  @Test func listShowsTheSuccessorAndNoDueDateForEndedPropositions() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["supersede", "a", "--by", "b"], in: repo.path).status == 0)
    #expect(try valprop(["retire", "c"], in: repo.path).status == 0)

    let json = try valprop(["list", "--format", "json"], in: repo.path)
    let text = try valprop(["list"], in: repo.path)

    let rows = try listedByID(json)
    #expect(rows["a"]?["supersededBy"] as? String == "b", "\(json)")
    #expect(rows["b"]?["supersededBy"] is NSNull, "\(json)")
    #expect(rows["a"]?["due"] is NSNull, "\(json)")
    #expect(rows["c"]?["due"] is NSNull, "\(json)")
    #expect(rows["b"]?["due"] as? String != nil, "\(json)")
    let a = try #require(textRows(text.stdout).first { $0.first == "a" })
    #expect(a.contains("superseded by b"), "\(text)")
    #expect(a.contains("-"), "no due date: \(text)")
  }

  @Test func aSecondReviewWithANoteOnTheSameDayIsRecorded() throws {
    let repo = try Self.workspace(["a"])
    #expect(try valprop(["review", "a"], in: repo.path).status == 0)
    let file = repo.folder.read("propositions/a.md")
    let head = try Self.head(repo)

    let plain = try valprop(["review", "a"], in: repo.path)
    #expect(plain.status == 0 && plain.stdout.contains("nothing to record"), "\(plain)")
    #expect(try Self.head(repo) == head)

    let noted = try valprop(["review", "a", "-m", "Checked the 90% claim again"], in: repo.path)

    #expect(noted.status == 0, "\(noted)")
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["log", "-1", "--format=%B"]).contains("Checked the 90% claim again"))
    #expect(repo.folder.read("propositions/a.md") == file)
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
  }
}
