import Foundation
import TestSupport
import Testing

/// Issue 17, adopting existing Markdown: `adopt:` maps the team's own front-matter keys and
/// status values to valprop's, `exclude:` leaves files of the folder out, and the register
/// `index` writes into the folder is never read as a proposition.
@Suite struct AdoptionTests {
  static let config = """
    adopt:
      keys:
        last_reviewed: reviewed
        owners: owner
      status:
        Final: active
        Living: active
        Stagnant: retired
        Last Call: draft
    exclude: [README.md, "assets/*"]

    """

  /// A document in the style of a public proposals repository.
  static func document(status: String, extra: [String] = []) -> String {
    ([
      "---", "title: Ledger sync", "status: \(status)", "owners: [\"@ops\", \"@cfo\"]", "created: 2015-10-27",
    ]
      + extra + ["---", "", "## Abstract", "Ledgers in sync within 2 hours.", ""]).joined(separator: "\n")
  }

  @Test func foreignStatusValuesAndKeysAreRead() throws {
    let repo = try repository([
      ".valprop.yml": Self.config,
      "propositions/eip-1.md": Self.document(status: "Final", extra: ["last_reviewed: 2026-05-01"]),
      "propositions/eip-2.md": Self.document(status: "stagnant"),
      "propositions/eip-3.md": Self.document(status: "Last Call"),
      "propositions/eip-4.md": Self.document(status: "active"),
    ])
    try repo.commit("adopt")

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let rows = try listedByID(result)
    #expect(rows["eip-1"]?["status"] as? String == "active")
    #expect(rows["eip-1"]?["lastReviewed"] as? String == "2026-05-01")
    #expect(rows["eip-1"]?["owners"] as? [String] == ["@ops", "@cfo"])
    #expect(rows["eip-2"]?["status"] as? String == "retired", "values match without case")
    #expect(rows["eip-3"]?["status"] as? String == "draft")
    #expect(rows["eip-4"]?["status"] as? String == "active", "valprop's own values still work")
  }

  @Test func anUnmappedStatusSaysHowToMapIt() throws {
    let repo = try repository(["propositions/eip-1.md": Self.document(status: "Withdrawn")])

    let result = try valprop(["list"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("propositions/eip-1.md:3:9: unknown status 'Withdrawn'"), "\(result)")
    #expect(result.stderr.contains("adopt:"), "\(result)")
  }

  @Test func reviewKeepsTheTeamsKeyName() throws {
    let repo = try repository([
      ".valprop.yml": Self.config,
      "propositions/eip-1.md": Self.document(status: "Final", extra: ["last_reviewed: 2026-05-01"]),
    ])
    try repo.commit("adopt")

    let result = try valprop(["review", "eip-1"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let text = repo.folder.read("propositions/eip-1.md") ?? ""
    #expect(text.contains("last_reviewed: 20"), "\(text)")
    #expect(!text.contains("\nreviewed:"), "\(text)")
    #expect(!text.contains("last_reviewed: 2026-05-01"), "\(text)")
  }

  @Test func excludedFilesAreNotPropositions() throws {
    let repo = try repository([
      ".valprop.yml": Self.config,
      "propositions/eip-1.md": Self.document(status: "Final"),
      "propositions/README.md": "# How to write a proposal\n\nstatus: not front matter\n",
      "propositions/sub/README.md": "---\nstatus: Whatever\n---\n",
      "propositions/assets/diagram.md": "---\nstatus: [broken\n---\n",
    ])
    try repo.commit("adopt")

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try listedByID(result).keys.sorted() == ["eip-1"], "\(result)")
  }

  /// `lint --staged` reads the index, not the work tree: `exclude:` applies there too.
  @Test func excludedFilesAreLeftOutOfLintStaged() throws {
    let repo = try repository([
      ".valprop.yml": Self.config,
      "propositions/eip-1.md": Self.document(status: "Final"),
    ])
    try repo.commit("adopt")
    try repo.folder.write("propositions/README.md", "# How to write a proposal\n\nstatus: not front matter\n")
    try repo.folder.write("propositions/assets/diagram.md", "---\nstatus: [broken\n---\n")
    try repo.folder.write("propositions/eip-2.md", Self.document(status: "Living"))
    try repo.git(["add", "-A"])

    let result = try valprop(["lint", "--staged", "--format", "json"], in: repo.path)
    let text = try valprop(["lint", "--staged"], in: repo.path)

    #expect(result.status != 2, "nothing unreadable: \(result)")
    let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    let linted = (object["propositions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    let found = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    #expect(linted == ["eip-2"], "only the staged proposition: \(result)")
    #expect(!found.contains { $0.contains("README") || $0.contains("assets") }, "\(result)")
    #expect(!text.stdout.contains("README.md") && !text.stdout.contains("diagram.md"), "\(text)")
  }

  @Test func theRegisterInTheFolderIsNeverAProposition() throws {
    let repo = try repository([
      ".valprop.yml": "index: propositions/INDEX.md\n",
      "propositions/a.md": Propositions.text(title: "A"),
    ])
    try repo.commit("start")
    #expect(try valprop(["index"], in: repo.path).status == 0)
    try repo.commit("register")

    let list = try valprop(["list", "--format", "json"], in: repo.path)
    let check = try valprop(["index", "--check"], in: repo.path)

    #expect(repo.folder.exists("propositions/INDEX.md"))
    #expect(try listedByID(list).keys.sorted() == ["a"], "\(list)")
    #expect(check.status == 0, "\(check)")
  }

  @Test(arguments: [
    (
      "adopt:\n  keys:\n    last_reviewed: reviewd\n", ".valprop.yml:3:20: 'reviewd' in adopt.keys",
      "'reviewed'"
    ),
    ("adopt:\n  status:\n    Final: actve\n", ".valprop.yml:3:12: 'actve' in adopt.status", "'active'"),
    ("adopt:\n  statuses: {}\n", ".valprop.yml:2:3: unknown key 'adopt.statuses'", "'status'"),
    ("exlude: [README.md]\n", ".valprop.yml:1:1: unknown key 'exlude'", "'exclude'"),
  ])
  func aBadMappingIsAnErrorWithItsLine(_ config: String, _ message: String, _ suggestion: String) throws {
    let repo = try repository([".valprop.yml": config, "propositions/a.md": Propositions.text()])

    let result = try valprop(["list"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: " + message), "\(result)")
    #expect(result.stderr.contains("hint: did you mean \(suggestion)?"), "\(result)")
  }
}
