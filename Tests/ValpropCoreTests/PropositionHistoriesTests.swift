import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The revisions of every file from one walk, against `valprop log`'s walk of each file
/// and against git.
@Suite struct PropositionHistoriesTests {
  @Test func listsWhatLogListsForEveryFileOfAGeneratedHistory() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 50, commits: 400, seed: 23).generate(into: fixture)
    let workspace = try Workspace(at: fixture.path)
    let paths = try HistoryWalkerTests.propositionPaths(fixture)
    #expect(paths.count == 50)
    let files = paths.map {
      PropositionHistories.File(path: $0, id: String($0.split(separator: "/").last!.dropLast(3)))
    }
    let all = try PropositionHistories(repository: workspace.repository, files: files)
    var renames = 0
    for file in files {
      let one = try PropositionLog(repository: workspace.repository, path: file.path, id: file.id).entries
      let walked = try #require(all.entries[file.path], "\(file.path)")
      #expect(walked.map(\.stamp.commit) == one.map(\.stamp.commit), "commits of \(file.path)")
      #expect(walked.map(\.change) == one.map(\.change), "changes of \(file.path)")
      #expect(walked.map(\.path) == one.map(\.path), "paths of \(file.path)")
      #expect(walked.map(\.oldPath) == one.map(\.oldPath), "old paths of \(file.path)")
      #expect(walked.map(\.blob) == one.map(\.blob), "blobs of \(file.path)")
      #expect(walked.map(\.diff) == one.map(\.diff), "diffs of \(file.path)")
      #expect(walked.map(\.subject) == one.map(\.subject), "subjects of \(file.path)")
      // And git's own list of the commits.
      let (log, _) = try HistoryWalkerTests.gitLog(fixture, file.path)
      #expect(walked.map(\.stamp.commit.hex) == log.map(\.0), "git log of \(file.path)")
      renames += walked.filter { $0.change == .renamed }.count
    }
    #expect(renames > 5, "the generated history renames files")
    #expect(all.truncated.isEmpty)
    // The revisions the walk's worker made are those made after the walk on every core.
    let after = try PropositionHistories(repository: workspace.repository, files: files, worker: false)
    let blobs = Set(after.entries.values.flatMap { $0.compactMap(\.blob) })
    #expect(
      blobs.count >= 2 * PropositionHistories.RevisionPipeline.splitReadsFrom,
      "enough versions are left for the two readers of finish()")
    #expect(after.kept == all.kept, "the bytes freshness reads are kept whichever thread read them")
    for file in files {
      let walked = try #require(all.entries[file.path])
      let made = try #require(after.entries[file.path])
      #expect(made.map(\.stamp.commit) == walked.map(\.stamp.commit), "commits of \(file.path)")
      #expect(made.map(\.diff) == walked.map(\.diff), "diffs of \(file.path)")
      #expect(made.map(\.proposition?.text) == walked.map(\.proposition?.text), "versions of \(file.path)")
    }
  }

  @Test func followsFilesInSeveralFoldersAndAtTheRoot() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "add", files: ["a/one.md": "# One\n\nfirst\n", "b/two.md": "# Two\n\nfirst\n", "three.md": "x\n"])
    try fixture.commit("edit one", files: ["a/one.md": "# One\n\nsecond\n"])
    try fixture.git(["mv", "b/two.md", "a/two.md"])
    try fixture.commit("move two")
    try fixture.commit("edit two and three", files: ["a/two.md": "# Two\n\nsecond\n", "three.md": "y\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let all = try PropositionHistories(
      repository: repository,
      files: [
        .init(path: "a/one.md", id: "one"), .init(path: "a/two.md", id: "two"),
        .init(path: "three.md", id: "three"),
      ])
    #expect(all.entries["a/one.md"]?.map(\.subject) == ["edit one", "add"])
    #expect(all.entries["a/two.md"]?.map(\.subject) == ["edit two and three", "move two", "add"])
    #expect(all.entries["a/two.md"]?.map(\.change) == [.modified, .renamed, .added])
    #expect(all.entries["a/two.md"]?.last?.path == "b/two.md")
    #expect(all.entries["three.md"]?.map(\.subject) == ["edit two and three", "add"])
  }

  /// rust-lang/rfcs renamed `2071-impl-trait-type-alias.md` to `…-existential-types.md`,
  /// then added a new `…-type-alias.md` in its place: older commits have one file under the
  /// old name that both files' histories go on through, as `git log --follow` lists them.
  /// The walk once kept one file per name there, so which of the two lost its older
  /// history depended on the order of a dictionary.
  @Test func twoFilesWhoseHistoriesMeetUnderOneNameBothKeepIt() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["text/old.md": "# Old\n\nfirst\n", "text/other.md": "# Other\n"])
    try fixture.commit("edit", files: ["text/old.md": "# Old\n\nsecond\n"])
    try fixture.git(["mv", "text/old.md", "text/new.md"])
    try fixture.commit("rename")
    try fixture.commit("link from the old name", files: ["text/old.md": "Moved to new.md.\n"])
    try fixture.commit("edit both", files: ["text/new.md": "# Old\n\nthird\n", "text/old.md": "Moved.\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let files: [PropositionHistories.File] = [
      .init(path: "text/new.md", id: "new"), .init(path: "text/old.md", id: "old"),
      .init(path: "text/other.md", id: "other"),
    ]
    // Each order of the files, so that neither can win by being first.
    for order in [files, files.reversed()] {
      let all = try PropositionHistories(repository: repository, files: order)
      #expect(
        all.entries["text/new.md"]?.map(\.subject) == ["edit both", "rename", "edit", "add"])
      #expect(all.entries["text/new.md"]?.map(\.change) == [.modified, .renamed, .modified, .added])
      #expect(
        all.entries["text/old.md"]?.map(\.subject) == [
          "edit both", "link from the old name", "rename", "edit", "add",
        ])
      #expect(
        all.entries["text/old.md"]?.map(\.change) == [.modified, .added, .deleted, .modified, .added])
      for file in files {
        let one = try PropositionLog(repository: repository, path: file.path, id: file.id).entries
        #expect(all.entries[file.path]?.map(\.stamp.commit) == one.map(\.stamp.commit), "\(file.path)")
        #expect(all.entries[file.path]?.map(\.diff) == one.map(\.diff), "\(file.path)")
        let (log, _) = try HistoryWalkerTests.gitLog(fixture, file.path)
        #expect(all.entries[file.path]?.map(\.stamp.commit.hex) == log.map(\.0), "git log of \(file.path)")
      }
    }
  }

  /// A version the worker (or the reading after the walk) cannot read is an error from
  /// the walk, never a revision left out.
  @Test func aBlobThatCannotBeReadIsAnError() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n\none\n"])
    try fixture.commit("edit", files: ["propositions/a.md": "# A\n\ntwo\n"])
    let blob = try fixture.git(["rev-parse", "HEAD:propositions/a.md"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    try FileManager.default.removeItem(
      atPath: fixture.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2))
    let repository = try #require(try Repository.discover(from: fixture.path))
    for worker in [true, false] {
      #expect(throws: GitError.self, "worker: \(worker)") {
        try PropositionHistories(
          repository: repository, files: [.init(path: "propositions/a.md", id: "a")], worker: worker)
      }
    }
  }

  @Test func aShallowCloneMarksWhatItCut() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n\none\n"])
    try fixture.commit("edit", files: ["propositions/a.md": "# A\n\ntwo\n"])
    try fixture.commit("again", files: ["propositions/a.md": "# A\n\nthree\n"])
    let clone = try TemporaryFolder()
    let result = try Shell.run(
      Shell.which("git"), ["clone", "-q", "--depth", "2", "file://" + fixture.path, clone.path + "/c"],
      environment: GitFixture.environment)
    #expect(result.status == 0, "\(result)")
    let repository = try #require(try Repository.discover(from: clone.path + "/c"))
    let all = try PropositionHistories(
      repository: repository, files: [.init(path: "propositions/a.md", id: "a")])
    #expect(all.entries["propositions/a.md"]?.map(\.subject) == ["again"])
    #expect(all.truncated == ["propositions/a.md"])
  }
}
