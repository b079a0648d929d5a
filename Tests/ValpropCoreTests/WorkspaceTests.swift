import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct WorkspaceTests {
  @Test func catalogsNestedFoldersAndSkipsHiddenAndOtherFiles() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/a.md", "# A\n")
    try fixture.folder.write("propositions/team/b.md", "# B\n")
    try fixture.folder.write("propositions/team/deep/c.md", "# C\n")
    try fixture.folder.write("propositions/.drafts/hidden.md", "# H\n")
    try fixture.folder.write("propositions/notes.txt", "not markdown\n")
    try fixture.folder.write("elsewhere/d.md", "# D\n")
    let workspace = try Workspace(at: fixture.path + "/propositions/team")
    #expect(workspace.root == fixture.path)
    let catalog = try workspace.catalog()
    #expect(catalog.entries.map(\.id) == ["a", "b", "c"])
    #expect(
      catalog.entries.map(\.path) == [
        "propositions/a.md", "propositions/team/b.md", "propositions/team/deep/c.md",
      ])
    #expect(try workspace.proposition("c").title == "C")
  }

  @Test func reportsDuplicateIDsNamingBothFiles() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/one/x.md", "# X1\n")
    try fixture.folder.write("propositions/two/x.md", "# X2\n")
    try fixture.folder.write("propositions/y.md", "# Y\n")
    let workspace = try Workspace(at: fixture.path)
    let (propositions, problems) = try workspace.loadAll()
    #expect(propositions.map(\.id) == ["y"])
    #expect(problems == [.duplicateID("x", paths: ["propositions/one/x.md", "propositions/two/x.md"])])
    #expect(throws: ValpropError.duplicateID("x", paths: ["propositions/one/x.md", "propositions/two/x.md"]))
    {
      try workspace.proposition("x")
    }
  }

  /// Summaries, read from the files and then from the summary cache, are those of loading
  /// every file in turn: the same summaries and the same problems, in the same order.
  @Test func summariesAgreeWithLoadingEachFileInTurn() throws {
    let fixture = try GitFixture()
    for number in 0..<60 {
      let text: String
      switch number % 6 {
      case 0: text = "---\nstatus: nope\n---\n"
      case 1: text = ""
      case 2: text = "---\ntitle: \"T\(number)\"\nowner: [\"@a\", \"@b\"]\n---\n# Heading\n"
      default: text = "# Proposition \(number)\n\n## Problem\nWords.\n"
      }
      try fixture.folder.write("propositions/\(number % 3 == 0 ? "a/" : "")p\(number).md", text)
    }
    try fixture.folder.write("propositions/b/p7.md", "# A duplicate id\n")
    try fixture.commit("propositions")
    let workspace = try Workspace(at: fixture.path)
    let (propositions, expectedProblems) = try workspace.loadAll()
    #expect(expectedProblems.count == 20, "\(expectedProblems)")
    // Files changed within two seconds are never cached: the first run looks ten seconds on.
    let later = Date().addingTimeInterval(10)
    let first = try workspace.summaries(now: later)
    #expect(first.summaries == propositions.map(PropositionSummary.init))
    #expect(first.problems == expectedProblems)
    // The second run answers from the cache: a title changed there shows.
    let cache = SummaryCache(repository: workspace.repository)
    var entries = cache.load()
    #expect(entries.count == propositions.count)
    let changed = try #require(entries["propositions/p4.md"])
    entries["propositions/p4.md"] = (
      changed.stamp,
      PropositionSummary(
        id: changed.summary.id, path: changed.summary.path, title: "From the cache",
        status: changed.summary.status,
        framework: changed.summary.framework, owners: changed.summary.owners, tags: changed.summary.tags,
        reviewed: changed.summary.reviewed, reviewEvery: changed.summary.reviewEvery)
    )
    cache.save(entries)
    let second = try workspace.summaries(now: later)
    #expect(second.summaries.first { $0.id == "p4" }?.title == "From the cache")
    #expect(second.summaries.filter { $0.id != "p4" } == first.summaries.filter { $0.id != "p4" })
    #expect(second.problems == expectedProblems)
  }

  @Test func keepsListingPastBrokenFiles() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/good.md", Samples.core)
    try fixture.folder.write("propositions/bad.md", "---\nstatus: nope\n---\n")
    try fixture.folder.write("propositions/empty.md", "")
    let (propositions, problems) = try Workspace(at: fixture.path).loadAll()
    #expect(propositions.map(\.id) == ["good"])
    #expect(
      problems.compactMap(\.location?.path).sorted() == ["propositions/bad.md", "propositions/empty.md"])
  }

  @Test func reportsSymbolicLinksInsteadOfFollowingThem() throws {
    let fixture = try GitFixture()
    let outside = try TemporaryFolder()
    try outside.write("secret.md", "# Secret\n")
    try FileManager.default.createDirectory(
      atPath: fixture.path + "/propositions", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/propositions/link.md", withDestinationPath: outside.path + "/secret.md")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path + "/propositions/dir", withDestinationPath: outside.path)
    let (propositions, problems) = try Workspace(at: fixture.path).loadAll()
    #expect(propositions.isEmpty)
    // Both the link to a file and the link to a folder are named; neither is read.
    let messages = problems.map(\.problem).sorted()
    #expect(messages.count == 2, "\(messages)")
    #expect(messages.contains { $0.contains("propositions/dir: is a symbolic link") }, "\(messages)")
    #expect(messages.contains { $0.contains("propositions/link.md: is a symbolic link") }, "\(messages)")
  }

  @Test func refusesToOpenOutsideARepository() throws {
    let folder = try TemporaryFolder()
    #expect(throws: ValpropError.notARepository(path: folder.path)) {
      try Workspace(at: folder.path)
    }
  }

  @Test func reportsABadConfigWithItsLine() throws {
    let fixture = try GitFixture()
    try fixture.folder.write(".valprop.yml", "directory: p\ncolour: red\n")
    #expect {
      try Workspace(at: fixture.path)
    } throws: { error in
      (error as? ValpropError)?.problem == ".valprop.yml:2:1: unknown key 'colour'"
    }
  }

  @Test func readsABareRepositoryFromHEAD() throws {
    let bare = try GitFixture(bare: true)
    let work = try GitFixture()
    try work.commit("add", files: ["propositions/p.md": Samples.core, ".valprop.yml": "review-every: 30d\n"])
    try work.git(["push", "-q", bare.path, "main"])
    let workspace = try Workspace(at: bare.path)
    #expect(workspace.root == nil)
    #expect(workspace.config.reviewEvery == ReviewInterval("30d"))
    #expect(try workspace.loadAll().propositions.map(\.id) == ["p"])
    #expect(throws: ValpropError.self) { try workspace.writableRoot() }
  }

  @Test func findsAPropositionAtARevisionByIDAfterAMove() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/p.md": "# First\n"])
    try fixture.git(["mv", "propositions/p.md", "propositions/p-old.md"])
    try fixture.commit("rename")
    try fixture.folder.write("propositions/archive/p.md", "# Moved\n")
    let workspace = try Workspace(at: fixture.path)
    #expect(try workspace.proposition("p", at: "HEAD~1").title == "First")
    #expect(throws: ValpropError.unknownProposition("p", directory: "propositions", revision: "HEAD")) {
      try workspace.proposition("p", at: "HEAD")
    }
    #expect(try workspace.proposition("p").title == "Moved")
    #expect {
      try workspace.proposition("p", at: "no-such-rev")
    } throws: { error in
      if case ValpropError.unknownRevision("no-such-rev", _) = error { return true }
      return false
    }
  }
}

/// File names that are not UTF-8 are reported by name, never silently dropped.
@Suite struct NonUTF8NameTests {
  @Test func aFileNameThatIsNotUTF8IsReported() throws {
    let fixture = try GitFixture()
    try fixture.folder.write("propositions/good.md", "# Good\n")
    // "café.md" in Latin-1: the é is the single byte 0xE9.
    let bytes: [UInt8] = Array((fixture.path + "/propositions/caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
    let descriptor = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(descriptor >= 0)
    close(descriptor)
    let (propositions, problems) = try Workspace(at: fixture.path).loadAll()
    #expect(propositions.map(\.id) == ["good"])
    #expect(problems.count == 1)
    #expect(problems.first?.problem.contains("not valid UTF-8") == true, "\(problems)")
  }
}
