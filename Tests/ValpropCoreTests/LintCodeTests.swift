import Foundation
import Testing

@testable import ValpropCore

/// Lint never reports anything inside code: fenced blocks, inline code spans, link targets
/// and URLs. Checked on the repository's own long Markdown (README.md, docs/lint.md) and, with
/// `VALPROP_MARKDOWN_LIST=<file of paths>`, on any number of real-world Markdown documents.
@Suite struct LintCodeTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The regions of a file that are code, found independently of lint: per line, the
  /// column ranges (from 1) that are code; a line inside a fence is code as a whole.
  static func codeRegions(_ lines: [String]) -> [Int: [ClosedRange<Int>]] {
    var regions: [Int: [ClosedRange<Int>]] = [:]
    var fence: String?
    let inline = try! NSRegularExpression(pattern: #"(`+)[^`]*?\1|\]\([^)]*\)|(?:https?|ftp)://\S+"#)
    for (index, line) in lines.enumerated() {
      let number = index + 1
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let open = fence {
        regions[number] = [1...max(1, line.count + 1)]
        if trimmed.hasPrefix(open) { fence = nil }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = String(trimmed.prefix(3))
        regions[number] = [1...max(1, line.count + 1)]
        continue
      }
      for match in inline.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
        guard let range = Range(match.range, in: line) else { continue }
        let start = line.distance(from: line.startIndex, to: range.lowerBound) + 1
        let length = line[range].count
        // A link keeps its closing bracket; only the target is code.
        let first = line[range].hasPrefix("]") ? start + 1 : start
        regions[number, default: []].append(first...(start + length - 1))
      }
    }
    return regions
  }

  /// The findings of one Markdown file that point into code.
  static func findingsInCode(path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let proposition = try? Proposition(id: "doc", path: path, data: data) else { return [] }
    let result = Linter(config: WorkspaceConfig()).lint(
      proposition, asOf: CalendarDate(year: 2026, month: 11, day: 27)!)
    let lines = proposition.text.components(separatedBy: "\n").map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : $0
    }
    let regions = codeRegions(lines)
    return result.findings.filter { finding in
      regions[finding.line]?.contains { $0.contains(finding.column) } == true
    }.map { "\(path):\($0.line):\($0.column) [\($0.rule.id)] \($0.message)" }
  }

  @Test(arguments: ["README.md", "docs/lint.md"])
  func nothingInsideCodeOfTheRepositorysMarkdown(_ name: String) throws {
    let path = Self.root.appendingPathComponent(name).path
    let found = try Self.findingsInCode(path: path)
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  @Test func aFindingInCodeIsSeenByThisCheck() {
    let regions = Self.codeRegions([
      "Use `leverage` and [docs](https://x.example/leverage).", "```", "TODO", "```",
    ])
    #expect(regions[1]?.contains { $0.contains(6) } == true)
    #expect(regions[1]?.contains { $0.contains(1) } == false)
    #expect(regions[3]?.contains { $0.contains(1) } == true)
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["VALPROP_MARKDOWN_LIST"] != nil))
  func nothingInsideCodeOfRealWorldMarkdown() throws {
    let list = try #require(ProcessInfo.processInfo.environment["VALPROP_MARKDOWN_LIST"])
    let paths = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init)
    var inCode: [String] = []
    var linted = 0
    for path in paths {
      inCode += (try? Self.findingsInCode(path: path)) ?? []
      linted += 1
    }
    print("linted \(linted) Markdown documents; findings inside code: \(inCode.count)")
    #expect(linted == paths.count)
    for line in inCode.prefix(40) { print("  \(line)") }
    #expect(inCode.isEmpty)
  }
}
