import Foundation
import TestSupport
import Testing

/// Issue 17, honest exit codes: a command that cannot do its job exits 2 with an `error:`
/// line saying what is wrong and a `hint:` line saying what to do, and never reports that
/// all is well.
@Suite struct ExitCodeTests {
  @Test(arguments: [["list"], ["stale"], ["lint"], ["index", "--check"]])
  func aMissingPropositionsFolderIsAnError(_ command: [String]) throws {
    let repo = try repository([".valprop.yml": "review-every: 30d\ndirectory: nothere\n"])
    try repo.commit("config")

    let result = try valprop(command, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: the propositions folder 'nothere/'"), "\(result)")
    #expect(result.stderr.contains(".valprop.yml:2"), "names where the folder is set: \(result)")
    #expect(result.stderr.contains("hint: set 'directory:'"), "\(result)")
  }

  @Test func aFileWhereTheFolderShouldBeIsAnError() throws {
    let repo = try repository(["propositions": "not a folder\n"])

    let result = try valprop(["list"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("'propositions' is not a folder"), "\(result)")
    #expect(result.stderr.contains("hint: "), "\(result)")
  }

  @Test func anEmptyFolderIsFine() throws {
    let repo = try repository()
    try FileManager.default.createDirectory(
      atPath: repo.path + "/propositions", withIntermediateDirectories: true)

    let list = try valprop(["list"], in: repo.path)
    let stale = try valprop(["stale"], in: repo.path)

    #expect(list.status == 0, "\(list)")
    #expect(stale.status == 0, "\(stale)")
  }

  @Test func newCreatesTheMissingFolder() throws {
    let repo = try repository()

    let result = try valprop(["new", "first"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(repo.folder.exists("propositions/first.md"))
  }

  /// `--owner` compares without case and without the leading '@' (decided, README and
  /// docs/behaviour.md): all three spellings find the owner written `@finance-pm`.
  @Test(arguments: ["finance-pm", "@finance-pm", "Finance-PM", "@FINANCE-pm"])
  func staleFindsTheOwnerHoweverItIsSpelled(_ spelling: String) throws {
    let repo = try repository([
      "propositions/autopilot.md": Propositions.text(frontMatter: [
        "status: active", "owner: \"@finance-pm\"", "reviewed: 2026-01-01", "review-every: 30d",
      ])
    ])
    try repo.commit("add", date: "2026-01-01T10:00:00+00:00")

    let stale = try valprop(["stale", "--owner", spelling, "--as-of", "2026-06-01"], in: repo.path)
    let list = try valprop(["list", "--owner", spelling, "--format", "json"], in: repo.path)

    #expect(stale.status == 1, "\(stale)")
    #expect(stale.stdout.contains("autopilot"), "\(stale)")
    #expect(try listedByID(list).keys.sorted() == ["autopilot"], "\(list)")
  }

  @Test(arguments: [["stale"], ["list"]])
  func anOwnerNobodyHasIsAnErrorNamingTheNearest(_ command: [String]) throws {
    let repo = try repository([
      "propositions/a.md": Propositions.text(frontMatter: ["owner: [\"@finance-pm\", \"@cfo\"]"]),
      "propositions/b.md": Propositions.text(frontMatter: ["owner: \"@growth\""]),
    ])
    try repo.commit("add")

    let result = try valprop(command + ["--owner", "finance"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(result.stderr.contains("error: no proposition is owned by 'finance'"), "\(result)")
    #expect(result.stderr.contains("hint: ") && result.stderr.contains("'@finance-pm'"), "\(result)")
    #expect(!result.stderr.contains("@growth"), "only the nearest are named: \(result)")
  }

  @Test func helpOfAnUnknownCommandFails() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["help", "lsit"], in: folder.path)
    let known = try valprop(["help", "list"], in: folder.path)
    let nested = try valprop(["help", "hooks", "install"], in: folder.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: no command 'lsit'"), "\(result)")
    #expect(result.stderr.contains("did you mean 'list'?"), "\(result)")
    #expect(known.status == 0 && known.stdout.contains("USAGE: valprop list"), "\(known)")
    #expect(nested.status == 0 && nested.stdout.contains("hooks install"), "\(nested)")
  }

  @Test func anUnknownCommandSuggestsTheNearest() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["stael"], in: folder.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: unknown command 'stael'"), "\(result)")
    #expect(result.stderr.contains("hint: did you mean 'stale'?"), "\(result)")
  }

  @Test func minusCWithoutAPathSaysSo() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["-C"], in: folder.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.hasPrefix("error: -C needs a path\nhint: "), "\(result)")
  }

  @Test func anIdStartingWithADashIsRefusedNotHelped() throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "-dash"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "no help on standard output: \(result)")
    #expect(result.stderr.contains("error: unknown option '-dash'"), "\(result)")
    #expect(result.stderr.contains("hint: "), "\(result)")
    #expect(repo.folder.snapshot() == before)
  }

  @Test(arguments: [
    ["new"], ["list", "--format", "xml"], ["list", "--bogus"], ["supersede", "a", "--by", "a"],
  ])
  func argumentErrorsUseTheErrorAndHintForm(_ arguments: [String]) throws {
    let repo = try GitFixture()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2, "\(result)")
    #expect(lines.first?.hasPrefix("error: ") == true, "\(result)")
    #expect(lines.last?.hasPrefix("hint: usage: valprop \(arguments[0])") == true, "\(result)")
    #expect(!result.stderr.contains("Error:"), "\(result)")
  }

  /// With --owner, a proposition with co-owners is shown under that owner only.
  @Test func anOwnerFilterShowsOnlyThatOwnersGroup() throws {
    let repo = try repository([
      "propositions/a.md": Propositions.text(frontMatter: [
        "owner: [\"@finance-pm\", \"@cfo\"]", "reviewed: 2026-01-01", "review-every: 30d",
      ])
    ])
    try repo.commit("add", date: "2026-01-01T10:00:00+00:00")

    let text = try valprop(["stale", "--owner", "cfo", "--as-of", "2026-06-01"], in: repo.path)
    let markdown = try valprop(
      ["stale", "--owner", "cfo", "--as-of", "2026-06-01", "--format", "markdown"], in: repo.path)

    #expect(text.status == 1, "\(text)")
    #expect(text.stdout.contains("@cfo") && !text.stdout.contains("\n@finance-pm\n"), "\(text)")
    #expect(markdown.stdout.contains("## @cfo") && !markdown.stdout.contains("## @finance-pm"), "\(markdown)")
  }
}
