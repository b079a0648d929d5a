import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// `WorkspaceLint`: which files lint checks and where it reads them, with git as the oracle
/// for what changed and what is staged.
@Suite struct WorkspaceLintTests {
  static let day = CalendarDate(year: 2026, month: 11, day: 27)!

  /// Four committed propositions.
  static func fixture() throws -> (GitFixture, base: String) {
    let repo = try GitFixture()
    let base = try repo.commit(
      "start",
      files: Dictionary(
        uniqueKeysWithValues: ["a", "b", "c", "d"].map {
          ("propositions/\($0).md", Samples.strongCore(title: "Proposition \($0)"))
        }))
    return (repo, base)
  }

  static func linted(_ repo: GitFixture, _ request: WorkspaceLint.Request) throws -> WorkspaceLint.Outcome {
    try WorkspaceLint(workspace: Workspace(at: repo.path, environment: GitFixture.environment)).run(request)
  }

  /// git's answer: the propositions added, modified or renamed from `base` to the work tree.
  static func gitChanged(_ repo: GitFixture, since base: String) throws -> [String] {
    try repo.git(["diff", "--name-only", "-M", "--diff-filter=AMR", base, "--", "propositions"])
      .split(separator: "\n").map(String.init).sorted()
  }

  @Test func changedSinceChecksWhatGitListsAsAddedModifiedOrRenamed() throws {
    let (repo, base) = try Self.fixture()
    try repo.folder.write("propositions/a.md", Samples.strongCore(title: "Proposition a, reworded"))
    try repo.git(["mv", "propositions/b.md", "propositions/renamed.md"])
    try repo.git(["rm", "-q", "propositions/c.md"])
    try repo.folder.write("propositions/e.md", Samples.strongCore(title: "Proposition e"))
    try repo.git(["add", "-A"])

    let outcome = try Self.linted(repo, .init(changedSince: base, asOf: Self.day))

    let expected = try Self.gitChanged(repo, since: base)
    #expect(expected == ["propositions/a.md", "propositions/e.md", "propositions/renamed.md"])
    #expect(outcome.results.map(\.path).sorted() == expected)
    #expect(!outcome.unreadable)
  }

  @Test func stagedChecksTheIndexVersionsThatDifferFromHead() throws {
    let (repo, _) = try Self.fixture()
    let staged = Samples.strongCore(title: "Proposition a").replacingOccurrences(
      of: "- 14 controller interviews, October 2026\n", with: "")
    try repo.folder.write("propositions/a.md", staged)
    try repo.git(["add", "propositions/a.md"])
    // The work tree then differs again, and b changes only in the work tree.
    try repo.folder.write("propositions/a.md", Samples.strongCore(title: "Proposition a"))
    try repo.folder.write("propositions/b.md", Samples.strongCore(title: "Proposition b, unstaged"))

    let outcome = try Self.linted(repo, .init(staged: true, asOf: Self.day))

    let expected = try repo.git(["diff", "--cached", "--name-only", "--", "propositions"])
      .split(separator: "\n").map(String.init)
    #expect(outcome.results.map(\.path) == expected)
    // The staged version lost its evidence; the work tree's has it.
    let rules = outcome.results.first?.findings.map(\.rule.id.rawValue) ?? []
    #expect(rules.contains("no-evidence"), "\(rules)")
  }

  @Test func resultsFollowTheOrderTheIdsWereGiven() throws {
    let (repo, _) = try Self.fixture()
    let outcome = try Self.linted(repo, .init(ids: ["d", "a", "c"], asOf: Self.day))
    #expect(outcome.results.map(\.id) == ["d", "a", "c"])
    #expect(outcome.results.allSatisfy { $0.findings.isEmpty })
  }

  @Test func anUnknownIdIsAnError() throws {
    let (repo, _) = try Self.fixture()
    #expect(throws: ValpropError.self) {
      try Self.linted(repo, .init(ids: ["nope"], asOf: Self.day))
    }
  }

  @Test func aDuplicateIdIsAnUnreadableFindingAndTheRestIsLinted() throws {
    let (repo, _) = try Self.fixture()
    try repo.folder.write("propositions/more/a.md", Samples.strongCore(title: "Another a"))

    let outcome = try Self.linted(repo, .init(asOf: Self.day))

    #expect(outcome.unreadable)
    let duplicates = outcome.results.filter { $0.id == "a" }
    #expect(duplicates.count == 2)
    #expect(duplicates.allSatisfy { !$0.findings.isEmpty })
    #expect(outcome.results.filter { $0.id != "a" }.allSatisfy { $0.findings.isEmpty })
  }
}
