import Foundation
import TestSupport
import Testing

/// Regressions for what an independent review of the contract found.
@Suite struct ReviewFindingsTests {
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
}
