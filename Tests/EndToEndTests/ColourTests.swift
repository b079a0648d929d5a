import Foundation
import TestSupport
import Testing

/// docs/commands.md: colour only on a terminal, and never when NO_COLOR is set.
@Suite struct ColourTests {
  /// Runs valprop under a pseudo-terminal (util-linux `script`), so its output is a terminal.
  func onTerminal(_ arguments: String, in folder: String, noColor: String?) throws -> String {
    var environment = Binary.environment
    environment["NO_COLOR"] = nil
    environment["TERM"] = "xterm"
    var command = "'\(Binary.path)' \(arguments)"
    if let noColor {
      command = "NO_COLOR='\(noColor)' " + command
    } else {
      command = "unset NO_COLOR; " + command
    }
    let result = try Shell.runExactly(
      "/usr/bin/script", ["-qec", command, "/dev/null"], in: folder,
      environment: environment.filter { $0.key != "NO_COLOR" })
    return result.stdout
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func colourOnATerminalOnlyWithoutNOCOLOR() throws {
    let fixture = try repository()
    try fixture.commit("add", files: ["propositions/a.md": "# A\n\nCosts 20 hours.\n"])
    try fixture.folder.write("propositions/a.md", "# A\n\nCosts 25 hours.\n")
    #expect(try onTerminal("diff a", in: fixture.path, noColor: nil).contains("\u{1B}["))
    #expect(try !onTerminal("diff a", in: fixture.path, noColor: "1").contains("\u{1B}["))
    // Off a terminal there is never colour.
    let piped = try valprop(["diff", "a"], in: fixture.path, environment: ["NO_COLOR": ""])
    #expect(!piped.stdout.contains("\u{1B}["))
    #expect(piped.stdout.contains("[-20-]{+25+}"))
  }
}
