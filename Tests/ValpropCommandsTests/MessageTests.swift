import Foundation
import TestSupport
import Testing

/// Issue 17, messages: "did you mean" for ids, help examples that stay on one line, and
/// `demo` naming its folder as given and refusing to nest a repository.
@Suite struct MessageTests {
  @Test(arguments: [["show", "autopilto"], ["review", "autopilto"], ["retire", "autopilto"]])
  func anUnknownIdSuggestsTheNearest(_ command: [String]) throws {
    let repo = try repository([
      "propositions/autopilot.md": Propositions.text(), "propositions/ledger.md": Propositions.text(),
    ])
    try repo.commit("start")

    let result = try valprop(command, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no proposition 'autopilto'"), "\(result)")
    #expect(result.stderr.contains("hint: did you mean 'autopilot'?"), "\(result)")
  }

  /// Every example line of every command's help is printed whole on one line, however
  /// narrow the output, so it can be copied.
  @Test(arguments: [
    [], ["new"], ["list"], ["stale"], ["review"], ["retire"], ["supersede"], ["index"], ["lint"], ["diff"],
  ])
  func helpExamplesStayOnOneLine(_ command: [String]) throws {
    let folder = try TemporaryFolder()

    let help = try valprop(command + ["--help"], in: folder.path, environment: ["COLUMNS": "60"])
    let viaHelp = try valprop(["help"] + command, in: folder.path, environment: ["COLUMNS": "60"])

    #expect(help.status == 0, "\(help)")
    #expect(viaHelp.stdout == help.stdout, "\(viaHelp)")
    let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    // The examples: the lines after "Examples:" up to a blank line.
    var examples: [Int] = []
    var inExamples = false
    for (index, line) in lines.enumerated() {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text == "Examples:" {
        inExamples = true
      } else if text.isEmpty {
        inExamples = false
      } else if inExamples {
        examples.append(index)
      }
    }
    #expect(!examples.isEmpty, "\(help)")
    for index in examples where index + 1 < lines.count {
      let next = lines[index + 1].trimmingCharacters(in: .whitespaces)
      // The next line is another example (a command or a comment) or blank, never the rest.
      #expect(
        next.isEmpty || next.hasPrefix("valprop ") || next.hasPrefix("$EDITOR") || next.hasPrefix("#"),
        "line \(index) continues on the next: \(lines[index]) / \(next)")
    }
  }

  @Test func demoPrintsTheFolderAsGiven() throws {
    let parent = try TemporaryFolder()
    let elsewhere = try TemporaryFolder()
    let target = parent.path + "/demo"

    let result = try valprop(["demo", target], in: elsewhere.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Built an example workspace in \(target):"), "\(result)")
    #expect(result.stdout.contains("cd \(target) &&"), "\(result)")
    #expect(!result.stdout.contains("../"), "\(result)")
  }

  @Test func demoRefusesToNestARepository() throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let refused = try valprop(["demo", "inner"], in: repo.path)

    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains("is inside the git repository"), "\(refused)")
    #expect(refused.stderr.contains("--nested"), "\(refused)")
    #expect(repo.folder.snapshot() == before)

    let nested = try valprop(["demo", "inner", "--nested"], in: repo.path)
    #expect(nested.status == 0, "\(nested)")
    #expect(repo.folder.exists("inner/.git"))
  }
}
