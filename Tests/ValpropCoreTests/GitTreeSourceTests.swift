import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// A commit's tree as a source of propositions: its listing, and what it reads, against
/// `git ls-tree` and `git cat-file`.
@Suite struct GitTreeSourceTests {
  /// A repository whose `text/` folder holds what a listing must take or leave: nested and
  /// hidden folders, hidden files, other extensions, a symbolic link, a submodule and a name
  /// that is not UTF-8.
  static func tangledRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    let files = [
      "text/a.md", "text/b.md", "text/sub/c.md", "text/sub/deeper/d.md", "text/.hidden.md",
      "text/.dir/e.md", "text/sub/.f.md", "text/notes.txt", "text/x.MD", "text/é-accent.md",
      "text/md", "other/z.md",
    ]
    for (index, path) in files.enumerated() {
      try fixture.folder.write(path, "# File \(index)\n\nText \(index).\n")
    }
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/text/link.md", withDestinationPath: "a.md")
    // "text/" then the bytes 0xFF and ".md": a name that is not UTF-8; and 0xFF before a
    // combining acute accent, which decodes to U+FFFD and the accent in one Character.
    for name: [UInt8] in [[0xFF, 0x2E, 0x6D, 0x64], [0xFF, 0xCC, 0x81, 0x2E, 0x6D, 0x64]] {
      let raw = Array((fixture.path + "/text/").utf8) + name + [0]
      let made = raw.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
      }
      #expect(made >= 0)
      close(made)
    }
    _ = try fixture.git(["add", "-A"])
    let blob = try fixture.git(["hash-object", "-w", "text/a.md"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    _ = try fixture.git(["update-index", "--add", "--cacheinfo", "160000,\(blob),text/module"])
    _ = try fixture.git(["commit", "-q", "-m", "tangled"])
    return fixture
  }

  /// `git ls-tree -r` below a folder: path, mode and id of each entry, in git's order.
  static func lsTree(_ fixture: GitFixture, _ folder: String) throws -> [(
    path: String, mode: String, id: String
  )] {
    let data = try fixture.gitData(["ls-tree", "-r", "-z", "HEAD", "--", folder + "/"])
    return data.split(separator: 0).map { record in
      let text = String(decoding: record, as: UTF8.self)
      let (meta, path) = (
        text.split(separator: "\t", maxSplits: 1)[0], text.split(separator: "\t", maxSplits: 1)[1]
      )
      let parts = meta.split(separator: " ")
      return (String(path), String(parts[0]), String(parts[2]))
    }
  }

  @Test(arguments: ["text", "text/sub", "other", "absent"])
  func listsWhatGitListsAndReadsWhatLibGit2Reads(_ folder: String) throws {
    let fixture = try Self.tangledRepository()
    let repository = try #require(try Repository.discover(from: fixture.path))
    let tree = try #require(try repository.headCommit()).tree()
    let source = GitTreeSource(tree: tree, label: "HEAD")
    let listed = try source.markdownFiles(under: folder)
    // Expected: files ending in .md, no part below the folder starting with ".", no
    // submodule; a link marked as one.
    let expected = try Self.lsTree(fixture, folder).filter { entry in
      let below = entry.path.dropFirst(folder.count + 1)
      return entry.mode != "160000" && entry.path.utf8.suffix(3).elementsEqual(".md".utf8)
        && !below.split(separator: "/").contains { $0.hasPrefix(".") }
    }
    #expect(listed.map(\.path) == expected.map(\.path))
    #expect(listed.map(\.isSymlink) == expected.map { $0.mode == "120000" })
    #expect(folder == "absent" ? listed.isEmpty : !listed.isEmpty)
    // What it reads of each entry: a file's bytes and id as git has them, an error for a
    // link, nothing for a submodule (the name of a file that is not UTF-8 is not found by its
    // decoded path).
    for entry in try Self.lsTree(fixture, folder) where !entry.path.unicodeScalars.contains("\u{FFFD}") {
      switch entry.mode {
      case "100644", "100755":
        #expect(try source.blobID(entry.path)?.hex == entry.id, "\(entry.path)")
        #expect(
          try source.read(entry.path) == fixture.gitData(["cat-file", "blob", entry.id]), "\(entry.path)")
      case "120000":
        #expect(try source.blobID(entry.path) == nil)
        #expect(throws: ValpropError.self) { try source.read(entry.path) }
      default:
        #expect(try source.blobID(entry.path) == nil, "\(entry.path)")
        #expect(try source.read(entry.path) == nil, "\(entry.path)")
      }
    }
    for absent in ["text/sub", "text/nothing.md", "nowhere/x.md"] {
      #expect(try source.read(absent) == nil)
      #expect(try source.blobID(absent) == nil)
    }
  }

  /// The ids the listing gives are what `blobID` answers for the same paths, and a path it
  /// gives none for is a link or a name that is not UTF-8, for which `blobID` answers.
  @Test(arguments: ["text", "text/sub"])
  func listedIDsAreTheBlobIDsOfTheirPaths(_ folder: String) throws {
    let fixture = try Self.tangledRepository()
    let repository = try #require(try Repository.discover(from: fixture.path))
    let source = GitTreeSource(tree: try #require(try repository.headCommit()).tree(), label: "HEAD")
    let listed = try source.markdownFiles(under: folder)
    let byGit = Dictionary(uniqueKeysWithValues: try Self.lsTree(fixture, folder).map { ($0.path, $0.id) })
    for file in listed {
      if let id = file.blobID {
        #expect(id.hex == byGit[file.path], "\(file.path)")
        #expect(try source.blobID(file.path) == id, "\(file.path)")
      } else {
        #expect(file.isSymlink || file.path.unicodeScalars.contains("\u{FFFD}"), "\(file.path)")
      }
    }
    #expect(listed.contains { $0.blobID != nil })
    // The name that is not UTF-8 is listed without an id, and `blobID` finds none for it.
    if folder == "text" {
      let repaired = listed.filter { $0.blobID == nil && !$0.isSymlink }
      #expect(repaired.count == 2)
      for file in repaired { #expect(try source.blobID(file.path) == nil, "\(file.path)") }
    }
    // The catalog keeps them.
    let catalog = try PropositionCatalog(source: source, directory: folder)
    #expect(catalog.entries.map(\.blobID) == listed.sorted { $0.path < $1.path }.map(\.blobID))
  }
}
