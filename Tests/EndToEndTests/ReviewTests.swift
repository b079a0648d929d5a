import Foundation
import TestSupport
import Testing

/// `valprop review`: sets `reviewed:` to today, changing only that line, and commits that one
/// file through libgit2 without disturbing anything else in the work tree or the index.
@Suite struct ReviewTests {
  static let path = "propositions/autopilot.md"
  static let text = Propositions.text(frontMatter: [
    "status: active", "framework: core", "owner: \"@finance-pm\"", "reviewed: 2024-01-01", "tags: [finance]",
  ])
  static let unreviewedText = Propositions.text()

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

  /// The days the review may have recorded: today when it started, and when it ended.
  static func run(_ arguments: [String], in repo: GitFixture) throws -> (ProcessResult, Set<String>) {
    let before = Day.today
    let result = try valprop(arguments, in: repo.path)
    return (result, [before, Day.today])
  }

  /// A file's lines, each with its line ending.
  static func lines(_ data: Data) -> [Data] {
    var lines: [Data] = []
    var start = data.startIndex
    for index in data.indices where data[index] == 0x0A {
      lines.append(data[start...index])
      start = index + 1
    }
    if start < data.endIndex { lines.append(data[start...]) }
    return lines
  }

  /// nil when `after` is `before` with only its `reviewed:` line set to one of `days` (or that
  /// line added inside the front matter, with the file's line ending); else what differs.
  static func onlyReviewedLineChanged(before: Data, after: Data, days: Set<String>) -> String? {
    let old = lines(before)
    let new = lines(after)
    let newline = String(decoding: before, as: UTF8.self).contains("\r\n") ? "\r\n" : "\n"
    func isReviewedLine(_ line: Data, ending: String) -> Bool {
      days.contains { Data("reviewed: \($0)\(ending)".utf8) == line }
    }
    if old.count == new.count {
      let changed = old.indices.filter { old[$0] != new[$0] }
      guard changed.count == 1, let index = changed.first else {
        return "lines \(changed.map { $0 + 1 }) changed"
      }
      let ending = old[index].last == 0x0A ? (old[index].dropLast().last == 0x0D ? "\r\n" : "\n") : ""
      guard String(decoding: old[index], as: UTF8.self).hasPrefix("reviewed:") else {
        return "line \(index + 1) changed, which is not the reviewed: line"
      }
      return isReviewedLine(new[index], ending: ending)
        ? nil : "line \(index + 1) became \(String(decoding: new[index], as: UTF8.self).debugDescription)"
    }
    guard new.count == old.count + 1 else { return "\(old.count) lines became \(new.count)" }
    guard
      let added = new.indices.first(where: {
        var rest = new
        rest.remove(at: $0)
        return rest == old
      })
    else { return "more than one line differs" }
    guard isReviewedLine(new[added], ending: newline) else {
      return "added line \(String(decoding: new[added], as: UTF8.self).debugDescription)"
    }
    // Inside the front matter: after the opening '---' and before the closing one.
    let closing = new.indices.dropFirst().first {
      String(decoding: new[$0], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "---"
    }
    guard added >= 1, let closing, added < closing else { return "reviewed: added outside the front matter" }
    return nil
  }

  // MARK: - What it writes and commits

  @Test func setsReviewedToTodayAndCommitsOnlyThatFile() throws {
    let repo = try Self.workspace()
    let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let before = try #require(repo.folder.data(Self.path))

    let (result, days) = try Self.run(
      ["review", "autopilot", "-m", "Re-checked the 90% claim against Q3 data"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = try #require(repo.folder.data(Self.path))
    let problem = Self.onlyReviewedLineChanged(before: before, after: after, days: days)
    #expect(problem == nil, "\(problem ?? "")\n\(String(decoding: after, as: UTF8.self))")
    #expect(try repo.git(["rev-parse", "HEAD~1"]).trimmingCharacters(in: .whitespacesAndNewlines) == head)
    #expect(repo.commitCount() == 2)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    let stat = try repo.git(["show", "--stat", "--format=", "HEAD"])
    #expect(stat.contains("1 file changed, 1 insertion(+), 1 deletion(-)"), "\(stat)")
    let message = try repo.git(["log", "-1", "--format=%B"])
    #expect(message.contains("autopilot"), "\(message)")
    #expect(message.contains("Re-checked the 90% claim against Q3 data"), "\(message)")
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == after)
    #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    #expect(try repo.fsckProblems().isEmpty)
  }

  /// A file layout for the byte-exactness cases.
  struct Layout: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: Data
    let hasFrontMatter: Bool
    var testDescription: String { name }

    init(_ name: String, _ text: String, crlf: Bool = false, bom: Bool = false, frontMatter: Bool = true) {
      self.name = name
      let body = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
      bytes = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(body.utf8)
      hasFrontMatter = frontMatter
    }
  }

  static let plain =
    "# Reconciliation autopilot\n\n## Problem\nManual reconciliation costs 20 hours per week.\n"
  static let layouts: [Layout] = [
    Layout("LF, reviewed: present", text),
    Layout("LF, reviewed: absent", unreviewedText),
    Layout("CRLF, reviewed: present", text, crlf: true),
    Layout("CRLF, reviewed: absent", unreviewedText, crlf: true),
    Layout("BOM, reviewed: present", text, bom: true),
    Layout("BOM, reviewed: absent", unreviewedText, bom: true),
    Layout("BOM and CRLF, reviewed: present", text, crlf: true, bom: true),
    Layout("no front matter", plain, frontMatter: false),
    Layout("no front matter, CRLF", plain, crlf: true, frontMatter: false),
    Layout("no front matter, BOM", plain, bom: true, frontMatter: false),
  ]

  @Test(arguments: layouts)
  func changesOnlyTheReviewedLine(_ layout: Layout) throws {
    let repo = try GitFixture()
    try repo.folder.write(Self.path, layout.bytes)
    try repo.commit("Start", date: "2024-01-10T10:00:00+00:00")

    let (result, days) = try Self.run(["review", "autopilot"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = try #require(repo.folder.data(Self.path))
    let shown = String(decoding: after, as: UTF8.self).debugDescription
    if layout.hasFrontMatter {
      let problem = Self.onlyReviewedLineChanged(before: layout.bytes, after: after, days: days)
      #expect(problem == nil, "\(problem ?? ""): \(shown)")
    } else {
      // A minimal front matter goes before the text; a byte-order mark stays first.
      let bom = Data([0xEF, 0xBB, 0xBF])
      let hadBOM = layout.bytes.starts(with: bom)
      let body = hadBOM ? layout.bytes.dropFirst(3) : layout.bytes[...]
      let newline = layout.name.contains("CRLF") ? "\r\n" : "\n"
      let matches = days.contains { day in
        let block = "---\(newline)reviewed: \(day)\(newline)---\(newline)"
        return [block, block + newline].contains { after == (hadBOM ? bom : Data()) + Data($0.utf8) + body }
      }
      #expect(matches, "\(shown)")
    }
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == after)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    let row = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["autopilot"])
    #expect(days.contains(row["lastReviewed"] as? String ?? "-"), "\(row)")
    #expect(row["title"] as? String == "Reconciliation autopilot", "\(row)")
  }

  @Test func everyOtherChangeInTheWorkTreeAndTheIndexStaysAsItWas() throws {
    let repo = try Self.workspace()
    // Staged and unstaged edits of one file, an unstaged edit, a staged new file, an untracked
    // file, a staged rename, an unstaged deletion, a staged deletion, another proposition staged.
    try repo.folder.write("kept.txt", "kept, staged\n")
    try repo.git(["add", "kept.txt"])
    try repo.folder.write("kept.txt", "kept, staged, then edited\n")
    try repo.folder.write("notes.txt", "notes, edited\n")
    try repo.folder.write("new.txt", "new\n")
    try repo.git(["add", "new.txt"])
    try repo.folder.write("scratch.txt", "scratch\n")
    try repo.git(["mv", "old.txt", "renamed.txt"])
    try FileManager.default.removeItem(atPath: repo.path + "/gone.txt")
    try repo.folder.write("propositions/pricing.md", Propositions.text(title: "Pricing", problem: "Changed."))
    try repo.git(["add", "propositions/pricing.md"])
    try repo.git(["rm", "-q", "--cached", "propositions/inbox.md"])
    let status = try repo.git(["status", "--porcelain", "--untracked-files=all"])
    let unstaged = try repo.gitData(["diff"])
    let staged = try repo.gitData(["diff", "--cached"])
    let entries = try repo.git(["ls-files", "--stage"]).split(separator: "\n").filter {
      !$0.hasSuffix(Self.path)
    }
    let head = try repo.git(["rev-parse", "HEAD"])
    var files = repo.folder.snapshot().contents.filter { !$0.key.hasPrefix(".git/") }
    files[Self.path] = nil

    let result = try valprop(["review", "autopilot", "-m", "Checked"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == status)
    #expect(try repo.gitData(["diff"]) == unstaged)
    #expect(try repo.gitData(["diff", "--cached"]) == staged)
    #expect(
      try repo.git(["ls-files", "--stage"]).split(separator: "\n").filter { !$0.hasSuffix(Self.path) }
        == entries)
    var filesAfter = repo.folder.snapshot().contents.filter { !$0.key.hasPrefix(".git/") }
    filesAfter[Self.path] = nil
    #expect(filesAfter == files)
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain", "--", Self.path]).isEmpty, "the reviewed file is clean")
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == repo.folder.data(Self.path))
    #expect(try repo.fsckProblems().isEmpty)
  }

  @Test func noCommitOnlyEditsTheFile() throws {
    let repo = try Self.workspace()
    let head = try repo.git(["rev-parse", "HEAD"])
    let before = repo.folder.snapshot()

    let (result, days) = try Self.run(["review", "autopilot", "--no-commit"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = repo.folder.snapshot()
    #expect(before.changes(to: after) == "changed: \(Self.path)", "\(before.changes(to: after))")
    let problem = Self.onlyReviewedLineChanged(
      before: Data(Self.text.utf8), after: try #require(repo.folder.data(Self.path)), days: days)
    #expect(problem == nil, "\(problem ?? "")")
    #expect(try repo.git(["rev-parse", "HEAD"]) == head)
    #expect(try repo.git(["diff", "--cached"]).isEmpty)
    #expect(try repo.git(["status", "--porcelain"]) == " M \(Self.path)\n")
  }

  @Test func aDetachedHeadGetsTheCommit() throws {
    let repo = try Self.workspace()
    try repo.git(["checkout", "-q", "--detach"])
    let head = try repo.git(["rev-parse", "HEAD"])

    let result = try valprop(["review", "autopilot"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["rev-parse", "main"]) == head, "main stays where it was")
    let symbolic = try git(["symbolic-ref", "-q", "HEAD"], in: repo.path)
    #expect(symbolic.status != 0, "HEAD is still detached: \(symbolic)")
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
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

  // MARK: - Refusals

  /// A situation in which review must refuse, changing nothing.
  struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let id: String
    /// Words the message must contain one of.
    let mentions: [String]
    var testDescription: String { name }
  }

  static let refusals: [Refusal] = [
    Refusal(name: "the file has unstaged changes", id: "autopilot", mentions: ["autopilot"]),
    Refusal(name: "the file has staged changes", id: "autopilot", mentions: ["autopilot"]),
    Refusal(
      name: "the file has staged changes undone in the work tree", id: "autopilot", mentions: ["autopilot"]),
    Refusal(name: "the file is untracked", id: "fresh", mentions: ["fresh"]),
    Refusal(name: "the index is locked", id: "autopilot", mentions: ["index.lock", "locked"]),
    Refusal(name: "the index is split", id: "autopilot", mentions: ["git update-index --no-split-index"]),
    Refusal(
      name: "the index is sparse", id: "autopilot", mentions: ["git sparse-checkout init --no-sparse-index"]),
    Refusal(name: "the repository is empty", id: "autopilot", mentions: ["commit"]),
    Refusal(name: "no such proposition", id: "nope", mentions: ["nope"]),
  ]

  @Test(arguments: refusals)
  func refusesChangingNothing(_ refusal: Refusal) throws {
    let repo: GitFixture
    switch refusal.name {
    case "the repository is empty":
      repo = try repository([Self.path: Self.text])
      try repo.git(["add", "-A"])
    default:
      repo = try Self.workspace()
    }
    switch refusal.name {
    case "the file has unstaged changes":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
    case "the file has staged changes":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
      try repo.git(["add", Self.path])
    case "the file has staged changes undone in the work tree":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
      try repo.git(["add", Self.path])
      try repo.folder.write(Self.path, Self.text)
    case "the file is untracked":
      try repo.folder.write("propositions/fresh.md", Propositions.text(title: "Fresh"))
    case "the index is locked":
      try repo.folder.write(".git/index.lock", "")
    case "the index is split":
      try repo.git(["update-index", "--split-index"])
    case "the index is sparse":
      try repo.git(["sparse-checkout", "set", "--cone", "--sparse-index", "propositions"])
    default:
      break
    }
    let before = repo.folder.snapshot()

    let result = try valprop(["review", refusal.id, "-m", "note"], in: repo.path)

    #expect(result.status >= 2, "\(result)")
    #expect(refusal.mentions.contains { result.stderr.contains($0) }, "\(result)")
    let after = repo.folder.snapshot()
    #expect(before == after, "\(before.changes(to: after))")
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
