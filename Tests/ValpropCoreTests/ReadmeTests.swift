import Foundation
import Testing

@testable import ValpropCore

/// The documentation documents every command and every lint rule: docs/commands.md has a
/// section and an example for each command, docs/lint-rules.md a row for each rule, and the
/// README links only to documents that exist.
@Suite struct ReadmeTests {
  /// The repository's root folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The text of a file of the repository, "" when it is missing (the expectations then fail).
  static func text(_ path: String) -> String {
    (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
  }

  static let readme = text("README.md")
  static let commands = text("docs/commands.md")
  static let lintRules = text("docs/lint-rules.md")

  @Test(arguments: LintRule.all.map(\.id.rawValue))
  func listsEveryLintRule(_ id: String) {
    #expect(Self.lintRules.contains("| `\(id)` |"), "docs/lint-rules.md's rule table lists \(id)")
  }

  @Test(arguments: [
    "init", "new", "templates", "list", "show", "log", "diff", "blame", "lint", "stale", "review", "retire",
    "supersede", "index", "report", "hooks install", "demo",
  ])
  func documentsEveryCommandWithAnExample(_ command: String) {
    #expect(Self.commands.contains("### `valprop \(command)"), "docs/commands.md: a section for \(command)")
    #expect(
      Self.commands.contains("valprop \(command) ") || Self.commands.contains("valprop \(command)\n"),
      "docs/commands.md has an example of valprop \(command)")
    #expect(Self.readme.contains("| `valprop \(command)"), "the README's command table lists \(command)")
  }

  /// Every relative link of the README, CONTRIBUTING.md and docs/ leads to a file of the
  /// repository.
  @Test(arguments: [
    "README.md", "CONTRIBUTING.md", "docs/architecture.md", "docs/building.md", "docs/commands.md",
    "docs/configuration.md", "docs/guarantees.md", "docs/lint-rules.md", "docs/performance.md",
    "docs/behaviour.md", "docs/workflows.md",
  ])
  func linksLeadToFilesThatExist(_ document: String) throws {
    let text = Self.text(document)
    #expect(!text.isEmpty, "\(document) exists")
    let folder = (document as NSString).deletingLastPathComponent
    let links = try Regex(#"\]\(([^)#:]+)(#[^)]*)?\)"#)
    for match in text.matches(of: links) {
      guard let target = match.output[1].substring.map(String.init) else { continue }
      let path = folder.isEmpty ? target : folder + "/" + target
      let resolved = Self.root.appendingPathComponent(path).standardizedFileURL.path
      #expect(FileManager.default.fileExists(atPath: resolved), "\(document) links to missing \(target)")
    }
  }
}
