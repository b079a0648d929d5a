import Foundation
import TestSupport
import Testing
import ValpropCore

@testable import ValpropCommands

/// Commands run in-process through `Valprop.run(_:in:)`, with captured streams and a fixed
/// day: what each writes, where, and its exit status, without spawning the binary.
@Suite struct InProcessCommandTests {
  /// The result of one in-process run.
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  static let today = CalendarDate(year: 2026, month: 12, day: 3)!

  static func run(_ arguments: [String], in directory: String, terminalColumns: Int? = nil) -> Run {
    let output = CapturedOutput(terminalColumns: terminalColumns)
    let errors = CapturedOutput()
    var environment = GitFixture.environment
    environment["HOME"] = directory
    let context = CommandContext(
      directory: directory, today: today, environment: environment, output: output, errors: errors)
    let status = Valprop.run(arguments, in: context)
    return Run(status: status, output: output.text, errors: errors.text)
  }

  static func repository() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "Add a proposition",
      files: [
        "propositions/reconciliation-autopilot.md": Samples.core, ".valprop.yml": "directory: propositions\n",
      ]
    )
    return repo
  }

  @Test func listWritesItsTableToTheContextsOutputOnly() throws {
    let repo = try Self.repository()
    let result = Self.run(["list"], in: repo.path)
    #expect(result.status == 0)
    #expect(result.output.contains("reconciliation-autopilot"))
    #expect(result.output.contains("Reconciliation autopilot"))
    #expect(result.errors.isEmpty)
  }

  @Test func jsonRowsCarryTheStateOfTheInjectedDay() throws {
    let repo = try Self.repository()
    // Reviewed 2026-09-01 every 60 days: overdue on the injected 2026-12-03, fresh in September.
    let late = Self.run(["list", "--format", "json"], in: repo.path)
    let rows = try #require(JSONSerialization.jsonObject(with: Data(late.output.utf8)) as? [[String: Any]])
    #expect(rows.first?["state"] as? String == "stale")
    let early = Self.run(["list", "--format", "json", "--as-of", "2026-09-10"], in: repo.path)
    let earlyRows = try #require(
      JSONSerialization.jsonObject(with: Data(early.output.utf8)) as? [[String: Any]])
    #expect(earlyRows.first?["state"] as? String == "fresh")
  }

  @Test func staleExitsOneAndNamesTheOverdueProposition() throws {
    let repo = try Self.repository()
    let result = Self.run(["stale"], in: repo.path)
    #expect(result.status == 1)
    #expect(result.output.contains("reconciliation-autopilot"))
  }

  @Test func errorsGoToTheErrorStreamWithAHint() throws {
    let repo = try Self.repository()
    let result = Self.run(["show", "no-such-thing"], in: repo.path)
    #expect(result.status == 2)
    #expect(result.output.isEmpty)
    #expect(result.errors.hasPrefix("error: "))
    #expect(result.errors.contains("hint:"))
  }

  @Test func argumentErrorsAndHelpAreWrittenToTheContext() throws {
    let repo = try Self.repository()
    let wrong = Self.run(["list", "--no-such-option"], in: repo.path)
    #expect(wrong.status == 2)
    #expect(wrong.errors.contains("unknown option '--no-such-option'"))
    #expect(wrong.errors.contains("hint: usage: valprop list"))
    let help = Self.run(["help", "list"], in: repo.path)
    #expect(help.status == 0)
    #expect(help.output.contains("USAGE: valprop list"))
    let version = Self.run(["--version"], in: repo.path)
    #expect(version.status == 0)
    #expect(version.output == ValpropVersion.current + "\n")
  }

  @Test func dashCMovesFromTheContextsFolder() throws {
    let repo = try Self.repository()
    let parent = (repo.path as NSString).deletingLastPathComponent
    let name = (repo.path as NSString).lastPathComponent
    let result = Self.run(["-C", name, "list"], in: parent)
    #expect(result.status == 0)
    #expect(result.output.contains("reconciliation-autopilot"))
    let missing = Self.run(["-C", "nowhere-\(UUID().uuidString)", "list"], in: parent)
    #expect(missing.status == 2)
    #expect(missing.errors.contains("no such folder"))
  }

  @Test func colourOnlyReachesATerminal() throws {
    let repo = try Self.repository()
    var environment = GitFixture.environment
    environment.removeValue(forKey: "NO_COLOR")
    let pipe = CapturedOutput()
    let terminal = CapturedOutput(terminalColumns: 100)
    for output in [pipe, terminal] {
      let context = CommandContext(
        directory: repo.path, today: Self.today, environment: environment, output: output,
        errors: CapturedOutput())
      // The sample has lint findings, so lint exits 1 on both.
      #expect(Valprop.run(["lint"], in: context) == 1)
    }
    #expect(pipe.text.contains("reconciliation-autopilot"))
    #expect(!pipe.text.contains("\u{1B}["))
    #expect(terminal.text.contains("\u{1B}["))
  }

  @Test func aReviewCommitsAndSaysSo() throws {
    let repo = try Self.repository()
    let result = Self.run(["review", "reconciliation-autopilot", "-m", "Checked the figures"], in: repo.path)
    #expect(result.status == 0, "\(result.errors)")
    let log = try repo.git(["log", "-1", "--format=%s%n%b"])
    #expect(log.contains("reconciliation-autopilot"))
    let file = try #require(repo.folder.read("propositions/reconciliation-autopilot.md"))
    #expect(file.contains("reviewed: 2026-12-03"))
    #expect(Self.run(["stale"], in: repo.path).status == 0)
  }
}
