import Foundation
import Testing

@testable import ValpropCore

/// `docs/lint.md`, the rule table of docs/lint-rules.md and `valprop lint --list-rules` come from one
/// source, `LintRule.all`: these tests fail when a file and the code differ. Run them with
/// `VALPROP_WRITE_DOCS=1` to write the files from the code.
@Suite struct LintDocsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let docs = root.appendingPathComponent("docs/lint.md")
  static let rules = root.appendingPathComponent("docs/lint-rules.md")
  static let writing = ProcessInfo.processInfo.environment["VALPROP_WRITE_DOCS"] == "1"

  @Test func docsLintMdIsGeneratedFromTheRules() throws {
    if Self.writing {
      try LintRuleDocs.document.write(to: Self.docs, atomically: true, encoding: .utf8)
    }
    let text = try String(contentsOf: Self.docs, encoding: .utf8)
    #expect(text == LintRuleDocs.document, "docs/lint.md differs from the code; regenerate it")
    for rule in LintRule.all {
      #expect(text.contains("### `\(rule.id.rawValue)`"), "docs/lint.md describes \(rule.id)")
    }
  }

  /// docs/lint-rules.md and the range of its rule table: from its header row to the text
  /// after it.
  func rulesTable() throws -> (text: String, table: Range<String.Index>) {
    let text = try String(contentsOf: Self.rules, encoding: .utf8)
    let start = try #require(text.range(of: "| rule |"))
    let end = try #require(
      text.range(of: "\nThe Before and After grid", range: start.lowerBound..<text.endIndex))
    return (text, start.lowerBound..<end.lowerBound)
  }

  @Test func docsRuleTableIsGeneratedFromTheRules() throws {
    if Self.writing {
      var (text, table) = try rulesTable()
      text.replaceSubrange(table, with: LintRuleDocs.table)
      try text.write(to: Self.rules, atomically: true, encoding: .utf8)
    }
    let (text, table) = try rulesTable()
    #expect(
      String(text[table]) == LintRuleDocs.table,
      "docs/lint-rules.md's rule table differs from the code; regenerate it")
  }

  @Test func listRulesNamesEveryRuleWithItsConcernAndSeverity() {
    let lines = LintRuleDocs.list().split(separator: "\n").map(String.init)
    #expect(lines.count == LintRule.all.count)
    for (line, rule) in zip(lines, LintRule.all) {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      #expect(Array(fields.prefix(3)) == [rule.id.rawValue, rule.concern.rawValue, rule.severity.rawValue])
      #expect(line.hasSuffix(rule.summary))
    }
    let team = LintRuleDocs.list(teamRules: [
      LintTeamRule(words: ["Hydra"], message: "internal name", replacement: "the matching service")
    ])
    #expect(team.contains("Hydra (warning): internal name → the matching service"))
  }

  @Test func everyRuleIdIsAnEnumCaseWithOneRule() {
    #expect(LintRule.all.map(\.id) == LintRuleID.allCases)
    #expect(LintRule.named("BUZZWORD")?.id == .buzzword)
    #expect(LintRule.named("buzzwords") == nil)
    #expect(LintRuleID.suggestion(for: "buzzwords") == "buzzword")
    #expect(LintRuleID.suggestion(for: "vague-comparatives") == "vague-comparative")
    #expect(LintRuleID.suggestion(for: "tone") == nil)
  }
}
