import Foundation
import TestSupport
import Testing
import Yams

@testable import ValpropCore

/// The quick reader of plain front matter: what it accepts it must read exactly as Yams does.
@Suite struct QuickYAMLTests {
  /// Everything a parse gives, errors included, as comparable text.
  static func outcome(_ yaml: String, quick: Bool) -> String {
    do {
      let front = try FrontMatter(yaml: yaml, path: "p.md", firstLine: 2, quick: quick)
      return [
        "title=\(front.title.debugDescription)", "status=\(String(describing: front.status))",
        "framework=\(String(describing: front.framework))", "owners=\(front.owners)",
        "audience=\(front.audience.debugDescription)", "every=\(String(describing: front.reviewEvery))",
        "reviewed=\(String(describing: front.reviewed))", "by=\(front.supersededBy.debugDescription)",
        "supersedes=\(front.supersedes)", "tags=\(front.tags)",
        "lines=\(front.keyLines.map { "\($0.key)@\($0.line)" })",
        "values=\(front.values.map { "\($0.key)=\($0.value)" })",
      ].joined(separator: "\n")
    } catch {
      return "error: \(error)"
    }
  }

  static let keys = [
    "title", "status", "framework", "owner", "audience", "review-every", "reviewed", "superseded-by",
    "supersedes", "tags", "custom_key", "x-1", "null", "1",
  ]

  static let values = [
    "", "Autopilot", "Fast,  cheap and 50% off", "it's fine", "x@y.com", "a & b * c", "  padded  ", "~",
    "null",
    "Null", "NULL", "\"null\"", "'~'", "\"@team-135\"", "'@a'", "\"Quoted: title # not a comment\"",
    "\"escaped \\\" quote\"", "'doubled '' quote'", "\"unclosed", "'unclosed", "\"a\" trailing",
    "active", "draft", "retired", "superseded", "bogus", "core", "canvas", "jtbd", "lean", "before-after",
    "2026-09-01", "2026-02-30", "someday", "90d", "3 months", "12w", "1y", "0d", "[]", "[ ]", "[a, b]",
    "[a,b]", "[ \"@a\" , '@b' ]", "[a, , b]", "[a,]", "[\"x,y\", z]", "['a]b']", "[null, ~, x]", "[[a]]",
    "[a, [b]]", "[a b, c d]", "[@a]", "[a", "a]", "{a: b}", "a: b", "a #comment", "a#b", "@x", "-x", "- x",
    "*alias", "&anchor x", "!!str tagged", "|", ">", "%x", "`x`", "?x", ": x", "Été 🎉", "tab\there",
    "carriage\rreturn", "[\"\"]", "''", "\"\"", "\"a\\nb\"", String(repeating: "long ", count: 450),
    "[" + Array(repeating: "item", count: 500).joined(separator: ", ") + "]",
  ]

  static let extraLines = [
    "", "   ", "# a comment", " # an indented comment", "  continued line", "- item", "---x", "...",
    "%YAML 1.1", "key", "key:value", "key :value", "\"quoted key\": x", "? complex", "<<: *base", "\t",
  ]

  static func randomYAML(_ generator: inout SplitMix) -> String {
    var lines: [String] = []
    for _ in 0..<Int.random(in: 0...6, using: &generator) {
      if Int.random(in: 0..<8, using: &generator) == 0 {
        lines.append(extraLines.randomElement(using: &generator)!)
        continue
      }
      let key = keys.randomElement(using: &generator)!
      let separator = [": ", ":", ":  ", ":   "].randomElement(using: &generator)!
      lines.append(key + separator + values.randomElement(using: &generator)!)
    }
    return lines.joined(separator: "\n")
  }

  /// Thousands of random front matters: the quick reader and Yams give the same values,
  /// lines and display texts, or the same error; and the quick reader takes most of them.
  @Test func readsWhatItAcceptsAsYamsDoes() {
    var generator = SplitMix(seed: 2026)
    var accepted = 0
    for round in 0..<4000 {
      let yaml = Self.randomYAML(&generator)
      if QuickYAML.pairs(yaml) != nil { accepted += 1 }
      let quick = Self.outcome(yaml, quick: true)
      let yams = Self.outcome(yaml, quick: false)
      #expect(quick == yams, "round \(round): \(yaml.debugDescription)")
      if quick != yams { return }
    }
    #expect(accepted > 800, "the quick reader read \(accepted) of 4,000")
  }

  /// What `new` writes, and the usual hand-written front matter, is read quickly.
  @Test(arguments: [
    "title: \"Demo\"\nstatus: draft\nframework: canvas\nowner: [\"@a\", \"@b\"]\ntags: []",
    "title: Proposition 0\nstatus: active\nowner: \"@team-135\"\nreviewed: 2026-09-01\nreview-every: 90d",
    "# who owns it\ntitle: Autopilot\n\naudience: Finance teams at SaaS companies, 50-500 people\n",
  ])
  func acceptsTheUsualFrontMatter(yaml: String) throws {
    let pairs = try #require(QuickYAML.pairs(yaml))
    #expect(pairs.count == yaml.split(separator: "\n").filter { !$0.hasPrefix("#") }.count)
    #expect(Self.outcome(yaml, quick: true) == Self.outcome(yaml, quick: false))
  }

  /// Anything it is not sure of goes to Yams.
  @Test(arguments: [
    "title: a # comment", "title: a: b", "title: \"a\\\"b\"", "title: 'it''s'", "owner:\n  - a", "title: Été",
    "title: a\ntitle: b", "title: |\n  two\n  lines", "tags: [a, , b]", "title: &x a", "title:\ta",
  ])
  func declinesWhatItIsNotSureOf(yaml: String) {
    #expect(QuickYAML.pairs(yaml) == nil)
  }

  /// Lines and columns point where Yams points, so messages name the same place.
  @Test func pointsAtTheSamePlaces() throws {
    let yaml = "title: x\n\nstatus:   bogus  \ntags: [a, \"b\"]"
    let pairs = try #require(QuickYAML.pairs(yaml))
    #expect(pairs.map(\.key.line) == [1, 3, 4])
    guard case .scalar(let status) = pairs[1].value,
      case .list(let tags, let line, let column) = pairs[2].value
    else {
      Issue.record("unexpected values \(pairs)")
      return
    }
    #expect((status.text, status.line, status.column) == ("bogus", 3, 11))
    #expect((line, column) == (4, 7))
    #expect(tags.map(\.column) == [8, 11])
    #expect(Self.outcome(yaml, quick: true).hasPrefix("error: "))
    #expect(Self.outcome(yaml, quick: true) == Self.outcome(yaml, quick: false))
    // An empty value is placed where libyaml places it, just after the colon.
    let empty = "a:    \nb: x"
    guard case .scalar(let null) = try #require(QuickYAML.pairs(empty)).first?.value,
      case .mapping(let mapping) = try #require(try Yams.compose(yaml: empty, .basic)),
      let mark = mapping.first?.value.mark
    else {
      Issue.record("unexpected parse of \(empty.debugDescription)")
      return
    }
    #expect((null.line, null.column) == (mark.line, mark.column))
  }
}

extension QuickYAMLTests {
  /// Keys written twice are named in one order. Yams sorts them as nodes, which leaves a
  /// complex key ("? [a]") where a dictionary put it, in an order that changes from run to
  /// run: the fuzzer found the two readers naming the same three keys in two orders.
  @Test func duplicateKeysAreNamedInOneOrder() {
    for round in 0..<30 {
      let yaml = (0..<2).map { _ in "k\(round)b: 1\n? [x\(round)]\n: 2\nk\(round)a: 3" }.joined(
        separator: "\n")
      // The outcome is the error's description, which escapes the quotes.
      let names = #"\'<uncovertable>\', \'k\#(round)a\', \'k\#(round)b\'"#
      #expect(Self.outcome(yaml, quick: false).contains("the key \(names) appears more than once"), "\(yaml)")
    }
  }

  /// The fuzzer's finding: three keys written twice, one of them a complex key.
  @Test func fuzzFinding() throws {
    let input = try #require(
      Data(
        base64Encoded:
          "YXRCb29lP2V2aWV3ZWQ6IDIwCnJldmllMTExMTExMTExMTExMTExMZsxidKaiGVyeTogOTB1OmQKPyBhIHBiKnJzZWRlczogW8ApICwgYl0KcmV2ae5lcnR1czogYTAyNi0yNi0wOS0wMQpyZXZpZTExMTExMTExMTExMTExMTGbMYnSmohlcnk6IDkwdTpkCj8gYSBwYipyc2VkZXM6IFvAKSAsIGJdCnJldmnuZXJ0dXM6IGEwMjYt"
      ))
    let yaml = String(decoding: input, as: UTF8.self)
    let first = Self.outcome(yaml, quick: false)
    #expect(first.contains("appears more than once"))
    #expect(first.contains("p.md:2,"), "a key that is not text: the error points at the first line")
    for _ in 0..<20 {
      #expect(Self.outcome(yaml, quick: true) == first)
      #expect(Self.outcome(yaml, quick: false) == first)
    }
  }
}
