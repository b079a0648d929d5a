import Foundation
import Testing

@testable import ValpropCore

@Suite struct WorkspaceConfigTests {
  @Test func defaultsWithoutAFileOrWithAnEmptyOne() throws {
    #expect(WorkspaceConfig().directory == "propositions")
    #expect(try WorkspaceConfig(data: Data()) == WorkspaceConfig())
    #expect(try WorkspaceConfig(text: "# only a comment\n") == WorkspaceConfig())
  }

  @Test func theInitialTextIsTheDefaults() throws {
    #expect(try WorkspaceConfig(text: WorkspaceConfig.initialText) == WorkspaceConfig())
  }

  @Test func readsEveryKey() throws {
    let config = try WorkspaceConfig(
      text: """
        directory: docs/value/
        review-every: 6m
        due-soon: 3w
        index: docs/REGISTER.md
        lint:
          disable: [measurable, buzzword]
          jargon: [synergy-engine]
          severity:
            long-sentence: off
            unsized-audience: error
          headline-words: 9
          statement-words: 30
        """)
    #expect(config.directory == "docs/value")
    #expect(config.reviewEvery == ReviewInterval("6m"))
    #expect(config.dueSoon == ReviewInterval("3w"))
    #expect(config.index == "docs/REGISTER.md")
    #expect(config.lintDisable == ["measurable", "buzzword"])
    #expect(config.lintSeverity["long-sentence"] == .some(nil))
    #expect(config.lintSeverity["unsized-audience"] == .some(.error))
    #expect(config.lintHeadlineWords == 9)
    #expect(config.lintStatementWords == 30)
    #expect(config.lintJargon == ["synergy-engine"])
  }

  @Test(arguments: [
    ("directory: p\nreview_every: 90d\n", 2, "unknown key 'review_every'"),
    ("lint:\n  disable: []\n  severities: {}\n", 3, "unknown key 'lint.severities'"),
    ("lint:\n  disable: [buzzwords]\n", 2, "'buzzwords' in lint.disable is not a rule or concern"),
    ("lint:\n  severity:\n    buzzword: loud\n", 3, "unknown severity for 'buzzword'"),
    ("lint:\n  severity:\n    nope: error\n", 3, "'nope' in lint.severity is not a rule"),
    ("lint:\n  headline-words: many\n", 2, "'lint.headline-words' must be a whole number"),
    ("review-every: 90x\n", 1, "invalid duration '90x'"),
    ("due-soon: -3d\n", 1, "invalid duration '-3d'"),
    ("directory: ../outside\n", 1, "must be a path inside the workspace"),
    ("directory: /etc\n", 1, "must be a path inside the workspace"),
    ("index: [a]\n", 1, "'index' must be text, not a list"),
    ("- a\n- b\n", 1, "must be 'key: value' lines"),
    ("directory: [unclosed\n", 2, "invalid YAML"),
  ])
  func namesTheKeyAndLine(_ text: String, _ line: Int, _ problem: String) {
    #expect {
      try WorkspaceConfig(text: text)
    } throws: { error in
      guard case ValpropError.invalidConfig(let location, let message, _) = error else { return false }
      return location.path == ".valprop.yml" && location.line == line && message.contains(problem)
    }
  }
}
