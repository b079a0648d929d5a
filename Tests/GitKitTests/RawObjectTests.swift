import CLibGit2
import Foundation
import TestSupport
import Testing

@testable import GitKit

/// The raw readers the history walk uses, checked against libgit2's parsers and git itself.
@Suite struct RawObjectTests {
  /// Names of a folder that exercise git's order: `x` as a folder sorts as `x/`, after
  /// `x-y.md` and `x.md` but before `x0.md`.
  static let names = ["x-y.md", "x.md", "x0.md", "a.md", "zz.md"] + (0..<140).map { "p\($0).md" }

  @Test func changesAgreeWithGitDiffTreeOnRandomEdits() throws {
    let fixture = try GitFixture()
    var generator = SplitMix(seed: 11)
    var files: [String: String] = [:]
    for name in Self.names { files[name] = "\(name) 0\n" }
    files["x/inner.md"] = "inside\n"
    try fixture.commit("start", files: files)
    let repository = try #require(try Repository.discover(from: fixture.path))
    for round in 1...40 {
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let name = Self.names.randomElement(using: &generator)!
        let full = fixture.path + "/" + name
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: try fixture.folder.write(name, "\(name) \(round)\n")
        case 1: unlink(full)
        case 2: chmod(full, FileManager.default.isExecutableFile(atPath: full) ? 0o644 : 0o755)
        case 3: try fixture.folder.write("x/inner.md", "inside \(round)\n")
        default: try fixture.folder.write("new-\(round).md", "added\n")
        }
      }
      try fixture.git(["add", "-A"])
      try fixture.git(["commit", "-q", "--allow-empty", "-m", "round \(round)"])
      let expected = Set(
        try fixture.git(["diff-tree", "--name-only", "HEAD~1", "HEAD"]).split(separator: "\n").map(
          String.init))
      let new = try repository.rawTree(try repository.commitHeader(try head(fixture)).treeID)
      let old = try repository.rawTree(try repository.commitHeader(try head(fixture, "HEAD~1")).treeID)
      #expect(Set(try new.changes(comparedTo: old).keys) == expected, "round \(round)")
      #expect(Set(try old.changes(comparedTo: new).keys) == expected, "round \(round), reversed")
      try expectChanges(new, comparedTo: old, expected)
      try expectChanges(old, comparedTo: new, expected)
      #expect(try new.changes(comparedTo: new).isEmpty)
    }
  }

  @Test func aFileReplacedByAFolderOfTheSameNameIsAChange() throws {
    let fixture = try GitFixture()
    try fixture.commit("file", files: ["k": "file\n", "k.md": "a\n", "k0.md": "b\n"])
    try fixture.git(["rm", "-q", "k"])
    try fixture.commit("folder", files: ["k/inside.md": "folder\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let new = try repository.rawTree(try repository.commitHeader(try head(fixture)).treeID)
    let old = try repository.rawTree(try repository.commitHeader(try head(fixture, "HEAD~1")).treeID)
    #expect(Set(try new.changes(comparedTo: old).keys) == ["k"])
    #expect(try new.changes(comparedTo: nil).keys.sorted() == ["k", "k.md", "k0.md"])
    // Each side's entry under the name is the other kind of file.
    #expect(try new.changes(comparedTo: old)["k"]??.kind == .blob)
    #expect(try old.changes(comparedTo: new)["k"]??.kind == .tree)
    try expectChanges(new, comparedTo: old, ["k"])
    #expect(try new.changes(comparedTo: nil) == ["k": nil, "k.md": nil, "k0.md": nil])
  }

  /// `changes(comparedTo:)` lists the names that differ, each with what the other folder
  /// holds under it as `entry(named:)` finds it.
  private func expectChanges(
    _ tree: RawTree, comparedTo other: RawTree, _ expected: Set<String>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let changes = try tree.changes(comparedTo: other)
    #expect(Set(changes.keys) == expected, sourceLocation: sourceLocation)
    for (name, entry) in changes {
      #expect(entry == (try other.entry(named: name)), "\(name)", sourceLocation: sourceLocation)
    }
  }

  @Test func entriesAndLookupsMatchLibgit2() throws {
    let fixture = try GitFixture()
    var files: [String: String] = [:]
    for name in Self.names { files[name] = "\(name)\n" }
    files["x/inner.md"] = "inside\n"
    files["tool.sh"] = "#!/bin/sh\n"
    try fixture.commit("start", files: files)
    chmod(fixture.path + "/tool.sh", 0o755)
    symlink("x.md", fixture.path + "/link.md")
    try fixture.git(["add", "-A"])
    try fixture.git(["commit", "-q", "-m", "modes"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let header = try repository.commitHeader(try head(fixture))
    let raw = try repository.rawTree(header.treeID)
    let parsed = try repository.tree(header.treeID)
    #expect(try raw.entries() == parsed.entries)
    for entry in parsed.entries {
      #expect(try raw.entry(named: entry.name) == entry)
    }
    for missing in ["x", "x.m", "x.mdd", "", "p1", "zz.md/", "inner.md"] where missing != "x" {
      #expect(try raw.entry(named: missing) == nil, "\(missing)")
    }
    #expect(try raw.entry(named: "x")?.kind == .tree)
    #expect(try repository.entry(atPath: "x/inner.md", in: raw) == parsed.entry(atPath: "x/inner.md"))
    #expect(try repository.entry(atPath: "x/none.md", in: raw) == nil)
    #expect(try repository.subtree(atPath: "x", in: raw)?.entries().map(\.name) == ["inner.md"])
    #expect(try repository.subtree(atPath: "x.md", in: raw) == nil)

    // Paths are cut at "/" bytes, as git cuts them, also where a combining mark after a "/"
    // makes one Character of the two.
    try fixture.commit("accent", files: ["\u{301}y/\u{301}z.md": "z\n"])
    let accented = try repository.rawTree(try repository.commitHeader(try head(fixture)).treeID)
    #expect(try repository.entry(atPath: "\u{301}y/\u{301}z.md", in: accented)?.name == "\u{301}z.md")
    #expect(
      try repository.subtree(atPath: "\u{301}y", in: accented)?.entries().map(\.name) == ["\u{301}z.md"])
  }

  @Test func commitHeadersMatchLibgit2AndGit() throws {
    let fixture = try GitFixture()
    try fixture.commit("root", files: ["a.md": "1\n"], date: "2020-01-02T03:04:05+05:30")
    try fixture.git(["checkout", "-q", "-b", "side"])
    try fixture.commit("side", files: ["b.md": "1\n"])
    try fixture.git(["checkout", "-q", "-b", "third", "main"])
    try fixture.commit("third", files: ["c.md": "1\n"])
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("main", files: ["a.md": "2\n"])
    try fixture.git(["merge", "-q", "--no-edit", "side", "third"])
    try fixture.git(
      ["commit", "-q", "--allow-empty", "-m", "odd author"],
      environment: [
        "GIT_AUTHOR_NAME": "Zoë \u{1F600} <weird>", "GIT_AUTHOR_EMAIL": "z@example.com",
        "GIT_AUTHOR_DATE": "1999-12-31T23:59:59-01:30",
      ])
    // A commit object git's tools write rarely: an encoding header and a duplicated author.
    let tree = try fixture.git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .newlines)
    let parent = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
    let crafted = """
      tree \(tree)
      parent \(parent)
      author First <first@example.com> 1600000000 +0100
      author Second <second@example.com> 1600000001 +0200
      committer C <c@example.com> 1600000002 -0300
      encoding ISO-8859-1

      crafted

      """
    let craftedID = try Shell.run(
      Shell.which("git"), ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], in: fixture.path,
      environment: GitFixture.environment, input: Data(crafted.utf8)
    ).stdout.trimmingCharacters(in: .newlines)
    try fixture.git(["update-ref", "refs/heads/crafted", craftedID])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let ids = try fixture.git(["rev-list", "--all"]).split(separator: "\n").map(String.init)
    #expect(ids.count == 7)
    for hex in ids {
      let id = try #require(ObjectID(hex: hex))
      let header = try repository.commitHeader(id)
      let commit = try repository.commit(id)
      #expect(header.treeID == commit.treeID, "\(hex)")
      #expect(header.parentIDs == commit.parentIDs, "\(hex)")
      #expect(try header.author() == commit.author, "\(hex)")
      let committerTime = try fixture.git(["log", "-1", "--format=%ct", hex]).trimmingCharacters(
        in: .newlines)
      #expect(header.time == Int64(committerTime), "\(hex)")
    }
    #expect(try repository.commitHeader(try #require(ObjectID(hex: craftedID))).author().name == "First")
  }

  /// The summaries a walk reads are libgit2's, whether read from the bytes or left to
  /// libgit2, for messages as git writes them with `--cleanup=verbatim` and a signed one.
  @Test func commitSummariesMatchLibgit2() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["a.md": "1\n"])
    let messages = [
      "plain subject", "subject\n\nbody\nmore", "two lines\nof subject\n\nbody", " leading space",
      "carriage\r\nreturn", "tab\there", "trailing spaces   \n\nbody", "\n\nblank lines first",
      "Zoë \u{1F600}",
    ]
    for message in messages {
      try fixture.git(["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", message])
    }
    let tree = try fixture.git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .newlines)
    let signed =
      "tree \(tree)\nauthor A <a@example.com> 1600000000 +0100\ncommitter C <c@example.com> 1600000002 -0300\n"
      + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nsigned subject\n"
    let signedID = try Shell.run(
      Shell.which("git"), ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], in: fixture.path,
      environment: GitFixture.environment, input: Data(signed.utf8)
    ).stdout.trimmingCharacters(in: .newlines)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let ids = try fixture.git(["rev-list", "HEAD"]).split(separator: "\n").map(String.init) + [signedID]
    #expect(ids.count == messages.count + 2)
    var fromBytes = 0
    for hex in ids {
      let id = try #require(ObjectID(hex: hex))
      let read = try repository.commitSummary(id)
      let commit = try repository.commit(id)
      #expect(read.summary == commit.summary, "\(hex)")
      #expect(read.header.treeID == commit.treeID && read.header.parentIDs == commit.parentIDs, "\(hex)")
      #expect(try read.header.author() == commit.author, "\(hex)")
      // The header is the one a history walk reads, whichever reader gave the summary.
      let header = try repository.commitHeader(id)
      #expect(read.header.time == header.time, "\(hex)")
      #expect(try read.header.author() == header.author(), "\(hex)")
      let object = try repository.rawObject(id, kind: .commit)
      if CommitHeader.plainSummary(object.bytes) != nil { fromBytes += 1 }
    }
    #expect(fromBytes == 7, "the usual shapes are read from the bytes, the others left to libgit2")
    #expect(try repository.commitSummary(try #require(ObjectID(hex: signedID))).summary == "signed subject")
  }

  /// Commit headers off git's usual shape: the fast path leaves each to libgit2, so the walk
  /// sees what libgit2 sees (or libgit2's refusal).
  @Test(arguments: [
    "committer C <c>1600000002 -0300",  // no space before the time
    "committer C <c> 9223372036854775807 -0300",  // 19 digits
    "committer C c> 1600000002 -0300",  // no '<'
    "committer C <c> 1600000002",  // no zone
    "committer C <c> x -0300",  // no digits
    "committer C <c\u{0}> 1600000002 -0300",  // a NUL byte
  ])
  func unusualCommitterLinesAreLeftToLibgit2(_ committer: String) throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["a.md": "1\n"])
    let tree = try fixture.git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .newlines)
    let crafted = "tree \(tree)\nauthor A <a@example.com> 1600000000 +0100\n\(committer)\n\nmessage\n"
    let id = try Shell.run(
      Shell.which("git"), ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], in: fixture.path,
      environment: GitFixture.environment, input: Data(crafted.utf8)
    ).stdout.trimmingCharacters(in: .newlines)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let object = try repository.rawObject(try #require(ObjectID(hex: id)), kind: .commit)
    #expect(CommitHeader.parse(object.bytes, id: object.id) == nil, "the fast path declines")
    if let commit = try? repository.commit(object.id) {
      let header = try repository.commitHeader(object.id)
      #expect(header.treeID == commit.treeID && header.parentIDs == commit.parentIDs)
      #expect(header.time == Int64(git_commit_time(commit.pointer)))
      #expect(try header.author() == commit.author)
    } else {
      #expect(throws: GitError.self) { try repository.commitHeader(object.id) }
    }
  }

  @Test func aDamagedTreeIsAnErrorNotACrash() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["a.md": "1\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let good = try repository.rawTree(try repository.commitHeader(try head(fixture)).treeID)
    let damaged: [[UInt8]] = [
      Array("100644 a.md".utf8),  // no NUL
      Array("100644 a.md\0short".utf8),  // id cut short
      Array("10x644 a.md\0".utf8) + [UInt8](repeating: 1, count: 20),  // mode not octal
      Array("100644\0".utf8) + [UInt8](repeating: 1, count: 20),  // no space after the mode
      Array("100644 \0".utf8) + [UInt8](repeating: 1, count: 20),  // an empty name
    ]
    for bytes in damaged {
      let id = try Shell.run(
        Shell.which("git"), ["hash-object", "-t", "tree", "-w", "--literally", "--stdin"], in: fixture.path,
        environment: GitFixture.environment, input: Data(bytes)
      ).stdout.trimmingCharacters(in: .newlines)
      let tree = try repository.rawTree(try #require(ObjectID(hex: id)))
      #expect(throws: GitError.self) { try tree.entries() }
      #expect(throws: GitError.self) { try tree.changes(comparedTo: good).keys }
      #expect(throws: GitError.self) { try good.changes(comparedTo: tree).keys }
    }
    #expect(throws: GitError.self) {
      try repository.rawTree(try repository.commitHeader(try head(fixture)).id)
    }
  }

  @Test(arguments: [0, 1, 7, 8, 9, 255, 256, 257, 600])
  func byteRunsFindTheSharedStartAndEnd(length: Int) {
    var generator = SplitMix(seed: UInt64(length) + 1)
    for _ in 0..<50 {
      let left = (0..<length).map { _ in UInt8.random(in: 0...3, using: &generator) }
      var right = left
      if !right.isEmpty, Bool.random(using: &generator) {
        right[Int.random(in: 0..<right.count, using: &generator)] &+= 1
      }
      if Bool.random(using: &generator) {
        right.insert(9, at: Int.random(in: 0...right.count, using: &generator))
      }
      // One byte of padding, so that even an empty buffer has an address.
      let runs = (left + [0]).withUnsafeBufferPointer { a in
        (right + [0]).withUnsafeBufferPointer { b in
          ByteRuns(a.baseAddress!, left.count, b.baseAddress!, right.count)
        }
      }
      let shorter = min(left.count, right.count)
      var prefix = 0
      while prefix < shorter, left[prefix] == right[prefix] { prefix += 1 }
      var suffix = 0
      while suffix < shorter - prefix, left[left.count - 1 - suffix] == right[right.count - 1 - suffix] {
        suffix += 1
      }
      #expect(runs.prefix == prefix)
      #expect(runs.suffix == suffix)
      // The same from the buffers themselves, an empty one perhaps without an address.
      let buffers = left.withUnsafeBufferPointer { a in right.withUnsafeBufferPointer { b in ByteRuns(a, b) }
      }
      #expect(buffers.prefix == prefix && buffers.suffix == suffix)
    }
  }

  private func head(_ fixture: GitFixture, _ revision: String = "HEAD") throws -> ObjectID {
    try #require(ObjectID(hex: try fixture.git(["rev-parse", revision]).trimmingCharacters(in: .newlines)))
  }
}
