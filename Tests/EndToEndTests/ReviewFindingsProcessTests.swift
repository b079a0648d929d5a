import Foundation
import TestSupport
import Testing

/// Regressions for what an independent review of the contract found, that only a process
/// shows: a closed pipe, and the identity git finds in the environment and the user's HOME.
@Suite struct ReviewFindingsProcessTests {
  @Test func aClosedPipeEndsValpropQuietly() throws {
    let fixture = try repository()
    for number in 0..<40 {
      try fixture.commit(
        "edit \(number)", files: ["propositions/a.md": "# A\n\nVersion \(number) of the words.\n"])
    }
    let shell = try Shell.run(
      "/bin/sh", ["-c", "'\(Binary.path)' log a | head -n 1 > /dev/null; echo \"status ${?}\""],
      in: fixture.path, environment: Binary.environment)
    #expect(!shell.stderr.contains("Fatal error"), "\(shell)")
    #expect(!shell.stderr.contains("Broken pipe"), "\(shell)")
  }

  @Test func theAuthorFallsBackToEMAILAsGitDoes() throws {
    let fixture = try repository()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n"])
    try fixture.git(["config", "user.name", "Configured Name"])
    let result = try Shell.runExactly(
      Binary.path, ["review", "a"], in: fixture.path,
      environment: ["HOME": fixture.path, "EMAIL": "env@example.com", "PATH": "/usr/bin:/bin"])
    #expect(result.status == 0, "\(result)")
    #expect(try fixture.git(["log", "-1", "--format=%an <%ae>"]) == "Configured Name <env@example.com>\n")
  }
}
