import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The lifecycle flows of Core/Lifecycle, run on real repositories, with git as the oracle
/// for what each commit holds and what it left alone.
@Suite struct LifecycleFlowTests {
  static let day = CalendarDate(year: 2026, month: 12, day: 3)!

  /// Committed active propositions with these ids.
  static func fixture(_ ids: [String] = ["a", "b", "c"]) throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "start",
      files: Dictionary(
        uniqueKeysWithValues: ids.map { ("propositions/\($0).md", Propositions.text(title: "Title \($0)")) }))
    return repo
  }

  static func workspace(_ repo: GitFixture) throws -> Workspace {
    try Workspace(at: repo.path, environment: GitFixture.environment)
  }

  /// The files the last commit changed, as git lists them.
  static func lastCommitFiles(_ repo: GitFixture) throws -> [String] {
    try repo.git(["show", "--format=", "--name-only", "HEAD"]).split(separator: "\n").map(String.init)
      .sorted()
  }

  static func head(_ repo: GitFixture) throws -> String {
    try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: PropositionCreator

  @Test func aCreatorChecksItsValuesBeforeTouchingAnything() throws {
    #expect(throws: ValpropError.self) { try PropositionCreator(id: "Not An Id") }
    #expect(throws: ValpropError.self) { try PropositionCreator(id: "a", title: "two\nlines") }
    #expect(throws: ValpropError.self) { try PropositionCreator(id: "a", owners: ["  "]) }
    #expect(throws: ValpropError.self) { try PropositionCreator(id: "a", tracks: [":(bogus)x"]) }
    let creator = try PropositionCreator(id: "ledger-sync", owners: [" @pm "])
    #expect(creator.title == PropositionID.defaultTitle(for: "ledger-sync"))
    #expect(creator.owners == ["@pm"])
  }

  @Test func aCreatedPropositionIsAnUntrackedDraftAndNeverOverwrites() throws {
    let repo = try Self.fixture(["a"])
    let creator = try PropositionCreator(id: "fresh", tracks: ["Sources/**"])

    let path = try creator.create(in: Self.workspace(repo), on: Self.day)

    #expect(path == repo.path + "/propositions/fresh.md")
    #expect(try repo.git(["status", "--porcelain"]) == "?? propositions/fresh.md\n")
    let created = try Self.workspace(repo).proposition("fresh")
    #expect(created.status == .draft)
    #expect(created.frontMatter.tracks == ["Sources/**"])
    let existing = try PropositionCreator(id: "a")
    #expect(throws: ValpropError.self) { try existing.create(in: Self.workspace(repo), on: Self.day) }
    #expect(repo.folder.read("propositions/a.md") == Propositions.text(title: "Title a"))
  }

  // MARK: ReviewRecorder

  @Test func aReviewCommitsOnlyThatFileAndARepeatNeedsANote() throws {
    let repo = try Self.fixture()
    try repo.folder.write("propositions/b.md", Propositions.text(title: "Edited, not committed"))
    let recorder = ReviewRecorder(workspace: try Self.workspace(repo), environment: GitFixture.environment)

    guard case .committed(let id, again: false) = try recorder.review("a", on: Self.day, note: "Checked")
    else {
      Issue.record("not committed")
      return
    }
    #expect(id.hex == (try Self.head(repo)))
    #expect(try Self.lastCommitFiles(repo) == ["propositions/a.md"])
    #expect(try repo.git(["log", "-1", "--format=%B"]) == "Review a: Title a\n\nChecked\n\n")
    #expect(try repo.git(["status", "--porcelain"]) == " M propositions/b.md\n")
    #expect(repo.folder.read("propositions/a.md")?.contains("reviewed: 2026-12-03") == true)

    #expect(try recorder.review("a", on: Self.day, note: nil) == .alreadyReviewed)
    guard case .committed(_, again: true) = try recorder.review("a", on: Self.day, note: "Again") else {
      Issue.record("the note was not committed")
      return
    }
    #expect(try repo.git(["diff", "--name-only", "HEAD~1", "HEAD"]).isEmpty)
  }

  @Test func aReviewWithoutCommitOnlyWritesTheFile() throws {
    let repo = try Self.fixture()
    let before = try Self.head(repo)
    let recorder = ReviewRecorder(workspace: try Self.workspace(repo), environment: GitFixture.environment)

    #expect(
      try recorder.review("c", on: Self.day, note: nil, commit: false) == .written(path: "propositions/c.md"))

    #expect(try Self.head(repo) == before)
    #expect(try repo.git(["status", "--porcelain"]) == " M propositions/c.md\n")
    #expect(try repo.git(["diff", "-U0", "propositions/c.md"]).contains("+reviewed: 2026-12-03"))
  }

  // MARK: Supersession and Retirement

  @Test func supersedingLinksBothFilesInOneCommitAndARepeatChangesNothing() throws {
    let repo = try Self.fixture()
    let supersession = Supersession(workspace: try Self.workspace(repo), environment: GitFixture.environment)

    guard case .superseded(_, let plan) = try supersession.supersede("a", by: "b", message: "Why") else {
      Issue.record("not superseded")
      return
    }
    #expect(plan.replacedLink == nil)
    #expect(try Self.lastCommitFiles(repo) == ["propositions/a.md", "propositions/b.md"])
    let workspace = try Self.workspace(repo)
    #expect(try workspace.proposition("a").status == .superseded)
    #expect(try workspace.proposition("a").frontMatter.supersededBy == "b")
    #expect(try workspace.proposition("b").frontMatter.supersedes == ["a"])
    let after = try Self.head(repo)

    guard case .alreadySuperseded = try supersession.supersede("a", by: "b") else {
      Issue.record("a repeat made a commit")
      return
    }
    // A cycle is refused, and nothing is committed.
    #expect(throws: ValpropError.self) { try supersession.supersede("b", by: "a") }
    #expect(try Self.head(repo) == after)
  }

  @Test func forceMovesTheLinkAndTheOldSuccessorForgetsIt() throws {
    let repo = try Self.fixture()
    let supersession = Supersession(workspace: try Self.workspace(repo), environment: GitFixture.environment)
    _ = try supersession.supersede("a", by: "b")
    #expect(throws: ValpropError.self) { try supersession.supersede("a", by: "c") }

    guard case .superseded(_, let plan) = try supersession.supersede("a", by: "c", force: true) else {
      Issue.record("not superseded")
      return
    }
    #expect(plan.replacedLink == "b")
    #expect(plan.previousSuccessor?.id == "b")
    #expect(
      try Self.lastCommitFiles(repo) == ["propositions/a.md", "propositions/b.md", "propositions/c.md"])
    let workspace = try Self.workspace(repo)
    #expect(try workspace.proposition("b").frontMatter.supersedes == [])
    #expect(try workspace.proposition("c").frontMatter.supersedes == ["a"])
  }

  @Test func retiringASupersededPropositionCutsBothSidesOfTheLink() throws {
    let repo = try Self.fixture()
    _ = try Supersession(workspace: try Self.workspace(repo), environment: GitFixture.environment)
      .supersede("a", by: "b")
    let retirement = Retirement(workspace: try Self.workspace(repo), environment: GitFixture.environment)

    guard case .retired(_, let successor, let unlinked) = try retirement.retire("a", message: nil) else {
      Issue.record("not retired")
      return
    }
    #expect(successor == "b")
    #expect(unlinked)
    #expect(try Self.lastCommitFiles(repo) == ["propositions/a.md", "propositions/b.md"])
    #expect(try repo.git(["log", "-1", "--format=%s"]) == "Retire a: Title a\n")
    let workspace = try Self.workspace(repo)
    #expect(try workspace.proposition("a").status == .retired)
    #expect(try workspace.proposition("a").frontMatter.supersededBy == nil)
    #expect(try workspace.proposition("b").frontMatter.supersedes == [])
    #expect(try retirement.retire("a", message: nil) == .alreadyRetired)
  }

  @Test func aPlanRefusesASuccessorThatIsItselfReplaced() throws {
    let old = try Proposition(id: "a", path: "p/a.md", text: Propositions.text(title: "A"))
    let replaced = try Proposition(
      id: "b", path: "p/b.md",
      text: Propositions.text(title: "B", frontMatter: ["status: superseded", "superseded-by: c"]))
    let error = try #require(throws: ValpropError.self) {
      try SupersedePlan(old: old, new: replaced, force: false, lookUp: { _ in nil })
    }
    #expect(error.problem == "'b' is superseded, so it cannot supersede 'a'")
    #expect(error.hint?.contains("valprop supersede a --by c") == true)
  }
}
