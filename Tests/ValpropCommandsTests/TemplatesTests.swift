import Foundation
import TestSupport
import Testing

/// `valprop templates`: the built-in templates and the workspace's own.
@Suite struct TemplatesTests {
  static let builtIns = ["core", "canvas", "jtbd", "lean", "before-after"]

  @Test func textListsTheFiveBuiltInsWithTheirFrameworks() throws {
    let repo = try GitFixture()

    let result = try valprop(["templates"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(!result.stdout.contains("\u{1B}["), "colour without a terminal: \(result)")
    let rows = textRows(result.stdout)
    #expect(rows.first == ["NAME", "FRAMEWORK", "SOURCE", "DESCRIPTION"], "\(result)")
    #expect(rows.dropFirst().map { $0.first ?? "" } == Self.builtIns, "\(result)")
    for row in rows.dropFirst() {
      #expect(row.count == 4, "\(row)")
      #expect(row.count > 2 && row[1] == row[0] && row[2] == "built-in", "\(row)")
      #expect(row.count > 3 && !row[3].isEmpty, "\(row)")
    }
  }

  @Test func jsonIsValidWithNameFrameworkSourceAndDescription() throws {
    let repo = try GitFixture()

    let result = try valprop(["templates", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let templates = try jsonObjects(result)
    #expect(templates.compactMap { $0["name"] as? String } == Self.builtIns)
    for template in templates {
      #expect(
        Set(template.keys) == ["name", "framework", "source", "shadowsBuiltIn", "description", "problem"],
        "\(template)")
      #expect(template["framework"] as? String == template["name"] as? String, "\(template)")
      #expect(template["source"] as? String == "built-in", "\(template)")
      #expect((template["description"] as? String)?.isEmpty == false, "\(template)")
    }
  }

  @Test func listsWorkspaceTemplatesAfterTheBuiltInsAndMarksShadowing() throws {
    let repo = try repository([
      ".valprop/templates/core.md": "{{! Our core. }}\n---\ntitle: {{{yaml.title}}}\nframework: core\n---\n",
      ".valprop/templates/pitch.md":
        "{{! A sales pitch. }}\n---\ntitle: {{{yaml.title}}}\nframework: jtbd\n---\n",
      ".valprop/templates/nested/ignored.md": "---\ntitle: x\n---\n",
    ])

    let text = try valprop(["templates"], in: repo.path)
    let json = try valprop(["templates", "--format", "json"], in: repo.path)

    #expect(text.status == 0, "\(text)")
    #expect(json.status == 0, "\(json)")
    let rows = textRows(text.stdout).dropFirst()
    #expect(rows.map { $0.first ?? "" } == Self.builtIns + ["pitch"], "\(text)")
    let byName = Dictionary(
      try jsonObjects(json).map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first }
    )
    #expect(byName.count == 6, "\(json)")
    #expect(byName["core"]?["source"] as? String == ".valprop/templates/core.md")
    #expect(byName["core"]?["shadowsBuiltIn"] as? Bool == true)
    #expect(byName["pitch"]?["shadowsBuiltIn"] as? Bool == false)
    #expect(byName["core"]?["description"] as? String == "Our core.")
    #expect(byName["pitch"]?["source"] as? String == ".valprop/templates/pitch.md")
    #expect(byName["pitch"]?["framework"] as? String == "jtbd")
    #expect(byName["canvas"]?["source"] as? String == "built-in")
  }

  /// Issue 17: a broken workspace template is reported with its file, line and column in
  /// words (never a debug dump), by `templates` as well as by `new`.
  @Test func aBrokenTemplateIsReportedWithItsLine() throws {
    let repo = try GitFixture()
    try repo.folder.write(
      ".valprop/templates/broken.md",
      "---\ntitle: {{{yaml.title}}}\n{{#yaml.owner}}owner: {{{yaml.owner}}}{{/yaml.audience}}\n---\n# {{title}}\n"
    )

    let listed = try valprop(["templates"], in: repo.path)
    let json = try valprop(["templates", "--format", "json"], in: repo.path)
    let created = try valprop(["new", "x", "--template", "broken"], in: repo.path)

    #expect(listed.status == 2, "\(listed)")
    #expect(listed.stdout.contains("broken"), "still listed: \(listed)")
    let message = "error: .valprop/templates/broken.md:3:42: this {{/…}} closes a section"
    #expect(listed.stderr.contains(message), "\(listed)")
    #expect(listed.stderr.contains("hint: "), "\(listed)")
    #expect(!listed.stderr.contains("ParserError"), "\(listed)")
    let problems = try jsonObjects(json).compactMap { $0["problem"] as? String }
    #expect(problems.count == 1 && problems[0].hasPrefix(".valprop/templates/broken.md:3:42:"), "\(json)")
    #expect(created.status == 2, "\(created)")
    #expect(created.stderr.contains(message), "\(created)")
    #expect(!repo.folder.exists("propositions/x.md"))
  }
}
