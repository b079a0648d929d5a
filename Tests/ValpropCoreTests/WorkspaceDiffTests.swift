import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// `WorkspaceDiff`: the changes `valprop diff` shows, with git's own name-status as the
/// oracle for what was added, modified, renamed or deleted.
@Suite struct WorkspaceDiffTests {
  static func workspace(_ repo: GitFixture) throws -> WorkspaceDiff {
    WorkspaceDiff(workspace: try Workspace(at: repo.path, environment: GitFixture.environment))
  }

  /// git's changes under propositions/ from `base` to `head`, as status letter, old path
  /// (renames only) and path.
  static func gitChanges(_ repo: GitFixture, _ base: String, _ head: String) throws -> Set<[String]> {
    let lines = try repo.git(["diff", "--name-status", "-M", base, head, "--", "propositions"])
      .split(separator: "\n")
    return Set(
      lines.map { line in
        let fields = line.split(separator: "\t").map(String.init)
        let letter = String(fields[0].prefix(1))
        return letter == "R" ? [letter, fields[1], fields[2]] : [letter, fields.last ?? ""]
      })
  }

  static func letter(_ kind: PropositionChange.Kind) -> String {
    switch kind {
    case .added: "A"
    case .modified: "M"
    case .renamed: "R"
    case .deleted: "D"
    }
  }

  @Test func betweenTwoRevisionsItAgreesWithGit() throws {
    let repo = try GitFixture()
    let base = try repo.commit(
      "start",
      files: [
        "propositions/kept.md": Propositions.text(title: "Kept"),
        "propositions/edited.md": Propositions.text(title: "Edited"),
        "propositions/moved.md": Propositions.text(title: "Moved"),
        "propositions/gone.md": Propositions.text(
          title: "Gone", frontMatter: ["status: draft"],
          problem: String(repeating: "Shipping labels are printed by hand at every depot. ", count: 20)),
      ])
    try repo.folder.write(
      "propositions/edited.md", Propositions.text(title: "Edited", problem: "Closing takes 8 days."))
    try repo.git(["mv", "propositions/moved.md", "propositions/relocated.md"])
    try repo.git(["rm", "-q", "propositions/gone.md"])
    let head = try repo.commit("change", files: ["propositions/new.md": Propositions.text(title: "New")])

    let changes = try Self.workspace(repo).changes(base: base, head: head)

    let found = Set(
      changes.map {
        $0.change == .renamed ? ["R", $0.oldPath ?? "", $0.path] : [Self.letter($0.change), $0.path]
      })
    #expect(found == (try Self.gitChanges(repo, base, head)))
    #expect(changes.first { $0.change == .renamed }?.oldPath == "propositions/moved.md")
  }

  @Test func againstTheWorkTreeItSeesUncommittedEdits() throws {
    let repo = try GitFixture()
    let base = try repo.commit("start", files: ["propositions/a.md": Propositions.text(title: "A")])
    try repo.folder.write("propositions/a.md", Propositions.text(title: "A", problem: "Now 9 hours a week."))

    let changes = try Self.workspace(repo).changes(base: base, head: nil)

    #expect(changes.map(\.change) == [.modified])
    #expect(
      changes.first?.diff.sections.contains { $0.heading == "Problem" && $0.change == .modified } == true)
  }

  @Test func oneProposition() throws {
    let repo = try GitFixture()
    let first = try repo.commit("start", files: ["propositions/a.md": Propositions.text(title: "A")])
    let diff = try Self.workspace(repo)
    // Nothing changed since HEAD.
    #expect(try diff.changes(of: "a", revisions: []).isEmpty)
    let second = try repo.commit(
      "edit", files: ["propositions/a.md": Propositions.text(title: "A", problem: "Now 9 hours a week.")])
    #expect(try diff.changes(of: "a", revisions: [first, second]).map(\.change) == [.modified])
    #expect(try diff.changes(of: "a", revisions: [second, first]).map(\.change) == [.modified])
    // Renamed in the work tree: paired with its old name, as `diff --base` pairs it.
    try repo.git(["mv", "propositions/a.md", "propositions/b.md"])
    try repo.folder.write("propositions/b.md", Propositions.text(title: "A", problem: "Now 9 hours a week."))
    let renamed = try Self.workspace(repo).changes(of: "b", revisions: [])
    #expect(renamed.map(\.change) == [.renamed])
    #expect(renamed.first?.oldPath == "propositions/a.md")
  }

  @Test func anIdNeitherSideHasNamesWhereHistoryHasIt() throws {
    let repo = try GitFixture()
    try repo.commit("start", files: ["propositions/a.md": Propositions.text(title: "A")])
    try repo.git(["rm", "-q", "propositions/a.md"])
    try repo.commit("remove")
    let diff = try Self.workspace(repo)

    let error = try #require(throws: ValpropError.self) { try diff.changes(of: "a", revisions: []) }
    #expect(error.problem.contains("history has it, as propositions/a.md"), "\(error.problem)")
    #expect(throws: ValpropError.self) { try diff.changes(of: "never", revisions: []) }
  }

  @Test func kinds() throws {
    let a = try Proposition(id: "a", path: "p/a.md", text: Propositions.text(title: "A"))
    let edited = try Proposition(id: "a", path: "p/a.md", text: Propositions.text(title: "B"))
    let moved = try Proposition(id: "a", path: "p/b.md", text: Propositions.text(title: "A"))
    #expect(WorkspaceDiff.kind(old: nil, new: nil) == nil)
    #expect(WorkspaceDiff.kind(old: nil, new: a) == .added)
    #expect(WorkspaceDiff.kind(old: a, new: nil) == .deleted)
    #expect(WorkspaceDiff.kind(old: a, new: a) == nil)
    #expect(WorkspaceDiff.kind(old: a, new: edited) == .modified)
    #expect(WorkspaceDiff.kind(old: a, new: moved) == .renamed)
  }

  /// Against the work tree, the files the index knows unchanged are skipped without being
  /// read; the changes are the ones found reading every file on both sides.
  @Test func skippingTheFilesTheIndexKnowsChangesNoAnswer() throws {
    let repo = try GitFixture()
    try HistoryGenerator(files: 30, commits: 120, seed: 11).generate(into: repo)
    try repo.git(["checkout", "-q", "-f", "main"])
    let diff = try Self.workspace(repo)
    let paths = try repo.git(["ls-files", "propositions"]).split(separator: "\n").map(String.init)
    // Edits of every kind in the work tree: a staged one, an unstaged one, a same-size
    // rewrite right after the index was written, a deletion, a new file.
    try repo.folder.write(paths[0], "# Staged\n\n## Problem\nStaged words.\n")
    try repo.git(["add", paths[0]])
    try repo.folder.write(paths[1], "# Edited\n\n## Problem\nEdited words.\n")
    let third = try String(contentsOfFile: repo.path + "/" + paths[2], encoding: .utf8)
    try repo.folder.write(paths[2], String(third.reversed()))
    try FileManager.default.removeItem(atPath: repo.path + "/" + paths[3])
    try repo.folder.write("propositions/brand-new.md", "# New\n\n## Problem\nNew words.\n")
    let directory = diff.workspace.config.directory
    let skipping = diff.workTree(directory)
    let known = try #require(skipping as? WorkTreeSource).unchanged
    #expect(known.count > 20, "the index knows most files unchanged")
    for base in ["HEAD", "HEAD~10", "HEAD~60"] {
      let (source, _) = try diff.workspace.source(at: base)
      func describe(_ changes: [PropositionChange]) -> [String] {
        changes.map { "\($0.change) \($0.oldPath ?? "-") \($0.path) \($0.diff.sections.map(\.tokens))" }
      }
      let readingAll = try PropositionChange.between(
        base: source, head: diff.workspace.source, directory: directory)
      let skipped = try PropositionChange.between(base: source, head: skipping, directory: directory)
      #expect(describe(skipped) == describe(readingAll), "\(base)")
      #expect(!readingAll.isEmpty, "\(base)")
    }
  }
}
