import Foundation
import TestSupport
import Testing
import ValpropCore

@testable import ValpropCommands

/// The direct JSON writer of `diff` against JSONEncoder, which wrote it before: the same
/// bytes for the same changes.
@Suite struct DiffJSONTests {
  static let words = [
    "cash", "ledger", "\"quoted\"", "back\\slash", "a/b", "tab\t", "é", "🎉", "\u{1}", "<b>", "20",
  ]

  static func randomText(_ generator: inout SplitMix) -> String {
    var text = ""
    if Bool.random(using: &generator) {
      text += "---\ntitle: \(words.randomElement(using: &generator)!)\nstatus: active\n---\n"
    }
    text += "# Title\n\nIntro \(words.randomElement(using: &generator)!)\n"
    for section in 0..<Int.random(in: 0..<4, using: &generator) {
      text += "\n## Section \(section + Int.random(in: 0..<2, using: &generator))\n"
      for _ in 0..<Int.random(in: 0..<8, using: &generator) {
        text += words.randomElement(using: &generator)! + (Bool.random(using: &generator) ? " " : "\n")
      }
    }
    return text
  }

  @Test func writesWhatJSONEncoderWrites() throws {
    var generator = SplitMix(seed: 31)
    let kinds: [PropositionChange.Kind] = [.added, .modified, .renamed, .deleted]
    var sections = 0
    for round in 0..<200 {
      let changes = (0..<Int.random(in: 0..<4, using: &generator)).map { index in
        let old = Proposition.lenient(
          id: "p\(index)", path: "propositions/old.md", data: Data(Self.randomText(&generator).utf8))
        let new = Proposition.lenient(
          id: "p\(index)", path: "propositions/p.md", data: Data(Self.randomText(&generator).utf8))
        let kind = kinds.randomElement(using: &generator)!
        let diff = PropositionDiff(old: kind == .added ? nil : old, new: kind == .deleted ? nil : new)
        sections += diff.sections.count
        return PropositionChange(
          id: "p\(index)", path: new.path, oldPath: kind == .added ? nil : old.path, change: kind, diff: diff)
      }
      #expect(DiffJSON.text(changes) == (try JSON.encode(["changes": changes])), "round \(round)")
    }
    #expect(sections > 200)
  }
}
