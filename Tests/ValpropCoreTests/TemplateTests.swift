import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct TemplateTests {
  static let names = ["core", "canvas", "jtbd", "lean", "before-after"]
  let today = CalendarDate("2026-11-27")!

  @Test(arguments: names)
  func theBinaryCarriesTheFileInTemplates(_ name: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let onDisk = try String(contentsOf: root.appendingPathComponent("templates/\(name).md"), encoding: .utf8)
    #expect(TemplateStore.builtIn.first { $0.name == name }?.text == onDisk)
  }

  @Test(arguments: names)
  func rendersTheFrameworksSectionsWithAHintEach(_ name: String) throws {
    let template = try #require(TemplateStore.builtIn.first { $0.name == name })
    let text = try template.render(
      TemplateValues(id: "x", title: "X", owners: [], audience: nil, date: today))
    let proposition = try Proposition(id: "x", path: "x.md", text: text)
    let framework = try #require(Framework(rawValue: name))
    #expect(proposition.framework == framework)
    #expect(proposition.status == .draft)
    #expect(proposition.sections.map(\.heading) == framework.expectedSections)
    for section in proposition.sections {
      #expect(
        section.lines.contains { $0.contains("valprop-hint:") }, "\(name): \(section.heading) has a hint")
    }
    #expect(!template.summary.isEmpty)
    #expect(text.hasPrefix("---\n"))
    #expect(!text.contains("{{"), "every tag is rendered")
  }

  @Test func beforeAfterLaysOutTheGrid() throws {
    let template = try #require(TemplateStore.builtIn.first { $0.name == "before-after" })
    let text = try template.render(
      TemplateValues(id: "x", title: "X", owners: [], audience: nil, date: today))
    for row in ["Status", "Feelings", "Daily activities", "Measurable outcomes"] {
      #expect(text.contains("| \(row) |"))
    }
    #expect(text.contains("| | Before | After |"))
  }

  @Test(arguments: [
    "Plain", "Colon: here", "#hash start", "@at", "Quote \"double\" and 'single'", "back\\slash", "- dash",
    "[brackets]",
    "{braces}", "Ünïcödé — ✓", "yes", "null", "2026-01-01", "&anchor", "*alias", "% percent", "`tick`",
  ])
  func valuesSurviveTheRoundTripExactly(_ value: String) throws {
    let template = try #require(TemplateStore.builtIn.first { $0.name == "core" })
    let text = try template.render(
      TemplateValues(id: "x", title: value, owners: [value, "@b"], audience: value, date: today))
    let proposition = try Proposition(id: "x", path: "x.md", text: text)
    #expect(proposition.title == value)
    #expect(proposition.frontMatter.owners == [value, "@b"])
    #expect(proposition.frontMatter.audience == value)
  }

  @Test func leavesAbsentValuesOut() throws {
    let template = try #require(TemplateStore.builtIn.first { $0.name == "core" })
    let text = try template.render(
      TemplateValues(id: "x", title: "X", owners: [], audience: nil, date: today))
    #expect(!text.contains("owner:"))
    #expect(!text.contains("audience:"))
  }

  @Test func workspaceTemplatesShadowBuiltInOnes() throws {
    let folder = try TemporaryFolder()
    try folder.write(".valprop/templates/core.md", "---\nframework: lean\n---\n# {{title}}\n")
    try folder.write(".valprop/templates/pitch.md", "{{! Our pitch. }}\n# {{title}}\n")
    try folder.write(".valprop/templates/nested/deep.md", "# ignored\n")
    let store = try TemplateStore(source: WorkTreeSource(root: folder.path))
    #expect(store.all.map(\.name) == ["core", "canvas", "jtbd", "lean", "before-after", "pitch"])
    #expect(try store.template(named: "core").origin == .workspace(path: ".valprop/templates/core.md"))
    #expect(try store.template(named: "core").framework == .lean)
    #expect(store.shadows("core"))
    #expect(!store.shadows("pitch"))
    #expect(try store.template(named: "pitch").summary == "Our pitch.")
  }

  @Test func refusesUnknownNamesWithoutTouchingPaths() throws {
    let store = try TemplateStore(source: WorkTreeSource(root: try TemporaryFolder().path))
    for name in ["nope", "../core", "/etc/passwd", "core.md"] {
      #expect {
        try store.template(named: name)
      } throws: { error in
        guard case ValpropError.unknownTemplate(let unknown, let available) = error else { return false }
        return unknown == name && available.contains("canvas")
      }
    }
  }

  @Test func refusesATemplateThatRendersBadFrontMatter() throws {
    let template = PropositionTemplate(
      name: "bad", origin: .workspace(path: ".valprop/templates/bad.md"),
      text: "---\ntitle: {{title}}\nstatus: [x\n")
    #expect {
      try template.render(TemplateValues(id: "x", title: "X", owners: [], audience: nil, date: today))
    } throws: { error in
      guard case ValpropError.invalidTemplate(let location, let problem, _) = error else { return false }
      return location.path == ".valprop/templates/bad.md" && problem.contains("not a valid proposition")
    }
  }
}
