import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Lint's fast path (prefilters on ASCII lines, byte searches) gives exactly the findings and
/// scores of the reference path (every regular expression on every line), on both corpora
/// and on mutated and random text with Unicode case-folding traps.
@Suite struct LintFastPathTests {
  /// A result as text: every finding with its place, message and fix, and the scores.
  static func describe(_ result: LintResult) -> String {
    let findings = result.findings.map { finding in
      "\(finding.line):\(finding.column):\(finding.byteColumn) \(finding.severity.rawValue) [\(finding.rule.id)] \(finding.message) \(String(describing: finding.suggestion)) \(String(describing: finding.cap))"
    }
    let parts = result.scores.parts.map { "\($0.key.rawValue) \($0.value)" }.sorted()
    return (findings + parts + ["total \(result.scores.total)"]).joined(separator: "\n")
  }

  /// Lints a text under one engine, with the corpus's jargon and a team rule.
  static func lint(_ text: String, engine: LintEngine, jargon: [String] = [], team: [String] = [])
    -> String
  {
    LintEngine.$current.withValue(engine) {
      var config = WorkspaceConfig()
      config.lintJargon = jargon
      if !team.isEmpty {
        config.lintRules = [LintTeamRule(words: team, message: "an internal name")]
      }
      let linter = Linter(config: config)
      do {
        let proposition = try Proposition(id: "p", path: "p.md", data: Data(text.utf8))
        return describe(linter.lint(proposition, asOf: CorpusFile.asOf))
      } catch {
        return "unreadable: \(error)"
      }
    }
  }

  static var corpusTexts: [(name: String, text: String, jargon: [String], team: [String])] {
    CorpusFile.all.map { ($0.name, $0.text, $0.jargon, $0.teamWords) }
      + IndependentFile.all.map { ($0.name, $0.text, [], []) }
  }

  @Test func bothPathsAgreeOnEveryCorpusFile() {
    let files = LintFastPathTests.corpusTexts
    #expect(files.count > 100)
    for file in files {
      let fast = LintFastPathTests.lint(file.text, engine: .fast, jargon: file.jargon, team: file.team)
      let reference = LintFastPathTests.lint(
        file.text, engine: .reference, jargon: file.jargon, team: file.team)
      #expect(fast == reference, "\(file.name)")
    }
  }

  /// Characters whose case folding reaches ASCII letters or that join words: the Kelvin
  /// sign, the long s, ligatures, the dotted capital I, sharp s, accented letters, and
  /// non-ASCII spaces and dashes.
  static let traps: [String] = [
    "\u{212A}", "\u{17F}", "\u{FB01}", "\u{FB00}", "\u{FB06}", "\u{130}", "\u{131}", "\u{DF}", "\u{1E9E}",
    "é", "e\u{301}", "\u{A0}", "\u{2014}", "\u{2019}", "日", "\u{2009}", "Σ", "ς",
  ]

  /// Changes a line: swaps the case of letters, replaces a letter by a trap or an ASCII
  /// neighbour, joins or splits words.
  static func mutate(_ line: String, using generator: inout SplitMix) -> String {
    var characters = Array(line)
    guard !characters.isEmpty else { return line }
    for _ in 0..<Int.random(in: 1...4, using: &generator) {
      let index = Int.random(in: 0..<characters.count, using: &generator)
      switch Int.random(in: 0..<6, using: &generator) {
      case 0: characters[index] = Character(characters[index].uppercased())
      case 1: characters[index] = Character(characters[index].lowercased())
      case 2: characters[index] = Character(traps.randomElement(using: &generator)!)
      case 3:
        // A trap that folds to the letter it replaces.
        let folds: [Character: String] = ["k": "\u{212A}", "s": "\u{17F}", "K": "\u{212A}", "S": "\u{17F}"]
        if let trap = folds[characters[index]] { characters[index] = Character(trap) }
      case 4: characters[index] = Array("-_ x1")[Int.random(in: 0..<5, using: &generator)]
      default: characters.insert(" ", at: index)
      }
    }
    return String(characters)
  }

  @Test func bothPathsAgreeOnMutatedCorpusFiles() {
    var generator = SplitMix(seed: 161)
    var nonASCII = 0
    for (round, file) in LintFastPathTests.corpusTexts.enumerated() where round % 2 == 0 {
      var lines = file.text.components(separatedBy: "\n")
      // The front matter stays readable; the body changes.
      let body = (lines.lastIndex(of: "---") ?? 0) + 1
      for index in lines.indices where index >= body && Int.random(in: 0..<3, using: &generator) == 0 {
        lines[index] = LintFastPathTests.mutate(lines[index], using: &generator)
      }
      let text = lines.joined(separator: "\n")
      if text.utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
      let fast = LintFastPathTests.lint(text, engine: .fast, jargon: file.jargon, team: file.team)
      let reference = LintFastPathTests.lint(text, engine: .reference, jargon: file.jargon, team: file.team)
      #expect(fast == reference, "\(file.name)\n\(text)")
    }
    #expect(nonASCII > 40)
  }

  /// Every prefiltered pattern answers as its regular expression does on random lines made
  /// of its own words, ASCII noise and the traps.
  @Test func prefilteredPatternsMatchTheirRegularExpressions() {
    var generator = SplitMix(seed: 162)
    let words = LintWords.builtIn
    let vocabulary =
      (words.vague + words.buzzwords.map(\.words) + words.wordy.map(\.words) + words.timeFrames
      + words.numberWords + words.features + words.outcomeVerbs + words.alternatives + words.genericClaims
      + words.beliefPhrases + words.sizedSegments + words.superlatives
      + [
        "twice", "from 8 to 2", "instead of 3", "in a day", "two weeks", "lot", "halves", "versus 4",
        "within one working day", "three business days", "Hydra", "ops team", "rather than 2", "#1", "the #1",
        "TODO", "...", "we", "ours", "but", "lorem ipsum", "top",
        // Figures, for the figure patterns' prefilters.
        "5%", "3 days", "$4", "10x", "2.5 x", "2-fold", "than 5", "by $3", "up to 80%", "3 per week",
        "12 USD", "5 percent", "4 pp", "twice as", "as much as", "5 to 10", "about 4", "bps", "times faster",
        "5 times", "tenx", "once a month", "2,000", "1.5", "7-", "per", "cent", "weeks", "k", "usd", "than",
        "to", "$",
        "basis points", "9\u{A0}%", "day", "user", "up", "from",
      ])
      .flatMap { phrase in [phrase, phrase.uppercased(), phrase.capitalized] }
    let noise =
      ["a", "the", "-", "_", "x", "1", "42", ".", ",", "(", ")", " ", "\t", "\n", "$", "%", "\u{B}"]
      + LintFastPathTests.traps
    let patterns = LintFastPathTests.prefiltered
    #expect(patterns.count > 10)
    var matched = 0
    for _ in 0..<3_000 {
      var line = ""
      for _ in 0..<Int.random(in: 0...8, using: &generator) {
        let piece =
          Int.random(in: 0..<2, using: &generator) == 0
          ? vocabulary.randomElement(using: &generator)! : noise.randomElement(using: &generator)!
        line += piece
        if Int.random(in: 0..<3, using: &generator) > 0 { line += " " }
      }
      for pattern in patterns {
        let fast = LintEngine.$current.withValue(.fast) { pattern.matches(in: line).map { "\($0)" } }
        let reference = LintEngine.$current.withValue(.reference) {
          pattern.matches(in: line).map { "\($0)" }
        }
        #expect(fast == reference, "\(pattern.regex.pattern) on \(line.debugDescription)")
        if !reference.isEmpty { matched += 1 }
      }
      let twice = LintEngine.$current.withValue(.fast) { LintMeasure.holdsTwice(line) }
      #expect(twice == line.localizedCaseInsensitiveContains("twice"), "\(line.debugDescription)")
    }
    #expect(matched > 1_000)
  }

  /// A section prepared under one engine, as text: its lines, comments and sentences.
  static func prepared(_ lines: [String], engine: LintEngine) -> String {
    LintEngine.$current.withValue(engine) {
      let section = LintSection(heading: "Problem", line: 1, firstContentLine: 2, rawLines: lines)
      return
        (section.lines.map { "\($0.number) \($0.text.debugDescription)" }
        + section.comments.map { "\($0)" } + section.sentences.map { "\($0)" }
        + ["\(section.isEmpty)"]).joined(separator: "\n")
    }
  }

  @Test func sectionsArePreparedAlikeOnBothPaths() {
    var generator = SplitMix(seed: 163)
    let pieces =
      Array(" \t`]([:/#-.!?eEgiA1xX<>*|_\u{1}").map(String.init) + [
        "e.g.", "http://a.b/c", "www.x.org", "<!--", "-->", "<https://x.y>", "[a](b)", "[ref]: http://z",
        "#12", "the #1", " A. ", " Z. ", " e.g. ", " etc. ", " No. ", "! ", "? ", "PROJ-12", "owner/repo#3",
        "Mr.", "(e.g.", "U.", "```", "~~~", "`code`", "``a`b``",
        "- ", "1. ", "| a | b |", "|---|---|", "word", "Word", "\r", "\u{0B}",
      ] + LintFastPathTests.traps
    var nonASCII = 0
    for _ in 0..<3_000 {
      let lines = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
          .joined()
      }
      if lines.joined().utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
      let fast = LintFastPathTests.prepared(lines, engine: .fast)
      let reference = LintFastPathTests.prepared(lines, engine: .reference)
      #expect(fast == reference, "\(lines)")
      let text = lines.joined(separator: " ")
      let count = LintEngine.$current.withValue(.fast) { Linter.Check.wordCount(text) }
      #expect(count == LintEngine.$current.withValue(.reference) { Linter.Check.wordCount(text) })
    }
    #expect(nonASCII > 500)
  }

  @Test func frontMatterOnlyReadsTheLinksAndFailsAsAFullParse() {
    let texts =
      LintFastPathTests.corpusTexts.map(\.text) + [
        "---\nsuperseded-by: b\nsupersedes: [c, d]\ntracks: [Sources/**]\n---\n# T\n## Problem\nx\n",
        "---\nstatus: [\n---\n", "---\ntitle: never closed\n", "no front matter\n## Problem\n",
        "", "---", "---\r\nsupersedes: [a]\r\n...\r\nbody\r\n", "  ---  \nsuperseded-by: x\n  ---\n",
        "---\n---\n",
        "\u{FEFF}---\nsupersedes: [z]\n---\n", "---\nsupersedes: [y]\n---", "---\n\n\n",
      ]
    for text in texts {
      let data = Data(text.utf8)
      let full = Result { try Proposition(id: "p", path: "p.md", data: data) }
      let links = Result { try Proposition.frontMatterOnly(id: "p", path: "p.md", data: data) }
      switch (full, links) {
      case (.success(let full), .success(let links)):
        #expect(full.frontMatter.supersededBy == links.frontMatter.supersededBy)
        #expect(full.frontMatter.supersedes == links.frontMatter.supersedes)
        #expect(full.frontMatter.tracks == links.frontMatter.tracks)
        #expect(full.frontMatter.line(of: "supersedes") == links.frontMatter.line(of: "supersedes"))
        #expect(full.frontMatter.line(of: "superseded-by") == links.frontMatter.line(of: "superseded-by"))
        #expect(full.path == links.path && full.text == links.text && links.sections.isEmpty)
        #expect(links.bodyLines.isEmpty && full.bodyFirstLine == links.bodyFirstLine)
        #expect(full.hasFrontMatter == links.hasFrontMatter && full.frontMatter == links.frontMatter)
      case (.failure(let full), .failure(let links)):
        #expect("\(full)" == "\(links)")
      default:
        Issue.record("one parse failed and the other did not: \(text.debugDescription)")
      }
    }
  }

  /// The patterns with a prefilter.
  static let prefiltered: [LintPattern] = [
    Linter.Check.vague, Linter.Check.feature, Linter.Check.outcome, Linter.Check.alternative,
    Linter.Check.generic, Linter.Check.buzz, Linter.Check.wordy, Linter.Check.belief,
    Linter.Check.sizedSegment,
    Linter.Check.unsizedPairs, LintMeasure.timeFrame, LintMeasure.numberWordThenUnit, LintMeasure.comparison,
    LintMeasure.singleTimeFrame, LintPattern(joinedPhrases: ["Hydra", "ops team"]), Linter.Check.superlative,
    Linter.Check.aboutUs, Linter.Check.ourTurn, Linter.Check.placeholder,
    LintMeasure.percentage, LintMeasure.currency, LintMeasure.rate, LintMeasure.multiplier,
    LintMeasure.ceiling, LintMeasure.duration, LintMeasure.againstNumber,
  ]

  /// `lintTrimmed` trims what `trimmedSpaces` trims, on Strings and Substrings, including
  /// spaces that a combining mark after them or a prepended mark before them joins.
  /// A byte column read from the bytes is the one counted over the characters before it,
  /// whatever joins the characters there (combining marks after ASCII, "\r\n", emoji).
  @Test func byteColumnsAreTheCharactersBytes() {
    let pieces = ["a", " ", "e\u{301}", "\u{301}", "\r", "\r\n", "é", "🎉", "👩‍💻", "\t", "x", "“", "-"]
    var generator = SplitMix(seed: 91)
    var plain = 0
    // The fast path reads the bytes; the reference path counts characters, as before.
    LintEngine.$current.withValue(.fast) {
      for _ in 0..<20_000 {
        let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
          pieces.randomElement(using: &generator)!
        }.joined()
        let column = Int.random(in: 0...12, using: &generator)
        let expected = text.prefix(max(0, column - 1)).utf8.count + 1
        #expect(
          Linter.Collector.byteColumn(in: text, column: column) == expected,
          "\(text.debugDescription) \(column)")
        if text.utf8.allSatisfy({ $0 < 0x80 }) { plain += 1 }
      }
    }
    #expect(plain > 1_000, "ASCII lines are read")
  }

  /// A collector made from a proposition reads the same file lines as one given the text
  /// split into lines: the front matter's and the body's, and none past the end.
  @Test func aPropositionsCollectorReadsTheFilesLines() {
    let linter = Linter(config: WorkspaceConfig())
    LintEngine.$current.withValue(.fast) {
      for file in Self.corpusTexts.prefix(40) {
        for text in [file.text, "\r\n" + file.text, file.text.replacingOccurrences(of: "\n", with: "\r\n")] {
          guard let proposition = try? Proposition(id: "p", path: "p.md", data: Data(text.utf8)) else {
            continue
          }
          var split = Linter.Collector(linter: linter, id: "p", path: "p.md", lines: SourceText.lines(text))
          var parsed = Linter.Collector(linter: linter, proposition: proposition)
          let count = SourceText.lines(text).count
          for line in 0...(count + 1) {
            #expect(parsed.fileLine(line) == split.fileLine(line), "\(file.name) line \(line)")
            for column in [1, 4, 30] {
              #expect(
                parsed.byteColumn(line: line, column: column) == split.byteColumn(line: line, column: column))
            }
          }
        }
      }
    }
  }

  @Test func lintTrimmedTrimsAsTrimmedSpaces() {
    var generator = SplitMix(seed: 164)
    let pieces = [
      " ", "\t", "a", "Z", "1", "-", "|", "é", "e\u{301}", "\u{301}", "\u{600}", "\u{A0}", "\r\n",
      "\n", "日",
      "\u{200D}", "\u{FE0F}", "\u{1F3D7}",
    ]
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      let fast = LintEngine.$current.withValue(.fast) { text.lintTrimmed }
      #expect(fast == text.trimmedSpaces, "\(text.debugDescription)")
      let inner = text.dropFirst()
      let fastInner = LintEngine.$current.withValue(.fast) { inner.lintTrimmed }
      #expect(fastInner == inner.trimmedSpaces, "\(inner.debugDescription)")
    }
  }

  /// `quote` on bytes quotes as the reference does: list markers, white space of every
  /// kind, and the cut at 60 characters.
  @Test func plainQuoteQuotesAsTheReference() {
    var generator = SplitMix(seed: 165)
    let pieces = [
      " ", "\t", "\n", "\r\n", "\u{B}", "\u{C}", "-", "*", "+", "|", "12", "3", ".", ")", "word",
      "Longer words",
      "a", "é", "\u{A0}", "x",
    ]
    var quoted = 0
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let fast = LintEngine.$current.withValue(.fast) { Linter.Check.quote(text) }
      let reference = LintEngine.$current.withValue(.reference) { Linter.Check.quote(text) }
      #expect(fast == reference, "\(text.debugDescription)")
      if Linter.Check.plainQuote(text) != nil { quoted += 1 }
    }
    #expect(quoted > 1_000)
  }

  /// The byte matcher of phrase patterns finds, on every line it answers for, exactly the
  /// regular expression's matches, with no prefilter before it.
  @Test func phrasesMatchAsTheirRegularExpressions() {
    var generator = SplitMix(seed: 168)
    let words = LintWords.builtIn
    let phrases = [
      words.vague, words.buzzwords.map(\.words), words.wordy.map(\.words), words.features,
      words.outcomeVerbs, words.alternatives, words.genericClaims, words.beliefPhrases, words.sizedSegments,
    ]
    let patterns =
      phrases.map { LintPattern(phrases: $0) } + [
        LintPattern(joinedPhrases: ["Hydra", "ops team", "a-b"]),
        LintPattern(phrases: ["x y", "x", "x y z", "y"]),
      ]
    #expect(patterns.allSatisfy { $0.phrases != nil })
    let vocabulary = phrases.flatMap { $0 }.flatMap { [$0, $0.uppercased(), $0.capitalized] }
    let noise = [
      "a", "-", "_", "1", ".", ",", "(", " ", "  ", "\t", "\n", "\u{C}", "\u{B}", "\r", "é", "x", "y", "z",
      // Inert symbols and punctuation it answers for: quotes, dashes, an ellipsis, a per
      // mille sign, box drawing, arrows, check marks, an emoji of four bytes, a degree sign.
      "\u{2010}", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}",
      "\u{2026}", "\u{2027}", "\u{2019}\u{2019}", "\u{2030}", "\u{2500}", "\u{2192}", "\u{2705}",
      "\u{274C}", "\u{1F7F0}", "\u{B0}", "\u{2212}",
      // What joins or reads as a word or space and takes the regular expression: a line
      // separator, a joiner, a no-break space, a combining mark, a variation selector, a skin
      // tone, a regional indicator, a circled letter, the Kelvin sign, a long s, a connector.
      "\u{2028}", "\u{200D}", "\u{A0}", "\u{301}", "\u{FE0F}", "\u{1F3FB}", "\u{1F1E9}", "\u{24B6}",
      "\u{212A}", "\u{17F}", "\u{203F}",
    ]
    var answered = 0
    var matched = 0
    var punctuated = 0
    for _ in 0..<2_000 {
      var line = ""
      for _ in 0..<Int.random(in: 0...8, using: &generator) {
        line +=
          Bool.random(using: &generator)
          ? vocabulary.randomElement(using: &generator)! : noise.randomElement(using: &generator)!
        if Bool.random(using: &generator) { line += " " }
      }
      for pattern in patterns {
        guard let fast = pattern.phrases?.matches(in: line) else { continue }
        answered += 1
        if line.utf8.contains(where: { $0 >= 0x80 }) { punctuated += 1 }
        let reference = LintEngine.$current.withValue(.reference) { pattern.matches(in: line) }
        #expect(
          fast.map { "\($0)" } == reference.map { "\($0)" },
          "\(pattern.regex.pattern) on \(line.debugDescription)")
        if !reference.isEmpty { matched += 1 }
      }
    }
    #expect(answered > 10_000)
    #expect(matched > 1_000)
    #expect(punctuated > 1_000, "lines with symbols and punctuation beyond ASCII are answered")
    #expect(LintPhrases(["a  b"], hyphenEnds: true) == nil && LintPhrases(["é"], hyphenEnds: true) == nil)
  }

  /// What the phrase matcher steps over holds, for every scalar it calls inert, with this
  /// toolchain's Unicode tables and ICU's: its own Character beside ASCII and beside itself,
  /// neither a word nor a space nor a hyphen to the expression, and matching no ASCII letter
  /// or digit without case. The near misses of the random test are not inert.
  @Test func inertScalarsAreNeitherWordsNorSpacesAndStandAlone() throws {
    let wordOrSpace = try NSRegularExpression(pattern: #"[\w\s-]"#, options: [.caseInsensitive])
    let asciiWord = try NSRegularExpression(pattern: #"[a-z0-9_]"#, options: [.caseInsensitive])
    var inert = 0
    for value in UInt32(0x80)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value), LintPhrases.isInert(scalar) else { continue }
      inert += 1
      let alone = String(Character(scalar))
      #expect(("a" + alone + "a").count == 3 && (alone + alone).count == 2, "U+\(String(value, radix: 16))")
      let range = NSRange(alone.startIndex..., in: alone)
      #expect(wordOrSpace.firstMatch(in: alone, range: range) == nil, "U+\(String(value, radix: 16))")
      #expect(asciiWord.firstMatch(in: alone, range: range) == nil, "U+\(String(value, radix: 16))")
    }
    #expect(inert > 5_000)
    for near in [
      "\u{2028}", "\u{200D}", "\u{A0}", "\u{301}", "\u{FE0F}", "\u{1F3FB}", "\u{1F1E9}", "\u{24B6}",
      "\u{212A}", "\u{17F}", "\u{203F}", "é",
    ] {
      var line = "a" + near + "b"
      #expect(line.withUTF8 { LintPhrases.inertScalars(in: $0) } == nil, "\(near.debugDescription)")
    }
  }

  /// Up to `count` random pieces, joined.
  static func randomText(of pieces: [String], upTo count: Int, using generator: inout SplitMix) -> String {
    (0..<Int.random(in: 0...count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
      .joined()
  }

  /// One pass over a plain line finds every code pattern's trigger that the test of that
  /// trigger alone finds (the pass may name more: `maskingCode` still tests each).
  @Test func presentTriggersHoldEveryTriggerOfTheLine() {
    var generator = SplitMix(seed: 166)
    let pieces =
      Array(" `]([:/#-.wW0123456789AZaz_").map(String.init) + [
        "://", "www.", "ww.", "](", "]:", "#1", "A-1", "Z-9", "0-1", "@-1", "[-1", "a-1",
      ]
    var found = 0
    for _ in 0..<5_000 {
      let bytes = Array(LintFastPathTests.randomText(of: pieces, upTo: 10, using: &generator).utf8)
      let present = LintSection.presentTriggers(bytes)
      for (index, pattern) in LintSection.codePatterns.enumerated() {
        let triggered = LintSection.triggers(pattern.trigger, inPlain: bytes)
        #expect(!triggered || present & LintSection.triggerBits[index] != 0, "\(pattern.trigger) \(bytes)")
        if triggered { found += 1 }
      }
    }
    #expect(found > 5_000)
    #expect(Set(LintSection.triggerBits).count == 7)
  }

  /// The inline code spans found on bytes are the regex's, and a list item is one on both
  /// paths.
  @Test func inlineCodeAndListItemsAsTheReference() {
    var generator = SplitMix(seed: 169)
    let pieces = [
      "`", "``", "```", "a", " ", "b c", "-", "*", "+", "\t", "1", "23", ".", ")", "\u{B}", "é", "\r",
    ]
    var spans = 0
    var items = 0
    for _ in 0..<5_000 {
      let text =
        ["", " ", "- ", "* ", "+ ", "1. ", "23) ", "\t3. ", "-", "1.", "4)", "5.\u{B}"].randomElement(
          using: &generator)! + LintFastPathTests.randomText(of: pieces, upTo: 10, using: &generator)
      let reference = LintEngine.$current.withValue(.reference) { LintSection.isListItem(text) }
      #expect(
        LintEngine.$current.withValue(.fast) { LintSection.isListItem(text) } == reference,
        "\(text.debugDescription)")
      if reference { items += 1 }
      guard let bytes = LintSection.plainBytes(text) else { continue }
      let regex = LintSection.codePatterns[0].expression.regex.matches(
        in: text, range: NSRange(location: 0, length: bytes.count)
      )
      .map { $0.range.location..<($0.range.location + $0.range.length) }
      #expect(LintSection.inlineCodeSpans(bytes) == regex, "\(text.debugDescription)")
      spans += regex.count
    }
    #expect(spans > 1_000)
    #expect(items > 1_000)
  }

  /// A word byte is what `\w` matches in ASCII, for every byte.
  @Test func wordBytesAreLettersDigitsAndUnderscore() {
    for byte in UInt8.min...UInt8.max {
      let scalar = Unicode.Scalar(byte)
      let expected =
        byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || byte == 0x5F)
      #expect(LintPrefilter.isWordByte(byte) == expected, "\(byte)")
    }
  }

  /// `lintContains` and `isPlain` answer as the `utf8` views they replace.
  @Test func byteSearchesAnswerAsTheUTF8View() {
    var generator = SplitMix(seed: 167)
    let pieces = ["a", "<", "|", ";", "`", "\r", "\r\n", "é", "日", " ", "\u{0}"]
    for _ in 0..<3_000 {
      let text = LintFastPathTests.randomText(of: pieces, upTo: 8, using: &generator)
      for byte: UInt8 in [0x3C, 0x7C, 0x3B, 0x60, 0x0D, 0x00] {
        #expect(text.lintContains(byte) == text.utf8.contains(byte), "\(text.debugDescription)")
      }
      #expect(LintSection.isPlain(text) == text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D })
      let substring = text.dropFirst()
      #expect(
        String(substring).lintContains(0x3C) == substring.utf8.contains(0x3C), "\(substring.debugDescription)"
      )
    }
  }

  /// `holdsConflictStart` finds seven `<` in a row wherever the UTF-8 bytes hold them, and
  /// a text without them lints without conflict findings on both paths.
  @Test func conflictStartsAreFoundAsTheBytesHoldThem() {
    var generator = SplitMix(seed: 173)
    let pieces = ["<", "<<<", "<<<<<<<", "a", "\n", "é", "=======", ">>>>>>>", " "]
    var found = 0
    for _ in 0..<3_000 {
      let text = LintFastPathTests.randomText(of: pieces, upTo: 6, using: &generator)
      let expected = Array(text.utf8).indices.contains { start in
        Array(text.utf8).dropFirst(start).prefix(7) == Array("<<<<<<<".utf8)[...]
      }
      #expect(Linter.Check.holdsConflictStart(text) == expected, "\(text.debugDescription)")
      if expected { found += 1 }
    }
    #expect(found > 100)
    #expect(!Linter.Check.holdsConflictStart("<<<<<<"))
    #expect(Linter.Check.holdsConflictStart("é<<<<<<<"))
  }

  /// Whether wording reads as English comes out alike on both paths, and the fast path's
  /// sample is the start of the joined wording the reference path reads.
  @Test func englishIsToldAlikeOnBothPaths() {
    var generator = SplitMix(seed: 179)
    let mixes = [
      [
        "the ", "and ", "of ", "ledger ", "reconcile ", "Teams ", "don't ", "'quoted' ", "día ", "日本語 ",
        "Привет ", "— ", "→ ", "é", "ß", "12 ", ", ", ". ", "\u{FFFD}", "x",
      ],
      ["ledger ", "reconcile ", "zeitgeist ", "día ", "Привет ", "日本語 ", "the ", "ß", "— ", ". "],
    ]
    var english = 0
    var other = 0
    for turn in 0..<2_000 {
      let pieces = mixes[turn % 2]
      let title = LintFastPathTests.randomText(of: pieces, upTo: 6, using: &generator)
      let sections = (0..<Int.random(in: 0...4, using: &generator)).map { number in
        LintSection(
          heading: "S\(number)", line: number * 10, firstContentLine: number * 10 + 1,
          rawLines: (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            LintFastPathTests.randomText(of: pieces, upTo: 120, using: &generator)
          })
      }
      let joined = ([title] + sections.map(\.wording)).joined(separator: " ")
      let sample = Linter.Check.englishSample(title: title, sections: sections)
      #expect(
        Array(sample.utf8.prefix(Linter.Check.sampleBytes))
          == Array(joined.utf8.prefix(Linter.Check.sampleBytes)))
      let fast = LintEngine.$current.withValue(.fast) { Linter.Check.readsAsEnglish(joined) }
      let reference = LintEngine.$current.withValue(.reference) { Linter.Check.readsAsEnglish(joined) }
      #expect(fast == reference, "\(joined.debugDescription)")
      if reference { english += 1 } else { other += 1 }
    }
    #expect(english > 100 && other > 100)
  }

  /// Linting on every core gives each proposition the result linting one after another
  /// gives, in the same order.
  @Test func concurrentLintEqualsLintingOneByOne() {
    let propositions = LintFastPathTests.corpusTexts.enumerated().compactMap { index, file in
      try? Proposition(id: "p\(index)", path: "p\(index).md", data: Data(file.text.utf8))
    }
    #expect(propositions.count > 100)
    let linter = Linter(config: WorkspaceConfig())
    let concurrent = linter.lintConcurrently(propositions, asOf: CorpusFile.asOf)
    let oneByOne = propositions.map { linter.lint($0, asOf: CorpusFile.asOf) }
    #expect(concurrent.count == propositions.count)
    #expect(concurrent.map(\.id) == propositions.map(\.id))
    #expect(concurrent.map(LintFastPathTests.describe) == oneByOne.map(LintFastPathTests.describe))
    // The reference path lints one by one, by reference.
    let reference = LintEngine.$current.withValue(.reference) {
      linter.lintConcurrently(propositions, asOf: CorpusFile.asOf)
    }
    let referenceOneByOne = LintEngine.$current.withValue(.reference) {
      propositions.map { linter.lint($0, asOf: CorpusFile.asOf) }
    }
    #expect(reference.map(LintFastPathTests.describe) == referenceOneByOne.map(LintFastPathTests.describe))
  }

  @Test func theKelvinSignAndTheLongSStillMatch() {
    // "ſignificantly" and "\u{212A}ey" fold to ASCII words: the prefilter must not drop them.
    let line = "It is \u{17F}ignificantly so."
    let fast = LintEngine.$current.withValue(.fast) { Linter.Check.vague.matches(in: line).map(\.text) }
    let reference = LintEngine.$current.withValue(.reference) {
      Linter.Check.vague.matches(in: line).map(\.text)
    }
    #expect(fast == reference)
    #expect(fast.contains("\u{17F}ignificantly"))
  }

  /// A pattern of whole words is answered by its prefilter on ASCII text: the same as its
  /// expression on text made of the words, their neighbours and their cases.
  @Test func wholeWordsAreAnsweredAsTheExpressionAnswers() {
    let pattern = Linter.Check.aboutUs
    #expect(pattern.prefilterDecides)
    var generator = SplitMix(seed: 53)
    let pieces = [
      "we", "We", "OUR", "our", "us", "Us", "_", "1", "s", "trust", "ours", "-", "'", " ", "\t", ".", "é",
    ]
    var matched = 0
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 1...7, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let expected = pattern.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      let reference = LintEngine.$current.withValue(.reference) { pattern.matches(text) }
      let fast = LintEngine.$current.withValue(.fast) { pattern.matches(text) }
      #expect(fast == expected, "\(text.debugDescription)")
      #expect(reference == expected, "\(text.debugDescription)")
      if expected { matched += 1 }
    }
    #expect(matched > 1_000 && matched < 4_000, "\(matched) of 5,000 matched")
  }

  /// The technology-first opening skips headlines without any of its words on the fast
  /// path: the same first matches as the reference path on headlines made of its phrases,
  /// articles, bullets, hyphenated stacks, verbs and other words.
  @Test func technologyOpeningsAreFoundAsTheExpressionFindsThem() {
    let pattern = Linter.Check.opening
    #expect(pattern.prefilter != nil)
    let words = LintWords.builtIn
    var generator = SplitMix(seed: 54)
    let phrases = words.strongTechnology + words.technology
    let pieces = [
      "- ", "* ", "  ", "Our ", "the ", "An ", "a ", "This ", "its ", "Their ", "-powered ", "Go-based ",
      "Kafka-powered, ", "and ", "using ", "built on ", "Powered by ", "leveraging ", "based on ",
      "running on ",
      "Finance teams ", "close ", "books ", "faster", ".", ",", "AIs ", "email ", "rapid ", "\t", "x-",
    ]
    var matched = 0
    var skipped = 0
    for round in 0..<4_000 {
      let text = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
        Int.random(in: 0..<3, using: &generator) == 0
          ? phrases.randomElement(using: &generator)! + (round % 2 == 0 ? " " : "")
          : pieces.randomElement(using: &generator)!
      }.joined()
      let cased = round % 3 == 0 ? text.uppercased() : text
      let fast = LintEngine.$current.withValue(.fast) { pattern.firstMatch(in: cased).map(\.text) }
      let reference = LintEngine.$current.withValue(.reference) { pattern.firstMatch(in: cased).map(\.text) }
      #expect(fast == reference, "\(cased.debugDescription)")
      if reference != nil { matched += 1 }
      if LintEngine.$current.withValue(.fast, operation: { pattern.skips(cased) }) { skipped += 1 }
    }
    #expect(matched > 400 && skipped > 200, "\(matched) matched, \(skipped) skipped of 4,000")
  }

  /// Every built-in word list's bytes (`Sources/ValpropCore/Lint/words/`).
  static let builtInWordLists = [
    PackageResources.alternatives_txt, PackageResources.belief_phrases_txt, PackageResources.buzzwords_txt,
    PackageResources.english_words_txt, PackageResources.everyone_words_txt,
    PackageResources.feature_words_txt,
    PackageResources.generic_claims_txt, PackageResources.number_words_txt,
    PackageResources.known_acronyms_txt,
    PackageResources.outcome_verbs_txt, PackageResources.sized_segments_txt,
    PackageResources.superlatives_txt,
    PackageResources.technology_words_txt, PackageResources.time_frames_txt, PackageResources.vague_words_txt,
    PackageResources.wordy_phrases_txt,
  ]

  /// The lists are read line by line at newline bytes: the entries that cutting the text
  /// into lines by `Character` gives, on lists with blank lines, comments, tabs, arrows and
  /// accents, and on every built-in list. A list with CRLF line ends (a checkout that writes
  /// them) gives the same entries as with LF ones, where the Character cut found one line.
  @Test func wordListsAreCutIntoLinesAsCharactersCutThem() {
    func byCharacters(_ text: String) -> [String] {
      text.split(separator: "\n").map { LintWords.trimmed($0) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        .map { LintWords.trimmed(Substring($0.components(separatedBy: " -> ")[0])).lowercased() }
    }
    func parsed(_ text: String) -> [String] { LintWords.parse(text, britishSpelling: false).map(\.words) }
    var generator = SplitMix(seed: 61)
    let pieces = [
      "word", " ", "\t", "\n", "\n\n", "# note", "a -> b", "Café", "e\u{301}", "optimize", "->", "x",
    ]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      #expect(parsed(text) == byCharacters(text), "\(text.debugDescription)")
      let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
      #expect(parsed(crlf) == parsed(text), "\(crlf.debugDescription)")
    }
    for list in Self.builtInWordLists {
      let text = String(decoding: list, as: UTF8.self)
      #expect(!parsed(text).isEmpty)
      #expect(parsed(text) == byCharacters(text))
    }
  }

  /// Reading a list on its bytes gives the entries, replacements and British spellings that
  /// reading it through Strings line by line gave (the reading before session 27, kept
  /// here), on random lists of arrows, capitals, accents, comments, blank lines and CRLF
  /// ends, and on every built-in list.
  @Test func wordListsReadOnBytesGiveTheEntriesStringsGave() {
    func reference(_ text: String, britishSpelling: Bool) -> [LintWords.Entry] {
      var entries: [LintWords.Entry] = []
      for var raw in text.utf8.split(separator: 0x0A) {
        if raw.last == 0x0D { raw = raw.dropLast() }
        let line = LintWords.trimmed(Substring(raw))
        if line.isEmpty || line.hasPrefix("#") { continue }
        let parts = line.utf8.contains(0x3E) ? line.components(separatedBy: " -> ") : [line]
        let entry = LintWords.Entry(
          words: LintWords.trimmed(parts[0][...]).lowercased(),
          replacement: parts.count > 1 ? LintWords.trimmed(parts[1][...]) : nil)
        entries.append(entry)
        if britishSpelling {
          let british = LintWords.britishVariant(entry.words)
          if british != entry.words {
            entries.append(LintWords.Entry(words: british, replacement: entry.replacement))
          }
        }
      }
      return entries
    }
    var generator = SplitMix(seed: 62)
    let pieces = [
      "word", " ", "\t", "\n", "\r\n", "# note", "a -> b", " -> ", "->", ">", "Café", "e\u{301}", "OPTIMIZE",
      "optimize", "analyzer", "#", "\u{A0}", "x", "Upper Case", "Ärger", "Σ", "\u{301}", "\r", "\u{2003}",
      "\u{3000}",
    ]
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      for british in [false, true] {
        #expect(
          LintWords.parse(text, britishSpelling: british) == reference(text, britishSpelling: british),
          "\(text.debugDescription)")
      }
    }
    for list in Self.builtInWordLists {
      let text = String(decoding: list, as: UTF8.self)
      for british in [false, true] {
        #expect(LintWords.parse(text, britishSpelling: british) == reference(text, britishSpelling: british))
      }
    }
  }

  /// British spellings come from one compiled expression, and only for words with "iz" or
  /// "yz": the same as the expression applied to every word, as it was.
  @Test func britishVariantsAreTheExpressionsOnEveryWord() {
    let pattern = #"([a-z])(i|y)z(e|es|ed|ing|ation|ations|er|ers)\b"#
    let words = LintWords.builtIn
    let listed =
      words.buzzwords.map(\.words) + words.vague + words.technology + words.wordy.map(\.words)
      + words.englishWords.sorted()
    let samples = [
      "optimized", "analyze", "analyzes", "organization-wide", "realizing prizes", "iz", "yz", "size",
      "blitz",
      "Optimized", "organizers", "pizza", "frizzed", "é optimized", "",
    ]
    for word in listed + samples {
      let expected = word.replacingOccurrences(of: pattern, with: "$1$2s$3", options: .regularExpression)
      #expect(LintWords.britishVariant(word) == expected, "\(word)")
    }
    #expect(LintWords.britishVariant("optimized") == "optimised")
    // ASCII text is respelt on its bytes: the same on text made of the pieces that matter.
    var generator = SplitMix(seed: 52)
    let pieces = [
      "iz", "yz", "z", "e", "es", "ed", "ing", "ation", "ations", "er", "ers", "a", "r", "I", "Z", "_", "1",
      "-",
      " ", "s", "ize", "yze", "organ", "é",
    ]
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 1...9, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let expected = text.replacingOccurrences(of: pattern, with: "$1$2s$3", options: .regularExpression)
      #expect(LintWords.britishVariant(text) == expected, "\(text)")
      #expect(LintWords.britishVariantByExpression(text) == expected, "\(text)")
    }
  }

  @Test(arguments: ["a", " a", "a ", "\ta\t", "", " ", "a b", "\u{A0}a", "a\u{2003}", "é", "#x", " -> y"])
  func listLinesAreTrimmedAsFoundationTrimsThem(_ line: String) {
    #expect(LintWords.trimmed(line[...]) == line.trimmingCharacters(in: .whitespaces))
  }
}
