import Foundation
import TestSupport
import Testing

/// What `valprop lint` checks across files and beyond the wording: lifecycle links between
/// propositions, merge conflict markers, and files it cannot read, which it reports as
/// findings while it lints the rest, then exits 2.
@Suite struct LintLifecycleTests {
  static let asOf = ["--as-of", "2026-11-27"]

  /// A strong proposition with extra front-matter lines.
  static func strong(_ title: String, _ keys: [String] = []) -> String {
    let text = Samples.strongCore(title: title)
    guard !keys.isEmpty else { return text }
    return "---\n" + keys.joined(separator: "\n") + "\n" + text.dropFirst("---\n".count)
  }

  /// `lint --format json`'s findings, as (path, rule) pairs, sorted.
  static func findings(_ result: ProcessResult) throws -> [String] {
    let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]], "\(result)")
    return findings.compactMap { finding in
      guard let path = finding["path"] as? String, let rule = finding["rule"] as? String else { return nil }
      return "\(path) \(rule)"
    }.sorted()
  }

  @Test func aSymbolicLinkAndADuplicateIdAreFindingsAndTheRestIsLinted() throws {
    let repo = try repository([
      "propositions/good.md": Self.strong("Good"),
      "propositions/twin.md": Self.strong("Twin"),
      "propositions/old/twin.md": Self.strong("Old twin"),
      "propositions/weak.md": Self.strong("Weak").replacingOccurrences(
        of: "- 14 controller interviews, October 2026\n", with: ""),
    ])
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/propositions/link.md", withDestinationPath: "good.md")

    let result = try valprop(["lint", "--format", "json"] + Self.asOf, in: repo.path)

    #expect(result.status == 2, "lint could not read every file: \(result)")
    let found = try Self.findings(result)
    #expect(found.contains("propositions/link.md unreadable-file"), "\(found)")
    #expect(found.contains("propositions/twin.md unreadable-file"), "\(found)")
    #expect(found.contains("propositions/old/twin.md unreadable-file"), "\(found)")
    #expect(found.contains("propositions/weak.md no-evidence"), "the others are still linted: \(found)")
    #expect(!found.contains { $0.hasPrefix("propositions/good.md") }, "\(found)")
    let text = try valprop(["lint"] + Self.asOf, in: repo.path)
    #expect(text.status == 2)
    #expect(text.stdout.contains("two files have the id 'twin'"), "\(text)")
    #expect(text.stdout.contains("propositions/link.md:1:1: error: is not a regular file"), "\(text)")
    #expect(text.stdout.contains("does not follow links [unreadable-file]"), "\(text)")
  }

  @Test func conflictMarkersAreErrorsButHeadingUnderlinesAndExamplesAreNot() throws {
    let conflicted = Self.strong("Conflicted").replacingOccurrences(
      of: "## Solution\n",
      with:
        "## Solution\n<<<<<<< HEAD\nMatches in one pass.\n=======\nMatches in two passes.\n>>>>>>> pricing\n")
    let example = Self.strong("Example").replacingOccurrences(
      of: "## Solution\n",
      with: "## Solution\n```\n<<<<<<< HEAD\n=======\n>>>>>>> main\n```\n")
    let underline = "Setext heading\n=======\n\n" + Self.strong("Underline")
    let repo = try repository([
      "propositions/conflicted.md": conflicted, "propositions/example.md": example,
    ])
    try repo.folder.write("propositions/underline.md", underline)

    let result = try valprop(["lint", "--format", "json"] + Self.asOf, in: repo.path)

    let markers = try Self.findings(result).filter { $0.hasSuffix(" conflict-markers") }
    #expect(markers == Array(repeating: "propositions/conflicted.md conflict-markers", count: 3), "\(result)")
    #expect(result.status == 1, "\(result)")
  }

  @Test func linksMustNameAPropositionAndBeReturnedWithoutACycle() throws {
    let repo = try repository([
      // a → b, and b returns the link: fine.
      "propositions/a.md": Self.strong("A", ["status: superseded", "superseded-by: b"]),
      "propositions/b.md": Self.strong("B", ["supersedes: [a]"]),
      // c names a proposition that does not exist.
      "propositions/c.md": Self.strong("C", ["status: superseded", "superseded-by: nowhere"]),
      // d → e, but e does not list d.
      "propositions/d.md": Self.strong("D", ["status: superseded", "superseded-by: e"]),
      "propositions/e.md": Self.strong("E"),
      // f → g → f, both returned: a cycle.
      "propositions/f.md": Self.strong("F", ["status: superseded", "superseded-by: g", "supersedes: [g]"]),
      "propositions/g.md": Self.strong("G", ["status: superseded", "superseded-by: f", "supersedes: [f]"]),
    ])

    let result = try valprop(["lint", "--format", "json"] + Self.asOf, in: repo.path)

    let broken = try Self.findings(result).filter { $0.hasSuffix(" broken-link") }
    #expect(
      broken == [
        "propositions/c.md broken-link", "propositions/d.md broken-link", "propositions/f.md broken-link",
        "propositions/g.md broken-link",
      ], "\(result)")
    #expect(result.status == 1, "\(result)")
    // Only the asked-for propositions get findings, but their links are checked against all.
    let one = try valprop(["lint", "a", "--format", "json"] + Self.asOf, in: repo.path)
    #expect(try Self.findings(one).filter { $0.hasSuffix(" broken-link") }.isEmpty, "\(one)")
  }

  @Test func supersedeWritesLinksLintAccepts() throws {
    let repo = try repository([
      "propositions/old.md": Self.strong("Old"), "propositions/new.md": Self.strong("New"),
    ])
    try repo.commit("Both")
    let superseded = try valprop(["supersede", "old", "--by", "new"], in: repo.path)
    #expect(superseded.status == 0, "\(superseded)")

    let result = try valprop(["lint", "--format", "json"] + Self.asOf, in: repo.path)

    #expect(try Self.findings(result).filter { $0.hasSuffix(" broken-link") }.isEmpty, "\(result)")
  }
}
