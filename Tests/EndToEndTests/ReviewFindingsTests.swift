import Foundation
import TestSupport
import Testing

/// Regressions for what an independent review of the contract found.
@Suite struct ReviewFindingsTests {
  @Test func aClosedPipeEndsValpropQuietly() throws {
    let fixture = try repository()
    for number in 0..<40 {
      try fixture.commit(
        "edit \(number)", files: ["propositions/a.md": "# A\n\nVersion \(number) of the words.\n"])
    }
    let shell = try Shell.run(
      "/bin/sh", ["-c", "'\(Binary.path)' log a | head -n 1 > /dev/null; echo \"status ${?}\""],
      in: fixture.path, environment: Binary.environment)
    #expect(!shell.stderr.contains("Fatal error"), "\(shell)")
    #expect(!shell.stderr.contains("Broken pipe"), "\(shell)")
  }

  @Test func dashCAfterTheCommandIsAnErrorNotIgnored() throws {
    let fixture = try repository(["propositions/a.md": "# A\n"])
    let other = try TemporaryFolder()
    let result = try valprop(["new", "zz", "-C", other.path], in: fixture.path)
    #expect(result.status == 2, "\(result)")
    #expect(!fixture.folder.exists("propositions/zz.md"))
  }

  @Test func everyMissingSectionIsItsOwnFinding() throws {
    let fixture = try repository([
      "propositions/w.md": "# W\n\n## Problem\nManual matching costs 20 hours a week.\n"
    ])
    let result = try valprop(["lint", "w", "--format", "json"], in: fixture.path)
    let findings =
      (try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["findings"]
      as? [[String: Any]] ?? []
    let missing = findings.filter { $0["rule"] as? String == "missing-section" }.compactMap {
      $0["message"] as? String
    }
    #expect(missing.contains { $0.contains("Solution") }, "\(missing)")
    #expect(missing.contains { $0.contains("Key benefits") }, "\(missing)")
  }

  @Test func aWorkspaceTemplateWithoutStatusStillMakesADraft() throws {
    let fixture = try repository([
      ".valprop/templates/core.md": "---\ntitle: {{{yaml.title}}}\n---\n# {{title}}\n"
    ])
    let result = try valprop(["new", "c1"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    #expect(fixture.folder.read("propositions/c1.md")?.contains("status: draft") == true)
  }

  @Test func diffPairsARenameInTheWorkTree() throws {
    let fixture = try repository()
    let text =
      "---\ntitle: Beta\n---\n# Beta\n\n## Problem\nManual matching costs controllers 20 hours a week.\n"
    try fixture.commit("add", files: ["propositions/team/beta.md": text])
    try fixture.git(["mv", "propositions/team/beta.md", "propositions/team/delta.md"])
    let result = try valprop(["diff", "delta", "--format", "json"], in: fixture.path)
    let changes =
      (try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["changes"]
      as? [[String: Any]]
    #expect(changes?.first?["change"] as? String == "renamed", "\(result)")
    #expect(changes?.first?["oldPath"] as? String == "propositions/team/beta.md")
  }

  @Test func blameWorksInAShallowClone() throws {
    let origin = try repository()
    for number in 1...3 {
      try origin.commit("edit \(number)", files: ["propositions/g.md": "# G\n\nLine \(number).\n"])
    }
    let clone = try TemporaryFolder()
    try Shell.run(
      Shell.which("git"), ["clone", "-q", "--depth", "2", "file://" + origin.path, clone.path + "/c"],
      environment: GitFixture.environment)
    let result = try valprop(["blame", "g", "--format", "json"], in: clone.path + "/c")
    #expect(result.status == 0, "\(result)")
  }

  @Test func theAuthorFallsBackToEMAILAsGitDoes() throws {
    let fixture = try repository()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n"])
    try fixture.git(["config", "user.name", "Configured Name"])
    let result = try Shell.runExactly(
      Binary.path, ["review", "a"], in: fixture.path,
      environment: ["HOME": fixture.path, "EMAIL": "env@example.com", "PATH": "/usr/bin:/bin"])
    #expect(result.status == 0, "\(result)")
    #expect(try fixture.git(["log", "-1", "--format=%an <%ae>"]) == "Configured Name <env@example.com>\n")
  }
}
