import Foundation
import TestSupport
import Testing

/// `valprop init`: the git repository, `.valprop.yml` and the propositions folder.
@Suite struct InitTests {
  @Test func inAFolderWithoutRepositoryCreatesRepositoryConfigAndFolder() throws {
    let folder = try TemporaryFolder()
    try #require(
      try git(["rev-parse", "--git-dir"], in: folder.path).status != 0, "temp folder is in a repo")

    let result = try valprop(["init"], in: folder.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdout.contains("Initialized an empty git repository in .git/"), "\(result)")
    #expect(result.stdout.contains("Wrote .valprop.yml"), "\(result)")
    #expect(result.stdout.contains("Created propositions/"), "\(result)")
    let gitDir = try git(["rev-parse", "--git-dir"], in: folder.path)
    #expect(gitDir.status == 0, "\(gitDir)")
    #expect(gitDir.stdout == ".git\n")
    let bare = try git(["rev-parse", "--is-bare-repository"], in: folder.path)
    #expect(bare.stdout == "false\n")
    #expect(folder.read(".valprop.yml")?.contains("directory: propositions") == true)
    #expect(folder.isFolder("propositions"))

    // The config it wrote is one valprop itself accepts.
    let list = try valprop(["list", "--format", "json"], in: folder.path)
    #expect(list.status == 0, "\(list)")
    #expect(try jsonObjects(list).isEmpty)
  }

  @Test func runningTwiceKeepsTheConfigAndSucceeds() throws {
    let folder = try TemporaryFolder()
    try #require(try valprop(["init"], in: folder.path).status == 0)
    let config = try #require(folder.data(".valprop.yml"))
    let before = folder.snapshot()

    let second = try valprop(["init"], in: folder.path)

    #expect(second.status == 0, "\(second)")
    #expect(second.stdout.contains("Kept the existing .valprop.yml"), "\(second)")
    #expect(!second.stdout.contains("Initialized"), "\(second)")
    #expect(folder.data(".valprop.yml") == config)
    let after = folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func keepsAHandWrittenConfigByteForByte() throws {
    let repo = try GitFixture()
    let config = "# ours, with a comment\r\nreview-every: 30d   # a month\r\n"
    try repo.folder.write(".valprop.yml", config)

    let result = try valprop(["init"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Kept the existing .valprop.yml"), "\(result)")
    #expect(repo.folder.data(".valprop.yml") == Data(config.utf8))
    #expect(repo.folder.isFolder("propositions"))
  }

  @Test func inASubfolderOfARepositoryWritesAtTheRoot() throws {
    let repo = try GitFixture()
    try repo.commit("code", files: ["src/app/main.c": "int main(void) { return 0; }\n"])

    let result = try valprop(["init"], in: repo.path + "/src/app")

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Wrote ../../.valprop.yml"), "\(result)")
    #expect(result.stdout.contains("Created ../../propositions/"), "\(result)")
    #expect(!result.stdout.contains("Initialized"), "\(result)")
    #expect(repo.folder.exists(".valprop.yml"))
    #expect(repo.folder.isFolder("propositions"))
    #expect(!repo.folder.exists("src/app/.valprop.yml"))
    #expect(!repo.folder.exists("src/app/propositions"))
    #expect(!repo.folder.exists("src/app/.git"))
  }

  @Test func withMinusCInitialisesThatFolder() throws {
    let outer = try TemporaryFolder()
    try outer.makeFolder("product")

    let result = try valprop(["-C", "product", "init"], in: outer.path)

    #expect(result.status == 0, "\(result)")
    #expect(outer.exists("product/.git"))
    #expect(outer.exists("product/.valprop.yml"))
    #expect(outer.isFolder("product/propositions"))
    #expect(!outer.exists(".valprop.yml"))
  }

  @Test func inABareRepositoryFailsAndWritesNothing() throws {
    let bare = try GitFixture(bare: true)
    let before = bare.folder.snapshot()

    let result = try valprop(["init"], in: bare.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("bare repository"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    let after = bare.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func honoursTheDirectoryOfAnExistingConfig() throws {
    let repo = try repository([".valprop.yml": "directory: docs/vp\n"])

    let result = try valprop(["init"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Created docs/vp/"), "\(result)")
    #expect(repo.folder.isFolder("docs/vp"))
    #expect(!repo.folder.exists("propositions"))
    #expect(repo.folder.read(".valprop.yml") == "directory: docs/vp\n")
  }

  /// A config init cannot use: its text, the location the message must name, and a word of it.
  struct BadConfig: Sendable, CustomTestStringConvertible {
    let text: String
    let location: String
    let mentions: String
    var testDescription: String { mentions }
  }

  @Test(arguments: [
    BadConfig(
      text: "directory: propositions\nreview-evry: 30d\n", location: ".valprop.yml:2:",
      mentions: "review-evry"),
    BadConfig(text: "review-every: 90x\n", location: ".valprop.yml:1:", mentions: "90x"),
    BadConfig(text: "directory: ../elsewhere\n", location: ".valprop.yml:1:", mentions: "../elsewhere"),
    BadConfig(
      text: "lint:\n  disable: []\n  bogus: 1\n", location: ".valprop.yml:3:", mentions: "lint.bogus"),
    BadConfig(
      text: "directory: propositions\nreview-every: a: b\n", location: ".valprop.yml:2:",
      mentions: "invalid YAML"),
  ])
  func rejectsABadExistingConfigAndWritesNothing(_ bad: BadConfig) throws {
    let repo = try repository([".valprop.yml": bad.text])
    let before = repo.folder.snapshot()

    let result = try valprop(["init"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: \(bad.location)"), "\(result)")
    #expect(result.stderr.contains(bad.mentions), "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test
  func whenThePropositionsPathIsAFileFailsAndWritesNothing() throws {
    let repo = try repository(["propositions": "not a folder\n"])
    let before = repo.folder.snapshot()

    let result = try valprop(["init"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("propositions"), "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }
}
