import Foundation
import TestSupport
import Testing

/// `valprop lint` run in-process on real repositories: exit codes, the ids filter,
/// `--changed-since`, `--staged`, broken files and every output format.
@Suite struct LintTests {
  /// The day evidence is judged on, so results never depend on today.
  static let asOf = ["--as-of", "2026-11-27"]

  /// A strong core proposition: no findings at all.
  static func strong(_ title: String = "Reconciliation autopilot") -> String {
    Samples.strongCore(title: title)
  }

  /// A proposition whose only finding is a warning (a buzzword on line 16).
  static func warningsOnly(_ title: String = "Reconciliation autopilot") -> String {
    strong(title).replacingOccurrences(
      of: "Matches every payout to its invoices overnight.",
      with: "We leverage bank feeds to match every payout overnight.")
  }

  /// A proposition with an error: no evidence (the Evidence heading is on line 24).
  static func weak(_ title: String = "Reconciliation autopilot") -> String {
    strong(title).replacingOccurrences(of: "- 14 controller interviews, October 2026\n", with: "")
  }

  /// `lint --format json` parsed: the findings and the propositions' ids.
  func report(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> (findings: [[String: Any]], ids: [String])
  {
    let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
    let object = try #require(
      parsed as? [String: Any], "not an object: \(result)", sourceLocation: sourceLocation)
    #expect(object.keys.sorted() == ["findings", "propositions"], sourceLocation: sourceLocation)
    let findings = try #require(object["findings"] as? [[String: Any]], sourceLocation: sourceLocation)
    let propositions = try #require(
      object["propositions"] as? [[String: Any]], sourceLocation: sourceLocation)
    return (findings, propositions.compactMap { $0["id"] as? String }.sorted())
  }

  /// The rules of the findings for one id.
  func rules(_ findings: [[String: Any]], id: String) -> [String] {
    findings.filter { $0["id"] as? String == id }.compactMap { $0["rule"] as? String }
  }

  /// Runs `valprop lint` with the fixed as-of date.
  @discardableResult
  func lint(_ arguments: [String], in repo: GitFixture) throws -> ProcessResult {
    try valprop(["lint"] + arguments + Self.asOf, in: repo.path)
  }

  // MARK: Exit codes

  @Test func aCleanWorkspaceExitsZero() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])
    try repo.commit("add")

    let result = try lint([], in: repo)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("autopilot: strength 100/100"), "\(result)")
    #expect(result.stdout.contains("0 errors, 0 warnings in 1 proposition"), "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
  }

  @Test func listRulesPrintsEveryRuleAndTheTeamsRules() throws {
    let repo = try repository([
      ".valprop.yml": "lint:\n  rules:\n    - words: [L3 queue]\n      message: an internal name\n",
      "propositions/autopilot.md": Self.strong(),
    ])
    try repo.commit("add")

    let result = try valprop(["lint", "--list-rules"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    for id in ["front-matter", "no-measurable-benefit", "unbacked-figure", "no-alternative", "not-english"] {
      #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) listed: \(result)")
    }
    #expect(lines.contains { $0.contains("no-evidence") && $0.contains("validated") && $0.contains("error") })
    #expect(result.stdout.contains("L3 queue (warning): an internal name"), "\(result)")
    #expect(!result.stdout.contains("strength"), "nothing is linted")
  }

  @Test func anErrorExitsOne() throws {
    let repo = try repository([
      "propositions/autopilot.md": Self.weak(), "propositions/ledger.md": Self.strong("Ledger"),
    ])

    let result = try lint([], in: repo)

    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("propositions/autopilot.md:24:1: error: "), "\(result)")
    #expect(result.stdout.contains("[no-evidence]"), "\(result)")
    #expect(result.stdout.contains("1 error, 0 warnings in 2 propositions"), "\(result)")
  }

  @Test func warningsExitZeroAndOneWithStrict() throws {
    let repo = try repository(["propositions/autopilot.md": Self.warningsOnly()])

    let plain = try lint([], in: repo)
    let strict = try lint(["--strict"], in: repo)

    #expect(plain.status == 0, "\(plain)")
    #expect(plain.stdout.contains("propositions/autopilot.md:16:4: warning: "), "\(plain)")
    #expect(plain.stdout.contains("[buzzword]"), "\(plain)")
    #expect(strict.status == 1, "\(strict)")
    #expect(strict.stdout == plain.stdout, "--strict changes the exit code, not the report")
  }

  @Test func strictOnACleanWorkspaceStillExitsZero() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])
    #expect(try lint(["--strict"], in: repo).status == 0)
  }

  @Test func anUnknownIDExitsTwo() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])

    let result = try lint(["autopilot", "no-such-id"], in: repo)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no-such-id"), "\(result)")
    #expect(result.stdout.isEmpty, "nothing is reported when an id is wrong: \(result)")
  }

  @Test func anUnknownRevisionExitsTwo() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])
    try repo.commit("add")

    let result = try lint(["--changed-since", "no-such-revision"], in: repo)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no-such-revision"), "\(result)")
  }

  @Test(arguments: [
    "lint:\n  disable: [no-such-rule]\n", "lint:\n  severity:\n    buzzword: loud\n",
    "lint:\n  colour: red\n",
    "lint:\n  headline-words: many\n", "lint: [\n",
  ])
  func aBadConfigExitsTwo(_ config: String) throws {
    let repo = try repository([".valprop.yml": config, "propositions/autopilot.md": Self.strong()])

    let result = try lint([], in: repo)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(".valprop.yml"), "the message names the config: \(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  @Test func twoFilesWithOneIDExitTwoNamingBoth() throws {
    let repo = try repository([
      "propositions/autopilot.md": Self.strong(), "propositions/team/autopilot.md": Self.strong(),
    ])

    let result = try lint([], in: repo)

    // Both files are findings (unreadable-file) naming both paths; lint could not lint them.
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.contains("propositions/autopilot.md:1:1: error: two files"), "\(result)")
    #expect(result.stdout.contains("propositions/team/autopilot.md:1:1: error: two files"), "\(result)")
  }

  @Test func stagedAndChangedSinceTogetherAreRefused() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])
    try repo.commit("add")

    let result = try lint(["--staged", "--changed-since", "HEAD"], in: repo)

    #expect(result.status == 2, "\(result)")
  }

  /// libgit2 cannot read a split or sparse index: `--staged` says so and how to undo it,
  /// and once that is done it lints.
  @Test(arguments: [
    (["update-index", "--split-index"], "split-index", ["update-index", "--no-split-index"]),
    (
      ["sparse-checkout", "set", "--cone", "--sparse-index", "propositions"], "sparse index",
      ["sparse-checkout", "init", "--no-sparse-index"]
    ),
  ])
  func anIndexLibgit2CannotReadIsNamedWithTheWayBack(make: [String], name: String, undo: [String]) throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong(), "src/code.txt": "code\n"])
    try repo.commit("add")
    try repo.folder.write("propositions/autopilot.md", Self.weak())
    try repo.git(["add", "propositions/autopilot.md"])
    try repo.git(make)

    let refused = try lint(["--staged"], in: repo)

    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains(name), "\(refused)")
    #expect(
      refused.stderr.contains("hint: ") && refused.stderr.contains(undo.joined(separator: " ")), "\(refused)")
    try repo.git(undo)
    let linted = try lint(["--staged"], in: repo)
    #expect(linted.status == 1, "the staged version is weak: \(linted)")
  }

  @Test func theConfigChangesWhatLintReports() throws {
    let config = "lint:\n  severity:\n    buzzword: error\n  jargon: [payout]\n"
    let repo = try repository([".valprop.yml": config, "propositions/autopilot.md": Self.warningsOnly()])

    let result = try lint(["--format", "json"], in: repo)

    #expect(result.status == 1, "buzzword is an error now: \(result)")
    let (findings, _) = try report(result)
    #expect(findings.first { $0["rule"] as? String == "buzzword" }?["severity"] as? String == "error")
    #expect(rules(findings, id: "autopilot").contains("jargon"), "\(result)")
  }

  // MARK: Which propositions

  @Test func idsLimitTheLintToThosePropositions() throws {
    let repo = try repository([
      "propositions/autopilot.md": Self.strong(), "propositions/team/ledger.md": Self.weak("Ledger"),
      "propositions/pricing.md": Self.warningsOnly("Pricing"),
    ])

    let one = try lint(["autopilot", "--format", "json"], in: repo)
    let two = try lint(["pricing", "ledger", "--format", "json"], in: repo)
    let all = try lint(["--format", "json"], in: repo)

    #expect(one.status == 0, "\(one)")
    #expect(try report(one).ids == ["autopilot"])
    #expect(try report(one).findings.isEmpty)
    #expect(two.status == 1, "\(two)")
    #expect(try report(two).ids == ["ledger", "pricing"])
    #expect(
      try report(two).findings.allSatisfy { ["ledger", "pricing"].contains($0["id"] as? String ?? "") })
    #expect(try report(all).ids == ["autopilot", "ledger", "pricing"])
  }

  @Test func changedSinceLintsOnlyWhatWasAddedModifiedOrRenamed() throws {
    let repo = try repository()
    let base = try repo.commit(
      "base",
      files: [
        "propositions/untouched.md": Self.weak("Untouched"), "propositions/edited.md": Self.strong("Edited"),
        "propositions/moved.md": Self.weak("Moved"), "propositions/removed.md": Self.weak("Removed"),
        "propositions/later.md": Self.strong("Later"),
      ])
    try FileManager.default.createDirectory(
      atPath: repo.path + "/propositions/team", withIntermediateDirectories: true)
    try repo.git(["mv", "propositions/moved.md", "propositions/team/moved.md"])
    try repo.git(["rm", "-q", "propositions/removed.md"])
    try repo.commit(
      "edit, add, move, remove",
      files: [
        "propositions/edited.md": Self.weak("Edited"), "propositions/added.md": Self.warningsOnly("Added"),
      ])
    // A change in the work tree only counts too: the head is the work tree.
    try repo.folder.write("propositions/later.md", Self.warningsOnly("Later"))

    let sinceBase = try lint(["--changed-since", base, "--format", "json"], in: repo)
    let sinceHead = try lint(["--changed-since", "HEAD", "--format", "json"], in: repo)
    let sinceHeadOnEdited = try lint(["edited", "--changed-since", "HEAD", "--format", "json"], in: repo)

    #expect(sinceBase.status == 1, "\(sinceBase)")
    let (findings, ids) = try report(sinceBase)
    #expect(ids == ["added", "edited", "later", "moved"], "not 'untouched', not 'removed': \(sinceBase)")
    #expect(!findings.contains { $0["id"] as? String == "untouched" })
    #expect(
      findings.first { $0["id"] as? String == "moved" }?["path"] as? String == "propositions/team/moved.md")
    #expect(sinceHead.status == 0, "only the work-tree change, a warning: \(sinceHead)")
    #expect(try report(sinceHead).ids == ["later"])
    #expect(sinceHeadOnEdited.status == 0, "\(sinceHeadOnEdited)")
    #expect(try report(sinceHeadOnEdited).ids == [], "edited did not change since HEAD")
  }

  @Test func stagedLintsTheStagedVersionsThatDifferFromHead() throws {
    let repo = try repository()
    try repo.commit(
      "base",
      files: [
        "propositions/autopilot.md": Self.strong(), "propositions/committed-weak.md": Self.weak("Committed"),
      ])
    // Stage a weak version, then fix the work tree without staging the fix.
    try repo.folder.write("propositions/autopilot.md", Self.weak())
    try repo.folder.write("propositions/new.md", Self.warningsOnly("New"))
    try repo.git(["add", "propositions/autopilot.md", "propositions/new.md"])
    try repo.folder.write("propositions/autopilot.md", Self.strong())
    try repo.folder.write("propositions/untracked.md", Self.weak("Untracked"))

    let staged = try lint(["--staged", "--format", "json"], in: repo)
    let plain = try lint(["autopilot", "--format", "json"], in: repo)
    let stagedText = try lint(["--staged"], in: repo)

    #expect(staged.status == 1, "the staged autopilot has no evidence: \(staged)")
    let (findings, ids) = try report(staged)
    #expect(ids == ["autopilot", "new"], "not the committed or untracked files: \(staged)")
    #expect(rules(findings, id: "autopilot") == ["no-evidence"], "\(staged)")
    #expect(rules(findings, id: "new") == ["buzzword"], "\(staged)")
    #expect(
      findings.first { $0["id"] as? String == "autopilot" }?["path"] as? String == "propositions/autopilot.md"
    )
    #expect(plain.status == 0, "the work tree is fixed: \(plain)")
    #expect(try report(plain).findings.isEmpty, "\(plain)")
    #expect(stagedText.status == 1)
    #expect(stagedText.stdout.contains("propositions/autopilot.md:24:1: error: "), "\(stagedText)")
  }

  @Test func stagedWithNothingStagedExitsZero() throws {
    let repo = try repository()
    try repo.commit("base", files: ["propositions/committed-weak.md": Self.weak("Committed")])
    try repo.folder.write("propositions/committed-weak.md", Self.weak("Committed, edited"))

    let result = try lint(["--staged", "--format", "json"], in: repo)

    #expect(result.status == 0, "\(result)")
    #expect(try report(result).ids.isEmpty, "\(result)")
  }

  @Test func stagedWorksBeforeTheFirstCommit() throws {
    let repo = try repository(["propositions/autopilot.md": Self.weak()])
    try repo.git(["add", "-A"])

    let result = try lint(["--staged", "--format", "json"], in: repo)

    #expect(result.status == 1, "\(result)")
    #expect(try report(result).ids == ["autopilot"], "\(result)")
  }

  // MARK: Broken files

  @Test func brokenFrontMatterIsAFindingAndTheOtherFilesAreStillLinted() throws {
    let broken = """
      ---
      title: Vendor risk checks
      status: actve
      framework: core
      ---

      # Vendor risk checks

      """
    let unclosed = "---\ntitle: Never closed\nframework: core\n\n# Never closed\n"
    let repo = try repository([
      "propositions/broken.md": broken, "propositions/unclosed.md": unclosed,
      "propositions/autopilot.md": Self.strong(),
    ])

    let json = try lint(["--format", "json"], in: repo)
    let text = try lint([], in: repo)

    #expect(json.status == 1, "\(json)")
    let (findings, ids) = try report(json)
    #expect(ids == ["autopilot", "broken", "unclosed"], "every file is reported: \(json)")
    let brokenFinding = try #require(findings.first { $0["id"] as? String == "broken" }, "\(json)")
    #expect(brokenFinding["rule"] as? String == "front-matter")
    #expect(brokenFinding["concern"] as? String == "structure")
    #expect(brokenFinding["severity"] as? String == "error")
    #expect(brokenFinding["line"] as? Int == 3, "the line of 'status: actve': \(json)")
    #expect((brokenFinding["column"] as? Int ?? 0) >= 1)
    #expect((brokenFinding["message"] as? String)?.contains("actve") == true, "\(json)")
    #expect(rules(findings, id: "broken") == ["front-matter"])
    let unclosedFinding = try #require(findings.first { $0["id"] as? String == "unclosed" }, "\(json)")
    #expect(unclosedFinding["rule"] as? String == "front-matter")
    #expect(unclosedFinding["line"] as? Int == 1)
    #expect(rules(findings, id: "autopilot").isEmpty, "\(json)")
    #expect(text.status == 1)
    #expect(text.stdout.contains("propositions/broken.md:3:"), "\(text)")
    #expect(text.stdout.contains("[front-matter]"), "\(text)")
    #expect(text.stdout.contains("autopilot: strength 100/100"), "\(text)")
  }

  // MARK: Formats

  @Test(arguments: ["text", "json", "github", "sarif", "rdjson"])
  func everyFormatWorksEndToEnd(_ format: String) throws {
    let repo = try repository([
      "propositions/autopilot.md": Self.weak(), "propositions/pricing.md": Self.warningsOnly("Pricing"),
      "propositions/clean.md": Self.strong("Clean"),
    ])

    let result = try lint(["--format", format], in: repo)

    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let output = result.stdout
    switch format {
    case "text":
      #expect(output.contains("propositions/autopilot.md:24:1: error: "), "\(result)")
      #expect(output.contains("propositions/pricing.md:16:4: warning: "), "\(result)")
      #expect(output.contains("clean: strength 100/100"), "\(result)")
    case "json":
      let (findings, ids) = try report(result)
      #expect(ids == ["autopilot", "clean", "pricing"])
      #expect(findings.count == 2, "\(result)")
    case "github":
      let lines = output.split(separator: "\n").map(String.init)
      #expect(
        lines.sorted()
          == [
            lines.first { $0.hasPrefix("::error file=propositions/autopilot.md,line=24,col=1,title=") }
              ?? "missing",
            lines.first { $0.hasPrefix("::warning file=propositions/pricing.md,line=16,col=4,title=") }
              ?? "missing",
          ].sorted(), "\(result)")
    case "sarif":
      let log = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
      #expect(log["version"] as? String == "2.1.0")
      let run = try #require((log["runs"] as? [[String: Any]])?.first)
      let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
      #expect(driver["name"] as? String == "valprop")
      #expect((driver["version"] as? String)?.isEmpty == false)
      let results = try #require(run["results"] as? [[String: Any]])
      #expect(results.compactMap { $0["ruleId"] as? String }.sorted() == ["buzzword", "no-evidence"])
      let uris = results.compactMap {
        ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
          "artifactLocation"] as? [String: Any])?["uri"] as? String
      }
      #expect(uris.sorted() == ["propositions/autopilot.md", "propositions/pricing.md"])
    default:
      let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
      #expect((document["source"] as? [String: Any])?["name"] as? String == "valprop")
      let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
      #expect(diagnostics.compactMap { $0["severity"] as? String }.sorted() == ["ERROR", "WARNING"])
      let buzzword = try #require(
        diagnostics.first { ($0["code"] as? [String: Any])?["value"] as? String == "buzzword" })
      let suggestion = try #require((buzzword["suggestions"] as? [[String: Any]])?.first)
      #expect(suggestion["text"] as? String == "use")
    }
  }

  @Test func anUnknownFormatExitsTwo() throws {
    let repo = try repository(["propositions/autopilot.md": Self.strong()])
    let result = try lint(["--format", "xml"], in: repo)
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }
}
