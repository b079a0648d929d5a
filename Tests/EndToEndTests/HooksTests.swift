import Foundation
import TestSupport
import Testing

/// `valprop hooks install` into real repositories, and the hooks fired by real `git commit`,
/// `git merge` and `git pull`.
@Suite struct HooksTests {
  static let hookNames = ["pre-commit", "post-merge"]

  /// Whether a file exists and its owner may execute it.
  static func isExecutable(_ path: String) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = attributes[.posixPermissions] as? Int
    else { return false }
    return mode & 0o100 != 0
  }

  /// Runs git with the fixed environment and more variables.
  static func git(_ arguments: [String], in directory: String, _ extra: [String: String] = [:]) throws
    -> ProcessResult
  {
    try Shell.run(
      Shell.which("git"), arguments, in: directory, environment: Binary.environment.merging(extra) { $1 })
  }

  /// The environment a user's hook sees: valprop named by `VALPROP`.
  static var withValprop: [String: String] { ["VALPROP": Binary.path] }

  // MARK: - Installing

  @Test func installWritesExecutableHooks() throws {
    let repo = try GitFixture()

    let result = try valprop(["hooks", "install"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    for name in Self.hookNames {
      let path = repo.path + "/.git/hooks/" + name
      #expect(Self.isExecutable(path), "\(name) is not executable")
      let script = try #require(repo.folder.read(".git/hooks/" + name))
      #expect(script.hasPrefix("#!/bin/sh"), "\(script)")
      #expect(result.stdout.contains(name), "\(result)")
    }
  }

  @Test func installTwiceSaysAlreadyInstalledAndChangesNothing() throws {
    let repo = try GitFixture()
    #expect(try valprop(["hooks", "install"], in: repo.path).status == 0)
    let before = repo.folder.snapshot()

    let again = try valprop(["hooks", "install"], in: repo.path)

    #expect(again.status == 0, "\(again)")
    #expect(again.stdout.lowercased().contains("already installed"), "\(again)")
    #expect(repo.folder.snapshot() == before)
  }

  @Test func aRelativeHooksPathIsTheWorkTreeRootsFolder() throws {
    let repo = try GitFixture()
    try repo.git(["config", "core.hooksPath", ".githooks"])
    try repo.folder.makeFolder("propositions/deep")

    let result = try valprop(["hooks", "install"], in: repo.path + "/propositions/deep")

    #expect(result.status == 0, "\(result)")
    for name in Self.hookNames {
      #expect(Self.isExecutable(repo.path + "/.githooks/" + name), "\(name): \(repo.folder.listing())")
      #expect(!repo.folder.exists(".git/hooks/" + name))
      #expect(!repo.folder.exists("propositions/deep/.githooks/" + name))
    }
    // git finds them there: a weak proposition is blocked.
    try repo.folder.write("propositions/weak.md", Propositions.weak)
    try repo.git(["add", "-A"])
    let commit = try Self.git(["commit", "-q", "-m", "weak"], in: repo.path, Self.withValprop)
    #expect(commit.status != 0, "\(commit)")
    #expect(repo.commitCount() == 0)
  }

  @Test func anAbsoluteHooksPathIsHonoured() throws {
    let repo = try GitFixture()
    let shared = try TemporaryFolder()
    let folder = shared.path + "/team hooks"
    try repo.git(["config", "core.hooksPath", folder])

    let result = try valprop(["hooks", "install"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    for name in Self.hookNames {
      #expect(Self.isExecutable(folder + "/" + name), "\(name): \(shared.listing())")
      #expect(!repo.folder.exists(".git/hooks/" + name))
    }
  }

  @Test func aDifferentHookIsNeverReplacedWithoutForce() throws {
    let repo = try GitFixture()
    let mine = "#!/bin/sh\necho mine\n"
    try repo.folder.write(".git/hooks/pre-commit", mine)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/.git/hooks/pre-commit")
    let before = repo.folder.snapshot()

    let refused = try valprop(["hooks", "install"], in: repo.path)

    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains("pre-commit"), "\(refused)")
    #expect(refused.stderr.contains("--force"), "\(refused)")
    let after = repo.folder.snapshot()
    #expect(before == after, "\(before.changes(to: after))")

    let forced = try valprop(["hooks", "install", "--force"], in: repo.path)

    #expect(forced.status == 0, "\(forced)")
    #expect(repo.folder.read(".git/hooks/pre-commit.before-valprop") == mine)
    #expect(repo.folder.read(".git/hooks/pre-commit") != mine)
    for name in Self.hookNames {
      #expect(Self.isExecutable(repo.path + "/.git/hooks/" + name), "\(name)")
    }
  }

  @Test func outsideARepositoryItFails() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["hooks", "install"], in: folder.path)

    #expect(result.status >= 2, "\(result)")
    #expect(folder.listing().isEmpty)
  }

  // MARK: - Firing

  /// Commits a weak proposition (which the pre-commit hook must block) and then a strong one
  /// (which must go through) in a repository with the hooks installed.
  static func checkPreCommit(in repoPath: String, environment: [String: String]) throws {
    let before = try Self.git(["rev-list", "--all", "--count"], in: repoPath).stdout
    try Data(Propositions.weak.utf8).write(to: URL(fileURLWithPath: repoPath + "/propositions/weak.md"))
    #expect(try Self.git(["add", "propositions/weak.md"], in: repoPath).status == 0)

    let weak = try Self.git(["commit", "-m", "Add a weak proposition"], in: repoPath, environment)

    #expect(weak.status != 0, "the weak proposition was committed: \(weak)")
    #expect(try Self.git(["rev-list", "--all", "--count"], in: repoPath).stdout == before)
    #expect((weak.stdout + weak.stderr).contains("error"), "\(weak)")
    #expect(!(weak.stdout + weak.stderr).contains("not installed"), "\(weak)")
    let status = try Self.git(["status", "--porcelain"], in: repoPath).stdout
    #expect(status == "A  propositions/weak.md\n", "still staged: \(status)")

    #expect(try Self.git(["rm", "-q", "--cached", "propositions/weak.md"], in: repoPath).status == 0)
    try Data(Propositions.text().utf8).write(to: URL(fileURLWithPath: repoPath + "/propositions/strong.md"))
    #expect(try Self.git(["add", "propositions/strong.md"], in: repoPath).status == 0)
    let strong = try Self.git(["commit", "-q", "-m", "Add a strong proposition"], in: repoPath, environment)

    #expect(strong.status == 0, "\(strong)")
    #expect(try Self.git(["log", "-1", "--format=%s"], in: repoPath).stdout == "Add a strong proposition\n")
  }

  @Test func preCommitBlocksAWeakPropositionAndLetsAStrongOneThrough() throws {
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/.keep": ""])
    #expect(try valprop(["hooks", "install"], in: repo.path).status == 0)

    try Self.checkPreCommit(in: repo.path, environment: Self.withValprop)
  }

  @Test
  func preCommitCallsTheValpropThatInstalledIt() throws {
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/.keep": ""])
    #expect(try valprop(["hooks", "install"], in: repo.path).status == 0)

    // No VALPROP, and valprop is not on PATH: the hook must use the path install wrote into it.
    try Self.checkPreCommit(in: repo.path, environment: [:])
  }

  /// The ways `git commit` picks what to commit itself (a temporary index named by
  /// GIT_INDEX_FILE); the hook must lint what is committed, not what .git/index holds.
  @Test(
    arguments: [["-a"], ["--", "propositions/autopilot.md"]])
  func preCommitLintsWhatGitCommitsNotJustTheIndex(_ options: [String]) throws {
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/autopilot.md": Propositions.text()])
    #expect(try valprop(["hooks", "install"], in: repo.path).status == 0)
    // The weak wording is in the work tree only; `git commit <options>` stages it itself.
    try repo.folder.write("propositions/autopilot.md", Propositions.weak)

    let result = try Self.git(
      ["commit", "-q", "-m", "Weaken it"] + options, in: repo.path, Self.withValprop)

    #expect(result.status != 0, "git commit \(options) let a proposition with lint errors through: \(result)")
    #expect(repo.commitCount() == 1)
  }

  /// A folder name that needs quoting everywhere: spaces, both quotes, a leading dash, `$(…)`.
  static let oddName = "-repo with spaces 'single' \"double\" $(touch pwned) ;x"

  @Test func oddlyNamedRepositoryFoldersWork() throws {
    let parent = try TemporaryFolder()
    let repoPath = parent.path + "/" + Self.oddName
    #expect(try Self.git(["init", "-q", "-b", "main", repoPath], in: parent.path).status == 0)
    try parent.makeFolder(Self.oddName + "/propositions")

    let install = try valprop(["hooks", "install"], in: repoPath)

    #expect(install.status == 0, "\(install)")
    for hook in Self.hookNames { #expect(Self.isExecutable(repoPath + "/.git/hooks/" + hook), "\(hook)") }
    try Self.checkPreCommit(in: repoPath, environment: Self.withValprop)
    #expect(!parent.exists("pwned") && !parent.exists(Self.oddName + "/pwned"))
  }

  @Test
  func aValpropInAnOddlyNamedFolderIsCalledByItsHooks() throws {
    let parent = try TemporaryFolder()
    let repoPath = parent.path + "/" + Self.oddName
    #expect(try Self.git(["init", "-q", "-b", "main", repoPath], in: parent.path).status == 0)
    try parent.makeFolder(Self.oddName + "/propositions")
    // A copy of valprop in a folder whose name needs quoting too, and not on PATH. (cp, not
    // FileManager: no descriptor of the copy may leak into a process forked meanwhile.)
    let binFolder = parent.path + "/bin 'q' \"d\" $HOME"
    try parent.makeFolder("bin 'q' \"d\" $HOME")
    let copy = binFolder + "/valprop"
    let copied = try Shell.run("/bin/cp", [Binary.path, copy])
    #expect(copied.status == 0, "\(copied)")

    let install = try valprop(["hooks", "install"], in: repoPath, binary: copy)

    #expect(install.status == 0, "\(install)")
    try Self.checkPreCommit(in: repoPath, environment: [:])
    #expect(!parent.exists("pwned") && !parent.exists(Self.oddName + "/pwned"))
  }

  /// A repository with a stale proposition (last edited in 2020) and a clone of it with the
  /// hooks installed.
  static func staleOriginAndClone() throws -> (origin: GitFixture, parent: TemporaryFolder, clone: String) {
    let origin = try GitFixture()
    try origin.commit(
      "Start",
      files: [
        "propositions/old-promise.md": Propositions.text(title: "Old promise"),
        "propositions/new-promise.md": Propositions.text(
          title: "New promise", frontMatter: ["status: active", "reviewed: 2099-01-01"]),
      ], date: "2020-01-10T10:00:00+00:00")
    let parent = try TemporaryFolder()
    let clone = parent.path + "/clone"
    let cloned = try Self.git(["clone", "-q", origin.path, clone], in: parent.path)
    #expect(cloned.status == 0, "\(cloned)")
    let install = try valprop(["hooks", "install"], in: clone)
    #expect(install.status == 0, "\(install)")
    return (origin, parent, clone)
  }

  @Test func postMergeRemindsOfStalePropositionsAfterAPull() throws {
    let fixture = try Self.staleOriginAndClone()
    let (origin, clone) = (fixture.origin, fixture.clone)
    try origin.commit("Readme", files: ["README.md": "news\n"])

    let pull = try Self.git(["pull", "--no-rebase", "origin", "main"], in: clone, Self.withValprop)

    #expect(pull.status == 0, "\(pull)")
    let output = pull.stdout + pull.stderr
    #expect(output.contains("old-promise"), "no stale reminder: \(pull)")
    #expect(!output.contains("new-promise"), "new-promise is fresh: \(pull)")
    #expect(try Self.git(["log", "-1", "--format=%s"], in: clone).stdout == "Readme\n")
  }

  @Test func postMergeRemindsAfterAMerge() throws {
    let fixture = try Self.staleOriginAndClone()
    let clone = fixture.clone
    #expect(try Self.git(["checkout", "-q", "-b", "feature"], in: clone).status == 0)
    try FileManager.default.createDirectory(atPath: clone + "/docs", withIntermediateDirectories: true)
    try Data("feature\n".utf8).write(to: URL(fileURLWithPath: clone + "/docs/feature.md"))
    #expect(try Self.git(["add", "-A"], in: clone).status == 0)
    #expect(try Self.git(["commit", "-q", "-m", "Feature"], in: clone, Self.withValprop).status == 0)
    #expect(try Self.git(["checkout", "-q", "main"], in: clone).status == 0)
    try Data("main\n".utf8).write(to: URL(fileURLWithPath: clone + "/main.txt"))
    #expect(try Self.git(["add", "-A"], in: clone).status == 0)
    #expect(try Self.git(["commit", "-q", "-m", "Main"], in: clone, Self.withValprop).status == 0)

    let merge = try Self.git(["merge", "--no-edit", "feature"], in: clone, Self.withValprop)

    #expect(merge.status == 0, "\(merge)")
    #expect((merge.stdout + merge.stderr).contains("old-promise"), "no stale reminder: \(merge)")
    #expect(try Self.git(["rev-list", "--count", "--merges", "HEAD"], in: clone).stdout == "1\n")
  }
}
