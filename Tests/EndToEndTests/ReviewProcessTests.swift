import Foundation
import TestSupport
import Testing

/// `valprop review` as a process: who it commits as (the environment, the repository's and
/// the user's git configuration, which libgit2 reads from the process's HOME), and reviews
/// racing each other and git in separate processes. What a review writes and commits, and
/// when it refuses, is in the in-process ReviewTests.
@Suite struct ReviewProcessTests {
  static let path = "propositions/autopilot.md"
  static let text = Propositions.text(frontMatter: [
    "status: active", "framework: core", "owner: \"@finance-pm\"", "reviewed: 2024-01-01", "tags: [finance]",
  ])

  /// A repository with the proposition and a few other files, all committed.
  static func workspace(_ proposition: String = text) throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        path: proposition,
        "propositions/pricing.md": Propositions.text(title: "Pricing"),
        "propositions/inbox.md": Propositions.text(title: "Inbox"),
        "notes.txt": "notes\n", "old.txt": "old\n", "gone.txt": "gone\n", "kept.txt": "kept\n",
      ], date: "2024-01-10T10:00:00+00:00")
    return repo
  }

  // MARK: - Who commits

  /// An environment with nothing of the test process's own but PATH, and the given variables.
  static func bareEnvironment(home: String, _ extra: [String: String] = [:]) -> [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
      "XDG_CONFIG_HOME": home + "/.config", "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1",
    ].merging(extra) { $1 }
  }

  /// Author and committer of HEAD as `name <email>|name <email>`.
  static func people(_ repo: GitFixture) throws -> String {
    try repo.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>"]).trimmingCharacters(in: .newlines)
  }

  @Test func theEnvironmentNamesAuthorAndCommitterBeforeTheConfig() throws {
    let repo = try Self.workspace()
    try repo.git(["config", "user.name", "Repo Person"])
    try repo.git(["config", "user.email", "repo@example.com"])

    let result = try valprop(["review", "autopilot"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try Self.people(repo) == "Ana Author <ana@example.com>|Cy Committer <cy@example.com>")
  }

  @Test func theRepositoryConfigNamesThemWithoutTheEnvironment() throws {
    let repo = try Self.workspace()
    try repo.git(["config", "user.name", "Repo Person"])
    try repo.git(["config", "user.email", "repo@example.com"])
    let home = try TemporaryFolder()

    let result = try Shell.runExactly(
      Binary.path, ["review", "autopilot"], in: repo.path, environment: Self.bareEnvironment(home: home.path))

    #expect(result.status == 0, "\(result)")
    #expect(try Self.people(repo) == "Repo Person <repo@example.com>|Repo Person <repo@example.com>")
  }

  @Test func eachFieldFallsBackOnItsOwn() throws {
    let repo = try Self.workspace()
    try repo.git(["config", "user.name", "Repo Person"])
    try repo.git(["config", "user.email", "repo@example.com"])
    let home = try TemporaryFolder()

    let result = try Shell.runExactly(
      Binary.path, ["review", "autopilot"], in: repo.path,
      environment: Self.bareEnvironment(
        home: home.path, ["GIT_AUTHOR_NAME": "Env Author", "GIT_COMMITTER_EMAIL": "env@example.com"]))

    #expect(result.status == 0, "\(result)")
    #expect(try Self.people(repo) == "Env Author <repo@example.com>|Repo Person <env@example.com>")
  }

  @Test func theUsersGlobalConfigNamesThem() throws {
    let repo = try Self.workspace()
    let home = try TemporaryFolder()
    try home.write(".gitconfig", "[user]\n\tname = Home Person\n\temail = home@example.com\n")

    let result = try Shell.runExactly(
      Binary.path, ["review", "autopilot"], in: repo.path, environment: Self.bareEnvironment(home: home.path))

    #expect(result.status == 0, "\(result)")
    #expect(try Self.people(repo) == "Home Person <home@example.com>|Home Person <home@example.com>")
  }

  @Test func withoutAnIdentityItSaysHowToSetOneAndChangesNothing() throws {
    let repo = try Self.workspace()
    let home = try TemporaryFolder()
    let before = repo.folder.snapshot()

    let result = try Shell.runExactly(
      Binary.path, ["review", "autopilot", "-m", "note"], in: repo.path,
      environment: Self.bareEnvironment(home: home.path))

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("user.name"), "\(result)")
    #expect(result.stderr.contains("user.email"), "\(result)")
    #expect(result.stderr.contains("git config"), "\(result)")
    let after = repo.folder.snapshot()
    #expect(before == after, "\(before.changes(to: after))")
    #expect(home.listing().isEmpty)
  }

  // MARK: - Races

  /// The environment of a valprop or git started by `Shell.runTogether`.
  static var environment: [String: String] {
    ProcessInfo.processInfo.environment.merging(Binary.environment) { $1 }
  }

  /// Checks that a valprop that raced others left a consistent repository: its commit is in
  /// history when it succeeded, and it said why when it did not.
  static func checkOutcome(
    _ result: ProcessResult, id: String, path: String, original: Data, in repo: GitFixture, round: Int
  ) throws {
    let messages = try repo.messages()
    let file = try #require(repo.folder.data(path))
    if result.status == 0 {
      #expect(messages.contains("Review \(id)") || messages.contains(id), "round \(round): \(result)")
      #expect(try repo.gitData(["show", "HEAD:" + path]) == file, "round \(round): \(id) is not in HEAD")
      #expect(try repo.git(["status", "--porcelain", "--", path]).isEmpty, "round \(round): \(id) dirty")
    } else {
      #expect(!result.stderr.isEmpty, "round \(round): failed without a word: \(result)")
      if !result.stderr.contains(", but could not") {
        #expect(file == original, "round \(round): \(id) changed though the review failed: \(result)")
        #expect(try repo.git(["status", "--porcelain", "--", path]).isEmpty, "round \(round): \(result)")
      }
    }
  }

  /// Puts the index entry of a file whose review committed but could not stage it (a failure
  /// valprop announces) back in line with HEAD, so the next round starts clean.
  static func repair(_ results: [ProcessResult], paths: [String], in repo: GitFixture) throws {
    for (result, path) in zip(results, paths)
    where result.status != 0 && result.stderr.contains(", but could not") {
      try repo.git(["reset", "-q", "--", path])
      try repo.git(["checkout", "-q", "--", path])
    }
  }

  @Test
  func twoReviewsRacing() throws {
    let ids = (0..<9).map { "race-\($0)" }
    let repo = try GitFixture()
    var files: [String: String] = [:]
    for id in ids { files["propositions/\(id).md"] = Propositions.text(title: id) }
    try repo.commit("Start", files: files, date: "2024-01-10T10:00:00+00:00")

    for round in 0..<3 {
      let pair = Array(ids[(3 * round)..<(3 * round + 3)])
      let paths = pair.map { "propositions/\($0).md" }
      let originals = paths.map { repo.folder.data($0) ?? Data() }
      let count = repo.commitCount()

      let results = try Shell.runTogether(
        pair.map { ProcessSpec(Binary.path, ["review", $0], in: repo.path, environment: Self.environment) })

      #expect(results.contains { $0.status == 0 }, "round \(round): neither review succeeded: \(results)")
      let landed = results.filter { $0.status == 0 || $0.stderr.contains(", but could not") }.count
      #expect(repo.commitCount() == count + landed, "round \(round): \(results)")
      for position in pair.indices {
        try Self.checkOutcome(
          results[position], id: pair[position], path: paths[position], original: originals[position],
          in: repo, round: round)
      }
      #expect(repo.lockFiles().isEmpty, "round \(round): \(repo.lockFiles())")
      #expect(try repo.fsckProblems().isEmpty)
      try Self.repair(results, paths: paths, in: repo)
      #expect(try repo.git(["status", "--porcelain"]).isEmpty, "round \(round): \(results)")
    }
  }

  @Test func severalReviewsOfTheSameProposition() throws {
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        "propositions/same.md": Propositions.text(title: "Same"), "staged.txt": "old\n",
        "unstaged.txt": "old\n",
      ], date: "2024-01-10T10:00:00+00:00")
    // Work in progress that no review may touch.
    try repo.folder.write("staged.txt", "staged\n")
    try repo.git(["add", "staged.txt"])
    try repo.folder.write("unstaged.txt", "unstaged\n")
    let count = repo.commitCount()

    let results = try Shell.runTogether(
      (0..<5).map {
        ProcessSpec(
          Binary.path, ["review", "same", "-m", "note \($0)"], in: repo.path, environment: Self.environment)
      })

    let messages = try repo.messages()
    var landed = 0
    for (position, result) in results.enumerated() {
      if result.status == 0,
        let hash = result.stdout.split(separator: " ").last?.trimmingCharacters(in: .newlines),
        result.stdout.hasPrefix("Reviewed") || result.stdout.hasPrefix("Recorded another review")
      {
        // Every success is in history, with its note (a second review that day too).
        landed += 1
        #expect(try repo.git(["merge-base", "--is-ancestor", hash, "HEAD"]).isEmpty, "\(result)")
        #expect(messages.contains("note \(position)"), "\(result)")
      } else if result.status == 0 {
        #expect(result.stdout.contains("already reviewed today"), "\(result)")
      } else {
        // Every failure says so.
        #expect(result.status >= 2 && !result.stderr.isEmpty, "\(result)")
        if result.stderr.contains(", but could not") { landed += 1 }
      }
    }
    #expect(landed >= 1, "\(results)")
    #expect(repo.commitCount() == count + landed, "\(results)")
    let committed = try repo.git(["show", "HEAD:propositions/same.md"])
    #expect(committed.contains("reviewed: "), "\(committed)")
    #expect(repo.folder.read("propositions/same.md") == committed)
    #expect(try repo.git(["diff", "--cached", "--name-only"]) == "staged.txt\n")
    #expect(repo.folder.read("staged.txt") == "staged\n" && repo.folder.read("unstaged.txt") == "unstaged\n")
    #expect(try repo.git(["diff", "--name-only"]) == "unstaged.txt\n")
    #expect(repo.lockFiles().isEmpty, "\(repo.lockFiles())")
    #expect(try repo.fsckProblems().isEmpty)
  }

  @Test(arguments: [0.0, 0.4])
  func aReviewWhileGitCommitsAnotherFile(hookDelay: Double) throws {
    let repo = try Self.workspace()
    if hookDelay > 0 {
      try repo.folder.write(".git/hooks/pre-commit", "#!/bin/sh\nsleep \(hookDelay)\n")
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/.git/hooks/pre-commit")
    }
    for (round, id) in ["autopilot", "pricing"].enumerated() {
      let path = "propositions/\(id).md"
      let other = "other-\(round).txt"
      try repo.folder.write(other, "other \(round)\n")
      try repo.git(["add", other])
      let original = repo.folder.data(path) ?? Data()

      let results = try Shell.runTogether([
        ProcessSpec(
          Shell.which("git"), ["commit", "-q", "-m", "Other \(round)"], in: repo.path,
          environment: Self.environment),
        ProcessSpec(
          Binary.path, ["review", id, "-m", "round \(round)"], in: repo.path, environment: Self.environment),
      ])
      let (gitCommit, review) = (results[0], results[1])

      let messages = try repo.messages()
      if gitCommit.status == 0 {
        #expect(messages.contains("Other \(round)"), "round \(round)")
        #expect(try repo.git(["status", "--porcelain", "--", other]).isEmpty, "round \(round)")
      } else {
        #expect(try repo.git(["status", "--porcelain", "--", other]) == "A  \(other)\n", "\(gitCommit)")
      }
      if review.status == 0 {
        #expect(messages.contains("round \(round)"), "round \(round): \(review)")
      }
      try Self.checkOutcome(review, id: id, path: path, original: original, in: repo, round: round)
      #expect(repo.lockFiles().isEmpty, "round \(round): \(repo.lockFiles())")
      #expect(try repo.fsckProblems().isEmpty)
      // Leave the next round a clean start.
      try Self.repair([review], paths: [path], in: repo)
      if gitCommit.status != 0 {
        try repo.git(["commit", "-q", "--no-verify", "-m", "Other \(round), again"])
      }
      #expect(try repo.git(["status", "--porcelain"]).isEmpty, "round \(round): \(results)")
    }
  }
}
