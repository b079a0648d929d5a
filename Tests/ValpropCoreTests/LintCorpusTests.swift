import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// One proposition of the lint corpus (`LintCorpus/`), with what it declares about itself in
/// front-matter keys valprop does not know:
/// - `expect: [rule, …]`: the rules a weak file must get; `expect: []` marks a strong file;
/// - `allow: [rule, …]`: the warnings a strong file may get;
/// - `corpus-jargon: [word, …]`: the `lint.jargon` of the workspace it is linted in;
/// - `corpus-team-words: [word, …]`: one team rule (`lint.rules`) of that workspace.
///
/// The keys are read from the raw lines, not through valprop's parser, so that a file whose
/// front matter is broken on purpose can still say what it expects.
struct CorpusFile: Sendable, CustomTestStringConvertible {
  /// The file name, e.g. `core-strong-reconciliation.md`.
  let name: String
  /// The file's text.
  let text: String
  /// `expect:`.
  let expected: [String]
  /// `allow:`.
  let allowed: [String]
  /// `corpus-jargon:`.
  let jargon: [String]
  /// `corpus-team-words:`: words of one team rule (`lint.rules`) in the workspace.
  let teamWords: [String]

  var testDescription: String { name }
  /// The proposition id: the file name without `.md`.
  var id: String { String(name.dropLast(3)) }
  /// The path findings name.
  var path: String { "propositions/\(name)" }
  /// Strong files say so in their name and expect no rule.
  var isStrong: Bool { name.contains("-strong-") }
  /// The framework its name starts with.
  var frameworkInName: String {
    Framework.allCases.map(\.rawValue).sorted { $0.count > $1.count }.first { name.hasPrefix($0 + "-") } ?? ""
  }
  /// The file's lines, as findings count them (from 1).
  var lines: [String] { text.components(separatedBy: "\n") }

  /// The folder of the corpus, next to this file.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("LintCorpus")

  /// Every file of the corpus, by name.
  static let all: [CorpusFile] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted().map { name in
      let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return CorpusFile(name: name, text: text)
    }
  }()

  /// The strong files.
  static let strong = all.filter(\.isStrong)
  /// The weak files.
  static let weak = all.filter { !$0.isStrong }

  init(name: String, text: String) {
    self.name = name
    self.text = text
    var keys: [String: [String]] = [:]
    let lines = text.components(separatedBy: "\n")
    if lines.first == "---" {
      for line in lines.dropFirst() {
        if line == "---" { break }
        guard let colon = line.firstIndex(of: ":") else { continue }
        let key = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("["), value.hasSuffix("]") else { continue }
        keys[key] = value.dropFirst().dropLast().split(separator: ",")
          .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      }
    }
    expected = keys["expect"] ?? []
    allowed = keys["allow"] ?? []
    jargon = keys["corpus-jargon"] ?? []
    teamWords = keys["corpus-team-words"] ?? []
  }

  /// The fixed day the corpus is judged on: its evidence is dated relative to it.
  static let asOf = CalendarDate(year: 2026, month: 11, day: 27)!
  /// The files of the repository the corpus is linted in, for `tracks:`.
  static let codeFiles = [
    "Sources/Reconciliation/Engine.swift", "Sources/Billing/Invoice.swift", "README.md",
  ]

  /// Lints the file as `valprop lint` does: a file that cannot be parsed gets its
  /// `front-matter` finding.
  func lint() throws -> LintResult {
    var config = WorkspaceConfig()
    config.lintJargon = jargon
    if !teamWords.isEmpty {
      config.lintRules = [
        LintTeamRule(words: teamWords, message: "an internal name; say what the customer sees")
      ]
    }
    let linter = Linter(config: config)
    do {
      let proposition = try Proposition(id: id, path: path, data: Data(text.utf8))
      let result = linter.lint(proposition, asOf: CorpusFile.asOf)
      // `tracks:` patterns are checked against the files of this stand-in HEAD.
      return linter.checkTracks([result], all: [id: proposition], files: CorpusFile.codeFiles).first ?? result
    } catch let error as ValpropError where error.location != nil {
      return linter.result(for: error, id: id, path: path)
    }
  }
}

/// Where a rule is wrong about the corpus, as far as these tests can tell: each entry names
/// the file, the rule and why. The tests mark exactly these expectations as known issues, so
/// they turn into failures ("known issue was not recorded") once the rule is fixed.
enum KnownLintIssues {
  /// Findings on genuinely strong wording, by file name (rule id to why). The corpus review
  /// found six; all were fixed in the rules. Record new ones here until they are.
  static let falsePositives: [String: [String: String]] = [:]

  /// Weak wording a rule misses, by file name (rule id to why); none known.
  static let misses: [String: [String: String]] = [:]
}

/// The lint rules judged on a corpus of strong and weak propositions in every framework.
@Suite struct LintCorpusTests {
  /// A finding as one line, for failure messages.
  static func describe(_ findings: [LintFinding]) -> String {
    findings.map { "\($0.line):\($0.column) \($0.severity.rawValue) [\($0.rule.id)] \($0.message)" }
      .joined(separator: "\n")
  }

  @Test func corpusIsLargeBalancedAndCoversEveryFramework() throws {
    let all = CorpusFile.all
    #expect(all.count >= 40, "the corpus holds \(all.count) files")
    let share = Double(CorpusFile.strong.count) / Double(max(1, all.count))
    #expect((0.4...0.6).contains(share), "roughly half strong: \(CorpusFile.strong.count) of \(all.count)")
    for framework in Framework.allCases {
      let files = all.filter { $0.frameworkInName == framework.rawValue }
      #expect(files.contains { $0.isStrong }, "no strong \(framework.rawValue) file")
      #expect(files.contains { !$0.isStrong }, "no weak \(framework.rawValue) file")
    }
    for file in all {
      #expect(file.text.contains("\nexpect: ["), "\(file.name) declares no expect:")
      #expect(
        file.isStrong == file.expected.isEmpty, "\(file.name): strong files expect [], weak ones a rule")
      #expect(file.isStrong || file.allowed.isEmpty, "\(file.name): only strong files allow warnings")
      for rule in file.expected + file.allowed {
        #expect(LintRule.named(rule) != nil, "\(file.name) names no rule '\(rule)'")
      }
      for rule in file.allowed {
        #expect(LintRule.named(rule)?.severity == .warning, "\(file.name) allows the error rule \(rule)")
      }
      // The framework its name claims is the one it declares (a broken file declares it as text).
      #expect(
        file.text.contains("\nframework: \(file.frameworkInName)\n"),
        "\(file.name): framework and name differ")
    }
  }

  @Test(arguments: CorpusFile.strong)
  func strongFileHasNoErrorsAndOnlyItsAllowedWarnings(_ file: CorpusFile) throws {
    let result = try lint(file)
    let known = KnownLintIssues.falsePositives[file.name] ?? [:]
    let findings = result.findings.filter { known[$0.rule.id.rawValue] == nil }
    for (rule, why) in known.sorted(by: { $0.key < $1.key }) {
      let flagged = result.findings.filter { $0.rule.id.rawValue == rule }
      withKnownIssue("false positive: \(why)") {
        #expect(flagged.isEmpty, "\(file.name): \(rule) on strong wording\n\(Self.describe(flagged))")
      }
    }
    let errors = findings.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(file.name) has errors:\n\(Self.describe(errors))")
    let unexpected = findings.filter {
      $0.severity == .warning && !file.allowed.contains($0.rule.id.rawValue)
    }
    #expect(unexpected.isEmpty, "\(file.name) has warnings it does not allow:\n\(Self.describe(unexpected))")
    // Without the known false positives, a strong file scores at least 80.
    #expect(
      Linter.score(findings) >= 80, "\(file.name) scores \(result.score):\n\(Self.describe(result.findings))")
    if known.isEmpty {
      #expect(result.score >= 80, "\(file.name) scores \(result.score)")
    }
  }

  @Test(arguments: CorpusFile.weak)
  func weakFileGetsEveryFindingItExpects(_ file: CorpusFile) throws {
    let result = try lint(file)
    let found = Set(result.findings.map(\.rule.id.rawValue))
    let known = KnownLintIssues.misses[file.name] ?? [:]
    for rule in file.expected {
      if let why = known[rule] {
        withKnownIssue("miss: \(why)") {
          #expect(found.contains(rule), "\(file.name) should get \(rule)\n\(Self.describe(result.findings))")
        }
      } else {
        #expect(found.contains(rule), "\(file.name) should get \(rule)\n\(Self.describe(result.findings))")
      }
    }
    #expect(result.score < 100, "\(file.name) is weak but scores \(result.score)")
  }

  @Test(arguments: CorpusFile.all)
  func everyFindingPointsIntoTheFileAndNamesItsRule(_ file: CorpusFile) throws {
    let result = try lint(file)
    #expect(result.id == file.id)
    #expect(result.path == file.path)
    #expect((0...100).contains(result.score), "\(file.name) scores \(result.score)")
    let lines = file.lines
    for finding in result.findings {
      let place = "\(file.name):\(finding.line):\(finding.column) [\(finding.rule.id)]"
      #expect(finding.line >= 1, "\(place)")
      #expect(finding.column >= 1, "\(place)")
      #expect(finding.line <= lines.count, "\(place) is past the end of the file")
      if finding.line >= 1 && finding.line <= lines.count {
        #expect(
          finding.column <= lines[finding.line - 1].count + 1, "\(place) is past the end of its line")
      }
      #expect(!finding.message.trimmingCharacters(in: .whitespaces).isEmpty, "\(place) has no message")
      #expect(finding.id == file.id && finding.path == file.path, "\(place)")
      let rule = try #require(LintRule.named(finding.rule.id.rawValue), "\(place): no such rule")
      #expect(finding.rule == rule, "\(place)")
      #expect(finding.rule.concern == rule.concern, "\(place)")
      if finding.suggestion != nil {
        #expect(
          [LintRuleID.buzzword, .wordyPhrase, .leftoverHint, .teamWord].contains(finding.rule.id),
          "\(place): a suggestion where no fix is mechanical")
      }
    }
    let sorted = result.findings.map { [$0.line, $0.column] }
    #expect(
      sorted == sorted.sorted { $0.lexicographicallyPrecedes($1) }, "\(file.name): findings out of order")
  }

  @Test func strongFilesScoreHigherThanWeakOnes() throws {
    let strong = try CorpusFile.strong.map { try lint($0).score }
    let weak = try CorpusFile.weak.map { try lint($0).score }
    let strongMean = Double(strong.reduce(0, +)) / Double(max(1, strong.count))
    let weakMean = Double(weak.reduce(0, +)) / Double(max(1, weak.count))
    #expect(strongMean > weakMean + 20, "strong \(strongMean) vs weak \(weakMean)")
    #expect((strong.min() ?? 0) > (weak.min() ?? 0))
  }

  @Test func everyRuleIsExpectedAndFoundSomewhereInTheCorpus() throws {
    var found: Set<String> = []
    var expected: Set<String> = []
    for file in CorpusFile.weak {
      found.formUnion(try lint(file).findings.map(\.rule.id.rawValue))
      expected.formUnion(file.expected)
    }
    // Rules about the workspace rather than one file's wording are tested end to end
    // (LintLifecycleTests): a link's other side, a second file with the same id, a link.
    let workspaceRules: Set<LintRuleID> = [.brokenLink, .unreadableFile]
    for rule in LintRule.all where !workspaceRules.contains(rule.id) {
      #expect(expected.contains(rule.id.rawValue), "no weak corpus file expects \(rule.id)")
      #expect(found.contains(rule.id.rawValue), "no weak corpus file gets \(rule.id): a dead rule?")
    }
  }

  func lint(_ file: CorpusFile) throws -> LintResult {
    try file.lint()
  }
}
