import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct PropositionTests {
  let path = "propositions/reconciliation-autopilot.md"

  /// Parses text expected to fail and returns the error.
  func failure(_ text: String) throws -> ValpropError {
    do {
      _ = try Proposition(id: "x", path: path, data: Data(text.utf8))
    } catch let error as ValpropError {
      return error
    }
    throw FixtureError(message: "expected a parse error for:\n\(text)")
  }

  @Test func readsEveryKeyOfTheSpecExample() throws {
    let proposition = try Proposition(
      id: "reconciliation-autopilot", path: path, data: Data(Samples.core.utf8))
    let front = proposition.frontMatter
    #expect(proposition.title == "Reconciliation autopilot")
    #expect(proposition.status == .active)
    #expect(proposition.framework == .core)
    #expect(front.owners == ["@finance-pm"])
    #expect(front.audience == "Mid-market SaaS companies with 50-500 employees")
    #expect(front.reviewEvery == ReviewInterval("60d"))
    #expect(front.reviewed == CalendarDate("2026-09-01"))
    #expect(front.supersededBy == "ledger-sync")
    #expect(front.tags == ["finance", "erp"])
    #expect(front.line(of: "x-team-notes") == 11)
    #expect(proposition.sections.map(\.heading) == Framework.core.expectedSections)
    #expect(proposition.section("problem")?.line == 19)
    #expect(
      proposition.section("Key benefits")?.lines.contains("- Reduces reconciliation time by 90%") == true)
    #expect(proposition.text == Samples.core, "the text is kept exactly, unknown keys included")
  }

  @Test func adoptsAFileWithoutFrontMatter() throws {
    let text = "Intro line.\n\n# Self-sizing cells\n\n## Problem\nCells do not size.\n\n# Another h1\n"
    let proposition = try Proposition(id: "0546-Self-not-sized-by-default", path: path, data: Data(text.utf8))
    #expect(!proposition.hasFrontMatter)
    #expect(proposition.title == "Self-sizing cells")
    #expect(proposition.heading?.line == 3)
    #expect(proposition.status == .active)
    #expect(proposition.framework == .core)
    #expect(proposition.sections.map(\.heading) == ["Problem"])
  }

  @Test func fallsBackToTheIDForATitle() throws {
    let proposition = try Proposition(id: "plain", path: path, data: Data("Just words.\n".utf8))
    #expect(proposition.title == "plain")
  }

  @Test func ignoresHeadingsInsideCodeFences() throws {
    let text = "# T\n\n## Real\n```\n## Not a section\n```\n~~~md\n## Nor this\n~~~\n## Second ##\n"
    let proposition = try Proposition(id: "x", path: path, data: Data(text.utf8))
    #expect(proposition.sections.map(\.heading) == ["Real", "Second"])
    #expect(proposition.sections[1].line == 10)
  }

  @Test func readsCRLFAndAByteOrderMark() throws {
    let text =
      "\u{FEFF}---\r\ntitle: Windows\r\nstatus: draft\r\n---\r\n# Heading\r\n\r\n## Problem\r\nSlow.\r\n"
    let proposition = try Proposition(id: "x", path: path, data: Data(text.utf8))
    #expect(proposition.title == "Windows")
    #expect(proposition.status == .draft)
    #expect(proposition.sections.first?.heading == "Problem")
    #expect(proposition.sections.first?.line == 7)
    #expect(proposition.sections.first?.lines == ["Slow."])
  }

  @Test func acceptsOwnerListsAndNulls() throws {
    let text = "---\nowner: ['@a', team-b]\ntitle:\ntags: solo\nreview-every: ~\n---\n"
    let proposition = try Proposition(id: "x", path: path, data: Data(text.utf8))
    #expect(proposition.frontMatter.owners == ["@a", "team-b"])
    #expect(proposition.title == "x")
    #expect(proposition.frontMatter.tags == ["solo"])
    #expect(proposition.frontMatter.reviewEvery == nil)
  }

  @Test func acceptsEmptyFrontMatter() throws {
    let proposition = try Proposition(id: "x", path: path, data: Data("---\n---\n# Hi\n".utf8))
    #expect(proposition.hasFrontMatter)
    #expect(proposition.title == "Hi")
  }

  @Test func reportsAnUnclosedFrontMatterAtLineOne() throws {
    let error = try failure("---\ntitle: Never closed\n\n# Body\n")
    #expect(error.location == SourceLocation(path: path, line: 1))
    #expect(error.problem.contains("never closed"))
    #expect(error.hint?.contains("---") == true)
  }

  @Test func reportsBrokenYAMLAtItsFileLine() throws {
    let error = try failure("---\ntitle: ok\nstatus: [active\nowner: x\n---\n")
    #expect(error.location?.path == path)
    #expect(
      (3...5).contains(error.location?.line ?? 0), "the YAML error sits on the file's lines 3-5: \(error)")
    #expect(error.problem.contains("invalid YAML"))
  }

  @Test(arguments: [
    ("---\ntitle: [a, b]\n---\n", 2, "'title' must be text, not a list"),
    ("---\nstatus: actve\n---\n", 2, "unknown status 'actve'"),
    ("---\ntitle: t\nframework: swot\n---\n", 3, "unknown framework 'swot'"),
    ("---\nreview-every: 90x\n---\n", 2, "invalid review interval '90x'"),
    ("---\nreview-every: -3d\n---\n", 2, "invalid review interval '-3d'"),
    ("---\nreviewed: 2026-02-30\n---\n", 2, "'2026-02-30' is not a real date"),
    ("---\nreviewed: last week\n---\n", 2, "invalid date 'last week'"),
    ("---\naudience:\n  size: 50\n---\n", 3, "'audience' must be text, not a mapping"),
    ("---\n- just\n- a list\n---\n", 2, "front matter must be 'key: value' lines"),
    ("---\ntitle: a\ntitle: b\n---\n", 2, "appears more than once"),
  ])
  func namesTheLineOfABadValue(_ text: String, _ line: Int, _ problem: String) throws {
    let error = try failure(text)
    #expect(error.location?.line == line, "\(error)")
    #expect(error.problem.contains(problem), "\(error)")
    #expect(error.hint?.isEmpty == false)
  }

  @Test func saysWhatAStatusOrFrameworkCanBe() throws {
    #expect(
      try failure("---\nstatus: actve\n---\n").hint?.contains("draft, active, retired, superseded") == true)
    #expect(
      try failure("---\nframework: x\n---\n").hint?.contains("core, canvas, jtbd, lean, before-after") == true
    )
  }

  @Test func refusesEmptyBinaryAndNonUTF8Files() throws {
    func error(_ bytes: [UInt8]) throws -> ValpropError {
      do {
        _ = try Proposition(id: "x", path: path, data: Data(bytes))
      } catch let error as ValpropError {
        return error
      }
      throw FixtureError(message: "expected an error")
    }
    #expect(try error([]).problem.contains("empty"))
    #expect(try error(Array(" \n\t\n".utf8)).problem.contains("empty"))
    let binary = try error([0x89, 0x50, 0x4E, 0x47, 0x0A, 0x00, 0x01])
    #expect(binary.problem.contains("binary"))
    #expect(binary.location?.line == 2)
    let latin1 = try error(Array("# Caf".utf8) + [0x0A] + Array("Cr".utf8) + [0xE8, 0x6D, 0x65, 0x0A])
    #expect(latin1.problem.contains("not valid UTF-8"))
    #expect(latin1.location?.line == 2)
  }

  @Test func treatsHintsAndEmptyBulletsAsAnEmptySection() {
    let empty = Section(
      heading: "Problem", line: 1, lines: ["<!-- valprop-hint: say it -->", "- ", "", "<!-- a", "b -->"])
    let full = Section(heading: "Problem", line: 1, lines: ["<!-- hint -->", "Costs 20 hours a week."])
    #expect(empty.isEmpty)
    #expect(!full.isEmpty)
  }

  /// Any bytes in: a proposition or a `ValpropError` out, never a crash or another error.
  @Test func survivesRandomBytes() {
    var generator = SplitMix(seed: 7)
    let pieces: [[UInt8]] = [
      Array("---\n".utf8), Array("title: ".utf8), Array("## S\n".utf8), Array("- [a, b\n".utf8),
      Array("&a *a\n".utf8),
      Array("\r\n".utf8), [0xFF], [0xC3], [0x00], Array("reviewed: 2026-02-30\n".utf8), Array("```\n".utf8),
      Array(": : :\n".utf8), Array("{{{\n".utf8), Array("\u{FEFF}".utf8),
    ]
    for _ in 0..<3_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        if Bool.random(using: &generator) {
          bytes += pieces.randomElement(using: &generator)!
        } else {
          bytes.append(UInt8.random(in: 0...255, using: &generator))
        }
      }
      do {
        _ = try Proposition(id: "x", path: path, data: Data(bytes))
      } catch {
        #expect(error is ValpropError, "unexpected error \(error) for \(bytes)")
      }
    }
  }
}

/// Hostile files are answered quickly with a clear error (or read safely), never a hang.
@Suite struct HostilePropositionTests {
  @Test func aYAMLAliasBombUnderAnUnknownKeyIsReadWithoutExpandingIt() throws {
    var lines = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in 1..<10 {
      lines.append(
        "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]"
      )
    }
    lines += ["title: Bomb", "---", "# Bomb"]
    let start = ContinuousClock.now
    let proposition = try Proposition(
      id: "bomb", path: "p/bomb.md", data: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(ContinuousClock.now - start < TimeBound.seconds(5))
    #expect(proposition.title == "Bomb")
    #expect(proposition.frontMatter.values.allSatisfy { $0.value.count <= FrontMatter.displayLimit + 1 })
  }

  @Test func aFileOverTheSizeLimitIsRefusedNamingIt() {
    let data = Data(repeating: UInt8(ascii: "a"), count: SourceText.maximumSize + 1)
    #expect {
      try Proposition(id: "big", path: "p/big.md", data: data)
    } throws: { error in
      guard case ValpropError.invalidProposition(let location, let problem, _) = error else { return false }
      return location.path == "p/big.md" && problem.contains("MB")
    }
  }

  @Test func deeplyNestedYAMLIsAnErrorNotACrash() {
    let text =
      "---\ntitle: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
      + "\n---\n"
    #expect(throws: ValpropError.self) {
      try Proposition(id: "deep", path: "p/deep.md", data: Data(text.utf8))
    }
  }
}
