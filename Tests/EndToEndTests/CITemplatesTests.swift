import Foundation
import TestSupport
import Testing
import Yams

/// The ready CI workflows of `templates/ci/` and the composite actions and scripts of
/// `.github/actions/` they use: they parse, call only commands, options and scripts that exist,
/// fetch full history, run in a pinned image with minimal permissions, and the scripts are
/// executable, `bash -n` and shellcheck clean.
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
    if Array(rest) == ["--version"] { return [] }
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

  // MARK: - The composite actions and their scripts

  static let actionsFolder = root + "/.github/actions"
  static let scriptsFolder = actionsFolder + "/scripts"
  /// The composite actions a team uses.
  static let actionNames = ["install", "pull-request", "post-comment", "stale"]
  /// The shell scripts the actions call, by file name.
  static let scriptFiles: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: scriptsFolder)) ?? []).filter {
      $0.hasSuffix(".sh")
    }
    .sorted()
  }()

  /// An action's `action.yml`.
  static func action(_ name: String) throws -> Node {
    let text = try String(contentsOfFile: actionsFolder + "/" + name + "/action.yml", encoding: .utf8)
    return try #require(try Yams.compose(yaml: text), "\(name)/action.yml is empty")
  }

  /// A script's text.
  static func script(_ name: String) throws -> String {
    try String(contentsOfFile: scriptsFolder + "/" + name, encoding: .utf8)
  }

  /// The steps of a composite action, or of every job of a workflow.
  static func steps(_ node: Node) -> [Node] {
    if let steps = value(value(node, "runs"), "steps")?.sequence { return Array(steps) }
    return (value(node, "jobs")?.mapping ?? [:]).flatMap { job in
      value(job.value, "steps")?.sequence.map(Array.init) ?? []
    }
  }

  /// The `uses:` of some steps.
  static func uses(_ steps: [Node]) -> [String] {
    steps.compactMap { value($0, "uses")?.scalar?.string }
  }

  @Test func thereAreGitHubAndGitLabTemplates() {
    #expect(Self.files.contains { $0.hasPrefix("github/") }, "\(Self.files)")
    #expect(Self.files.contains { $0.hasPrefix("gitlab/") }, "\(Self.files)")
  }

  @Test(arguments: files)
  func templatesParseAsYAML(_ file: String) throws {
    #expect(try Self.yaml(file).mapping != nil, "\(file) is not a mapping")
  }

  @Test(arguments: actionNames)
  func actionsParseAndCallOnlyScriptsThatExist(_ name: String) throws {
    let node = try Self.action(name)
    #expect(Self.value(Self.value(node, "runs"), "using")?.scalar?.string == "composite")
    #expect(Self.value(node, "description")?.scalar?.string.isEmpty == false, "\(name) has no description")
    for script in Self.scripts(node) {
      // The logic lives in the scripts: a step only calls one, through $GITHUB_ACTION_PATH
      // (${{ github.action_path }} names the host's path inside a job container).
      #expect(!script.contains("github.action_path"), "\(name): \(script)")
      let called = script.matches(of: #/"\$GITHUB_ACTION_PATH/\.\./scripts/([a-z-]+\.sh)"/#).map {
        String($0.1)
      }
      #expect(called.count == 1, "\(name): a step runs more than one script: \(script)")
      for file in called {
        #expect(
          FileManager.default.isExecutableFile(atPath: Self.scriptsFolder + "/" + file),
          "\(name) calls \(file)")
      }
    }
  }

  @Test func theScriptsCallOnlyWhatExists() throws {
    let subcommands = try Self.subcommands(of: [])
    var all: [[String]] = []
    for file in Self.scriptFiles {
      for arguments in Self.invocations(try Self.script(file)) {
        all.append(arguments)
        let problems = try Self.problems(arguments, subcommands: subcommands)
        #expect(problems.isEmpty, "\(file): valprop \(arguments.joined(separator: " ")): \(problems)")
      }
    }
    #expect(all.contains { $0.first == "diff" && $0.contains("--base") && $0.contains("markdown") }, "\(all)")
    #expect(
      all.contains { $0.first == "lint" && $0.contains("--changed-since") && $0.contains("json") }, "\(all)")
    #expect(all.contains { $0.first == "stale" && $0.contains("json") }, "\(all)")
  }

  @Test(arguments: scriptFiles)
  func scriptsAreExecutableStrictAndParse(_ file: String) throws {
    let path = Self.scriptsFolder + "/" + file
    let text = try Self.script(file)
    if file == "lib.sh" {
      #expect(text.contains("set -euo pipefail"))
    } else {
      #expect(FileManager.default.isExecutableFile(atPath: path), "\(file) is not executable")
      #expect(text.hasPrefix("#!/usr/bin/env bash\n"), "\(file)")
      #expect(
        text.contains("set -euo pipefail")
          || text.contains("source \"$(dirname \"${BASH_SOURCE[0]}\")/lib.sh\""),
        "\(file) does not run with set -euo pipefail")
    }
    let parsed = try Shell.run("/bin/bash", ["-n", path])
    #expect(parsed.status == 0, "\(parsed)")
    // valprop's exit 2 and API failures must never be swallowed.
    for line in text.split(separator: "\n") where line.contains("|| true") {
      #expect(
        !line.contains("valprop ") && !line.contains("gh ") && !line.contains("call "),
        "\(file) swallows a failure: \(line)")
    }
  }

  /// Whether Debian's shellcheck is installed.
  static let hasShellcheck = FileManager.default.isExecutableFile(atPath: Shell.which("shellcheck"))

  @Test(.enabled(if: hasShellcheck, "shellcheck is not installed (apt-get install -y shellcheck)"))
  func shellcheckFindsNothing() throws {
    let result = try Shell.run(
      Shell.which("shellcheck"), ["-x"] + Self.scriptFiles.map { Self.scriptsFolder + "/" + $0 },
      in: Self.scriptsFolder)
    #expect(result.status == 0, "\(result)")
  }

  @Test func theCacheKeyNamesTheVersionTheImageAndTheSource() throws {
    // A checkout of valprop as an action receives it: no Package.resolved (it is not committed).
    let source = try TemporaryFolder()
    let version = "Sources/ValpropCommands/Support/ValpropVersion.swift"
    try source.write(
      "Package.swift", try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8))
    try source.write(version, try String(contentsOfFile: Self.root + "/" + version, encoding: .utf8))
    func key() throws -> String {
      let result = try Shell.run(
        "/bin/bash", [Self.scriptsFolder + "/cache-key.sh"], environment: ["VALPROP_SOURCE": source.path])
      #expect(result.status == 0, "\(result)")
      return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let first = try key()
    let current = try #require(
      try String(contentsOfFile: Self.root + "/" + version, encoding: .utf8).firstMatch(
        of: #/current = "([^"]+)"/#))
    #expect(first.hasPrefix("valprop-\(current.1)-"), "\(first)")
    #expect(first.contains("-swift"), "\(first)")
    try source.write("Sources/valprop/main.swift", "// changed\n")
    #expect(try key() != first, "a changed source must not reuse the cached binary")
  }

  @Test func everyCheckoutFetchesFullHistoryWithoutKeepingTheToken() throws {
    var checkouts = 0
    for name in Self.actionNames {
      for step in Self.steps(try Self.action(name))
      where Self.uses([step]).first?.hasPrefix("actions/checkout@") == true {
        checkouts += 1
        let with = Self.value(step, "with")
        #expect(Self.value(with, "fetch-depth")?.scalar?.string == "0", "\(name)")
        #expect(Self.value(with, "persist-credentials")?.scalar?.string == "false", "\(name)")
      }
    }
    #expect(checkouts == 2, "the pull-request and stale actions check out")
    #expect(
      try !Self.uses(Self.steps(Self.action("post-comment"))).contains { $0.hasPrefix("actions/checkout") })
  }

  /// The GitHub templates by file name.
  static func gitHubTemplate(_ name: String) throws -> Node {
    try yaml("github/" + name)
  }

  @Test(arguments: files.filter { $0.hasPrefix("github/") })
  func gitHubTemplatesUseThisRepositorysActionsPinned(_ file: String) throws {
    let uses = Self.uses(Self.steps(try Self.yaml(file)))
    #expect(!uses.isEmpty, "\(file)")
    for reference in uses {
      let match = try #require(
        reference.firstMatch(of: #/^[\w.-]+/[\w.-]+/\.github/actions/([a-z-]+)@(.+)$/#),
        "\(file): \(reference)")
      #expect(Self.actionNames.contains(String(match.1)), "\(file): \(reference)")
      let ref = String(match.2)
      #expect(
        ref.wholeMatch(of: #/v\d+\.\d+\.\d+/#) != nil || ref.wholeMatch(of: #/[0-9a-f]{40}/#) != nil,
        "\(file): \(reference) is not pinned to a version tag or a commit")
    }
    #expect(
      try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8).split(separator: "\n").count
        <= 30,
      "\(file) is not short")
  }

  /// Whether an image is a Swift image with an exact version, on Debian 12 (bookworm).
  static func isPinnedBookworm(_ image: String) -> Bool {
    image.wholeMatch(of: #/swift:\d+\.\d+\.\d+-bookworm/#) != nil
  }

  @Test func jobsRunInOnePinnedBookwormImage() throws {
    var images: Set<String> = []
    for name in ["valprop-pull-request.yml", "valprop-stale.yml"] {
      for job in Self.value(try Self.gitHubTemplate(name), "jobs")?.mapping ?? [:] {
        let image = try #require(
          Self.value(job.value, "container")?.scalar?.string, "\(name) has no container")
        #expect(Self.isPinnedBookworm(image), "\(name): \(image) is not an exact bookworm tag")
        images.insert(image)
      }
    }
    let gitLab = try Self.yaml("gitlab/valprop.gitlab-ci.yml")
    let image = try #require(Self.value(Self.value(gitLab, ".valprop"), "image")?.scalar?.string)
    #expect(Self.isPinnedBookworm(image), "\(image)")
    images.insert(image)
    #expect(images.count == 1, "one image everywhere: \(images)")
  }

  /// A workflow's top-level permissions, as text.
  static func permissions(_ node: Node) -> [String: String] {
    var result: [String: String] = [:]
    for pair in value(node, "permissions")?.mapping ?? [:] {
      result[pair.key.scalar?.string ?? ""] = pair.value.scalar?.string
    }
    return result
  }

  @Test func permissionsAreMinimal() throws {
    let pullRequest = try Self.gitHubTemplate("valprop-pull-request.yml")
    let comment = try Self.gitHubTemplate("valprop-comment.yml")
    let stale = try Self.gitHubTemplate("valprop-stale.yml")
    #expect(
      Self.permissions(pullRequest) == ["contents": "read"],
      "the pull request's code runs with a read-only token")
    #expect(Self.permissions(comment) == ["actions": "read", "pull-requests": "write"])
    #expect(Self.permissions(stale) == ["contents": "read", "issues": "write"])
    for node in [pullRequest, comment, stale] {
      for job in Self.value(node, "jobs")?.mapping ?? [:] {
        #expect(Self.value(job.value, "permissions") == nil, "job \(job.key) widens the permissions")
      }
    }
    let triggers = Self.value(pullRequest, "on")
    #expect(triggers?.scalar?.string == "pull_request" || Self.value(triggers, "pull_request") != nil)
    #expect(Self.value(triggers, "pull_request_target") == nil)
  }

  @Test func pullRequestRunsHaveOneConcurrencyGroupPerPullRequest() throws {
    let concurrency = Self.value(try Self.gitHubTemplate("valprop-pull-request.yml"), "concurrency")
    #expect(
      Self.value(concurrency, "group")?.scalar?.string.contains("github.event.pull_request.number") == true)
    #expect(Self.value(concurrency, "cancel-in-progress")?.scalar?.string == "true")
    let posting = Self.value(try Self.gitHubTemplate("valprop-comment.yml"), "concurrency")
    #expect(Self.value(posting, "group")?.scalar?.string.contains("workflow_run") == true)
  }

  @Test func thePosterRunsAfterThePullRequestWorkflow() throws {
    let pullRequest = try Self.gitHubTemplate("valprop-pull-request.yml")
    let comment = try Self.gitHubTemplate("valprop-comment.yml")
    let name = try #require(Self.value(pullRequest, "name")?.scalar?.string)
    let trigger = Self.value(Self.value(comment, "on"), "workflow_run")
    #expect(Self.value(trigger, "workflows")?.sequence?.map { $0.scalar?.string } == [name])
    #expect(Self.value(trigger, "types")?.sequence?.map { $0.scalar?.string } == ["completed"])
    for job in Self.value(comment, "jobs")?.mapping ?? [:] {
      #expect(Self.value(job.value, "if")?.scalar?.string.contains("== 'pull_request'") == true)
    }
    // The poster checks the artifact: an integer number, the run's head, bounded sizes.
    let poster = try Self.script("post-comment.sh")
    for check in ["is_number \"$pr\"", "VALPROP_RUN_HEAD_SHA", "max_comment", "max_artifact"] {
      #expect(poster.contains(check), "post-comment.sh does not check \(check)")
    }
  }

  @Test func theGitHubStaleWorkflowRunsOnASchedule() throws {
    let node = try Self.gitHubTemplate("valprop-stale.yml")
    #expect(Self.uses(Self.steps(node)).contains { $0.contains("/.github/actions/stale@") })
    let schedule = try #require(Self.value(Self.value(node, "on"), "schedule")?.sequence)
    #expect(!schedule.isEmpty)
    for entry in schedule {
      let cron = Self.value(entry, "cron")?.scalar?.string ?? ""
      #expect(cron.split(separator: " ").count == 5, "cron '\(cron)'")
    }
    #expect(try Self.script("stale.sh").contains("summary"), "stale.sh writes no job summary")
  }

  @Test func gitLabJobsArePinnedScopedAndRunTheScripts() throws {
    let node = try Self.yaml("gitlab/valprop.gitlab-ci.yml")
    #expect(Self.value(node, "variables") == nil, "variables must be scoped to valprop's jobs")
    let template = Self.value(node, ".valprop")
    let variables = Self.value(template, "variables")
    #expect(Self.value(variables, "GIT_DEPTH")?.scalar?.string == "0")
    let ref = try #require(Self.value(variables, "VALPROP_REF")?.scalar?.string)
    #expect(
      ref.wholeMatch(of: #/v\d+\.\d+\.\d+/#) != nil || ref.wholeMatch(of: #/[0-9a-f]{40}/#) != nil, "\(ref)")

    let mergeRequest = Self.value(node, "valprop-merge-request")
    #expect(Self.value(mergeRequest, "extends")?.scalar?.string == ".valprop")
    #expect(
      try Yams.serialize(node: Self.value(mergeRequest, "rules") ?? Node("")).contains("merge_request_event"))
    #expect(Self.scripts(mergeRequest ?? Node("")).joined().contains("/scripts/gitlab-merge-request.sh"))

    let stale = Self.value(node, "valprop-stale")
    #expect(
      Self.value(stale, "extends")?.sequence?.map { $0.scalar?.string } == [".valprop", ".valprop-caches"])
    #expect(try Yams.serialize(node: Self.value(stale, "rules") ?? Node("")).contains("schedule"))
    #expect(Self.scripts(stale ?? Node("")).joined().contains("/scripts/stale.sh"))
    let allowed = Self.value(Self.value(stale, "allow_failure"), "exit_codes")?.sequence?.map {
      $0.scalar?.string
    }
    #expect(allowed == ["1"], "stale found (1) is allowed to fail, broken (2) is not")
    for script in Self.scripts(node) {
      for match in script.matches(of: #/scripts/([a-z-]+\.sh)/#) {
        #expect(
          FileManager.default.isExecutableFile(atPath: Self.scriptsFolder + "/" + match.1), "\(match.1)")
      }
    }
  }

  /// The scheduled jobs keep valprop's caches between runs, so a weekly report reads last
  /// week's scores and rendered Markdown: on GitHub with actions/cache of `.git/valprop`'s
  /// cache files (never the report folder), a new key each run restoring the newest; on
  /// GitLab, which caches only inside the checkout, through keep-caches.sh, saved even
  /// when the job fails (a stale proposition is exit 1).
  @Test func scheduledJobsKeepValpropsCachesBetweenRuns() throws {
    let steps = Self.steps(try Self.action("stale"))
    func step(_ uses: String) throws -> Node {
      try #require(
        steps.first {
          Self.value($0, "uses")?.scalar?.string.hasPrefix(uses) == true
            && Self.value(Self.value($0, "with"), "path")?.scalar?.string.contains(".git/valprop") == true
        }, "the stale action has no \(uses) step for valprop's caches")
    }
    let restoring = try step("actions/cache/restore@")
    let saving = try step("actions/cache/save@")
    let restoreWith = Self.value(restoring, "with")
    let saveWith = Self.value(saving, "with")
    let paths = Self.value(restoreWith, "path")?.scalar?.string.split(separator: "\n").map(String.init) ?? []
    let trusted = ["history.cache", "scores.cache", "drift.cache", "markdown.cache"].map {
      ".git/valprop/" + $0
    }
    #expect(
      Set(paths) == Set(trusted), "what a new clone can trust, never the summaries or the report: \(paths)")
    #expect(Self.value(saveWith, "path")?.scalar?.string == Self.value(restoreWith, "path")?.scalar?.string)
    let key = Self.value(restoreWith, "key")?.scalar?.string ?? ""
    let restore = Self.value(restoreWith, "restore-keys")?.scalar?.string ?? ""
    #expect(Self.value(saveWith, "key")?.scalar?.string == key)
    #expect(key.contains("${{ steps.key.outputs.key }}"), "the key names the valprop build: \(key)")
    #expect(key.contains("${{ github.run_id }}"), "a key used once per run, so every run saves: \(key)")
    #expect(!restore.isEmpty && key.hasPrefix(restore), "\(restore) restores the newest of \(key)")
    #expect(Self.value(saving, "if")?.scalar?.string == "always()", "saved whatever the run found")
    let names = steps.compactMap {
      Self.value($0, "name")?.scalar?.string ?? Self.value($0, "uses")?.scalar?.string
    }
    let restoreAt = try #require(names.firstIndex { $0.contains("Restore valprop's caches") })
    #expect(
      names.firstIndex { $0.contains("one issue per owner") }.map { restoreAt < $0 } == true, "\(names)")
    #expect(
      names.firstIndex { $0.lowercased().contains("check out") }.map { $0 < restoreAt } == true, "\(names)")
    #expect(names.last?.contains("Keep valprop's caches") == true, "saved last: \(names)")

    let gitlab = try Self.yaml("gitlab/valprop.gitlab-ci.yml")
    let kept = try #require(Self.value(Self.value(gitlab, ".valprop-caches"), "cache")?.sequence)
    let state = try #require(
      kept.first { (try? Yams.serialize(node: $0))?.contains(".valprop-cache/state") == true })
    #expect(Self.value(state, "when")?.scalar?.string == "always")
    #expect(kept.contains { (try? Yams.serialize(node: $0))?.contains(".valprop-cache/bin") == true })
    for job in ["valprop-stale", "pages"] {
      let node = Self.value(gitlab, job)
      #expect(
        Self.value(node, "extends")?.sequence?.contains { $0.scalar?.string == ".valprop-caches" } == true,
        "\(job)")
      let lines = Self.scripts(node ?? Node("")).joined(separator: "\n")
      let restoreLine = try #require(lines.range(of: "keep-caches.sh restore"), "\(job): \(lines)")
      let valprop = try #require(lines.range(of: job == "pages" ? "valprop report" : "stale.sh"), "\(job)")
      #expect(restoreLine.upperBound <= valprop.lowerBound, "\(job) restores before it runs valprop")
      let after = Self.value(node, "after_script")?.sequence?.compactMap { $0.scalar?.string } ?? []
      #expect(
        after.contains { $0.contains("keep-caches.sh save") }, "\(job) saves even when it fails: \(after)")
    }
    #expect(
      (try? Yams.serialize(node: state))?.contains("$VALPROP_REF") == true,
      "the key names the valprop release")
  }

  @Test func thePosterFindsItsCommentByTheDiffsMarker() throws {
    // The marker is the first line of `diff --format markdown`; the comment's marker extends it.
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
    let stem = String(marker.dropLast(" -->".count))
    #expect(try Self.script("post-comment.sh").contains("startswith(\"\(stem)\")"))
    #expect(try Self.script("gitlab-note.sh").contains("startswith(\"\(stem)\")"))
    #expect(
      try String(contentsOfFile: Self.scriptsFolder + "/escape-markdown.awk", encoding: .utf8).contains(stem))
  }
}
