import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The cheap comparison the history walk uses to tell edits from cosmetic commits.
@Suite struct WordingKeyTests {
  static let base =
    "---\ntitle: Autopilot\naudience: Finance teams\nowner: \"@a\"\n---\n\n# Autopilot\n\n## Problem\nManual reconciliation costs 20 hours.\n"

  static func key(_ text: String, bom: Bool = false) -> WordingKey {
    WordingKey(data: (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8), path: "p.md")
  }

  @Test(arguments: [
    ("an owner", base.replacingOccurrences(of: "\"@a\"", with: "\"@b\"")),
    ("a reflow", base.replacingOccurrences(of: "costs 20", with: "costs\n20")),
    ("white space", base.replacingOccurrences(of: "Manual ", with: "Manual   ")),
    ("CRLF endings", base.replacingOccurrences(of: "\n", with: "\r\n")),
    ("a closing ...", base.replacingOccurrences(of: "owner: \"@a\"\n---", with: "owner: \"@a\"\n...")),
    ("fences with spaces and tabs", base.replacingOccurrences(of: "---\n", with: " \t---\t \n")),
    ("a heading moved down a level", base.replacingOccurrences(of: "## Problem", with: "### Problem")),
    ("a heading moved up a level", base.replacingOccurrences(of: "## Problem", with: "  # Problem")),
    (
      "key order",
      base.replacingOccurrences(
        of: "title: Autopilot\naudience: Finance teams", with: "audience: Finance teams\ntitle: Autopilot")
    ),
  ])
  func cosmeticChangesKeepTheWording(_ change: String, _ text: String) {
    #expect(Self.key(text).sameWording(as: Self.key(Self.base)), "\(change)")
    #expect(Self.key(text, bom: true).sameWording(as: Self.key(Self.base)), "\(change) with a BOM")
  }

  @Test(arguments: [
    ("a number", base.replacingOccurrences(of: "20 hours", with: "25 hours")),
    ("the title", base.replacingOccurrences(of: "title: Autopilot", with: "title: Copilot")),
    ("the audience", base.replacingOccurrences(of: "Finance teams", with: "Finance leads")),
    ("a joined word", base.replacingOccurrences(of: "Manual reconciliation", with: "Manualreconciliation")),
    (
      "an unclosed front matter",
      base.replacingOccurrences(of: "owner: \"@a\"\n---", with: "owner: \"@a\"\n--")
    ),
    ("a fence with text", base.replacingOccurrences(of: "owner: \"@a\"\n---", with: "owner: \"@a\"\n--- x")),
    ("a heading made a paragraph", base.replacingOccurrences(of: "## Problem", with: "Problem")),
    ("a heading mark added", base.replacingOccurrences(of: "## Problem", with: "## # Problem")),
  ])
  func wordingChangesAreSeen(_ change: String, _ text: String) {
    #expect(!Self.key(text).sameWording(as: Self.key(Self.base)), "\(change)")
  }

  @Test func binaryAndEmptyFilesCompareByBytes() {
    let binary = WordingKey(data: Data([0x41, 0, 0x42]), path: "p.md")
    #expect(binary.sameWording(as: WordingKey(data: Data([0x41, 0, 0x42]), path: "p.md")))
    #expect(!binary.sameWording(as: WordingKey(data: Data([0x41, 0, 0x43]), path: "p.md")))
    #expect(
      WordingKey(data: Data(), path: "p.md").sameWording(
        as: WordingKey(data: Data("\n\n".utf8), path: "p.md")))
  }

  /// The title and audience read from the front matter alone are those of the whole
  /// proposition's lenient parse, whatever the front matter holds.
  @Test func titleAndAudienceAgreeWithTheFullParse() {
    var generator = SplitMix(seed: 31)
    let frontLines = [
      "title: Autopilot", "title: \"Quoted: title\"", "title:", "title: [a, b]", "audience: Finance teams",
      "audience: |\n  Two\n  lines", "owner: \"@a\"", "status: active", "status: bogus", "tags: [x, y]",
      "reviewed: 2026-01-02", "reviewed: not a date", "- a list item", "key: [unclosed", "audience: 42",
      "  indented: odd", "title: Été 🎉",
    ]
    let headings = ["# Heading title\n", "```\n# Not a heading\n```\n# After a fence\n", "", "#NoSpace\n"]
    var fromFrontMatter = 0
    for round in 0..<400 {
      var front = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
        frontLines.randomElement(using: &generator)!
      }
      if round % 2 == 1 {
        // Half the rounds have a title and lines that always parse.
        front =
          [frontLines[0]]
          + [frontLines[4], frontLines[6], frontLines[7]].filter { _ in
            Bool.random(using: &generator)
          }
      }
      front.shuffle(using: &generator)
      var text =
        "---\n" + front.joined(separator: "\n") + "\n---\n\n" + headings.randomElement(using: &generator)!
        + "\n## Problem\nWords here.\n"
      if Bool.random(using: &generator) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      let data = Data(text.utf8)
      let key = WordingKey(data: data, path: "p.md")
      let proposition = Proposition.lenient(id: "", path: "p.md", data: data)
      let expected = WordingKey.titleAndAudience(
        title: proposition.title, audience: proposition.frontMatter.audience)
      #expect(key.titleAndAudience == expected, "round \(round): \(text.debugDescription)")
      if (try? FrontMatter(yaml: key.frontMatter, path: "p.md", firstLine: 2))?.title != nil {
        fromFrontMatter += 1
      }
    }
    #expect(fromFrontMatter > 100, "the front matter alone answers often")
  }

  /// The body is split from the front matter where the parser splits it: the same words as
  /// the parsed body, over thousands of random files (CRLF, BOM, `...` closing, fences).
  @Test func splitsTheBodyWhereTheParserDoes() {
    var generator = SplitMix(seed: 404)
    var compared = 0
    for round in 0..<3000 {
      let data = PropositionSummaryTests.randomFile(&generator)
      guard let proposition = try? Proposition(id: "p", path: "p.md", data: data) else { continue }
      compared += 1
      let expected = Tokenizer.wording(proposition.bodyLines.joined(separator: "\n")).joined(
        separator: "\u{1}")
      let key = WordingKey(data: data, path: "p.md")
      #expect(
        key.body == expected, "round \(round): \(String(decoding: data, as: UTF8.self).debugDescription)")
      #expect(key.frontMatter.isEmpty || proposition.hasFrontMatter, "round \(round)")
    }
    #expect(compared > 500, "\(compared) files parsed")
  }

  /// `sameApartFromHashes` only spares work: on random bodies whose headings move up and
  /// down, get marks added or lose them beside other edits, `sameWording` answers as the
  /// whole comparison does (bodies, then the bodies with one heading mark), and the
  /// prefilter says false only where the one-mark keys differ.
  @Test func theHashPrefilterNeverHidesAHeadingMove() {
    var generator = SplitMix(seed: 1_804)
    let pieces = [
      "## Problem", "### Problem", "# Title", "  ## Indented", "####### seven", "#NoSpace", "## ", "#",
      "##\t",
      "Words and more words.", "Été — “quoted”", "e\u{301}#", "#\u{20E3} keycap", "a # b ## c", "", "- item",
      "| a | b |", "```", "###### six", "##\r", "## Été — “x”", "## e\u{301}cole 🎉",
      "##\u{200D}",
    ]
    func body() -> String {
      (0..<Int.random(in: 1...8, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n")
    }
    func mutate(_ text: String) -> String {
      var lines = text.components(separatedBy: "\n")
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let index = Int.random(in: 0..<lines.count, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: lines[index] = "#" + lines[index]
        case 1: if lines[index].hasPrefix("#") { lines[index].removeFirst() }
        case 2: lines[index] = "  " + lines[index]
        case 3: lines[index] = pieces.randomElement(using: &generator)!
        default: lines[index] += " #"
        }
      }
      return lines.joined(separator: "\n")
    }
    var moved = 0
    var spared = 0
    for round in 0..<4_000 {
      let first = body()
      let second = round % 3 == 0 ? body() : mutate(first)
      let one = Self.key("---\ntitle: T\n---\n" + first)
      let other = Self.key("---\ntitle: T\n---\n" + second)
      let oneMarkSame = one.bodyWithOneHeadingMark == other.bodyWithOneHeadingMark
      let expected = one.body == other.body || oneMarkSame
      let context = "round \(round): \(first.debugDescription) -> \(second.debugDescription)"
      #expect(one.sameWording(as: other) == expected, "\(context)")
      #expect(one.bodyWithOneHeadingMark == Self.oneHeadingMark(first), "\(context)")
      // Cut from the body's key, never falling back to keying the rewritten text.
      #expect(
        WordingKey.collapsingHeadingMarks(one.body, at: one.headings)
          == one.bodyWithOneHeadingMarkByRewriting,
        "\(context)")
      if oneMarkSame {
        #expect(WordingKey.sameApartFromHashes(one.body, other.body), "\(context)")
        if one.body != other.body { moved += 1 }
      } else if !WordingKey.sameApartFromHashes(one.body, other.body) {
        spared += 1
      }
    }
    #expect(moved > 100, "\(moved) pairs differ only in heading levels")
    #expect(spared > 1_000, "\(spared) pairs skipped the second key")
  }

  /// The one-mark key made from a String, line by line: up to three spaces, then two to six
  /// `#`s before white space or the line's end, become one `#`.
  static func oneHeadingMark(_ body: String) -> String {
    // Split on the scalar: "\r\n" is one Character, which a split on Characters would keep.
    let scalarLines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    let lines = scalarLines.map { String(String.UnicodeScalarView($0)) }.map { line -> String in
      let spaces = line.prefix { $0 == " " }.prefix(3)
      let rest = line.dropFirst(spaces.count)
      let marks = rest.prefix { $0 == "#" }
      let after = rest.dropFirst(marks.count).first
      guard (2...6).contains(marks.count), after == nil || after == " " || after == "\t" || after == "\r"
      else {
        return String(line)
      }
      return spaces + "#" + rest.dropFirst(marks.count)
    }
    return Tokenizer.wording(lines.joined(separator: "\n")).joined(separator: "\u{1}")
  }

  @Test func theHashPrefilterComparesWhatIsLeft() {
    #expect(WordingKey.sameApartFromHashes("#\u{1}#\u{1}Problem", "#\u{1}Problem"))
    #expect(WordingKey.sameApartFromHashes("", "#\u{1}#"))
    #expect(!WordingKey.sameApartFromHashes("Problem", "Problems"))
    #expect(!WordingKey.sameApartFromHashes("Problems", "Problem"))
    #expect(!WordingKey.sameApartFromHashes("a\u{1}b", "a\u{1}c"))
  }

  /// The prefilter cuts the prefix and suffix two keys share before filtering: on random
  /// keys of `#`, separators and a few letters, sharing long runs at either end (longer and
  /// shorter than a word of eight bytes), it answers as the filter over the whole keys does.
  /// (`ByteRuns`, which finds the shared runs, has its own test in GitKit.)
  @Test func theHashPrefilterCutsWhatBothShare() {
    var generator = SplitMix(seed: 2_212)
    let alphabet: [UInt8] = [0x23, 0x01, 0x61, 0x62, 0xC3, 0xA9]
    func bytes(_ count: Int) -> [UInt8] {
      (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
    }
    var same = 0
    var different = 0
    for round in 0..<20_000 {
      let prefix = bytes(Int.random(in: 0...40, using: &generator))
      let suffix = bytes(Int.random(in: 0...40, using: &generator))
      let left = prefix + bytes(Int.random(in: 0...6, using: &generator)) + suffix
      var right = prefix + bytes(Int.random(in: 0...6, using: &generator)) + suffix
      if round % 5 == 0 { right = left.filter { $0 != 0x23 || Bool.random(using: &generator) } }
      let one = String(decoding: left, as: UTF8.self)
      let other = String(decoding: right, as: UTF8.self)
      let oneBytes = Array(one.utf8)
      let otherBytes = Array(other.utf8)
      let context = "round \(round): \(left) / \(right)"
      // Invalid UTF-8 in the arrays is repaired in the Strings: judge those by their bytes.
      let stringExpected = oneBytes.withUnsafeBufferPointer { l in
        otherBytes.withUnsafeBufferPointer { r in WordingKey.sameApartFromHashes(l, r) }
      }
      #expect(WordingKey.sameApartFromHashes(one, other) == stringExpected, "\(context)")
      if stringExpected { same += 1 } else { different += 1 }
    }
    #expect(same > 2_000, "\(same) pairs the same apart from hashes")
    #expect(different > 2_000, "\(different) pairs that differ")
  }

  /// Comparing two versions by the lines where they differ answers as comparing their whole
  /// keys: on random files (front matter or none, a byte order mark, CRLF, headings of every
  /// level, non-ASCII words, marks that combine across a token, canonically equal spellings,
  /// bytes that are not UTF-8, a NUL) and random edits of them (a line changed, added or
  /// dropped, a heading moved a level, white space, the front matter).
  @Test func comparingTheDifferingLinesAnswersAsTheWholeKeys() {
    var generator = SplitMix(seed: 2_213)
    let lines: [[UInt8]] =
      [
        "## Problem", "### Problem", "## Solution", "###### Why", "# Title", "  ## Indented",
        "   ### Indented",
        "#NoSpace", "Words and more words.",
        "Words and  more words.", "Été — “quoted”", "E\u{301}te\u{301} — “quoted”", "\u{301}leading mark",
        "e\u{301}",
        "a # b ## c", "", "  ", "- item", "| a | b |", "```", "title: Inline", "---", "...", "🎉 party 🇫🇷",
        "x\r", "\t tabbed", "a\rb c", "\u{1}", "##\tX", "####### X", "## a\u{1}b",
      ].map { Array($0.utf8) } + [[0xC3], [0x61, 0xFF, 0x62], [0xE2, 0x80], [0x00, 0x41]]
    let headings = lines.filter { $0.contains(0x23) }
    let fronts: [[UInt8]] = [
      "", "---\ntitle: T\n---\n", "---\ntitle: T\naudience: A\n---\n", "---\ntitle: T\n...\n",
      "---\ntitle: U\n---\n", "---\ntitle: T\n", "---\n---\n",
    ].map { Array($0.utf8) }
    func file() -> (front: [UInt8], body: [[UInt8]], bom: Bool, crlf: Bool) {
      let count = Int.random(in: 0...12, using: &generator)
      return (
        fronts.randomElement(using: &generator)!,
        (0..<count).map { _ in lines.randomElement(using: &generator)! },
        Int.random(in: 0..<8, using: &generator) == 0, Int.random(in: 0..<6, using: &generator) == 0
      )
    }
    func bytes(_ file: (front: [UInt8], body: [[UInt8]], bom: Bool, crlf: Bool), ending: Bool) -> Data {
      let newline: [UInt8] = file.crlf ? [0x0D, 0x0A] : [0x0A]
      var out: [UInt8] = file.bom ? [0xEF, 0xBB, 0xBF] : []
      out += file.front
      for (index, line) in file.body.enumerated() {
        out += line
        if index < file.body.count - 1 || ending { out += newline }
      }
      return Data(out)
    }
    var same = 0
    var different = 0
    for round in 0..<6_000 {
      let first = file()
      var second = first
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let index = second.body.isEmpty ? 0 : Int.random(in: 0..<second.body.count, using: &generator)
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: second.body.insert(lines.randomElement(using: &generator)!, at: index)
        case 7: if !second.body.isEmpty { second.body[index] = headings.randomElement(using: &generator)! }
        case 1: if !second.body.isEmpty { second.body.remove(at: index) }
        case 2: if !second.body.isEmpty { second.body[index] = [0x23] + second.body[index] }
        case 3: if !second.body.isEmpty, second.body[index].first == 0x23 { second.body[index].removeFirst() }
        case 4: if !second.body.isEmpty { second.body[index] = [0x20] + second.body[index] + [0x20] }
        case 5: second.front = fronts.randomElement(using: &generator)!
        case 6: second.crlf.toggle()
        default: if !second.body.isEmpty { second.body[index] = lines.randomElement(using: &generator)! }
        }
      }
      let one = bytes(first, ending: Bool.random(using: &generator))
      let other =
        round % 7 == 0 ? bytes(file(), ending: true) : bytes(second, ending: Bool.random(using: &generator))
      let expected = WordingKey(data: one, path: "a.md").sameWording(
        as: WordingKey(data: other, path: "b.md"))
      #expect(
        WordingKey.sameWording(one, other, paths: ("a.md", "b.md")) == expected,
        "round \(round): \(Array(one)) / \(Array(other))")
      if expected { same += 1 } else { different += 1 }
    }
    #expect(same > 1_000, "\(same) pairs with the same wording")
    #expect(different > 1_000, "\(different) pairs whose wording differs")
  }
}
