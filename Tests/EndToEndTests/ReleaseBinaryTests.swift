import Foundation
import TestSupport
import Testing

/// The binary as shipped: a copy of it alone, with no package folder beside it.
@Suite struct ReleaseBinaryTests {
  @Test func aReleaseBinaryCopiedAloneStillHasItsTemplates() throws {
    let lonely = try TemporaryFolder()
    let copy = lonely.path + "/valprop"
    try FileManager.default.copyItem(atPath: Binary.path, toPath: copy)
    #expect(lonely.listing() == ["valprop"])
    let repo = try GitFixture()

    let result = try valprop(["new", "x", "--template", "canvas"], in: repo.path, binary: copy)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "propositions/x.md\n")
    let text = try #require(repo.folder.read("propositions/x.md"))
    #expect(text.contains("\nframework: canvas\n"), "\(text)")
    #expect(sectionHeadings(text) == expectedSections["canvas"])
  }
}
