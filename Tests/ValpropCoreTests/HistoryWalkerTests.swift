import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The history walk against git itself: `git log -1 -- <path>` for the last change, and the
/// commit subjects of a generated history for the last edit.
@Suite struct HistoryWalkerTests {
  /// Paths of the work tree's propositions, by the key in their file name.
  static func propositionPaths(_ fixture: GitFixture) throws -> [String] {
    try fixture.git(["ls-files", "propositions"]).split(separator: "\n").map(String.init)
  }

  /// git's list of the commits that touched a file, newest first, as (hash, subject):
  /// `git log -- <path>` (git's own history simplification, merges included), continued
  /// under the old name where the commit that added the path renamed it (`git diff -M`).
  /// (`git log --follow` cannot be the oracle: it leaves out merges that change the file.)
  static func gitLog(_ fixture: GitFixture, _ path: String) throws -> (
    entries: [(String, String)], renames: Int
  ) {
    var result: [(String, String)] = []
    var renames = 0
    var path = path
    var start = "HEAD"
    while true {
      let entries = try fixture.git(["log", "--format=%H %s", start, "--", path]).split(separator: "\n").map {
        line in
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
      }
      result += entries
      guard let added = entries.last?.0,
        let parent = try? fixture.git(["rev-parse", "-q", "--verify", "\(added)^1"]).trimmingCharacters(
          in: .newlines)
      else { break }
      let found = try fixture.git(["diff", "--name-status", "-M", parent, added]).split(separator: "\n")
        .map { $0.split(separator: "\t").map(String.init) }
        .filter { $0.first?.hasPrefix("R") == true && $0.count == 3 && $0[2] == path }
      guard let rename = found.first else { break }
      path = rename[1]
      start = parent
      renames += 1
    }
    return (result, renames)
  }

  @Test func agreesWithGitOnAGeneratedHistory() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 120, commits: 900, seed: 11).generate(into: fixture)
    // Every "ignored" edit goes into .valprop-ignore-revs.
    let ignored = try fixture.git(["log", "--format=%H %s"]).split(separator: "\n")
      .filter { $0.split(separator: " ").dropFirst().first == "ignored" }.map { String($0.prefix(40)) }
    try fixture.folder.write(
      ".valprop-ignore-revs", "# cosmetic sweeps\n" + ignored.joined(separator: "\n") + "\n")
    let workspace = try Workspace(at: fixture.path)
    let paths = try Self.propositionPaths(fixture)
    #expect(paths.count == 120)
    let histories = try workspace.histories(of: paths)
    // Whatever the thread reading ahead compared, the walk compares the same.
    var checking = try HistoryWalker(repository: workspace.repository, ignoreRevs: workspace.ignoreRevs())
    checking.checksReadAhead = true
    #expect(try checking.histories(of: paths) == histories)
    var renamedFiles = 0
    var renamesFollowed = 0
    var mergesSeen = 0
    for path in paths {
      let history = try #require(histories[path], "\(path)")
      let (log, renames) = try Self.gitLog(fixture, path)
      let kinds = log.map { $0.1.split(separator: " ").first.map(String.init) ?? "" }
      // Last changed: the newest commit that is not a pure rename.
      let changed = try #require(zip(log, kinds).first { $0.1 != "rename" }?.0.0)
      #expect(history.lastChanged?.commit.hex == changed, "last changed of \(path)")
      if !kinds.contains(where: { $0 == "rename" || $0 == "renedit" }) {
        let plain = try fixture.git(["log", "-1", "--format=%H", "--", path]).trimmingCharacters(
          in: .newlines)
        #expect(history.lastChanged?.commit.hex == plain, "git log -1 -- \(path)")
      } else {
        renamedFiles += 1
      }
      if kinds.contains("evil") { mergesSeen += 1 }
      // valprop log lists the same commits in the same order.
      let id = String(path.split(separator: "/").last!.dropLast(3))
      let entries = try PropositionLog(repository: workspace.repository, path: path, id: id).entries
      #expect(entries.map(\.stamp.commit.hex) == log.map(\.0), "log of \(path)")
      #expect(entries.filter { $0.change == .renamed }.count == renames, "renames followed in \(path)")
      renamesFollowed += renames
      // Last edited: the newest commit whose subject says it changed the wording.
      let edited = zip(log, kinds).first { ["edit", "renedit", "evil", "add"].contains($0.1) }?.0.0
      #expect(history.lastEdited?.commit.hex == edited, "last edited of \(path): \(log.prefix(6))")
      #expect(!history.historyTruncated)
    }
    #expect(renamedFiles > 10, "the generated history renames files")
    #expect(renamesFollowed > 10, "git follows many of the renames")
    #expect(mergesSeen > 0, "an evil merge touched some file")
  }

  /// The walk reads packs directly; however git packed the history, the answers are the same.
  @Test func answersAlikeHoweverTheHistoryIsPacked() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 40, commits: 300, seed: 12).generate(into: fixture)
    let paths = try Self.propositionPaths(fixture)
    let fastImport = try Workspace(at: fixture.path).histories(of: paths, useCache: false)
    #expect(fastImport.count == 40)
    try fixture.git(["repack", "-q", "-a", "-d", "-f", "--depth=50"])
    #expect(try Workspace(at: fixture.path).histories(of: paths, useCache: false) == fastImport)
    try fixture.git(["-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f"])
    #expect(try Workspace(at: fixture.path).histories(of: paths, useCache: false) == fastImport)
    // Every object loose: libgit2 reads them all.
    let packFolder = fixture.path + "/.git/objects/pack"
    for name in try FileManager.default.contentsOfDirectory(atPath: packFolder) {
      let moved = fixture.path + "/" + name
      try FileManager.default.moveItem(atPath: packFolder + "/" + name, toPath: moved)
      if name.hasSuffix(".pack") {
        let result = try Shell.run(
          Shell.which("git"), ["unpack-objects", "-q"], in: fixture.path, environment: GitFixture.environment,
          input: Shell.contents(of: moved))
        #expect(result.status == 0, "\(result)")
      }
      try FileManager.default.removeItem(atPath: moved)
    }
    #expect(try Workspace(at: fixture.path).histories(of: paths, useCache: false) == fastImport)
  }

  /// The thread reading ahead hands over exactly what the walk would read and compare, in
  /// the walk's order (merges compared with every parent), and stops when told, even while it waits for the walk: for room in commits, or
  /// in bytes.
  @Test(
    .disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"),
    arguments: [(8, 16 << 20), (1_000, 1)])
  func readingAheadHandsOverWhatTheWalkWouldRead(lead: Int, budget: Int) throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 20, commits: 200, seed: 13).generate(into: fixture)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let paths = try Self.propositionPaths(fixture)
    let readAhead = try #require(
      HistoryReadAhead(repository: repository, start: head, paths: paths, lead: lead, budget: budget))
    let followed = paths.map { HistoryWalker.split($0).name }
    // Walk first parents only, as a walk that skips branches does.
    var id: ObjectID? = head
    var taken = 0
    var steps = 0
    var mergesCompared = 0
    var changesCompared = 0
    while let current = id {
      let header = try repository.commitHeader(current)
      // Say where the walk is, as the walk does first (the reader drops the side branches
      // behind it, which with room for one commit may be all it holds), then give the
      // reader time to get ahead.
      readAhead.visiting(time: header.time)
      TimeBound.wait(upTo: 200) { readAhead.header(current) != nil }
      if let prepared = readAhead.take(current) {
        taken += 1
        #expect(prepared.header.treeID == header.treeID)
        #expect(prepared.header.parentIDs == header.parentIDs)
        func folder(_ commit: ObjectID) throws -> RawTree? {
          try repository.subtree(
            atPath: "propositions", in: repository.rawTree(repository.commitHeader(commit).treeID))
        }
        let all = try header.parentIDs.map { try FolderComparison(here: folder(current), there: folder($0)) }
        let ready = prepared.folders["propositions"] ?? []
        #expect(ready == Array(all.prefix(ready.count)))
        // It compares up to the parent where no file it follows can go further: the first
        // identical one, or the one past which every followed name is unchanged.
        var needed = 0
        var differing = Set(followed)
        for comparison in all where !differing.isEmpty {
          needed += 1
          if comparison.identical { break }
          differing.formIntersection(comparison.changes.keys)
        }
        #expect(ready.count >= needed)
        mergesCompared += ready.count > 1 ? 1 : 0
        changesCompared += ready.filter { !$0.changes.isEmpty }.count
      }
      id = header.parentIDs.first
      steps += 1
    }
    #expect(steps > 100)
    #expect(taken > steps / 2, "the reader kept ahead of a slow walk")
    #expect(mergesCompared > 0)
    #expect(changesCompared > 50)
    readAhead.stop()
    // Stopped while it waits for room: a new reader on the same repository still works.
    let second = try #require(HistoryReadAhead(repository: repository, start: head, paths: ["a.md"], lead: 2))
    #expect(TimeBound.wait(upTo: 2000) { second.isWaitingForRoom }, "two commits fill a lead of 2")
    second.stop()
    #expect(
      try Workspace(at: fixture.path).histories(of: Self.propositionPaths(fixture), useCache: false).count
        == 20)
  }

  /// Reading ahead starts with a walk that has no cached answers, late in one that goes
  /// deep past them, and never in one they end soon; the answers are those of a walk
  /// without a cache.
  @Test(.disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"))
  func readsAheadOnlyWhenTheWalkGoesDeep() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 20, commits: 120, seed: 29).generate(into: fixture)
    let paths = try Self.propositionPaths(fixture)
    let repository = try Workspace(at: fixture.path).repository
    func walk() throws -> (answers: [String: FileHistory], readAheadStart: Int?) {
      let saved = HistoryCache(repository: repository, ignoreRevs: IgnoreRevs()).load()
      let known = Dictionary(saved.map { ($0.commit, $0) }, uniquingKeysWith: { first, _ in first })
      return try HistoryWalker(repository: repository, known: known).walk(paths)
    }
    let cold = try walk()
    #expect(cold.readAheadStart == 0)
    #expect(try HistoryWalker(repository: repository).walk([]).readAheadStart == nil)
    _ = try Workspace(at: fixture.path).histories(of: paths)
    // Two commits on top of the cached one: the cache answers on the third visit.
    for number in 0..<2 {
      try fixture.commit("near \(number)", files: [paths[number]: "# Near \(number)\n\nWords \(number).\n"])
    }
    let near = try walk()
    #expect(near.readAheadStart == nil)
    #expect(near.answers == (try HistoryWalker(repository: repository).histories(of: paths)))
    // Thirty: the files nobody touched travel thirty commits down to the cached answers.
    for number in 0..<30 {
      try fixture.commit(
        "far \(number)", files: [paths[number % 4]: "# Far \(number)\n\nOther words \(number).\n"])
    }
    let far = try walk()
    #expect(far.readAheadStart == HistoryWalker.WalkState.lateStart)
    #expect(far.answers == (try HistoryWalker(repository: repository).histories(of: paths)))
  }

  /// A merged branch longer than the lead fills the reader's room with commits a walk along
  /// first parents never takes; once the walk goes past them, the reader goes on.
  @Test(.disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"))
  func readingAheadGoesOnPastALongMergedBranch() throws {
    let fixture = try GitFixture()
    for number in 0..<12 {
      try fixture.commit("old \(number)", files: ["propositions/a.md": "old \(number)\n"])
    }
    try fixture.git(["checkout", "-q", "-b", "side"])
    for number in 0..<12 {
      try fixture.commit("side \(number)", files: ["propositions/b.md": "side \(number)\n"])
    }
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("main", files: ["propositions/c.md": "main\n"])
    try fixture.git(
      ["merge", "-q", "--no-ff", "-m", "merge side", "side"],
      environment: ["GIT_COMMITTER_DATE": "2026-02-01T10:00:00+00:00"])
    try fixture.git(["repack", "-q", "-a", "-d"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(try repository.headCommit()).id
    let readAhead = try #require(
      HistoryReadAhead(
        repository: repository, start: head, paths: ["propositions/a.md", "propositions/b.md"], lead: 4))
    defer { readAhead.stop() }
    var id: ObjectID? = head
    var takenOld = 0
    while let current = id {
      let header = try repository.commitHeader(current)
      readAhead.visiting(time: header.time)
      TimeBound.wait(upTo: 200) { readAhead.header(current) != nil }
      let subject = try repository.commit(current).summary
      if readAhead.take(current) != nil && subject.hasPrefix("old") { takenOld += 1 }
      // Let the reader fill its room with the side branch and wait, before the walk goes past.
      if subject == "main" {
        #expect(TimeBound.wait(upTo: 2000) { readAhead.isWaitingForRoom }, "the side branch fills the room")
      }
      id = header.parentIDs.first
    }
    #expect(takenOld > 6, "the reader went on past the merged branch")
  }

  /// Merges a branch of `count` commits, each writing `files` (path to text by number), into
  /// main; returns the branch's commits.
  private func mergeBranch(
    _ fixture: GitFixture, _ name: String, count: Int, _ files: (Int) -> [String: String]
  ) throws -> [String] {
    try fixture.git(["checkout", "-q", "-b", name, "main"])
    let commits = try (0..<count).map { try fixture.commit("\(name) \($0)", files: files($0)) }
    try fixture.git(["checkout", "-q", "main"])
    try fixture.commit("main before \(name)", files: ["propositions/main.md": "# Main \(name)\n"])
    try fixture.git(["merge", "-q", "--no-ff", "-m", "merge \(name)", name])
    return commits
  }

  /// A reader started at HEAD for `paths`, once it has gone through all of history: nothing
  /// is taken, so the root commit ready means it is through. The caller stops it.
  private func readThrough(_ repository: Repository, _ fixture: GitFixture, paths: [String]) throws
    -> HistoryReadAhead
  {
    let head = try #require(try repository.headCommit()).id
    let root = try #require(
      ObjectID(
        hex: fixture.git(["rev-list", "--max-parents=0", "HEAD"]).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    let readAhead = try #require(HistoryReadAhead(repository: repository, start: head, paths: paths))
    TimeBound.wait(upTo: 10_000) { readAhead.header(root) != nil }
    #expect(readAhead.header(root) != nil, "the reader went through history")
    return readAhead
  }

  /// A merge's other parent is read only if a file the walk follows can go there: not when
  /// the merge's folder is its first parent's, nor when it differs only in files nobody
  /// follows; a branch that changed a followed file is read.
  @Test(.disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"))
  func readingAheadSkipsBranchesNoFollowedFileCanReach() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "start", files: ["propositions/a.md": "# A\n", "propositions/b.md": "# B\n", "code/x.txt": "x\n"])
    let code = try mergeBranch(fixture, "code", count: 6) { ["code/x.txt": "x \($0)\n"] }
    let other = try mergeBranch(fixture, "other", count: 6) { ["propositions/b.md": "# B \($0)\n"] }
    let followed = try mergeBranch(fixture, "followed", count: 6) { ["propositions/a.md": "# A \($0)\n"] }
    try fixture.git(["repack", "-q", "-a", "-d"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let readAhead = try readThrough(
      repository, fixture, paths: ["propositions/a.md", "propositions/main.md"])
    defer { readAhead.stop() }
    func read(_ commits: [String]) throws -> Int {
      try commits.filter { readAhead.header(try #require(ObjectID(hex: $0))) != nil }.count
    }
    #expect(try read(code) == 0)
    #expect(try read(other) == 0)
    #expect(try read(followed) == 6)
    // Following b.md as well, the reader reads that branch too.
    let both = try readThrough(repository, fixture, paths: ["propositions/a.md", "propositions/b.md"])
    defer { both.stop() }
    #expect(try other.filter { both.header(try #require(ObjectID(hex: $0))) != nil }.count == 6)
    #expect(try code.filter { both.header(try #require(ObjectID(hex: $0))) != nil }.isEmpty)
  }

  /// The reader decides what to skip from the names the walk follows when it gets there; a
  /// rename the walk finds later can send a file down a branch it skipped. The walk then
  /// reads that branch itself, and the answer is the one git gives.
  @Test(.disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"))
  func aFileRenamedAfterAMergeIsFollowedIntoABranchTheReaderSkipped() throws {
    let fixture = try GitFixture()
    try fixture.commit("start", files: ["propositions/old.md": "# Old\n\nFirst words.\n"])
    let branch = try mergeBranch(fixture, "edit", count: 1) { _ in
      ["propositions/old.md": "# Old\n\nOther words entirely.\n"]
    }
    try fixture.git(["mv", "propositions/old.md", "propositions/new.md"])
    try fixture.commit("rename")
    try fixture.git(["repack", "-q", "-a", "-d"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let readAhead = try readThrough(repository, fixture, paths: ["propositions/new.md"])
    defer { readAhead.stop() }
    #expect(readAhead.header(try #require(ObjectID(hex: branch[0]))) == nil, "the reader skipped the branch")
    let history = try #require(
      try HistoryWalker(repository: repository).histories(of: ["propositions/new.md"])["propositions/new.md"])
    #expect(history.lastChanged?.commit.hex == branch[0])
    #expect(history.lastEdited?.commit.hex == branch[0])
    let oracle = try fixture.git(["log", "-1", "--format=%H", "edit", "--", "propositions/old.md"])
    #expect(oracle.trimmingCharacters(in: .whitespacesAndNewlines) == branch[0])
  }

  /// M merges B and A, and A merges B and X, all at one committer time, so the reader
  /// passes B (queued first) before A; or B's commits are loose under packed children. Either
  /// way the reader cannot compare A with its first parent: it must hand over no comparison
  /// rather than its second parent's in the first one's place, and the walk must then
  /// compare A itself and find X, as git does.
  @Test(
    .disabled(if: Repository.environmentAsksForLibGit2Only, "reading ahead reads packs directly"),
    arguments: [false, true])
  func readingAheadKeepsComparisonsInLineWithParents(olderCommitsLoose: Bool) throws {
    let fixture = try GitFixture()
    let date = "2026-01-10T10:00:00+00:00"
    try fixture.commit("root", files: ["p/f.md": "# F\n\nFirst words.\n"], date: date)
    try fixture.git(["checkout", "-q", "-b", "x"])
    let x = try fixture.commit("x", files: ["p/f.md": "# F\n\nWords of x.\n"], date: date)
    try fixture.git(["checkout", "-q", "main"])
    let b = try fixture.commit("b", files: ["p/f.md": "# F\n\nWords of b.\n"], date: date)
    func merge(_ message: String, _ parents: String...) throws -> String {
      try fixture.git(
        ["commit-tree", x + "^{tree}", "-m", message] + parents.flatMap { ["-p", $0] },
        environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]
      ).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let a = try merge("a", b, x)
    let m = try merge("m", b, a)
    try fixture.git(["update-ref", "refs/heads/main", m])
    try fixture.git(["reset", "-q", "--hard"])
    if olderCommitsLoose {
      // Only what b lacks goes into a pack; b and the root stay loose.
      let result = try Shell.run(
        Shell.which("git"), ["pack-objects", "-q", "--revs", ".git/objects/pack/pack"], in: fixture.path,
        environment: GitFixture.environment, input: Data("\(m)\n^\(b)\n".utf8))
      #expect(result.status == 0, "\(result)")
      try fixture.git(["prune-packed"])
    } else {
      try fixture.git(["repack", "-q", "-a", "-d"])
    }
    #expect(try fixture.git(["log", "-1", "--format=%H", "--", "p/f.md"]).hasPrefix(x))
    let repository = try #require(try Repository.discover(from: fixture.path))
    let start = try #require(ObjectID(hex: m))
    let readAhead = try #require(HistoryReadAhead(repository: repository, start: start, paths: ["p/f.md"]))
    defer { readAhead.stop() }
    let merged = try #require(ObjectID(hex: a))
    TimeBound.wait(upTo: 10_000) { readAhead.header(merged) != nil }
    let prepared = try #require(readAhead.take(merged))
    func folder(_ commit: ObjectID) throws -> RawTree? {
      try repository.subtree(atPath: "p", in: repository.rawTree(repository.commitHeader(commit).treeID))
    }
    let all = try prepared.header.parentIDs.map {
      try FolderComparison(here: folder(merged), there: folder($0))
    }
    let ready = prepared.folders["p"] ?? []
    #expect(ready == Array(all.prefix(ready.count)))
    for _ in 0..<10 {
      var walker = HistoryWalker(repository: repository)
      walker.checksReadAhead = true
      let history = try walker.histories(of: ["p/f.md"])["p/f.md"]
      #expect(history?.lastChanged?.commit.hex == x)
    }
  }

  @Test func followsMergesAsGitSimplifiesThem() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "base", files: ["propositions/a.md": "# A\n\nOne.\n", "propositions/b.md": "# B\n\nTwo.\n"])
    try fixture.git(["checkout", "-q", "-b", "side"])
    let sideEdit = try fixture.commit("side edits b", files: ["propositions/b.md": "# B\n\nTwo changed.\n"])
    try fixture.git(["checkout", "-q", "main"])
    let mainEdit = try fixture.commit("main edits a", files: ["propositions/a.md": "# A\n\nOne changed.\n"])
    try fixture.git(
      ["merge", "-q", "--no-ff", "--no-edit", "side"],
      environment: [
        "GIT_AUTHOR_DATE": "2026-02-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2026-02-01T00:00:00+00:00",
      ])
    let histories = try Workspace(at: fixture.path).histories(of: ["propositions/a.md", "propositions/b.md"])
    #expect(histories["propositions/a.md"]?.lastChanged?.commit.hex == mainEdit)
    #expect(histories["propositions/b.md"]?.lastChanged?.commit.hex == sideEdit)
    #expect(histories["propositions/b.md"]?.lastEdited?.commit.hex == sideEdit)
  }

  @Test func cosmeticCommitsDoNotResetTheEditClock() throws {
    let fixture = try GitFixture()
    let body =
      "---\ntitle: A\nowner: x\n---\n# A\n\n## Problem\nManual reconciliation costs 20 hours per week.\n"
    let added = try fixture.commit("add", files: ["propositions/a.md": body])
    try fixture.commit(
      "owner",
      files: ["propositions/a.md": body.replacingOccurrences(of: "owner: x", with: "owner: y\ntags: [t]")])
    try fixture.commit(
      "reflow",
      files: [
        "propositions/a.md": body.replacingOccurrences(of: "owner: x", with: "owner: y\ntags: [t]")
          .replacingOccurrences(of: "costs 20 hours", with: "costs\n20   hours")
      ])
    try fixture.git(["mv", "propositions/a.md", "propositions/b.md"])
    let renamed = try fixture.commit("rename")
    let histories = try Workspace(at: fixture.path).histories(of: ["propositions/b.md"])
    let history = try #require(histories["propositions/b.md"])
    #expect(history.lastEdited?.commit.hex == added)
    #expect(history.lastChanged?.commit.hex != renamed, "a pure rename is no change")
    #expect(
      history.lastChanged?.commit.hex
        == (try fixture.git(["rev-parse", "HEAD~1"])).trimmingCharacters(in: .newlines))
  }

  @Test func titleAndAudienceChangesAreEdits() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "add", files: ["propositions/a.md": "---\ntitle: A\naudience: SaaS teams\n---\nBody.\n"])
    let audience = try fixture.commit(
      "audience", files: ["propositions/a.md": "---\ntitle: A\naudience: SaaS finance teams\n---\nBody.\n"])
    let histories = try Workspace(at: fixture.path).histories(of: ["propositions/a.md"])
    #expect(histories["propositions/a.md"]?.lastEdited?.commit.hex == audience)
  }

  @Test func reportsDatesAsAuthorDatesWithTheirOffset() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n"], date: "2026-03-04T05:06:07+02:00")
    let history = try #require(
      try Workspace(at: fixture.path).histories(of: ["propositions/a.md"])["propositions/a.md"])
    #expect(history.lastEdited?.isoDate == "2026-03-04T05:06:07+02:00")
    #expect(history.lastEdited?.author == "Ana Author")
    #expect(history.lastEdited?.day == CalendarDate("2026-03-04"))
  }

  @Test func leavesUncommittedFilesOut() throws {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n"])
    try fixture.folder.write("propositions/new.md", "# New\n")
    let histories = try Workspace(at: fixture.path).histories(of: [
      "propositions/a.md", "propositions/new.md",
    ])
    #expect(histories.keys.sorted() == ["propositions/a.md"])
    let empty = try GitFixture()
    #expect(try Workspace(at: empty.path).histories(of: ["propositions/a.md"]).isEmpty)
  }

  /// A path is cut into folder and name at its last "/" byte, as git cuts it, even where a
  /// combining mark follows the "/" and makes one `Character` of the two.
  @Test func cutsPathsAtTheLastSlashByte() throws {
    #expect(HistoryWalker.split("a/b/c.md") == ("a/b", "c.md"))
    #expect(HistoryWalker.split("c.md") == ("", "c.md"))
    #expect(HistoryWalker.split("propositions/\u{301}x.md") == ("propositions", "\u{301}x.md"))
    let fixture = try GitFixture()
    let path = "propositions/\u{301}accent.md"
    let added = try fixture.commit("add", files: [path: "# Accent\n", "propositions/a.md": "# A\n"])
    try fixture.commit("other", files: ["propositions/a.md": "# A\n\nMore.\n"])
    let histories = try Workspace(at: fixture.path).histories(of: [path], useCache: false)
    #expect(histories[path]?.lastChanged?.commit.hex == added)
    #expect(
      try fixture.git(["log", "-1", "--format=%H", "--", path]).trimmingCharacters(in: .newlines) == added)
    // The revisions `log` and the report walk find it too.
    let workspace = try Workspace(at: fixture.path)
    let revisions = try PropositionHistories(
      repository: workspace.repository, files: [.init(path: path, id: "\u{301}accent")])
    #expect(revisions.entries[path]?.map(\.stamp.commit.hex) == [added])
  }

  /// Paths are looked up at HEAD a folder at a time: files and symbolic links at any depth
  /// are followed; a folder, a missing folder and an uncommitted file are not.
  @Test func looksPathsUpAtHeadFolderByFolder() throws {
    let fixture = try GitFixture()
    let first = try fixture.commit(
      "add",
      files: [
        "propositions/a.md": "# A\n", "propositions/deep/er/b.md": "# B\n",
        "propositions/x.md/inner.md": "# X\n",
        "top.md": "# Top\n",
      ])
    symlink("a.md", fixture.path + "/propositions/link.md")
    let second = try fixture.commit("link", files: ["propositions/deep/er/b.md": "# B two\n"])
    try fixture.folder.write("propositions/deep/new.md", "# New\n")
    let paths = [
      "propositions/a.md", "propositions/deep/er/b.md", "propositions/link.md", "propositions/x.md", "top.md",
      "propositions/deep/new.md", "missing/c.md",
    ]
    let histories = try HistoryWalker(repository: Workspace(at: fixture.path).repository).histories(of: paths)
    #expect(
      histories.keys.sorted() == [
        "propositions/a.md", "propositions/deep/er/b.md", "propositions/link.md", "top.md",
      ])
    #expect(histories["propositions/a.md"]?.lastChanged?.commit.hex == first)
    #expect(histories["top.md"]?.lastChanged?.commit.hex == first)
    #expect(histories["propositions/deep/er/b.md"]?.lastChanged?.commit.hex == second)
    #expect(histories["propositions/link.md"]?.lastChanged?.commit.hex == second)
  }

  @Test func neverReportsTheShallowBoundaryAsAChange() throws {
    let origin = try GitFixture()
    let first = try origin.commit(
      "add", files: ["propositions/old.md": "# Old\n", "propositions/new.md": "# New\n"])
    _ = first
    for number in 1...3 {
      try origin.commit("edit new \(number)", files: ["propositions/new.md": "# New \(number)\n"])
    }
    let clone = try TemporaryFolder()
    try Shell.run(
      Shell.which("git"), ["clone", "-q", "--depth", "2", "file://" + origin.path, clone.path],
      environment: GitFixture.environment)
    let workspace = try Workspace(at: clone.path)
    #expect(workspace.repository.isShallow)
    let histories = try workspace.histories(of: ["propositions/old.md", "propositions/new.md"])
    let newest = try origin.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
    #expect(histories["propositions/new.md"]?.lastChanged?.commit.hex == newest)
    #expect(histories["propositions/new.md"]?.historyTruncated == false)
    let old = try #require(histories["propositions/old.md"])
    #expect(old.lastChanged == nil)
    #expect(old.lastEdited == nil)
    #expect(old.historyTruncated)
  }
}
