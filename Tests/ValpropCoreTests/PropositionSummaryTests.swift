import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// A summary read straight from a file's bytes is the summary of the full parse.
@Suite struct PropositionSummaryTests {
  /// The summary, or the error, of each way of reading a file.
  static func outcomes(_ data: Data) -> (quick: String, full: String) {
    func describe(_ read: () throws -> PropositionSummary) -> String {
      do {
        return String(describing: try read())
      } catch {
        return "error: \(error)"
      }
    }
    return (
      describe { try PropositionSummary(id: "p", path: "propositions/p.md", data: data) },
      describe { PropositionSummary(try Proposition(id: "p", path: "propositions/p.md", data: data)) }
    )
  }

  static let bodyLines = [
    "", "# Title heading", "#Not a heading", "   # Indented heading", "    # Code, not a heading",
    "# Closed heading ##", "#", "# ", "## Problem", "##Problem", "### Deeper", "```", "```swift", "~~~",
    "  ```", "\t# Tabbed", "Words with # inside", "# Été 🎉", "#\u{301} combining", "```\u{301}", "- item",
    "---", "...", "text", "# Second title",
  ]

  static func randomFile(_ generator: inout SplitMix) -> Data {
    var text = ""
    switch Int.random(in: 0..<6, using: &generator) {
    case 0: break
    case 1: text += "---\n" + QuickYAMLTests.randomYAML(&generator) + "\n"  // never closed
    case 2: text += "  ---  \n" + QuickYAMLTests.randomYAML(&generator) + "\n...\n"
    default: text += "---\n" + QuickYAMLTests.randomYAML(&generator) + "\n---\n"
    }
    for _ in 0..<Int.random(in: 0...8, using: &generator) {
      text += bodyLines.randomElement(using: &generator)! + "\n"
    }
    if Bool.random(using: &generator) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    var data = Data(text.utf8)
    switch Int.random(in: 0..<12, using: &generator) {
    case 0: data = Data([0xEF, 0xBB, 0xBF]) + data
    case 1: data.append(contentsOf: [0xC3, 0x28])  // not UTF-8
    case 2: data.append(0)
    case 3: data = Data("  \n\t\n".utf8)
    case 4: data = Data([0xEF, 0xBB, 0xBF])
    default: break
    }
    return data
  }

  /// Thousands of random files: the same summary, or the same error.
  @Test func agreesWithTheFullParse() {
    var generator = SplitMix(seed: 77)
    var titles = 0
    for round in 0..<3000 {
      let data = Self.randomFile(&generator)
      let (quick, full) = Self.outcomes(data)
      #expect(quick == full, "round \(round): \(String(decoding: data, as: UTF8.self).debugDescription)")
      if quick != full { return }
      if quick.contains("title: \"") && !quick.contains("title: \"p\"") { titles += 1 }
    }
    #expect(titles > 250, "titles other than the id in \(titles) of 3,000 files")
  }

  /// The title comes from `title:`, else the first `# ` heading before any `## `, outside
  /// code fences, else the id.
  @Test(arguments: [
    ("---\ntitle: From YAML\n---\n# Heading\n", "From YAML"),
    ("---\nstatus: draft\n---\n\n```\n# In a fence\n```\n# After the fence\n", "After the fence"),
    ("## Problem\n# Too late\n", "p"),
    ("Intro\n\n# Heading ##\n", "Heading"),
  ])
  func findsTheTitle(text: String, title: String) throws {
    let summary = try PropositionSummary(id: "p", path: "p.md", data: Data(text.utf8))
    #expect(summary.title == title)
    #expect(Self.outcomes(Data(text.utf8)).quick == Self.outcomes(Data(text.utf8)).full)
  }
}
