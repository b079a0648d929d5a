import ArgumentParser
import TestSupport
import Testing

@testable import ValpropCommands

/// The hand-read command line (`DirectCommandLine`) against ArgumentParser, its oracle: every
/// line it reads, ArgumentParser reads to the same command, and it reads the plain lines.
@Suite struct DirectCommandLineTests {
  /// Each command's words: its options with values (valid and not), its flags, and
  /// positional arguments; the random lines are made of these and of words no command takes.
  static let vocabulary: [String: [[String]]] = [
    "list": [
      ["--status", "active"], ["--status", "gone"], ["--owner", "@finance"], ["--tag", "erp"],
      ["--as-of", "2026-03-01"], ["--as-of", "2026-02-30"], ["--format", "json"], ["--format=text"],
      ["--format", "xml"],
    ],
    "stale": [
      ["--as-of=2026-01-31"], ["--within", "30d"], ["--within", "soon"], ["--owner", "ops"],
      ["--allow-shallow"], ["--format", "markdown"], ["--format", "github"], ["--format", "json"],
    ],
    "index": [["--check"], ["--as-of", "2026-05-05"], ["--as-of", "yesterday"]],
    "log": [
      ["--format", "json"], ["--patch"], ["-p"], ["--context", "2"], ["--context", "-1"],
      ["--context=0"], ["--full"], ["--context", "two"],
    ],
    "blame": [["--format", "json"], ["--format", "text"], ["--format", "md"]],
    "show": [["--at", "HEAD~3"], ["--at=main"], ["--format", "json"], ["--at", "v1.0"]],
    "diff": [
      ["--base", "HEAD~2"], ["--base=main"], ["--head", "HEAD"], ["--format", "markdown"],
      ["--format", "json"], ["--context", "3"], ["--context", "0"], ["--full"],
      ["--max-characters", "0"], ["--max-characters", "500"], ["--max-characters=-2"], ["--format", "html"],
    ],
  ]

  /// Words that belong to no command, or that only ArgumentParser reads.
  static let strangers: [[String]] = [
    ["pricing"], ["team-onboarding"], ["HEAD~1"], ["main"], ["help"], ["--"], ["-h"], ["--help"],
    ["--version"], ["--nope"], ["-x"], ["-"], ["--format"], ["--owner="], ["--full=yes"], ["-pq"],
  ]

  /// What a parsed command holds, option by option.
  static func described(_ command: Any) -> String {
    var text = ""
    dump(command, to: &text)
    return text
  }

  @Test func everyLineReadDirectlyIsReadTheSameByArgumentParser() {
    var generator = SplitMix(seed: 24)
    var read: [String: Int] = [:]
    for name in Self.vocabulary.keys.sorted() {
      let words = Self.vocabulary[name]! + Self.strangers
      for _ in 0..<400 {
        let count = Int.random(in: 0...4, using: &generator)
        let line = [name] + (0..<count).flatMap { _ in words.randomElement(using: &generator)! }
        guard let direct = Valprop.parseDirectly(line, environment: [:]) else { continue }
        read[name, default: 0] += 1
        let parsed = try? Valprop.parseAsRoot(line)
        #expect(parsed != nil, "ArgumentParser refuses \(line), read directly as \(Self.described(direct))")
        if let parsed {
          #expect(Self.described(direct) == Self.described(parsed), "\(line)")
        }
      }
    }
    // The plain lines are read directly: each command's share is far from none.
    for name in Self.vocabulary.keys {
      #expect(read[name, default: 0] >= 20, "only \(read[name, default: 0]) lines of \(name) read directly")
    }
  }

  @Test(arguments: [
    ["list"], ["list", "--format", "json"], ["stale", "--format=markdown", "--within", "14d"],
    ["index", "--check"], ["log", "pricing", "-p", "--context", "0"], ["blame", "pricing"],
    ["show", "pricing", "--at", "HEAD~1", "--format", "json"],
    ["diff", "--base", "HEAD~200", "--format", "markdown"], ["diff", "pricing", "HEAD~1", "HEAD"],
  ])
  func plainLinesAreReadDirectlyAsArgumentParserReadsThem(_ line: [String]) throws {
    let direct = try #require(Valprop.parseDirectly(line, environment: [:]))
    #expect(Self.described(direct) == Self.described(try Valprop.parseAsRoot(line)))
  }

  @Test(arguments: [
    ["list", "--help"], ["list", "-h"], ["log"], ["log", "a", "b"], ["diff"],
    ["diff", "a", "--base", "main"],
    ["log", "a", "--context", "1"], ["list", "--format", "json", "--format", "text"], ["list", "--", "x"],
    ["new", "x"], ["lint"], ["--version"], ["list", "--owner", "--tag", "x"],
  ])
  func otherLinesAreLeftToArgumentParser(_ line: [String]) {
    #expect(Valprop.parseDirectly(line, environment: [:]) == nil)
  }

  @Test func theEnvironmentCanAskForArgumentParserAlone() {
    #expect(Valprop.parseDirectly(["list"], environment: [:]) != nil)
    #expect(Valprop.parseDirectly(["list"], environment: ["VALPROP_PARSER": "argument-parser"]) == nil)
  }
}
