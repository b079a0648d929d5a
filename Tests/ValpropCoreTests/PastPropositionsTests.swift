import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// Where history last held a proposition gone from HEAD, against what the commits hold.
@Suite struct PastPropositionsTests {
  /// A history that moves, deletes, hides and excludes files, in subfolders.
  func fixture() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "start",
      files: [
        "propositions/ledger.md": "one", "propositions/plan.md": "one", "propositions/sub/deep.md": "one",
        "propositions/.hidden/secret.md": "one", "propositions/notes.md": "one", "other/outside.md": "one",
      ])
    try repo.git(["mv", "propositions/ledger.md", "propositions/sub/ledger.md"])
    try repo.commit("move ledger")
    try repo.git(["rm", "-q", "propositions/sub/ledger.md", "propositions/sub/deep.md"])
    try repo.commit("delete ledger and deep")
    try repo.git(["rm", "-q", "propositions/plan.md"])
    try repo.commit("delete plan", files: ["propositions/kept.md": "one"])
    return repo
  }

  func past(_ repo: GitFixture, _ id: String) throws -> PastPropositions {
    let repository = try #require(try Repository.discover(from: repo.path))
    return try PastPropositions(
      repository: repository, directory: "propositions", id: id, exclude: ExcludeRules(patterns: ["notes.md"])
    )
  }

  @Test func findsTheLastPathOfADeletedProposition() throws {
    let repo = try fixture()
    // The newest commit holding each: the move put ledger in a subfolder before it went.
    #expect(try past(repo, "ledger").path == "propositions/sub/ledger.md")
    #expect(try past(repo, "deep").path == "propositions/sub/deep.md")
    #expect(try past(repo, "plan").path == "propositions/plan.md")
    #expect(try past(repo, "kept").path == "propositions/kept.md")
    // Found: no ids are gathered.
    #expect(try past(repo, "ledger").ids.isEmpty)
  }

  @Test func leavesOutHiddenExcludedAndOutsideFilesAndGathersEveryIdWhenNotFound() throws {
    let repo = try fixture()
    for id in ["secret", "notes", "outside", "missing"] {
      let result = try past(repo, id)
      #expect(result.path == nil, "\(id)")
      #expect(result.ids == ["ledger", "plan", "deep", "kept"], "\(id)")
    }
  }
}
