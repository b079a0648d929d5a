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

  /// A folder's names come sorted as Strings sort them, whether all are ASCII (sorted by
  /// their bytes) or not, with names that are not UTF-8 marked.
  @Test func listsAFoldersNamesInStringOrder() throws {
    let folder = try TemporaryFolder()
    let ascii = ["b.md", "B.md", "a-1.md", "a_1.md", "a.md", "Z", "ab.md", "a1.md", "~x.md", "0.md"]
    for name in ascii { try folder.write(name, "x\n") }
    let listed = try WorkTreeSource.names(in: folder.path, displayPath: ".")
    #expect(listed.map(\.name) == ascii.sorted())
    #expect(listed.allSatisfy { $0.valid })
    let other = try TemporaryFolder()
    let mixed = ["e\u{301}.md", "é.md", "z.md", "A.md", "ä.md"]
    for name in mixed { try other.write(name, "x\n") }
    // A name that is not UTF-8: "x" and the byte 0xFF.
    let raw = Array(other.path.utf8) + [0x2F, 0x78, 0xFF, 0]
    let made = raw.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(made >= 0)
    close(made)
    let listedMixed = try WorkTreeSource.names(in: other.path, displayPath: ".")
    #expect(listedMixed.map(\.name).filter { mixed.contains($0) } == mixed.sorted())
    #expect(listedMixed.filter { !$0.valid }.count == 1)
    #expect(listedMixed.map(\.name) == listedMixed.map(\.name).sorted())
  }
}
