import Foundation
import TestSupport
import Testing

/// Issue 17, what people expect of a command-line tool: `hooks uninstall`, and dates at
/// their edges (a huge interval, a future review, an empty window, an impossible day).
@Suite struct CommandLineToolTests {
  @Test func uninstallRemovesValpropsHooksAndPutsBackTheOldOnes() throws {
    let repo = try GitFixture()
    let own = "#!/bin/sh\necho mine\n"
    try repo.folder.write(".git/hooks/pre-commit", own)
    #expect(try valprop(["hooks", "install", "--force"], in: repo.path).status == 0)

    let result = try valprop(["hooks", "uninstall"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("put back the earlier hook"), "\(result)")
    #expect(repo.folder.read(".git/hooks/pre-commit") == own)
    #expect(!repo.folder.exists(".git/hooks/pre-commit.before-valprop"))
    #expect(!repo.folder.exists(".git/hooks/post-merge"))

    let again = try valprop(["hooks", "uninstall"], in: repo.path)
    #expect(again.status == 0, "\(again)")
    #expect(again.stdout.contains("Left pre-commit alone"), "\(again)")
    #expect(again.stdout.contains("No post-merge hook to remove"), "\(again)")
    #expect(repo.folder.read(".git/hooks/pre-commit") == own)
  }

  @Test func aHookChangedByHandIsLeftAlone() throws {
    let repo = try GitFixture()
    #expect(try valprop(["hooks", "install"], in: repo.path).status == 0)
    let changed = (repo.folder.read(".git/hooks/post-merge") ?? "") + "echo extra\n"
    try repo.folder.write(".git/hooks/post-merge", changed)

    let result = try valprop(["hooks", "uninstall"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(!repo.folder.exists(".git/hooks/pre-commit"))
    #expect(repo.folder.read(".git/hooks/post-merge") == changed)
  }

  @Test func aHugeIntervalIsNeverDueRatherThanUnknown() throws {
    let repo = try repository([
      "propositions/a.md": Propositions.text(frontMatter: ["status: active", "review-every: 7974y"])
    ])
    try repo.commit("start")

    let list = try valprop(["list", "--format", "json"], in: repo.path)
    let stale = try valprop(["stale"], in: repo.path)

    #expect(try listedByID(list)["a"]?["state"] as? String == "fresh", "\(list)")
    #expect(stale.status == 0 && stale.stderr.isEmpty, "no shallow-history warning: \(stale)")
  }

  @Test func aFutureReviewDateIsWarnedAbout() throws {
    let repo = try repository([
      "propositions/a.md": Propositions.text(frontMatter: ["status: active", "reviewed: 9026-01-01"])
    ])
    try repo.commit("start")

    let list = try valprop(["list"], in: repo.path)
    let stale = try valprop(["stale"], in: repo.path)

    for result in [list, stale] {
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.contains("propositions/a.md: reviewed: 9026-01-01 is in the future"), "\(result)")
    }
  }

  @Test func withinZeroListsOnlyWhatIsOverdueOrDueToday() throws {
    let repo = try repository([
      "propositions/late.md": Propositions.text(frontMatter: ["reviewed: 2026-01-01", "review-every: 30d"]),
      "propositions/soon.md": Propositions.text(frontMatter: ["reviewed: 2026-05-25", "review-every: 10d"]),
    ])
    try repo.commit("start", date: "2025-06-01T10:00:00+00:00")

    let result = try valprop(
      ["stale", "--within", "0d", "--as-of", "2026-06-01", "--format", "json"], in: repo.path)
    let wider = try valprop(
      ["stale", "--within", "7d", "--as-of", "2026-06-01", "--format", "json"], in: repo.path)

    #expect(result.status == 1, "\(result)")
    #expect(try listedByID(result).keys.sorted() == ["late"], "\(result)")
    #expect(try listedByID(wider).keys.sorted() == ["late", "soon"], "\(wider)")
  }

  @Test(arguments: [
    ("2026-02-30", "February 2026 has 28 days, not 30"), ("2026-13-01", "there is no month 13"),
    ("tomorrow", "write the day as YYYY-MM-DD"),
  ])
  func anImpossibleDaySaysWhy(_ day: String, _ reason: String) throws {
    let repo = try repository(["propositions/a.md": Propositions.text()])

    let result = try valprop(["stale", "--as-of", day], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(reason), "\(result)")
    #expect(result.stderr.contains("hint: "), "\(result)")
  }

  @Test func theManualPageCoversEveryCommandAndIsValidRoff() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["help", "--man"], in: folder.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.hasPrefix(".TH VALPROP 1"), "\(result)")
    for command in [
      "init", "new", "list", "stale", "review", "supersede", "hooks install", "hooks uninstall",
    ] {
      #expect(result.stdout.contains(".SS \"valprop \(command)\""), "\(command)")
    }
    guard let groff = Shell.whichOrNil("groff") else { return }
    try folder.write("valprop.1", result.stdout)
    let rendered = try Shell.run(groff, ["-man", "-ww", "-z", folder.path + "/valprop.1"])
    #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(rendered)")
  }

  /// The completion scripts ask valprop for ids and templates; the answers come from the
  /// workspace the command line points at, `-C` included.
  @Test func completionOffersIdsTemplatesAndFolders() throws {
    let repo = try repository([
      "propositions/autopilot.md": Propositions.text(), "propositions/area/ledger.md": Propositions.text(),
      ".valprop/templates/pitch.md": "---\ntitle: {{{yaml.title}}}\n---\n# {{title}}\n",
    ])
    let elsewhere = try TemporaryFolder()

    let script = try valprop(["--generate-completion-script", "bash"], in: elsewhere.path)
    let ids = try valprop(
      ["---completion", "review", "--", "positional@0", "4", "0", "valprop", "-C", repo.path, "review", ""],
      in: elsewhere.path)
    let templates = try valprop(
      ["---completion", "new", "--", "--template", "4", "0", "valprop", "new", "x", "--template", ""],
      in: repo.path)

    #expect(script.status == 0, "\(script)")
    #expect(script.stdout.contains("'-C')") && script.stdout.contains("-d"), "-C completes folders")
    #expect(script.stdout.contains("---completion review -- positional@0"), "ids are completed")
    for command in ["log", "diff"] {
      #expect(script.stdout.contains("---completion \(command) -- positional@0"), "\(command) completes ids")
    }
    #expect(ids.stdout.split(separator: "\n") == ["autopilot", "ledger"], "\(ids)")
    #expect(templates.stdout.split(separator: "\n").contains("pitch"), "\(templates)")
    #expect(templates.stdout.split(separator: "\n").contains("core"), "\(templates)")
  }
}
