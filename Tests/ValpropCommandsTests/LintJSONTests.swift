import Foundation
import TestSupport
import Testing

@testable import ValpropCommands
@testable import ValpropCore

/// The direct JSON writer of `lint` against `LintRenderer.json` (JSONEncoder), which wrote
/// it before: the same bytes for the same results.
@Suite struct LintJSONTests {
  static func randomFinding(_ generator: inout SplitMix) -> LintFinding {
    LintFinding(
      rule: LintRule.all.randomElement(using: &generator)!,
      severity: Bool.random(using: &generator) ? .error : .warning,
      id: JSONWriterTests.randomString(&generator), path: JSONWriterTests.randomString(&generator),
      line: Int.random(in: 1...5_000, using: &generator), column: Int.random(in: 1...300, using: &generator),
      byteColumn: 1, message: JSONWriterTests.randomString(&generator), suggestion: nil)
  }

  @Test func writesWhatLintRendererWrites() throws {
    var generator = SplitMix(seed: 41)
    var findings = 0
    for round in 0..<300 {
      let results = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
        let found = (0..<Int.random(in: 0..<5, using: &generator)).map { _ in Self.randomFinding(&generator) }
        findings += found.count
        return LintResult(
          id: JSONWriterTests.randomString(&generator), path: JSONWriterTests.randomString(&generator),
          findings: found, scores: Bool.random(using: &generator) ? LintScore(found) : .unreadable)
      }
      #expect(LintJSON.text(results) == (try LintRenderer.json(results)), "round \(round)")
    }
    #expect(findings > 500)
    #expect(LintJSON.text([]) == (try LintRenderer.json([])))
  }

  /// `lint --format json` writes the same bytes directly and, with
  /// `VALPROP_LINT_ENGINE=reference`, through JSONEncoder.
  @Test func theCommandWritesTheSameBytesOnBothPaths() throws {
    let weak = "\"Quote\" back\\\\slash / tab é 🎉 a synergy-driven, best-in-class leverage"
    let files = [
      "propositions/weak.md": Propositions.text(title: weak),
      "propositions/broken.md": "---\nstatus: [\n---\n",
      "propositions/strong.md": Propositions.text(),
    ]
    let fixture = try GitFixture()
    try fixture.commit("propositions", files: files)
    let fast = try valprop(["lint", "--format", "json", "--as-of", "2026-06-01"], in: fixture.path)
    let reference = try valprop(
      ["lint", "--format", "json", "--as-of", "2026-06-01"], in: fixture.path,
      environment: ["VALPROP_LINT_ENGINE": "reference"])
    #expect(fast.stdout == reference.stdout)
    #expect(fast.status == reference.status)
    #expect(fast.stdout.contains("\"findings\" : ["), "\(fast)")
    #expect(fast.stdout.contains("propositions/broken.md"), "\(fast)")
  }
}
