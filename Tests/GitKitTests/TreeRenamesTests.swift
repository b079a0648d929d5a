import Foundation
import TestSupport
import Testing

@testable import GitKit

/// The renames between two trees, found from the stored trees when one deleted and one added
/// file (or none of either) settle them, held to libgit2's rename finder, which answers every
/// other case and is what `VALPROP_READER=libgit2` uses.
@Suite struct TreeRenamesTests {
  /// Lines drawn for files: a long one (64-byte chunks), carriage returns, a NUL.
  static let lines = [
    "The first line of a design.\n", "Another line.\r\n", "\n", "- a list item\n", "| a | table |\n",
    String(repeating: "long words ", count: 12) + "\n", "tab\tseparated\n", "é and ü\n", "```\n",
    "nul\u{0}byte\n", "## A heading\n", "one more line of wording\n",
  ]

  /// A random history of files in nested folders: added, deleted, edited a little or a lot,
  /// renamed with and without edits, made executable, turned into links or folders, whole
  /// folders moved or removed; then each commit and the four after it, in both directions,
  /// are compared both ways.
  @Test func agreeWithLibGit2sRenameFinder() throws {
    var generator = SplitMix(seed: 2_812)
    let fixture = try GitFixture()
    let folders = ["", "a/", "a/b/", "c/"]
    var files: [String] = []
    var made = 0
    func content(_ count: Int) -> String {
      (0..<count).map { _ in Self.lines.randomElement(using: &generator)! }.joined()
    }
    func edit(_ path: String, replacing share: Double) throws {
      var kept = (fixture.folder.read(path) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        .map { String($0) + "\n" }
      for index in kept.indices where Double.random(in: 0..<1, using: &generator) < share {
        kept[index] = Self.lines.randomElement(using: &generator)!
      }
      try fixture.folder.write(path, kept.joined())
    }
    func newPath() -> String {
      made += 1
      return folders.randomElement(using: &generator)! + "f\(made).md"
    }
    var commits: [String] = []
    for _ in 0..<80 {
      for _ in 0..<Int.random(in: 1...2, using: &generator) {
        let path = files.randomElement(using: &generator)
        switch (Int.random(in: 0..<12, using: &generator), path) {
        case (0...2, _), (_, nil):
          // Tiny, ordinary and large files, so that sizes eight times apart occur.
          let size = [1, 2, 12, 40, 120].randomElement(using: &generator)!
          let added = newPath()
          try fixture.folder.write(added, content(Int.random(in: 0...size, using: &generator)))
          files.append(added)
        case (3, let path?):
          try FileManager.default.removeItem(atPath: fixture.path + "/" + path)
          files.removeAll { $0 == path }
        case (4...6, let path?):
          // Renamed, untouched or edited up to past the 50% a rename needs.
          let target = newPath()
          try FileManager.default.createDirectory(
            atPath: fixture.path + "/" + (target as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
          try FileManager.default.moveItem(
            atPath: fixture.path + "/" + path, toPath: fixture.path + "/" + target)
          if Bool.random(using: &generator) {
            try edit(target, replacing: [0.1, 0.4, 0.5, 0.6, 0.9].randomElement(using: &generator)!)
          }
          files.removeAll { $0 == path }
          files.append(target)
        case (7, let path?):
          try edit(path, replacing: 0.3)
        case (8, let path?):
          try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/" + path)
        case (9, let path?):
          // A file becomes a link to another, or a folder of its own name.
          try FileManager.default.removeItem(atPath: fixture.path + "/" + path)
          files.removeAll { $0 == path }
          if Bool.random(using: &generator) {
            try FileManager.default.createSymbolicLink(
              atPath: fixture.path + "/" + path, withDestinationPath: "x")
          } else {
            try fixture.folder.write(path + "/inside.md", content(8))
            files.append(path + "/inside.md")
          }
        case (10, _):
          let folder = ["a/b", "c"].randomElement(using: &generator)!
          if FileManager.default.fileExists(atPath: fixture.path + "/" + folder) {
            let moved = "moved\(made)"
            made += 1
            try FileManager.default.moveItem(
              atPath: fixture.path + "/" + folder, toPath: fixture.path + "/" + moved)
            files = files.map { $0.hasPrefix(folder + "/") ? moved + $0.dropFirst(folder.count) : $0 }
          }
        default:
          if FileManager.default.fileExists(atPath: fixture.path + "/c") {
            try FileManager.default.removeItem(atPath: fixture.path + "/c")
            files.removeAll { $0.hasPrefix("c/") }
          }
        }
      }
      commits.append(try fixture.commit("step \(commits.count)"))
    }
    let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    func root(_ commit: String) throws -> RawTree {
      try repository.rawTree(repository.commit(ObjectID(hex: commit)!).treeID)
    }
    var settled = (renamed: 0, kept: 0, libgit2: 0)
    for (i, older) in commits.enumerated() {
      for newer in commits[(i + 1)..<min(i + 5, commits.count)] {
        for (from, to) in [(older, newer), (newer, older)] {
          let (before, after) = (try root(from), try root(to))
          let library = try repository.changes(
            from: repository.tree(before.id), to: repository.tree(after.id), detectRenames: true
          )
          .filter { $0.status == .renamed }
          #expect(try repository.renames(from: before, to: after) == library, "\(from) to \(to)")
          switch try RenameCandidates(from: before, to: after, read: repository.rawTree).renames(
            blob: repository.blobData)
          {
          case nil: settled.libgit2 += 1
          case let found? where !found.isEmpty: settled.renamed += 1
          default: settled.kept += 1
          }
        }
      }
    }
    // Each way of settling was taken often: renames found, none found, and libgit2 asked.
    #expect(settled.renamed > 30 && settled.kept > 100 && settled.libgit2 > 100, "\(settled)")
  }

  /// The rules one deleted and one added file are settled by, each beside what libgit2 says:
  /// 50% similar is a rename and 49% is not; a file that became a link is a rename's
  /// source, while a link is never its target.
  @Test func settleOneDeletedAndOneAddedFileAsLibGit2Does() throws {
    let fixture = try GitFixture()
    let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    // 100 lines of 9 bytes: replacing k of them leaves 100 - k percent shared.
    let lines = (0..<100).map { String(format: "line %03d\n", $0) }
    func replacing(_ count: Int) -> String {
      (lines.dropLast(count) + (0..<count).map { String(format: "edit %03d\n", $0) }).joined()
    }
    let deleteA = { try FileManager.default.removeItem(atPath: fixture.path + "/a.md") }
    // Each case: what `a.md` holds first, whether `a.md` is renamed `b.md`, and the change.
    let cases: [(name: String, start: String, renamed: Bool, change: () throws -> Void)] = [
      (
        "50% similar", replacing(0), true,
        {
          try deleteA()
          try fixture.folder.write("b.md", replacing(50))
        }
      ),
      (
        "49% similar", replacing(0), false,
        {
          try deleteA()
          try fixture.folder.write("b.md", replacing(51))
        }
      ),
      (
        "unchanged", replacing(0), true,
        {
          try deleteA()
          try fixture.folder.write("b.md", replacing(0))
        }
      ),
      (
        "a file that became a link, its bytes added elsewhere", replacing(0), true,
        {
          try deleteA()
          try FileManager.default.createSymbolicLink(
            atPath: fixture.path + "/a.md", withDestinationPath: "c.md")
          try fixture.folder.write("b.md", replacing(0))
        }
      ),
      (
        "a link added with a deleted file's bytes", "c.md", false,
        {
          try deleteA()
          try FileManager.default.createSymbolicLink(
            atPath: fixture.path + "/b.md", withDestinationPath: "c.md")
        }
      ),
    ]
    for (name, start, renamed, change) in cases {
      try fixture.git(["rm", "-q", "-r", "--ignore-unmatch", "."])
      try fixture.folder.write("a.md", start)
      let before = try fixture.commit("before \(name)")
      try change()
      let after = try fixture.commit("after \(name)")
      let trees = try [before, after].map {
        try repository.rawTree(repository.commit(ObjectID(hex: $0)!).treeID)
      }
      let library = try repository.changes(
        from: repository.tree(trees[0].id), to: repository.tree(trees[1].id), detectRenames: true
      )
      .filter { $0.status == .renamed }
      let found = try repository.renames(from: trees[0], to: trees[1])
      #expect(found == library, "\(name)")
      #expect(found.map { "\($0.oldPath) \($0.newPath)" } == (renamed ? ["a.md b.md"] : []), "\(name)")
    }
  }

  /// From the empty tree everything is added, so nothing is renamed, as libgit2 says.
  @Test func findNoRenamesFromTheEmptyTree() throws {
    let fixture = try GitFixture()
    let commit = try fixture.commit("files", files: ["a.md": "a\n", "b/c.md": "c\n"])
    let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    let root = try repository.rawTree(repository.commit(ObjectID(hex: commit)!).treeID)
    let library = try repository.changes(from: nil, to: repository.tree(root.id), detectRenames: true)
    #expect(library.count == 2 && library.allSatisfy { $0.status == .added })
    #expect(try repository.renames(from: nil, to: root) == [])
  }

  /// Trees written byte by byte, with modes git writes and modes it never does: a submodule
  /// is no rename's target, and a mode of no known kind is left to libgit2, which reads the
  /// same bytes.
  @Test func leaveModesOfNoKnownKindToLibGit2() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("blob.txt", "one line\ntwo lines\n")
    let file = try fixture.git(["hash-object", "-w", fixture.path + "/blob.txt"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let commit = try fixture.commit("a commit for the submodule entry")
    /// A tree of these (mode, name, id) entries, sorted by name, written as git stores it.
    func tree(_ entries: [(String, String, String)]) throws -> RawTree {
      var bytes = Data()
      for (mode, name, id) in entries.sorted(by: { $0.1 < $1.1 }) {
        bytes.append(contentsOf: Array("\(mode) \(name)".utf8) + [0])
        // The id's 20 bytes, from its hex.
        let hex = Array(id.utf8)
        bytes.append(
          contentsOf: stride(from: 0, to: 40, by: 2).map {
            UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
          })
      }
      let path = fixture.path + "/tree.bin"
      try bytes.write(to: URL(fileURLWithPath: path))
      let id = try fixture.git(["hash-object", "-w", "-t", "tree", "--literally", path])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
      return try repository.rawTree(ObjectID(hex: id)!)
    }
    let before = try tree([("100644", "a.md", file)])
    let cases: [(name: String, after: RawTree, settled: Bool)] = [
      ("moved", try tree([("100644", "b.md", file)]), true),
      ("a submodule added", try tree([("160000", "b.md", commit)]), true),
      ("a link added", try tree([("120000", "b.md", file)]), true),
      (
        "a mode of no kind, and the file moved", try tree([("644", "a.md", file), ("100644", "b.md", file)]),
        false
      ),
      ("a link with an execute bit, a link to libgit2 too", try tree([("120755", "b.md", file)]), true),
    ]
    let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    for (name, after, settled) in cases {
      let library = try repository.changes(
        from: repository.tree(before.id), to: repository.tree(after.id), detectRenames: true
      )
      .filter { $0.status == .renamed }
      #expect(try repository.renames(from: before, to: after) == library, "\(name)")
      let candidates = try RenameCandidates(from: before, to: after, read: repository.rawTree)
      #expect((candidates.renames(blob: repository.blobData) != nil) == settled, "\(name)")
    }
  }
}
