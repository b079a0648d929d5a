import Foundation
import TestSupport
import Testing
import Yams

/// The ready CI workflows of `templates/ci/`: they parse, call only commands and options that
/// exist, fetch full history, run on a schedule and post the diff under its marker.
@Suite struct CITemplatesTests {
  /// The package's root folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let folder = root + "/templates/ci"

  /// Every file below templates/ci, relative to it.
  static let files: [String] = {
    let manager = FileManager.default
    return (manager.subpaths(atPath: folder) ?? []).filter { relative in
      var isFolder: ObjCBool = false
      return manager.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
        && !isFolder.boolValue
    }.sorted()
  }()

  /// A file's YAML.
  static func yaml(_ relative: String) throws -> Node {
    let text = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
    return try #require(try Yams.compose(yaml: text), "\(relative) is empty")
  }

  /// The value of a key of a mapping, compared as text (YAML 1.1 reads `on` as a boolean).
  static func value(_ node: Node?, _ key: String) -> Node? {
    guard let mapping = node?.mapping else { return nil }
    return mapping.first { $0.key.scalar?.string == key }?.value
  }

  /// Every shell script of a workflow: the values of `run`, `script`, `before_script` and
  /// `after_script` anywhere in it.
  static func scripts(_ node: Node) -> [String] {
    switch node {
    case .mapping(let mapping):
      return mapping.flatMap { pair -> [String] in
        let key = pair.key.scalar?.string ?? ""
        if ["run", "script", "before_script", "after_script"].contains(key) {
          if let text = pair.value.scalar?.string { return [text] }
          return pair.value.sequence?.compactMap { $0.scalar?.string } ?? []
        }
        return scripts(pair.value)
      }
    case .sequence(let sequence):
      return sequence.flatMap(scripts)
    default:
      return []
    }
  }

  // MARK: - A small shell reader

  /// A word or an operator of a shell script.
  enum Token: Equatable {
    case word(String)
    case op(String)
  }

  /// The tokens of a script, and the scripts of its command substitutions (read separately).
  static func tokens(_ script: String) -> (tokens: [Token], nested: [String]) {
    let characters = Array(script.replacingOccurrences(of: "\\\n", with: " "))
    var tokens: [Token] = []
    var nested: [String] = []
    var word = ""
    var inWord = false
    var index = 0
    func finish() {
      if inWord { tokens.append(.word(word)) }
      word = ""
      inWord = false
    }
    /// The text of a `$(…)` starting at `start` (the `$`), and the index after its `)`.
    func substitution(_ start: Int) -> (String, Int) {
      var depth = 0
      var position = start + 1
      var quote: Character?
      while position < characters.count {
        let character = characters[position]
        if let open = quote {
          if character == open { quote = nil }
        } else if character == "'" || character == "\"" {
          quote = character
        } else if character == "(" {
          depth += 1
        } else if character == ")" {
          depth -= 1
          if depth == 0 { return (String(characters[(start + 2)..<position]), position + 1) }
        }
        position += 1
      }
      return (String(characters[(start + 2)...]), characters.count)
    }
    while index < characters.count {
      let character = characters[index]
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      switch character {
      case "#" where !inWord:
        while index < characters.count && characters[index] != "\n" { index += 1 }
        continue
      case "'":
        inWord = true
        index += 1
        while index < characters.count && characters[index] != "'" {
          word.append(characters[index])
          index += 1
        }
      case "\"":
        inWord = true
        index += 1
        while index < characters.count && characters[index] != "\"" {
          if characters[index] == "\\", index + 1 < characters.count {
            word.append(characters[index + 1])
            index += 2
            continue
          }
          if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "(" {
            let (inner, end) = substitution(index)
            nested.append(inner)
            word += "$(" + inner + ")"
            index = end
            continue
          }
          word.append(characters[index])
          index += 1
        }
      case "$" where next == "(":
        let (inner, end) = substitution(index)
        nested.append(inner)
        inWord = true
        word += "$(" + inner + ")"
        index = end
        continue
      case "\\":
        inWord = true
        if let next { word.append(next) }
        index += 1
      case " ", "\t":
        finish()
      case "\n", ";", "(", ")", "{", "}":
        finish()
        tokens.append(.op(character == "\n" ? ";" : String(character)))
      case "|", "&":
        finish()
        if next == character {
          tokens.append(.op(String([character, character])))
          index += 1
        } else {
          tokens.append(.op(String(character)))
        }
      case ">", "<":
        // A redirection: drop a file-descriptor number just before it.
        if inWord, word.allSatisfy(\.isNumber) {
          word = ""
          inWord = false
        }
        finish()
        if next == ">" || next == "&" { index += 1 }
        tokens.append(.op("redirect"))
      default:
        inWord = true
        word.append(character)
      }
      index += 1
    }
    finish()
    return (tokens, nested)
  }

  /// The arguments of every `valprop` command in a script (command substitutions included).
  static func invocations(_ script: String) -> [[String]] {
    let (tokens, nested) = tokens(script)
    var result: [[String]] = []
    var atCommand = true
    var current: [String]?
    var skipNext = false
    let keywords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "time", "exec"]
    for token in tokens {
      switch token {
      case .op("redirect"):
        skipNext = true
      case .op:
        if let command = current { result.append(command) }
        current = nil
        atCommand = true
      case .word(let word):
        if skipNext {
          skipNext = false
          continue
        }
        if current != nil {
          current?.append(word)
        } else if atCommand {
          if keywords.contains(word)
            || word.range(of: #"^[A-Za-z_][A-Za-z0-9_]*="#, options: .regularExpression) != nil
          {
            continue
          }
          atCommand = false
          if word == "valprop" || word.hasSuffix("/valprop") { current = [] }
        }
      }
    }
    if let command = current { result.append(command) }
    return result + nested.flatMap(invocations)
  }

  @Test func theShellReaderFindsValpropCommands() {
    let script = """
      install /tmp/valprop/.build/release/valprop /usr/local/bin/valprop
      valprop stale --format markdown >> "$GITHUB_STEP_SUMMARY" || true
      x="$(valprop list --format json | jq .)"; echo valprop nope
      if valprop lint \\
        --staged 2>/dev/null; then :; fi
      """
    #expect(
      Self.invocations(script) == [
        ["stale", "--format", "markdown"], ["lint", "--staged"], ["list", "--format", "json"],
      ])
  }

  // MARK: - What valprop offers

  /// The subcommands `valprop --help` lists.
  static func subcommands(of path: [String]) throws -> Set<String> {
    let help = try valprop(path + ["--help"], in: root).stdout
    guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
    return Set(
      help[section.upperBound...].split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
        return line.split(separator: " ").first.map(String.init)
      })
  }

  /// One option a subcommand's help lists.
  struct Option {
    let takesValue: Bool
    let values: [String]?
  }

  /// The options `valprop <path> --help` lists, by every name (`-m` and `--message`).
  static func options(of path: [String]) throws -> [String: Option] {
    let help = try valprop(path + ["--help"], in: root).stdout
    guard let section = help.range(of: "OPTIONS:\n") else { return [:] }
    var entries: [String] = []
    for line in help[section.upperBound...].split(separator: "\n") {
      if line.hasPrefix("  -") {
        entries.append(String(line))
      } else if line.hasPrefix("   "), !entries.isEmpty {
        entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
      } else if !line.hasPrefix(" ") {
        break
      }
    }
    var options: [String: Option] = [:]
    for entry in entries {
      let signature = entry.trimmingCharacters(in: .whitespaces)
      let names = signature.matches(of: #/(?:^|, )(--?[A-Za-z][\w-]*)/#).map { String($0.1) }
      let takesValue = signature.firstMatch(of: #/^(?:-\w, )?--?[\w-]+ <[^>]+>/#) != nil
      let values = entry.firstMatch(of: #/\(values: ([^;)]+)/#).map {
        $0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      }
      for name in names { options[name] = Option(takesValue: takesValue, values: values) }
    }
    return options
  }

  /// What is wrong with one `valprop …` command line; empty when nothing.
  static func problems(_ arguments: [String], subcommands: Set<String>) throws -> [String] {
    var rest = arguments[...]
    while rest.first == "-C" { rest = rest.dropFirst(2) }
    guard let command = rest.first, !command.hasPrefix("-") else { return ["no subcommand"] }
    guard subcommands.contains(command) else { return ["no subcommand '\(command)'"] }
    var path = [command]
    rest = rest.dropFirst()
    let nested = try Self.subcommands(of: path)
    if !nested.isEmpty {
      guard let inner = rest.first, nested.contains(inner) else {
        return ["no subcommand '\(command) \(rest)'"]
      }
      path.append(inner)
      rest = rest.dropFirst()
    }
    let options = try Self.options(of: path)
    var problems: [String] = []
    var words = Array(rest)
    while !words.isEmpty {
      let word = words.removeFirst()
      guard word.hasPrefix("-"), word != "-" else { continue }
      let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
      guard let option = options[parts[0]] else {
        problems.append("'\(path.joined(separator: " "))' has no option \(parts[0])")
        continue
      }
      guard option.takesValue else { continue }
      let value = parts.count > 1 ? parts[1] : (words.isEmpty ? nil : words.removeFirst())
      guard let value else {
        problems.append("\(parts[0]) needs a value")
        continue
      }
      if let values = option.values, !value.contains("$"), !values.contains(value) {
        problems.append("\(parts[0]) \(value) is not one of \(values)")
      }
    }
    return problems
  }

  @Test func theCheckerFindsWhatDoesNotExist() throws {
    let subcommands = try Self.subcommands(of: [])
    #expect(subcommands.isSuperset(of: ["stale", "diff", "lint", "hooks", "review"]), "\(subcommands)")
    #expect(
      try Self.problems(["stale", "--within", "30d", "--format", "markdown"], subcommands: subcommands) == [])
    #expect(try Self.problems(["-C", "dir", "hooks", "install", "--force"], subcommands: subcommands) == [])
    #expect(
      try Self.problems(["lint", "--changed-since", "$BASE", "--format", "github"], subcommands: subcommands)
        == [])
    #expect(try Self.problems(["review", "x", "-m", "note"], subcommands: subcommands) == [])
    #expect(try !Self.problems(["stale", "--bogus"], subcommands: subcommands).isEmpty)
    #expect(try !Self.problems(["lint", "--format", "pdf"], subcommands: subcommands).isEmpty)
    #expect(try !Self.problems(["diff", "--base"], subcommands: subcommands).isEmpty)
    #expect(try !Self.problems(["staleness"], subcommands: subcommands).isEmpty)
    #expect(try !Self.problems(["hooks", "remove"], subcommands: subcommands).isEmpty)
  }

  // MARK: - The templates

  @Test func thereAreGitHubAndGitLabTemplates() {
    #expect(Self.files.contains { $0.hasPrefix("github/") }, "\(Self.files)")
    #expect(Self.files.contains { $0.hasPrefix("gitlab/") }, "\(Self.files)")
  }

  @Test(arguments: files)
  func parsesAsYAMLAndCallsOnlyWhatExists(_ file: String) throws {
    let node = try Self.yaml(file)
    #expect(node.mapping != nil, "\(file) is not a mapping")
    let invocations = Self.scripts(node).flatMap(Self.invocations)
    #expect(!invocations.isEmpty, "\(file) never runs valprop")
    let subcommands = try Self.subcommands(of: [])
    for arguments in invocations {
      let problems = try Self.problems(arguments, subcommands: subcommands)
      #expect(problems.isEmpty, "\(file): valprop \(arguments.joined(separator: " ")): \(problems)")
    }
  }

  @Test(arguments: files.filter { $0.hasPrefix("github/") })
  func gitHubWorkflowsCheckOutFullHistory(_ file: String) throws {
    let node = try Self.yaml(file)
    let jobs = try #require(Self.value(node, "jobs")?.mapping, "\(file) has no jobs")
    var checkouts = 0
    for job in jobs {
      let steps = Self.value(job.value, "steps")?.sequence.map(Array.init) ?? []
      let runsValprop = !Self.scripts(job.value).flatMap(Self.invocations).isEmpty
      let checkout = steps.filter {
        Self.value($0, "uses")?.scalar?.string.hasPrefix("actions/checkout") == true
      }
      if runsValprop { #expect(!checkout.isEmpty, "\(file): job \(job.key) runs valprop without a checkout") }
      for step in checkout {
        checkouts += 1
        let depth = Self.value(Self.value(step, "with"), "fetch-depth")?.scalar?.string
        #expect(depth == "0", "\(file): job \(job.key) checks out with fetch-depth \(depth ?? "1 (default)")")
      }
    }
    #expect(checkouts > 0, "\(file)")
  }

  @Test(arguments: files.filter { $0.hasPrefix("gitlab/") })
  func gitLabJobsFetchFullHistory(_ file: String) throws {
    let node = try Self.yaml(file)
    let global = Self.value(Self.value(node, "variables"), "GIT_DEPTH")?.scalar?.string
    let jobs = try #require(node.mapping)
    var checked = 0
    for job in jobs where !Self.scripts(job.value).flatMap(Self.invocations).isEmpty {
      let own = Self.value(Self.value(job.value, "variables"), "GIT_DEPTH")?.scalar?.string
      let strategy = Self.value(Self.value(job.value, "variables"), "GIT_STRATEGY")?.scalar?.string
      #expect(
        (own ?? global) == "0", "\(file): job \(job.key) fetches GIT_DEPTH \(own ?? global ?? "default (20)")"
      )
      #expect(strategy != "none", "\(file): job \(job.key)")
      checked += 1
    }
    #expect(checked > 0, "\(file)")
  }

  /// The GitHub workflows whose scripts run a valprop subcommand.
  static func gitHubWorkflows(running subcommand: String) throws -> [(file: String, node: Node)] {
    try files.filter { $0.hasPrefix("github/") }.map { ($0, try yaml($0)) }.filter { entry in
      scripts(entry.node).flatMap(invocations).contains { $0.first == subcommand }
    }
  }

  @Test func theGitHubStaleWorkflowRunsOnASchedule() throws {
    let workflows = try Self.gitHubWorkflows(running: "stale")
    #expect(!workflows.isEmpty, "no GitHub workflow runs valprop stale")
    for (file, node) in workflows {
      let triggers = Self.value(node, "on")
      let schedule = try #require(Self.value(triggers, "schedule")?.sequence, "\(file) has no schedule")
      #expect(!schedule.isEmpty, "\(file)")
      for entry in schedule {
        let cron = Self.value(entry, "cron")?.scalar?.string ?? ""
        #expect(cron.split(separator: " ").count == 5, "\(file): cron '\(cron)'")
      }
      let scripts = Self.scripts(node).joined(separator: "\n")
      #expect(scripts.contains("GITHUB_STEP_SUMMARY"), "\(file) writes no job summary")
    }
  }

  @Test func theGitLabStaleJobRunsOnASchedule() throws {
    for file in Self.files where file.hasPrefix("gitlab/") {
      let node = try Self.yaml(file)
      for job in node.mapping ?? [:] {
        guard Self.scripts(job.value).flatMap(Self.invocations).contains(where: { $0.first == "stale" })
        else {
          continue
        }
        let rules =
          try Yams.serialize(node: Self.value(job.value, "rules") ?? Node(""))
          + (try Yams.serialize(node: Self.value(job.value, "only") ?? Node("")))
        #expect(rules.contains("schedule"), "\(file): job \(job.key) does not run on a schedule")
      }
    }
  }

  @Test func thePullRequestWorkflowPostsTheDiffUnderItsMarker() throws {
    // The marker is the first line of `diff --format markdown`.
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/autopilot.md": Propositions.text()])
    try repo.commit(
      "Edit",
      files: [
        "propositions/autopilot.md": Propositions.text().replacingOccurrences(
          of: "20 hours", with: "25 hours")
      ])
    let diff = try valprop(
      ["diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "markdown"], in: repo.path)
    #expect(diff.status == 0, "\(diff)")
    let marker = String(diff.stdout.prefix { $0 != "\n" })
    #expect(marker == "<!-- valprop-diff -->", "\(diff)")

    let workflows = try Self.gitHubWorkflows(running: "diff")
    #expect(!workflows.isEmpty, "no GitHub workflow runs valprop diff")
    for (file, node) in workflows {
      let triggers = Self.value(node, "on")
      #expect(
        Self.value(triggers, "pull_request") != nil || Self.value(triggers, "pull_request_target") != nil,
        "\(file) does not run on pull requests")
      let scripts = Self.scripts(node)
      let invocations = scripts.flatMap(Self.invocations)
      #expect(
        invocations.contains { $0.first == "diff" && $0.contains("--base") && $0.contains("markdown") },
        "\(file): \(invocations)")
      #expect(
        invocations.contains {
          $0.first == "lint" && $0.contains("--changed-since") && $0.contains("github")
        },
        "\(file) does not annotate lint findings: \(invocations)")
      #expect(scripts.joined().contains(marker), "\(file) does not find its comment by the marker")
    }
  }
}
