import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct WorkspaceConfigTests {
  @Test func defaultsWithoutAFileOrWithAnEmptyOne() throws {
    #expect(WorkspaceConfig().directory == "propositions")
    #expect(try WorkspaceConfig(data: Data()) == WorkspaceConfig())
    #expect(try WorkspaceConfig(text: "# only a comment\n") == WorkspaceConfig())
  }

  /// A config of plain top-level settings is read without Yams; whatever it is, the settings
  /// (or the error) are those the full reader gives.
  @Test func plainConfigsReadWithoutYamsAsYamsReadsThem() {
    var generator = SplitMix(seed: 61)
    let keys = ["directory", "review-every", "due-soon", "index", "exclude", "lint", "drift", "owner"]
    let values = [
      "", "text", " docs/value/ ", "./a/./b", "\"quoted dir\"", "'single'", "~", "null", "/abs", "a/../b",
      "..",
      "90d", "2w", "6m", "1y", "0d", "10x", "\"30d\"", "[a, b]", "[]", "PROPOSITIONS.md", "a: b", "# note",
      "text # note", "é", "12", "true",
    ]
    var quick = 0
    for round in 0..<3_000 {
      var lines: [String] = []
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        let line: String
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: line = "# a comment"
        case 1: line = ""
        case 2: line = "  nested: 1"
        default:
          line = keys.randomElement(using: &generator)! + ":" + " " + values.randomElement(using: &generator)!
        }
        lines.append(line)
      }
      let text = lines.joined(separator: "\n") + (round % 2 == 0 ? "\n" : "")
      if WorkspaceConfig(quick: text, path: "c.yml") != nil { quick += 1 }
      let full = Result { try WorkspaceConfig(yaml: text, path: "c.yml") }
      let read = Result { try WorkspaceConfig(text: text, path: "c.yml") }
      switch (full, read) {
      case (.success(let expected), .success(let got)):
        // `==` leaves out where `directory:` is written, which messages name.
        #expect(got == expected && got.directorySetting == expected.directorySetting, "\(text)")
      case (.failure(let expected), .failure(let got)): #expect("\(got)" == "\(expected)", "\(text)")
      default: Issue.record("one reader failed, the other did not: \(text)")
      }
    }
    #expect(quick > 300, "the quick path read \(quick) configs")
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
