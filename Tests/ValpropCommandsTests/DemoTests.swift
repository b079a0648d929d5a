import Foundation
import TestSupport
import Testing

/// `valprop demo`: an example workspace with a real back-dated history that shows every state.
@Suite struct DemoTests {
  /// Builds the demo in a new folder below a temporary one.
  static func demo() throws -> (parent: TemporaryFolder, path: String, result: ProcessResult) {
    let parent = try TemporaryFolder()
    let result = try valprop(["demo", "my demo"], in: parent.path)
    return (parent, parent.path + "/my demo", result)
  }

  @Test func buildsACleanRepositoryWithEveryState() throws {
    let demo = try Self.demo()
    let (path, result) = (demo.path, demo.result)

    #expect(result.status == 0, "\(result)")
    #expect(!result.stdout.isEmpty, "the tour says nothing: \(result)")
    let status = try git(["status", "--porcelain", "--untracked-files=all"], in: path)
    #expect(status.status == 0, "not a git repository: \(status)")
    #expect(status.stdout.isEmpty, "\(status)")
    let fsck = try git(["fsck", "--no-progress"], in: path)
    #expect(fsck.status == 0, "\(fsck)")
    #expect(!fsck.stdout.contains("error") && !fsck.stderr.contains("error"), "\(fsck)")
    let commits = try git(["rev-list", "--count", "HEAD"], in: path)
    #expect((Int(commits.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 3, "\(commits)")
    // Back-dated: the first commit is older than any review interval.
    let first = try git(["log", "--reverse", "--format=%as"], in: path).stdout.split(separator: "\n").first
    #expect(
      (first.map(String.init) ?? "9999") < Day.adding(-180, to: Day.today), "\(String(describing: first))")

    let list = try valprop(["list", "--format", "json"], in: path)
    #expect(list.status == 0, "\(list)")
    let states = Set(try jsonObjects(list).compactMap { $0["state"] as? String })
    #expect(states.isSuperset(of: ["stale", "due-soon", "fresh", "superseded"]), "\(states)")
    // The superseded one is linked to the one that replaced it.
    let rows = try listedByID(list)
    #expect(rows.values.contains { $0["status"] as? String == "superseded" })
    #expect(rows.values.contains { ($0["lastReviewed"] as? String) != nil }, "nothing was reviewed: \(rows)")
    // One proposition's code changed after its review: it is drifted, counted from the review.
    let ledger = try #require(rows["ledger-sync"])
    #expect(ledger["drifted"] as? Bool == true, "\(ledger)")
    let drift = try #require(ledger["drift"] as? [String: Any])
    #expect(drift["commits"] as? Int == 3)
    #expect(drift["basis"] as? String == "review")
    #expect(
      try git(["log", "--oneline", "HEAD~3..HEAD", "--", "src/ledger"], in: path).stdout.split(
        separator: "\n"
      ).count == 3)
  }

  @Test func aPropositionsWordingGrowsStrongerOverThreeRevisions() throws {
    let demo = try Self.demo()
    let (path, result) = (demo.path, demo.result)
    #expect(result.status == 0, "\(result)")

    let log = try valprop(["log", "reconciliation-autopilot", "--format", "json"], in: path)

    #expect(log.status == 0, "\(log)")
    let revisions = try jsonObjects(log)
    #expect(revisions.count == 3, "\(log)")
    let scores = revisions.reversed().compactMap { $0["score"] as? Int }
    #expect(scores.count == 3, "\(log)")
    #expect(scores == scores.sorted() && Set(scores).count == scores.count, "scores oldest first: \(scores)")
    // Lint agrees that the wording ends strong, judged on the day of the last revision as
    // log judges each revision (the demo's evidence is dated, and ages after that day).
    let day = String((revisions.first?["date"] as? String ?? "").prefix(10))
    let lint = try valprop(
      ["lint", "reconciliation-autopilot", "--format", "json", "--as-of", day], in: path)
    let report = try #require(try JSONSerialization.jsonObject(with: lint.stdoutData) as? [String: Any])
    let current = (report["propositions"] as? [[String: Any]])?.first?["score"] as? Int
    #expect(current == scores.last, "\(lint)")
  }

  @Test func theTourRunsTheCommandsItExplains() throws {
    let demo = try Self.demo()
    let result = demo.result

    #expect(result.status == 0, "\(result)")
    for command in ["list", "lint", "log", "diff", "stale", "review"] {
      #expect(result.stdout.contains("valprop \(command)"), "the tour never shows \(command): \(result)")
    }
  }

  @Test func anEmptyExistingFolderIsFine() throws {
    let parent = try TemporaryFolder()

    let result = try valprop(["demo", "."], in: parent.path)

    #expect(result.status == 0, "\(result)")
    #expect(parent.exists(".git"))
  }

  @Test func refusesAFolderThatHoldsFiles() throws {
    let parent = try TemporaryFolder()
    try parent.write("demo/keep.txt", "mine\n")
    let before = parent.snapshot()

    let result = try valprop(["demo", "demo"], in: parent.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("empty"), "\(result)")
    let after = parent.snapshot()
    #expect(before == after, "\(before.changes(to: after))")
  }
}
