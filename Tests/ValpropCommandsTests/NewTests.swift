import Foundation
import TestSupport
import Testing

/// `valprop new`: writing a proposition from a template, and every way it refuses to.
@Suite struct NewTests {
  /// Where `new` runs, and the path it must print.
  struct Place: Sendable, CustomTestStringConvertible {
    let runIn: String
    let options: [String]
    let printed: String
    var testDescription: String { "in '\(runIn)' \(options.joined(separator: " ")) -> \(printed)" }
  }

  @Test(arguments: [
    Place(runIn: "", options: [], printed: "propositions/x.md"),
    Place(runIn: "src/app", options: [], printed: "../../propositions/x.md"),
    Place(runIn: "propositions", options: [], printed: "x.md"),
    Place(runIn: "", options: ["-C", "src"], printed: "../propositions/x.md"),
    Place(runIn: "src/app", options: ["-C", "../.."], printed: "propositions/x.md"),
    Place(runIn: "src", options: ["-C", "app", "-C", "../../propositions"], printed: "x.md"),
  ])
  func printsThePathRelativeToTheFolderItRunsIn(_ place: Place) throws {
    let repo = try GitFixture()
    try repo.folder.makeFolder("src/app")
    try repo.folder.makeFolder("propositions")
    let start = place.runIn.isEmpty ? repo.path : repo.path + "/" + place.runIn

    let result = try valprop(place.options + ["new", "x"], in: start)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == place.printed + "\n", "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(repo.folder.exists("propositions/x.md"))
  }

  @Test func printsAPathRelativeToMinusCFromOutsideTheRepository() throws {
    let repo = try GitFixture()
    let elsewhere = try TemporaryFolder()

    let result = try valprop(["-C", repo.path, "new", "x"], in: elsewhere.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "propositions/x.md\n", "\(result)")
    #expect(repo.folder.exists("propositions/x.md"))
    #expect(elsewhere.listing().isEmpty)
  }

  @Test(arguments: ["core", "canvas", "jtbd", "lean", "before-after"])
  func everyBuiltInTemplateWritesAPropositionListCanRead(_ template: String) throws {
    let repo = try GitFixture()

    let result = try valprop(["new", "ledger-sync", "--template", template], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let text = try #require(repo.folder.read("propositions/ledger-sync.md"))
    #expect(text.hasPrefix("---\n"), "\(text)")
    #expect(text.contains("\nframework: \(template)\n"), "\(text)")
    #expect(text.contains("\n# Ledger sync\n"), "\(text)")
    #expect(sectionHeadings(text) == expectedSections[template])
    let list = try valprop(["list", "--format", "json"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    #expect(list.stderr.isEmpty, "\(list)")
    let row = try #require(try listedByID(list)["ledger-sync"])
    #expect(row["framework"] as? String == template)
    #expect(row["path"] as? String == "propositions/ledger-sync.md")
    #expect(row["title"] as? String == "Ledger sync")
    #expect(row["status"] as? String == "draft")
  }

  @Test func theBeforeAfterTemplateLaysOutTheGrid() throws {
    let repo = try GitFixture()
    try #require(try valprop(["new", "grid", "--template", "before-after"], in: repo.path).status == 0)
    let text = try #require(repo.folder.read("propositions/grid.md"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("|") }
      .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(rows.first == ["", "Before", "After"] || rows.first == ["Before", "After"], "\(rows)")
    let labels = rows.dropFirst(2).compactMap(\.first)
    #expect(labels == ["Status", "Feelings", "Daily activities", "Measurable outcomes"], "\(rows)")
  }

  @Test func titleOwnersAndAudienceRoundTripExactly() throws {
    let repo = try GitFixture()
    let title = #"He said "ship it": #1 @ launch"#
    let owners = ["@finance-pm", #"Ops: "EMEA" #2"#, "@cfo"]
    let audience = #"CFOs: "mid-market" #saas @ 50-500 staff"#

    let result = try valprop(
      ["new", "quoted", "--title", title] + owners.flatMap { ["--owner", $0] } + ["--audience", audience],
      in: repo.path)

    #expect(result.status == 0, "\(result)")
    let list = try valprop(["list", "--format", "json"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    let row = try #require(try listedByID(list)["quoted"])
    #expect(row["title"] as? String == title)
    #expect(row["owners"] as? [String] == owners)
    let text = try #require(repo.folder.read("propositions/quoted.md"))
    #expect(text.contains("\n# \(title)\n"), "\(text)")
    // The core template puts the audience under its heading as written...
    #expect(text.contains("\n\(audience)\n"), "\(text)")
    // ...and in the front matter as a YAML double-quoted scalar, which is JSON string syntax.
    let line = try #require(
      text.split(separator: "\n").first { $0.hasPrefix("audience: ") }, "no audience key: \(text)")
    let scalar = Data(line.dropFirst("audience: ".count).utf8)
    #expect(try JSONSerialization.jsonObject(with: scalar, options: .fragmentsAllowed) as? String == audience)
  }

  @Test(arguments: [
    #"Price: €20/month"#, "#1 choice", "@team handles it", #"back\slash and "quotes""#, "yes", "null", "~",
    "- leading dash", "'single' quotes", "{{title}} & <b>html</b>", "[not, a, list]", "key: value # comment",
    "Ünïcödé — naïve café",
  ])
  func unusualTitlesRoundTripExactly(_ title: String) throws {
    let repo = try GitFixture()

    let result = try valprop(["new", "t", "--title=\(title)", "--owner=\(title)"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let list = try valprop(["list", "--format", "json"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    let row = try #require(try listedByID(list)["t"])
    #expect(row["title"] as? String == title)
    #expect(row["owners"] as? [String] == [title])
  }

  /// An id `new` must refuse, and a word of the reason it must give.
  struct BadID: Sendable, CustomTestStringConvertible {
    let id: String
    let reason: String
    var testDescription: String { "'\(id)'" }
  }

  @Test(arguments: [
    BadID(id: "area/ledger", reason: "slash"),
    BadID(id: "../escape", reason: "slash"),
    BadID(id: "..", reason: "'..'"),
    BadID(id: "a..b", reason: "'..'"),
    BadID(id: "ledger sync", reason: "space"),
    BadID(id: "Ledger", reason: "upper case"),
    BadID(id: "-ledger", reason: "'-'"),
    BadID(id: "/tmp/ledger", reason: "absolute path"),
    BadID(id: "", reason: "empty"),
    BadID(id: String(repeating: "a", count: 65), reason: "65"),
    BadID(id: "ledger.md", reason: ".md"),
    BadID(id: "café", reason: "é"),
  ])
  func rejectsABadIDAndWritesNothing(_ bad: BadID) throws {
    let repo = try GitFixture()
    try repo.folder.makeFolder("propositions")
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "--", bad.id], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("invalid proposition id '\(bad.id)'"), "\(result)")
    #expect(result.stderr.contains(bad.reason), "\(result)")
    #expect(result.stderr.contains("hint:"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/escape.md"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/ledger.md"))
  }

  @Test func anIDThatLooksLikeAnOptionIsRefusedWithoutDoubleDash() throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "-ledger"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func acceptsAnIDOfSixtyFourCharacters() throws {
    let repo = try GitFixture()
    let id = "a" + String(repeating: "0", count: 62) + "z"

    let result = try valprop(["new", id], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "propositions/\(id).md\n")
    #expect(repo.folder.exists("propositions/\(id).md"))
    let list = try valprop(["list", "--format", "json"], in: repo.path)
    #expect(try listedByID(list)[id] != nil, "\(list)")
  }

  @Test(arguments: ["propositions/x.md", "propositions/a/b/x.md"])
  func refusesAnExistingIDAndLeavesTheFileAlone(_ existing: String) throws {
    let repo = try repository([existing: "# Ours\r\n\r\nkeep these bytes  \n"])
    try repo.commit("ours")
    let before = repo.folder.snapshot()

    for template in ["core", "canvas"] {
      let result = try valprop(["new", "x", "--template", template], in: repo.path)

      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("proposition 'x' already exists: \(existing)"), "\(result)")
      #expect(result.stdout.isEmpty, "\(result)")
    }
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func refusesAnUnknownTemplateListingTheAvailableOnes() throws {
    let repo = try repository([".valprop/templates/pitch.md": "---\ntitle: {{{yaml.title}}}\n---\n"])
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "x", "--template", "nope"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("unknown template 'nope'"), "\(result)")
    for name in ["core", "canvas", "jtbd", "lean", "before-after", "pitch"] {
      #expect(result.stderr.contains(name), "\(name) not offered: \(result)")
    }
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func aWorkspaceTemplateShadowsTheBuiltInOne() throws {
    let template = """
      {{! Our house style. }}
      ---
      title: {{{yaml.title}}}
      framework: core
      x-house: yes
      ---

      # {{{title}}}

      ## House section

      """
    let repo = try repository([".valprop/templates/core.md": template])

    let result = try valprop(["new", "house"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(
      repo.folder.read("propositions/house.md")
        == "---\ntitle: \"House\"\nframework: core\nx-house: yes\nstatus: draft\n---\n\n# House\n\n## House section\n",
      "a template without status: still makes a draft")
    let explicit = try valprop(["new", "house2", "--template", "core"], in: repo.path)
    #expect(explicit.status == 0, "\(explicit)")
    #expect(repo.folder.read("propositions/house2.md")?.contains("## House section") == true)
    let templates = try valprop(["templates"], in: repo.path)
    let core = try #require(textRows(templates.stdout).first { $0.first == "core" }, "\(templates)")
    #expect(core.contains(".valprop/templates/core.md (shadows built-in)"), "\(core)")
  }

  @Test(arguments: ["core", "broken"])
  func aWorkspaceTemplateWithBrokenFrontMatterWritesNothing(_ name: String) throws {
    let repo = try repository([
      ".valprop/templates/\(name).md": "---\ntitle: {{{yaml.title}}}\ntags: [unclosed\n---\n\n# {{{title}}}\n"
    ])
    try repo.folder.makeFolder("propositions")
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "x", "--template", name], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(".valprop/templates/\(name).md"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test(arguments: [["--title", "two\nlines"], ["--owner", "tab\there"], ["--audience", "   "]])
  func refusesValuesThatWouldBreakTheFile(_ options: [String]) throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let result = try valprop(["new", "x"] + options, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(options[0]), "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func honoursTheConfiguredDirectory() throws {
    let repo = try repository([".valprop.yml": "directory: docs/vp\n"])

    let result = try valprop(["new", "x"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "docs/vp/x.md\n")
    #expect(repo.folder.exists("docs/vp/x.md"))
    #expect(!repo.folder.exists("propositions"))
  }

  @Test func inABareRepositoryFailsAndWritesNothing() throws {
    let bare = try GitFixture(bare: true)
    let before = bare.folder.snapshot()

    let result = try valprop(["new", "x"], in: bare.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("bare repository"), "\(result)")
    let after = bare.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }
}
