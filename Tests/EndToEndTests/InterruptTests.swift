import Foundation
import TestSupport
import Testing

/// A review interrupted by Ctrl-C at any moment leaves either no review or a complete one:
/// never a moved branch without its staged file, never a lock file, never a cut file.
@Suite struct InterruptTests {
  /// Starts valprop in the fixture, sends it `signal` after `delay` microseconds, and waits
  /// for it to end.
  static func signal(_ signal: Int32, after delay: Int, to arguments: [String], in fixture: GitFixture) throws
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: fixture.path)
    process.environment = Binary.environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(useconds_t(delay))
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
  }

  @Test func ctrlCDuringAReviewLeavesAllOrNothing() throws {
    let fixture = try repository()
    let original = "---\ntitle: A\n---\n# A\n\nWords.\n"
    try fixture.commit("add", files: ["propositions/a.md": original])
    let base = try fixture.git(["rev-parse", "HEAD"])
    for delay in stride(from: 0, through: 60_000, by: 4_000) {
      try fixture.git(["reset", "-q", "--hard", base.trimmingCharacters(in: .newlines)])
      try Self.signal(SIGINT, after: delay, to: ["review", "a"], in: fixture)
      let head = try fixture.git(["rev-parse", "HEAD"])
      let status = try fixture.git(["status", "--porcelain"])
      let text = fixture.folder.read("propositions/a.md") ?? ""
      #expect(!fixture.folder.exists(".git/index.lock"), "delay \(delay)")
      #expect(status.isEmpty, "delay \(delay): the index and work tree match HEAD\n\(status)")
      if head == base {
        #expect(text == original, "delay \(delay): no review, the file is untouched")
      } else {
        #expect(text.contains("reviewed: "), "delay \(delay): a complete review")
      }
      #expect(try fixture.fsckProblems().isEmpty, "delay \(delay): git fsck is clean")
    }
  }
}

/// A writer stopped by the file-size limit leaves no cut file.
@Suite struct FileSizeLimitTests {
  @Test func newUnderAFileSizeLimitLeavesNoCutProposition() throws {
    let fixture = try repository()
    try fixture.commit("start", files: [".valprop.yml": "directory: propositions\n"])
    // ulimit -f counts 512-byte blocks: 1 block is less than any template.
    let result = try Shell.run(
      "/bin/sh", ["-c", "ulimit -f 1; exec '\(Binary.path)' new capped"], in: fixture.path,
      environment: Binary.environment)
    // The limit fails the write (SIGXFSZ is ignored): a message, and nothing left behind.
    #expect(result.status >= 2 && result.stderr.contains("File too large"), "\(result)")
    let file = fixture.folder.read("propositions/capped.md")
    #expect(file == nil, "the proposition is absent, never cut: \(file ?? "")")
    #expect(!fixture.folder.listing().contains { $0.hasSuffix(".tmp") }, "\(fixture.folder.listing())")
  }
}
