import Foundation
import TestSupport
import Testing

@testable import GitKit

/// `Repository.unchangedFiles`: every file it lists holds exactly the bytes of the blob it
/// gives (git hash-object, without filters, is the oracle), and it lists nothing where a
/// filter could convert the bytes.
@Suite struct UnchangedFilesTests {
  /// The files listed, each checked against the blob id of its bytes on disk.
  static func checked(_ fixture: GitFixture, _ folder: String = "docs") throws -> [String: ObjectID] {
    let repository = try #require(try Repository.discover(from: fixture.path))
    let found = try repository.unchangedFiles(under: folder)
    for (path, id) in found {
      let hashed = try fixture.git(["hash-object", "--no-filters", path]).trimmingCharacters(
        in: .whitespacesAndNewlines)
      #expect(id.hex == hashed, "\(path): the work tree's bytes are not the blob's")
    }
    return found
  }

  @Test func listsTheFilesTheWorkTreeLeftAsTheIndexHasThem() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "start",
      files: [
        "docs/same.md": "same\n", "docs/edited.md": "one\n", "docs/staged.md": "one\n",
        "docs/gone.md": "gone\n",
        "docs/deeper/same.md": "deep\n", "other/outside.md": "outside\n",
      ])
    try fixture.folder.write("docs/edited.md", "two, longer\n")
    try fixture.folder.write("docs/staged.md", "staged\n")
    try fixture.git(["add", "docs/staged.md"])
    try FileManager.default.removeItem(atPath: fixture.path + "/docs/gone.md")
    try fixture.folder.write("docs/untracked.md", "new\n")
    let found = try Self.checked(fixture)
    // The staged file's bytes are the index's blob, not HEAD's: listed with the index's id.
    #expect(Set(found.keys) == ["docs/same.md", "docs/staged.md", "docs/deeper/same.md"])
  }

  @Test func aFileRewrittenInTheSameSecondAsItsIndexEntryIsNotTakenForUnchanged() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["docs/racy.md": "aaaa\n", "docs/other.md": "x\n"])
    // Same size, written right after the index: its stat data may match the index's.
    try fixture.folder.write("docs/racy.md", "bbbb\n")
    let found = try Self.checked(fixture)
    #expect(found["docs/racy.md"] == nil)
    #expect(found["docs/other.md"] != nil)
  }

  @Test func listsNothingWhereAFilterCouldConvertTheBytes() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["docs/a.md": "a\n", "docs/b.md": "b\n"])
    #expect(try Self.checked(fixture).count == 2)
    // Attributes that convert nothing (GitHub's linguist ones) leave the files known.
    try fixture.folder.write(".gitattributes", "*.md linguist-detectable=true\n*.png binary -diff\n")
    #expect(try Self.checked(fixture).count == 2)
    try FileManager.default.removeItem(atPath: fixture.path + "/.gitattributes")
    // An attributes file that converts, anywhere git reads one: in the folder, untracked.
    try fixture.folder.write("docs/.gitattributes", "*.md text eol=crlf\n")
    #expect(try Self.checked(fixture).isEmpty)
    try FileManager.default.removeItem(atPath: fixture.path + "/docs/.gitattributes")
    // In the repository's info/attributes.
    try fixture.folder.write(".git/info/attributes", "*.md ident\n")
    #expect(try Self.checked(fixture).isEmpty)
    try FileManager.default.removeItem(atPath: fixture.path + "/.git/info/attributes")
    // core.autocrlf converts line endings of every text file.
    try fixture.git(["config", "core.autocrlf", "true"])
    #expect(try Self.checked(fixture).isEmpty)
    try fixture.git(["config", "core.autocrlf", "false"])
    #expect(try Self.checked(fixture).count == 2)
    // Committed at the root, then deleted from the work tree: libgit2 still reads the index's.
    try fixture.commit("attributes", files: [".gitattributes": "*.md filter=lfs\n"])
    #expect(try Self.checked(fixture).isEmpty)
    try FileManager.default.removeItem(atPath: fixture.path + "/.gitattributes")
    #expect(try Self.checked(fixture).isEmpty)
  }

  @Test func leavesOutEntriesTheIndexSaysNotToLookAt() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "start", files: ["docs/assumed.md": "a\n", "docs/plain.md": "p\n", "docs/link-target.md": "t\n"])
    try fixture.git(["update-index", "--assume-unchanged", "docs/assumed.md"])
    try fixture.folder.write("docs/assumed.md", "changed behind git's back\n")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/docs/link.md", withDestinationPath: "link-target.md")
    try fixture.git(["add", "docs/link.md"])
    let found = try Self.checked(fixture)
    #expect(Set(found.keys) == ["docs/plain.md", "docs/link-target.md"])
  }

  @Test func aFolderNamedLikeAPatternIsComparedAsAPath() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["drafts[1]/a.md": "a\n", "drafts[1]/b.md": "b\n"])
    try fixture.folder.write("drafts[1]/a.md", "edited, and longer\n")
    #expect(Set(try Self.checked(fixture, "drafts[1]").keys) == ["drafts[1]/b.md"])
  }

  @Test func autocrlfWrittenWithoutAValueIsOn() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["docs/a.md": "a\n"])
    #expect(try Self.checked(fixture).count == 1)
    let config = fixture.path + "/.git/config"
    let text = try String(contentsOfFile: config, encoding: .utf8)
    try (text + "[core]\n\tautocrlf\n").write(toFile: config, atomically: true, encoding: .utf8)
    #expect(try Self.checked(fixture).isEmpty)
  }

  @Test func attributesThatConvertAreTold() {
    let converting = [
      "*.md text", "*.md -text", "*.md eol=lf", "* crlf", "*.md ident", "*.md filter=lfs diff=lfs",
      "[attr]doc text", "docs/* !text", "\"a b.md\" linguist-vendored",
    ]
    for line in converting {
      #expect(Repository.attributesMayConvert(Data((line + "\n").utf8)), "\(line)")
    }
    let inert = [
      "*.md linguist-detectable=true", "# *.md text", "*.png binary", "*.md diff=markdown merge=union", "",
    ]
    for line in inert {
      #expect(!Repository.attributesMayConvert(Data((line + "\n").utf8)), "\(line)")
    }
  }
}
