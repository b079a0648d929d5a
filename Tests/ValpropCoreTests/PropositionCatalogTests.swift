import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct PropositionCatalogTests {
  /// The id a path gives, against its last component with `.md` taken off its bytes.
  @Test(arguments: [
    ("propositions/reconciliation-autopilot.md", "reconciliation-autopilot"),
    ("text/0001-private-fields.md", "0001-private-fields"),
    ("a/b/c/deep.md", "deep"), ("top.md", "top"), ("folder/.md", ""), ("folder/readme", "readme"),
    ("folder/x.MD", "x.MD"), ("folder/x.md.md", "x.md"), ("folder/é-accent.md", "é-accent"),
    ("folder/md", "md"), ("folder/a.m", "a.m"),
  ])
  func takesTheLastComponentWithoutMD(_ path: String, _ id: String) {
    #expect(PropositionCatalog.id(ofPath: path) == id)
  }

  /// Cut at `/` bytes as git cuts paths: U+0600 is a Unicode "prepend" mark, so a
  /// `Character` holds it with the `/` or `.` after it, and a cut by `Character`s missed both.
  @Test func cutsOnBytesWhereACharacterHoldsTheSlashOrTheDot() {
    #expect(PropositionCatalog.id(ofPath: "a\u{600}/b.md") == "b")
    #expect(PropositionCatalog.id(ofPath: "a/b\u{600}.md") == "b\u{600}")
  }

  /// Random paths of ASCII and accented names: the byte cut agrees with cutting the path's
  /// `Character`s wherever no mark joins a `/` or a `.`.
  @Test func agreesWithTheCharacterCutOnOrdinaryNames() {
    var generator = SplitMix(seed: 648)
    let parts = ["a", "b", "é", "0546", "-", ".", "md", "x.md", "ü"]
    for _ in 0..<2_000 {
      let count = Int.random(in: 1...4, using: &generator)
      let path = (0..<count).map { _ in
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in parts.randomElement(using: &generator)! }
          .joined()
      }.joined(separator: "/")
      let name = path.split(separator: "/").last.map(String.init) ?? path
      let expected = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
      #expect(PropositionCatalog.id(ofPath: path) == expected, "\(path)")
    }
  }
}
