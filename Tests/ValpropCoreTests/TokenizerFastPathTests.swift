import TestSupport
import Testing

@testable import ValpropCore

/// The ASCII fast path of `Tokenizer.wording` agrees with the general Character path.
@Suite struct TokenizerFastPathTests {
  @Test func asciiFastPathMatchesTheCharacterPath() {
    var generator = SplitMix(seed: 99)
    let alphabet = Array(" \t\n\r\u{0B}\u{0C}abcXYZ019.,;:-_'\"()[]#*%$\u{01}\u{1F}\u{7F}")
    for _ in 0..<2_000 {
      let text = Self.randomText(alphabet, upTo: 60, &generator)
      let general = Tokenizer.tokens(text).compactMap { $0.kind == .whitespace ? nil : $0.text }
      #expect(Tokenizer.wording(text) == general, "\(text.debugDescription)")
    }
  }

  @Test func tokensByLineMatchCharacterByCharacter() {
    var generator = SplitMix(seed: 97)
    // Line breaks of every kind, combining marks after ASCII, and non-ASCII letters and spaces.
    let alphabet = Array(
      "  \t\n\n\r\u{0B}\u{0C}abcXYZ019.,;:-_'\"#*\u{01}\u{7F}é\u{301}\u{2014}\u{A0}日\r\n\u{85}")
    var mixed = 0
    for _ in 0..<3_000 {
      let text = Self.randomText(alphabet, upTo: 80, &generator)
      if !text.utf8.allSatisfy({ $0 < 0x80 }) { mixed += 1 }
      #expect(Tokenizer.tokens(text) == Tokenizer.tokensByCharacter(text), "\(text.debugDescription)")
    }
    #expect(mixed > 1_000)
  }

  @Test func joinedWordingOfAnyBytesMatchesTheWordsOfTheDecodedText() {
    var generator = SplitMix(seed: 96)
    // Valid text of every kind, and bytes that are not UTF-8 (cut sequences, stray bytes).
    let pieces: [[UInt8]] = [
      [0x20], [0x0A], [0x0D, 0x0A], [0x09], Array("ab".utf8), Array("9".utf8), Array(".".utf8), [0x01],
      Array("é".utf8), Array("e\u{301}".utf8), Array("\u{2014}".utf8), Array("\u{A0}".utf8), Array("日本".utf8),
      Array("🎉".utf8), [0xE2, 0x80], [0xFF], [0xC3], [0x80], Array("\u{85}".utf8),
      // Typographic scalars the scalar path takes, and what must send a line off it: marks,
      // joiners, variation selectors, soft hyphens, Hangul, overlong and surrogate forms.
      Array("\u{201C}".utf8), Array("\u{201D}".utf8), Array("\u{2026}".utf8), Array("\u{20AC}".utf8),
      Array("\u{2192}".utf8), Array("\u{2264}".utf8), Array("\u{2122}".utf8), Array("\u{AD}".utf8),
      Array("\u{200D}".utf8), Array("\u{FE0F}".utf8), Array("\u{308}".utf8), Array("한".utf8),
      Array("\u{1F3FD}".utf8), [0xE0, 0x82, 0xA0], [0xC1, 0x81], [0xED, 0xA0, 0x80], [0xE2, 0x80, 0x9C],
    ]
    var nonASCII = 0
    for _ in 0..<3_000 {
      let bytes = (0..<Int.random(in: 0...40, using: &generator)).flatMap { _ in
        pieces.randomElement(using: &generator)!
      }
      if bytes.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
      let key = bytes.withUnsafeBufferPointer { Tokenizer.joinedWording(anyBytes: $0) }
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(key == Tokenizer.wording(text).joined(separator: "\u{1}"), "\(bytes)")
    }
    #expect(nonASCII > 1_000)
  }

  /// Every scalar the scalar path takes is a Character of its own beside any ASCII byte and
  /// beside the others, and its kind is the Character's.
  @Test func standaloneScalarsAreCharactersOfTheirOwn() {
    var scalars: [Unicode.Scalar] = []
    for range in Tokenizer.standaloneScalarRanges {
      for value in range { if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } }
    }
    #expect(scalars.count > 900)
    var joined = 0
    for scalar in scalars {
      for ascii in (0 as UInt8)..<0x80 {
        let other = Unicode.Scalar(ascii)
        for pair in [[other, scalar], [scalar, other]] {
          var text = ""
          text.unicodeScalars.append(contentsOf: pair)
          if text.count != 2 { joined += 1 }
        }
      }
      let kind = Tokenizer.standaloneScalarKinds[Int(scalar.value)]
      let expected: UInt8 =
        switch Tokenizer.kind(of: Character(scalar)) {
        case .word: 1
        case .punctuation: 2
        case .whitespace: 3
        }
      #expect(kind == expected, "U+\(String(scalar.value, radix: 16))")
    }
    var generator = SplitMix(seed: 95)
    for _ in 0..<20_000 {
      var text = ""
      text.unicodeScalars.append(contentsOf: (0..<3).map { _ in scalars.randomElement(using: &generator)! })
      if text.count != 3 { joined += 1 }
    }
    #expect(joined == 0, "\(joined) pairs or triples made fewer Characters")
  }

  /// The scalar path is taken on a typographic line and refused, leaving the key as it was,
  /// where a line holds anything else.
  @Test func theScalarPathTakesTypographicLinesOnly() {
    func take(_ bytes: [UInt8]) -> (taken: Bool, key: [UInt8]) {
      var key: [UInt8] = [0x41]
      let taken = bytes.withUnsafeBufferPointer { Tokenizer.appendWordingOfStandaloneScalars($0, to: &key) }
      return (taken, key)
    }
    let typographic = take(Array("“Quoted” — café… costs €20 → ≤ 5%\r\n".utf8))
    #expect(typographic.taken)
    #expect(
      String(decoding: typographic.key, as: UTF8.self)
        == "A\u{1}" + Tokenizer.wording("“Quoted” — café… costs €20 → ≤ 5%").joined(separator: "\u{1}"))
    for refused in [
      Array("cafe\u{301} “x”".utf8), Array("a\u{200D}b “x”".utf8), Array("日本 “x”".utf8), Array("🎉 “x”".utf8),
      [0xE2, 0x80, 0x20], [0xE0, 0x82, 0xA0], [0xC1, 0x81], [0xFF], Array("\u{2028}".utf8),
    ] {
      let result = take(refused)
      #expect(!result.taken, "\(refused)")
      #expect(result.key == [0x41], "\(refused)")
    }
  }

  @Test func wordDiffSidesCutLineByLineAsFromTokens() {
    var generator = SplitMix(seed: 95)
    let alphabet = Array(
      "  \t\n\n\r\u{0B}abcXYZ019.,;:-_'\"#*\u{01}é\u{301}\u{2014}\u{A0}日\r\n\u{85}")
    for _ in 0..<3_000 {
      let text = Self.randomText(alphabet, upTo: 80, &generator)
      let fast = WordDiff.Side(text)
      let reference = WordDiff.Side(byTokens: text)
      #expect(fast.words == reference.words, "\(text.debugDescription)")
      #expect(fast.gaps == reference.gaps, "\(text.debugDescription)")
      #expect(fast.trailing == reference.trailing, "\(text.debugDescription)")
    }
  }

  @Test func wordDiffSidesCutStretchesAroundOtherBytesAsWholeLines() {
    var generator = SplitMix(seed: 91)
    // Characters that join with an ASCII neighbour (combining marks after it, a prepended
    // mark before it, `\r\n`), emoji sequences and flags, typographic punctuation between
    // ASCII words, line breaks of every kind.
    let pieces = [
      " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "abc", "x", "42", ".", ",", "'", "\"", "#", "-",
      "\u{01}",
      "\u{7F}", "é", "e\u{301}", "\u{301}", "\u{0308}", "\u{2019}", "\u{201C}", "\u{2014}", "\u{A0}", "日本",
      "\u{600}", "\u{600}1", "\u{0915}\u{094D}\u{0937}", "👍🏽", "👨\u{200D}👩", "\u{200D}", "🇫🇷", "\u{1F1E6}",
      "\u{85}", "\u{2028}", "\u{FE0F}", "a\u{FE0F}",
    ]
    var mixed = 0
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      if !text.utf8.allSatisfy({ $0 < 0x80 }) { mixed += 1 }
      let fast = WordDiff.Side(text)
      let reference = WordDiff.Side(byTokens: text)
      // Bytes, not Strings: canonically equal text in other bytes would compare equal.
      #expect(
        fast.words.map { Array($0.utf8) } == reference.words.map { Array($0.utf8) },
        "\(text.debugDescription)")
      #expect(
        fast.gaps.map { Array($0.utf8) } == reference.gaps.map { Array($0.utf8) }, "\(text.debugDescription)")
      #expect(Array(fast.trailing.utf8) == Array(reference.trailing.utf8), "\(text.debugDescription)")
    }
    #expect(mixed > 2_000)
  }

  @Test func level1BlocksCutByBytesAsLineByLine() {
    var generator = SplitMix(seed: 94)
    // Heading and fence markers at the start of lines, after spaces and tabs, and followed
    // by combining marks; line breaks of every kind.
    let pieces = [
      "\n", "\n# ", "\n## ", "# ", "#", " ", "  ", "    ", "\t", "```", "~~~", "`", "~", "\n```rust\n",
      "\n~~~\n", "\r\n", "\r", "abc", "Title", " #", "#\u{301}", "`\u{301}", " \u{301}", "é", "日", "\u{85}",
      "\u{2028}", "\n#\t", "##", "#[derive]", "#a", "#\u{0B}", "#\u{0C}", "#\u{7F}", "#\u{01}", "#\u{85}",
      "#é", "```\u{301}", "~~~\u{301}", "``~", "~~`", "```rust", "`code` and", "~~~~\n", "\n````\n",
    ]
    var cut = 0
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let fast = PropositionDiff.level1Blocks(text)
      let reference = PropositionDiff.level1BlocksByLine(text)
      if !reference.blocks.isEmpty { cut += 1 }
      #expect(Array(fast.lead.utf8) == Array(reference.lead.utf8), "\(text.debugDescription)")
      #expect(fast.blocks.count == reference.blocks.count, "\(text.debugDescription)")
      for (a, b) in zip(fast.blocks, reference.blocks) {
        #expect(Array(a.heading.utf8) == Array(b.heading.utf8), "\(text.debugDescription)")
        #expect(Array(a.line.utf8) == Array(b.line.utf8), "\(text.debugDescription)")
        #expect(Array(a.text.utf8) == Array(b.text.utf8), "\(text.debugDescription)")
      }
    }
    #expect(cut > 500)
  }

  @Test func outlinePassesBodyLinesOverAsLineByLine() {
    var generator = SplitMix(seed: 93)
    let pieces = [
      "# ", "## ", "### ", "#", "##", " ", "   ", "    ", "\t", "```", "~~~", "`", "~", "abc", "Title",
      "#\u{301}",
      "`\u{301}", " \u{301}", "é", "\r", "#[derive]", " ##", "\u{85}",
    ]
    var sectioned = 0
    for _ in 0..<2_000 {
      let lines = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined()
      }
      let raw = lines.prefix(Int.random(in: 0...lines.count, using: &generator)).map { $0 + "\n" }
      let fast = Proposition.outline(lines, raw: Array(raw), firstLine: 3)
      let reference = Proposition.outline(lines, raw: Array(raw), firstLine: 3, skippingBodyLines: false)
      if !reference.1.isEmpty { sectioned += 1 }
      #expect(fast.0?.text == reference.0?.text && fast.0?.line == reference.0?.line, "\(lines)")
      #expect(fast.1 == reference.1, "\(lines)")
      #expect(fast.preambleLines == reference.preambleLines, "\(lines)")
    }
    #expect(sectioned > 300)
  }

  @Test func parsedSectionsAreTheirLinesWithEndingsJoined() throws {
    var generator = SplitMix(seed: 94)
    let pieces = [
      "# Title", "## Problem", "## ", "##", "### Deep", "```", "~~~", "text", " ", "é", "\r", "\n", "\n",
      "\r\n", "\n\n", "---", "title: T", "status: draft", "...", "\u{85}", "#\u{301}", "\u{2028}",
    ]
    var sectioned = 0
    // Half the texts open with front matter, closed by the last line or before a body that
    // is only a line break or a lone "\r"; the edges come first.
    let openings = ["", "", "---\ntitle: T\n---", "---\ntitle: T\n---\n", "---\r\n...\r\n"]
    let edges = ["", "\r", "\n\r", "---\ntitle: T\n---", "---\ntitle: T\n---\n\r", "---\n---\r\n\r", "a\n\r"]
    for index in 0..<(edges.count + 3_000) {
      let text =
        index < edges.count
        ? edges[index]
        : openings.randomElement(using: &generator)!
          + (0..<Int.random(in: 0...30, using: &generator)).map { _ in
            pieces.randomElement(using: &generator)!
          }.joined()
      guard let parsed = try? Proposition(id: "p", path: "p.md", text: text) else { continue }
      // As the outline was first made: every line with its ending a String, a section's
      // lines those after its heading up to the next section's, joined.
      let first = parsed.bodyFirstLine
      // The body's lines, cut from the text when asked, are the whole text's from the first
      // body line on, as the parse once kept them.
      #expect(
        parsed.bodyLines == Array(SourceText.lines(text).dropFirst(first - 1)), "\(text.debugDescription)")
      let raw = Array(SourceText.linesWithEndings(text).dropFirst(first - 1))
      func joined(_ range: Range<Int>) -> [UInt8] {
        Array(range.map { $0 < raw.count ? raw[$0] : parsed.bodyLines[$0] + "\n" }.joined().utf8)
      }
      let headingLines = parsed.sections.map { $0.line - first }
      let ends = headingLines.dropFirst() + [parsed.bodyLines.count]
      if !parsed.sections.isEmpty { sectioned += 1 }
      for (section, (heading, end)) in zip(parsed.sections, zip(headingLines, ends)) {
        #expect(Array(section.text.utf8) == joined((heading + 1)..<end), "\(text.debugDescription)")
        #expect(section.lines == Array(parsed.bodyLines[(heading + 1)..<end]), "\(text.debugDescription)")
      }
      let preamble = headingLines.first ?? parsed.bodyLines.count
      #expect(
        Array(parsed.preamble.utf8) == Array(raw.prefix(preamble).joined().utf8), "\(text.debugDescription)")
      // And as the reference outline (every line looked at) finds the sections.
      let reference = Proposition.outline(
        parsed.bodyLines, raw: raw, firstLine: first, skippingBodyLines: false)
      #expect(parsed.sections == reference.1, "\(text.debugDescription)")
      #expect(
        parsed.heading?.text == reference.0?.text && parsed.heading?.line == reference.0?.line,
        "\(text.debugDescription)")
    }
    #expect(sectioned > 500)
  }

  @Test func wordCountCountsTheWordTokens() {
    var generator = SplitMix(seed: 92)
    let alphabet = Array(
      "  \t\n\n\r\u{0B}abcXYZ019.,;:-_'\"#*\u{01}é\u{301}\u{2014}\u{A0}日\r\n\u{85}")
    for _ in 0..<3_000 {
      let text = Self.randomText(alphabet, upTo: 80, &generator)
      let words = Tokenizer.tokens(text).filter { $0.kind == .word }.count
      #expect(Tokenizer.wordCount(text) == words, "\(text.debugDescription)")
    }
  }

  @Test func sameBytesIsByteEqualityNotCanonicalEquivalence() {
    #expect("caf\u{E9}".hasSameBytes(as: "caf\u{E9}"))
    #expect(!"caf\u{E9}".hasSameBytes(as: "cafe\u{301}"))
    #expect(!"abc".hasSameBytes(as: "abd"))
    #expect("".hasSameBytes(as: ""))
  }

  /// A text of up to `length` Characters drawn from `alphabet`.
  static func randomText(_ alphabet: [Character], upTo length: Int, _ generator: inout SplitMix) -> String {
    String(
      (0..<Int.random(in: 0...length, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      })
  }
}
