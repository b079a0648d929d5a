import Foundation
import Testing

@testable import ValpropCore

/// The README documents every command and every lint rule.
@Suite struct ReadmeTests {
  static let readme: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
  }()

  @Test(arguments: LintRule.all.map(\.id.rawValue))
  func listsEveryLintRule(_ id: String) {
    #expect(Self.readme.contains("| `\(id)` |"), "README's rule table lists \(id)")
  }

  @Test(arguments: [
    "init", "new", "templates", "list", "show", "log", "diff", "blame", "lint", "stale", "review", "retire",
    "supersede", "index", "hooks install", "demo",
  ])
  func documentsEveryCommandWithAnExample(_ command: String) {
    #expect(Self.readme.contains("### `valprop \(command)"), "a section for valprop \(command)")
    #expect(Self.readme.contains("valprop \(command) ") || Self.readme.contains("valprop \(command)\n"))
  }
}
