import Foundation
import TestSupport
import Testing

/// Issue 17, every git state: GIT_DIR and GIT_WORK_TREE as git takes them, no commits during
/// a merge, rebase, cherry-pick or revert, a detached HEAD said out loud, an unborn HEAD, an
/// untracked file, and the identity git needs.
@Suite struct GitStateTests {
  static let file = "propositions/autopilot.md"

  static func workspace() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit("Start", files: [file: Propositions.text(), "notes.txt": "base\n"])
    return repo
  }

  /// Runs git in a folder with extra environment, as the test runs valprop.
  static func gitOutput(_ arguments: [String], in folder: String, environment: [String: String]) throws
    -> String
  {
    let result = try Shell.run(
      Shell.which("git"), arguments, in: folder,
      environment: Binary.environment.merging(environment) { $1 })
    try #require(result.status == 0, "\(result)")
    return result.stdout
  }

  @Test func gitDirAndGitWorkTreePickTheRepositoryAsForGit() throws {
    let other = try Self.workspace()
    try other.commit("Edit", files: [Self.file: Propositions.text(problem: "It costs 30 hours a week.")])
    let here = try repository(["propositions/elsewhere.md": Propositions.text(title: "Elsewhere")])
    try here.commit("here")
    let environment = ["GIT_DIR": other.path + "/.git", "GIT_WORK_TREE": other.path]

    let result = try valprop(["list", "--format", "json"], in: here.path, environment: environment)

    #expect(result.status == 0, "\(result)")
    let rows = try listedByID(result)
    #expect(rows.keys.sorted() == ["autopilot"], "\(result)")
    let expected = try Self.gitOutput(
      ["log", "-1", "--format=%H", "--", Self.file], in: here.path, environment: environment)
    let changed = rows["autopilot"]?["lastChanged"] as? [String: Any]
    #expect(changed?["commit"] as? String == expected.trimmingCharacters(in: .newlines), "\(result)")
  }

  /// With GIT_DIR alone, git takes the current folder as the top of the work tree.
  @Test func gitDirAloneTakesTheCurrentFolderAsTheWorkTree() throws {
    let other = try Self.workspace()
    let here = try TemporaryFolder()
    try here.write("propositions/local.md", Propositions.text(title: "Local"))
    let environment = ["GIT_DIR": other.path + "/.git"]

    let result = try valprop(["list", "--format", "json"], in: here.path, environment: environment)

    #expect(result.status == 0, "\(result)")
    let untracked = try Self.gitOutput(
      ["ls-files", "--others", "--", "propositions"], in: here.path, environment: environment)
    let paths = try jsonObjects(result).compactMap { $0["path"] as? String }
    #expect(paths == untracked.split(separator: "\n").map(String.init), "\(result)")
    #expect(try listedByID(result)["local"]?["state"] as? String == "uncommitted")
  }

  /// The four ways of leaving a conflict behind, each with the name valprop must give.
  static let operations: [(name: String, setUp: [[String]])] = [
    ("a merge", [["merge", "side"]]),
    ("a cherry-pick", [["cherry-pick", "side"]]),
    ("a revert", [["revert", "--no-edit", "HEAD~1"]]),
    ("a rebase", [["checkout", "-q", "side"], ["rebase", "main"]]),
  ]

  @Test(arguments: operations.indices)
  func noCommitInTheMiddleOfAnOperation(_ index: Int) throws {
    let (name, steps) = Self.operations[index]
    let repo = try Self.workspace()
    try repo.git(["checkout", "-q", "-b", "side"])
    try repo.commit("side", files: ["notes.txt": "side\n"])
    try repo.git(["checkout", "-q", "main"])
    try repo.commit("main 1", files: ["notes.txt": "main\n"])
    try repo.commit("main 2", files: ["notes.txt": "main again\n"])
    for step in steps {
      _ = try Shell.run(Shell.which("git"), step, in: repo.path, environment: Binary.environment)
    }
    let head = try repo.git(["rev-parse", "HEAD"])

    let result = try valprop(["review", "autopilot"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: \(name) is in progress"), "\(result)")
    #expect(result.stderr.contains("--abort"), "\(result)")
    #expect(try repo.git(["rev-parse", "HEAD"]) == head)
    #expect(!(repo.folder.read(Self.file) ?? "").contains("reviewed:"))
  }

  @Test func aDetachedHeadCommitsAndSaysSo() throws {
    let repo = try Self.workspace()
    let branch = try repo.git(["rev-parse", "main"])
    try repo.git(["checkout", "-q", "--detach"])

    let result = try valprop(["review", "autopilot"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.contains("HEAD is detached"), "\(result)")
    #expect(result.stderr.contains("git switch -c"), "\(result)")
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == branch)
    #expect(try repo.git(["rev-parse", "main"]) == branch, "no branch moved")
  }

  @Test(arguments: [
    ["show", "autopilot", "--at", "HEAD"], ["diff", "--base", "HEAD"], ["review", "autopilot"],
  ])
  func aRepositoryWithoutCommitsSaysSo(_ command: [String]) throws {
    let repo = try repository([Self.file: Propositions.text()])

    let result = try valprop(command, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no commit"), "\(result)")
    #expect(!result.stderr.contains("revspec"), "\(result)")
    #expect(result.stderr.contains("hint: commit"), "\(result)")
  }

  @Test func anUntrackedFileIsNotCommittedYetRatherThanChanged() throws {
    let repo = try Self.workspace()
    try repo.folder.write("propositions/fresh.md", Propositions.text(title: "Fresh"))

    let untracked = try valprop(["review", "fresh"], in: repo.path)
    try repo.folder.write(Self.file, Propositions.text(problem: "Changed."))
    let changed = try valprop(["review", "autopilot"], in: repo.path)

    #expect(untracked.status == 2, "\(untracked)")
    #expect(untracked.stderr.contains("propositions/fresh.md is not committed yet"), "\(untracked)")
    #expect(untracked.stderr.contains("git add 'propositions/fresh.md'"), "\(untracked)")
    #expect(changed.status == 2, "\(changed)")
    #expect(changed.stderr.contains("has uncommitted changes"), "\(changed)")
  }

  /// git takes the committer from GIT_COMMITTER_*, committer.* or user.*, never from the
  /// author's variables; valprop does the same and names what is missing.
  @Test func theIdentityIsTakenAsGitTakesIt() throws {
    let repo = try Self.workspace()
    let noCommitter = ["GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": ""]

    let refused = try valprop(["review", "autopilot"], in: repo.path, environment: noCommitter)
    let gitRefused = try Shell.run(
      Shell.which("git"), ["commit", "--allow-empty", "-qm", "x"], in: repo.path,
      environment: Binary.environment.merging(noCommitter) { $1 })

    #expect(refused.status == 2, "\(refused)")
    #expect(gitRefused.status != 0, "git refuses too: \(gitRefused)")
    #expect(refused.stderr.contains("the committer's name and email"), "\(refused)")
    #expect(refused.stderr.contains("GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL"), "\(refused)")

    try repo.git(["config", "committer.name", "Config Committer"])
    try repo.git(["config", "user.email", "team@example.com"])
    let unset = ["-u", "GIT_COMMITTER_NAME", "-u", "GIT_COMMITTER_EMAIL"]
    let accepted = try Shell.run(
      "/usr/bin/env", unset + [Binary.path, "review", "autopilot"], in: repo.path,
      environment: Binary.environment)
    let gitIdent = try Shell.run(
      "/usr/bin/env", unset + [Shell.which("git"), "var", "GIT_COMMITTER_IDENT"], in: repo.path,
      environment: Binary.environment)

    #expect(accepted.status == 0, "\(accepted)")
    let expected = gitIdent.stdout.components(separatedBy: ">").first.map { $0 + ">" } ?? ""
    #expect(expected == "Config Committer <team@example.com>", "\(gitIdent)")
    #expect(try repo.git(["log", "-1", "--format=%cn <%ce>"]) == expected + "\n")
    #expect(try repo.git(["log", "-1", "--format=%an"]) == "Ana Author\n")
  }
}
