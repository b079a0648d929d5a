import Foundation
import TestSupport
import Testing

/// What a writer killed outright, or starved of disk space, leaves behind: the old file or
/// the new one, never a cut one; a branch that moved only with its commit; a clear message.
@Suite struct InterruptedWriteTests {
  static let original = "---\ntitle: A\nreviewed: 2024-01-10\n---\n# A\n\nWords.\n"

  /// Temporary files valprop's atomic writes left in the propositions folder.
  static func temporaries(_ fixture: GitFixture) -> [String] {
    fixture.folder.listing().filter { $0.hasSuffix(".tmp") }
  }

  @Test func killDuringAReviewLeavesTheOldFileOrACompleteReview() throws {
    let fixture = try repository()
    try fixture.commit("add", files: ["propositions/a.md": Self.original])
    let base = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
    // Kill moments spread over one whole review on this machine and build.
    let clock = ContinuousClock()
    let duration = try clock.measure { _ = try valprop(["review", "a"], in: fixture.path) }
    let whole =
      Int(duration.components.seconds) * 1_000_000 + Int(duration.components.attoseconds / 1_000_000_000_000)
    var outcomes: Set<String> = []
    // A loaded machine can make the later reviews slower than the measured one, so that every
    // kill lands before the commit: then the delays grow until one lands after it.
    let delays = (0...24).map { whole * $0 / 20 } + (1...6).map { whole * (2 << $0) / 2 }
    for delay in delays {
      if delay > whole * 6 / 5, outcomes.contains("commit") { break }
      try fixture.git(["reset", "-q", "--hard", base])
      try InterruptTests.signal(SIGKILL, after: delay, to: ["review", "a"], in: fixture)

      // SIGKILL cannot be held: a lock may stay, as git's own do. The next review says so
      // (or has nothing to do) and changes nothing.
      let locks = fixture.lockFiles()
      let headBefore = try fixture.git(["rev-parse", "HEAD"])
      if !locks.isEmpty {
        let blocked = try valprop(["review", "a"], in: fixture.path)
        let nothingToDo = blocked.status == 0 && blocked.stdout.contains("already reviewed today")
        #expect(
          nothingToDo || (blocked.status >= 2 && blocked.stderr.contains(".lock")),
          "delay \(delay): \(blocked)")
        #expect(try fixture.git(["rev-parse", "HEAD"]) == headBefore, "delay \(delay)")
        for lock in locks { unlink(fixture.path + "/.git/" + lock) }
      }
      let head = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
      let text = fixture.folder.read("propositions/a.md") ?? ""
      #expect(try fixture.fsckProblems().isEmpty, "delay \(delay): git fsck is clean")
      if head == base {
        outcomes.insert("no commit")
        #expect(text == Self.original, "delay \(delay): no commit, so the file is the old one")
      } else {
        outcomes.insert("commit")
        // The commit is complete; the work tree holds the old file or the committed one.
        let committed = try fixture.git(["show", "HEAD:propositions/a.md"])
        #expect(committed.contains("reviewed: ") && !committed.contains("2024-01-10"), "delay \(delay)")
        #expect(text == committed || text == Self.original, "delay \(delay): \(text)")
      }
      // Once the locks are gone, the next review completes and clears any temporary file the
      // killed one left.
      try fixture.git(["reset", "-q", "--hard", base])
      let again = try valprop(["review", "a"], in: fixture.path)
      #expect(again.status == 0, "delay \(delay): \(again)")
      #expect(Self.temporaries(fixture).isEmpty, "delay \(delay): \(Self.temporaries(fixture))")
      #expect(
        !fixture.folder.listing().contains { $0.hasPrefix(".git/valprop-index-") },
        "delay \(delay): a scratch index")
      #expect(try fixture.git(["status", "--porcelain"]).isEmpty, "delay \(delay)")
    }
    #expect(outcomes == ["no commit", "commit"], "the kills landed before and after the commit: \(outcomes)")
  }
}

/// Writers on a full disk, on a small tmpfs mounted for the test (it needs the right to mount
/// one: root in a container that allows it, as on CI).
@Suite(.enabled(if: FullDisk.available, "mounting a tmpfs needs root")) struct FullDiskTests {
  @Test func aReviewOnAFullDiskFailsClearlyOrCompletes() throws {
    let disk = try FullDisk()
    defer { disk.unmount() }
    let fixture = try GitFixture(in: disk.folder)
    try fixture.commit("add", files: ["propositions/a.md": InterruptedWriteTests.original])
    let base = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
    var outcomes: Set<String> = []
    // From no free byte to enough: each level fails at a different write (the temporary file,
    // a git object, the index) or succeeds.
    for pages in [0, 1, 2, 3, 4, 6, 8, 12, 16, 32, 64] {
      try disk.empty()
      try fixture.git(["reset", "-q", "--hard", base])
      try disk.fill(leavingPages: pages)
      let result = try valprop(["review", "a", "-m", "level \(pages)"], in: fixture.path)
      try disk.empty()
      let head = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)
      let text = fixture.folder.read("propositions/a.md") ?? ""
      #expect(fixture.lockFiles().isEmpty, "\(pages) pages: \(fixture.lockFiles())")
      #expect(InterruptedWriteTests.temporaries(fixture).isEmpty, "\(pages) pages")
      #expect(try fixture.fsckProblems().isEmpty, "\(pages) pages")
      if result.status == 0 {
        outcomes.insert("reviewed")
        #expect(head != base && text.contains("reviewed: ") && !text.contains("2024-01-10"), "\(pages) pages")
        #expect(try fixture.git(["status", "--porcelain"]).isEmpty, "\(pages) pages")
      } else if result.stderr.contains(", but could not update the index") {
        // The commit landed and the file was renamed into place, then the index could not be
        // written: said, with the repair.
        outcomes.insert("committed, index stale")
        let committed = try fixture.git(["show", "HEAD:propositions/a.md"])
        #expect(head != base && text == committed, "\(pages) pages: \(result)")
      } else {
        outcomes.insert("refused")
        #expect(result.status >= 2, "\(pages) pages: \(result)")
        #expect(
          result.stderr.contains("No space left on device") || result.stderr.contains("is the disk full?"),
          "\(pages) pages: \(result)")
        #expect(head == base, "\(pages) pages: the branch did not move")
        #expect(text == InterruptedWriteTests.original, "\(pages) pages: the file is untouched")
        #expect(try fixture.git(["status", "--porcelain"]).isEmpty, "\(pages) pages: \(result)")
      }
    }
    #expect(outcomes.contains("refused") && outcomes.contains("reviewed"), "\(outcomes)")
  }

  @Test func newAndIndexOnAFullDiskLeaveNothingCut() throws {
    let disk = try FullDisk()
    defer { disk.unmount() }
    let fixture = try GitFixture(in: disk.folder)
    try fixture.commit(
      "add",
      files: [
        "propositions/a.md": InterruptedWriteTests.original, ".valprop.yml": "index: PROPOSITIONS.md\n",
      ])
    #expect(try valprop(["index"], in: fixture.path).status == 0)
    let register = try #require(fixture.folder.data("PROPOSITIONS.md"))
    try fixture.commit("more", files: ["propositions/b.md": "# B\n\nMore words.\n"])
    try disk.fill(leavingPages: 0)

    let new = try valprop(["new", "fresh"], in: fixture.path)
    #expect(new.status >= 2 && new.stderr.contains("No space left on device"), "\(new)")
    #expect(!fixture.folder.exists("propositions/fresh.md"))
    let index = try valprop(["index"], in: fixture.path)
    #expect(index.status >= 2 && index.stderr.contains("No space left on device"), "\(index)")
    #expect(fixture.folder.data("PROPOSITIONS.md") == register, "the old register is intact")
    try disk.empty()
    #expect(fixture.folder.listing().filter { $0.hasSuffix(".tmp") }.isEmpty, "\(fixture.folder.listing())")
    #expect(try valprop(["index"], in: fixture.path).status == 0)
  }
}

/// A 4 MiB tmpfs mounted on a temporary folder, with a filler file beside the repository.
final class FullDisk {
  let mountPoint: TemporaryFolder
  let folder: TemporaryFolder
  private var mounted = true

  /// Whether this machine lets the tests mount a tmpfs.
  static let available: Bool = {
    guard let probe = try? TemporaryFolder() else { return false }
    guard (try? Shell.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]))?.status == 0
    else { return false }
    _ = try? Shell.run("/bin/umount", [probe.path])
    return true
  }()

  init() throws {
    mountPoint = try TemporaryFolder()
    let mount = try Shell.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.path])
    guard mount.status == 0 else { throw FixtureError(message: "cannot mount a tmpfs: \(mount)") }
    try FileManager.default.createDirectory(
      atPath: mountPoint.path + "/repo", withIntermediateDirectories: true)
    folder = try TemporaryFolder(existing: mountPoint.path + "/repo")
  }

  /// Fills the file system, then frees `pages` pages of 4 KiB.
  func fill(leavingPages pages: Int) throws {
    _ = try Shell.run("/bin/dd", ["if=/dev/zero", "of=\(mountPoint.path)/filler", "bs=4096"])
    if pages > 0 {
      _ = try Shell.run("/usr/bin/truncate", ["-s", "-\(pages * 4096)", "\(mountPoint.path)/filler"])
    }
  }

  /// Removes the filler.
  func empty() throws {
    unlink(mountPoint.path + "/filler")
  }

  func unmount() {
    guard mounted else { return }
    _ = try? Shell.run("/bin/umount", ["-l", mountPoint.path])
    mounted = false
  }
}
