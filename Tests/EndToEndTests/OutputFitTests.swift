import Foundation
import TestSupport
import Testing

/// Issue 17, output that fits: tables cut to a terminal's width only on a terminal, Markdown
/// cells that survive pipes and line breaks, and a register that does not depend on the day.
@Suite struct OutputFitTests {
  static let longTitle = String(repeating: "Reconciliation ", count: 12) + "end"

  static func workspace() throws -> GitFixture {
    let repo = try repository([
      "propositions/long.md": Propositions.text(title: longTitle),
      "propositions/party.md": Propositions.text(title: "Launch party 🎉🎉"),
      "propositions/cjk.md": Propositions.text(title: "価値提案"),
    ])
    try repo.commit("start", date: "2026-01-10T10:00:00+00:00")
    return repo
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"))
  func aTerminalGetsRowsCutToItsWidth() throws {
    let repo = try Self.workspace()
    let quoted = "'" + Binary.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    let command = "stty cols 70; " + quoted + " list"

    let terminal = try Shell.run(
      "/usr/bin/script", ["-qec", command, "/dev/null"], in: repo.path, environment: Binary.environment)
    let piped = try valprop(["list"], in: repo.path)

    #expect(terminal.status == 0, "\(terminal)")
    let lines = terminal.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
    #expect(lines.count == 4, "\(terminal)")
    for line in lines {
      #expect(line.count <= 70, "\(line.count): \(line)")
    }
    #expect(terminal.stdout.contains("…"), "\(terminal)")
    #expect(piped.stdout.contains(Self.longTitle), "a pipe gets the whole title: \(piped)")
    #expect(piped.stdout.contains("Launch party 🎉🎉") && piped.stdout.contains("価値提案"), "\(piped)")
    #expect(!piped.stdout.contains("…"), "\(piped)")
  }

  static let awkward = Propositions.text(
    title: "\"Pipes | and\\nlines\"",
    frontMatter: ["status: active", "owner: \"@a|b\"", "reviewed: 2026-01-01", "review-every: 30d"])

  @Test func markdownTablesEscapePipesAndLineBreaks() throws {
    let repo = try repository(["propositions/awkward.md": Self.awkward])
    try repo.commit("start", date: "2026-01-10T10:00:00+00:00")

    let index = try valprop(["index"], in: repo.path)
    let stale = try valprop(["stale", "--format", "markdown", "--as-of", "2026-06-01"], in: repo.path)

    #expect(index.status == 0, "\(index)")
    let register = repo.folder.read("PROPOSITIONS.md") ?? ""
    for text in [register, stale.stdout] {
      let row = try #require(text.split(separator: "\n").first { $0.contains("awkward") }, "\(text)")
      #expect(row.contains("Pipes \\| and<br>lines"), "\(row)")
      // Every row has as many unescaped pipes as the header.
      let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("| Proposition") })
      func cells(_ line: Substring) -> Int {
        line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
      }
      #expect(cells(row) == cells(header), "\(row)")
    }
  }

  @Test func theRegisterDoesNotDependOnTheDay() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["index", "--as-of", "2026-01-11"], in: repo.path).status == 0)
    try repo.commit("register")

    let years = try valprop(["index", "--check", "--as-of", "2031-01-01"], in: repo.path)
    let today = try valprop(["index", "--check"], in: repo.path)

    #expect(years.status == 0, "\(years)")
    #expect(today.status == 0, "\(today)")
    let register = repo.folder.read("PROPOSITIONS.md") ?? ""
    #expect(
      !register.contains("State") && !register.contains("stale") && !register.contains("fresh"), "\(register)"
    )
  }

  @Test func checkNamesTheRowsThatDiffer() throws {
    let repo = try Self.workspace()
    #expect(try valprop(["index"], in: repo.path).status == 0)
    try repo.commit("register")
    try repo.commit("retitle", files: ["propositions/cjk.md": Propositions.text(title: "New title")])
    try repo.commit("add", files: ["propositions/added.md": Propositions.text(title: "Added")])

    let check = try valprop(["index", "--check"], in: repo.path)

    #expect(check.status == 1, "\(check)")
    #expect(check.stderr.contains("propositions/cjk.md differs"), "\(check)")
    #expect(check.stderr.contains("New title"), "\(check)")
    #expect(check.stderr.contains("propositions/added.md is missing from the committed register"), "\(check)")
    #expect(!check.stderr.contains("propositions/party.md"), "\(check)")
  }
}
