import Foundation

extension Linter {
  /// The rules applied to one proposition.
  struct Check {
    let proposition: Proposition
    let linter: Linter
    let asOf: CalendarDate
    let sections: [LintSection]
    let preamble: LintSection
    /// Where a finding about the whole file points: the title heading, else line 1.
    let fileLine: Int
    /// The Evidence section's wording, which backs ceilings, multipliers and superlatives.
    let evidenceText: String
    /// Whether the wording reads as English; when not, the wording rules stand aside.
    let isEnglish: Bool
    /// The wording of each line, by file line, made when `place` first needs it: most
    /// revisions of a history replay what their sections' loops found and never place a
    /// match (`LintSectionReplay`).
    var lineTexts: [Int: String] { lineTextsMade.value }
    private let lineTextsMade: Made<[Int: String]>

    /// A value made the first time it is read.
    final class Made<Value> {
      private let make: () -> Value
      private(set) lazy var value: Value = make()

      init(_ make: @escaping () -> Value) {
        self.make = make
      }
    }

    static let words = LintWords.builtIn

    /// `bodyLines` are the proposition's, when the caller has cut them already.
    init(
      proposition: Proposition, linter: Linter, asOf: CalendarDate, memo: LintSectionMemo? = nil,
      bodyLines: [String]? = nil
    ) {
      self.proposition = proposition
      self.linter = linter
      self.asOf = asOf
      // Prepared here, or taken from the memo of the revisions linted before.
      func prepared(_ heading: String, _ line: Int, _ firstContentLine: Int, _ lines: [String]) -> LintSection
      {
        memo?.section(heading: heading, line: line, firstContentLine: firstContentLine, rawLines: lines)
          ?? LintSection(heading: heading, line: line, firstContentLine: firstContentLine, rawLines: lines)
      }
      // The body is cut into lines once here; each section's are a run of them, up to the
      // next section's heading (`Section.lines`, which cuts its own text, says the same).
      let bodyLines = bodyLines ?? proposition.bodyLines
      let headings = proposition.sections.map { $0.line - proposition.bodyFirstLine }
      let sections = proposition.sections.indices.map { index in
        let section = proposition.sections[index]
        let end = index + 1 < headings.count ? headings[index + 1] : bodyLines.count
        let lines = Array(bodyLines[min(headings[index] + 1, end)..<end])
        assert(lines == section.lines, "a section's lines are a run of the body's")
        return prepared(section.heading, section.line, section.line + 1, lines)
      }
      self.sections = sections
      let preambleCount = headings.first ?? bodyLines.count
      preamble = prepared(
        "", proposition.bodyFirstLine, proposition.bodyFirstLine,
        Array(bodyLines.prefix(max(0, preambleCount))))
      fileLine = proposition.heading?.line ?? proposition.frontMatter.line(of: "title") ?? 1
      evidenceText =
        sections.first { $0.heading.equalsIgnoringCase("Evidence") }?.wording ?? ""
      let preamble = preamble
      lineTextsMade = Made {
        Dictionary(
          (sections.flatMap(\.lines) + preamble.lines).map { ($0.number, $0.text) },
          uniquingKeysWith: { a, _ in a })
      }
      isEnglish = Check.readsAsEnglish(
        LintEngine.isFast
          ? Check.englishSample(title: proposition.title, sections: sections)
          : ([proposition.title] + sections.map(\.wording)).joined(separator: " "))
    }

    /// Runs `body`, a rule's loop over one section whose additions depend only on the
    /// section and `context`, or adds again what it added for the same section and context
    /// in an earlier revision (`LintSectionReplay`); with no replay, it runs `body`.
    func replaying(
      _ loop: LintSectionReplay.Loop, _ section: LintSection, context: String = "", _ out: inout Collector,
      _ body: (inout Collector) -> Void
    ) {
      guard let replay = section.replay, out.recording == nil else {
        body(&out)
        return
      }
      // Kept with lines counted from the section's heading line, so they move with it.
      if let additions = replay.additions(loop, context: context) {
        for addition in additions.lazy.map({ $0.moved(by: section.line) }) {
          out.add(
            addition.rule, line: addition.line, column: addition.column, cap: addition.cap,
            message: addition.message, suggestion: addition.suggestion, severity: addition.severity)
        }
        return
      }
      out.recording = []
      body(&out)
      let made = out.recording ?? []
      out.recording = nil
      replay.keep(made.map { $0.moved(by: -section.line) }, loop, context: context)
    }

    func section(_ heading: String) -> LintSection? {
      sections.first { $0.heading.equalsIgnoringCase(heading) }
    }

    var framework: Framework { proposition.framework }

    func run(_ out: inout Collector) {
      conflictMarkers(&out)
      structure(&out)
      if !isEnglish {
        notEnglish(&out)
        return
      }
      jobStatement(&out)
      measurable(&out)
      outcomes(&out)
      differentiated(&out)
      language(&out)
      validated(&out)
      concise(&out)
      audience(&out)
      technologyFirst(&out)
    }

    /// A quote of wording for a message: trimmed, cut at 60 characters.
    static func quote(_ text: String) -> String {
      if let memo = LintMatchMemo.current { return memo.text(.quote, of: text) { quoted(text) } }
      return quoted(text)
    }

    /// `quote`, made now.
    private static func quoted(_ text: String) -> String {
      if LintEngine.isFast, let quoted = plainQuote(text) { return quoted }
      var trimmed = text.lintTrimmed
      if let marker = LintMeasure.listMarker.firstMatch(in: trimmed) {
        trimmed = String(trimmed.dropFirst(marker.length)).lintTrimmed
      }
      trimmed = trimmed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      return trimmed.count > 60 ? String(trimmed.prefix(57)) + "…" : trimmed
    }

    /// `quote` on the bytes of ASCII text, where every byte is a `Character`; nil for
    /// other text.
    static func plainQuote(_ text: String) -> String? {
      var text = text
      return text.withUTF8 { bytes -> String? in
        guard LintPrefilter.isASCII(bytes) else { return nil }
        // White space as `Character.isWhitespace` and `\s` read it in ASCII.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        // A list marker, as `LintMeasure.listMarker` matches it: `^\s*(?:[-*+]\s+|\d+[.)]\s+|\|)`.
        var index = start
        while index < end, isSpace(bytes[index]) { index += 1 }
        var marker: Int?
        if index < end, bytes[index] == 0x2D || bytes[index] == 0x2A || bytes[index] == 0x2B,
          index + 1 < end, isSpace(bytes[index + 1])
        {
          var after = index + 1
          while after < end, isSpace(bytes[after]) { after += 1 }
          marker = after
        } else if index < end, LintPrefilter.isDigit(bytes[index]) {
          var after = index
          while after < end, LintPrefilter.isDigit(bytes[after]) { after += 1 }
          if after + 1 < end, bytes[after] == 0x2E || bytes[after] == 0x29, isSpace(bytes[after + 1]) {
            after += 1
            while after < end, isSpace(bytes[after]) { after += 1 }
            marker = after
          }
        } else if index < end, bytes[index] == 0x7C {
          marker = index + 1
        }
        if let marker {
          start = marker
          while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        }
        // The words, joined by one space.
        var joined: [UInt8] = []
        joined.reserveCapacity(end - start)
        var position = start
        while position < end {
          while position < end, isSpace(bytes[position]) { position += 1 }
          guard position < end else { break }
          if !joined.isEmpty { joined.append(0x20) }
          while position < end, !isSpace(bytes[position]) {
            joined.append(bytes[position])
            position += 1
          }
        }
        if joined.count > 60 { return String(decoding: joined[..<57], as: UTF8.self) + "…" }
        return String(decoding: joined, as: UTF8.self)
      }
    }

    // MARK: Language of the text

    /// Whether text reads as English: most of its letters are Latin, and common English
    /// words make up a share of its words.
    static func readsAsEnglish(_ text: String) -> Bool {
      if LintEngine.isFast {
        var text = text
        return text.withUTF8 { readsAsEnglish(bytes: UnsafeBufferPointer(rebasing: $0.prefix(sampleBytes))) }
      }
      let sample = Array(text.utf8.prefix(sampleBytes))
      let (letters, latin, wordBytes, ends) = sample.withUnsafeBufferPointer(letterCounts)
      guard letters >= 40 else { return true }
      if Double(latin) / Double(letters) < 0.7 { return false }
      guard ends.count >= 15 else { return true }
      let words = zip([0] + ends, ends).map { String(decoding: wordBytes[$0..<$1], as: UTF8.self) }
      let common = words.filter { Check.words.englishWords.contains($0) }.count
      return Double(common) / Double(words.count) >= 0.1
    }

    /// How many bytes of the wording `readsAsEnglish` reads.
    static let sampleBytes = 1500

    /// The start of the title and the sections' wording joined by spaces, as
    /// `readsAsEnglish` reads it: the joined text's first `sampleBytes` bytes at least,
    /// without joining the rest.
    static func englishSample(title: String, sections: [LintSection]) -> String {
      var sample = title
      for section in sections {
        if sample.utf8.count >= sampleBytes { break }
        sample += " "
        for (index, line) in section.lines.enumerated() {
          if index > 0 { sample += " " }
          sample += line.text
          if sample.utf8.count >= sampleBytes { break }
        }
      }
      return sample
    }

    /// The letters of a sample, the Latin ones among them, and its words: their bytes (ASCII
    /// letters lower-cased) one after another, and where each ends. A sample is enough to
    /// tell a language; bytes are enough to count letters. A letter up to U+024F (Latin
    /// Extended-B) starts with a byte up to 0xC9 in UTF-8.
    static func letterCounts(_ sample: UnsafeBufferPointer<UInt8>) -> (
      letters: Int, latin: Int, wordBytes: [UInt8], ends: [Int]
    ) {
      var letters = 0
      var latin = 0
      var wordBytes: [UInt8] = []
      wordBytes.reserveCapacity(sample.count)
      var ends: [Int] = []
      var open = false
      func endWord() {
        if open { ends.append(wordBytes.count) }
        open = false
      }
      var skip = 0
      for byte in sample {
        if skip > 0 {
          skip -= 1
          continue
        }
        switch byte {
        case 0x41...0x5A, 0x61...0x7A:
          letters += 1
          latin += 1
          wordBytes.append(byte | 0x20)
          open = true
        case 0x27, 0x80...0xBF:
          wordBytes.append(byte)
          open = true
        case 0xE2, 0xEF:
          // Punctuation, arrows and symbols (U+2000-U+2FFF, U+F000-U+FFFF): no letters.
          endWord()
          skip = 2
        case 0xC0...0xFF:
          letters += 1
          if byte <= 0xC9 { latin += 1 }
          wordBytes.append(byte)
          open = true
        default:
          endWord()
        }
      }
      endWord()
      return (letters, latin, wordBytes, ends)
    }

    /// `readsAsEnglish` on the sample's bytes where they lie, common words looked up only
    /// until they are a tenth of the words.
    static func readsAsEnglish(bytes sample: UnsafeBufferPointer<UInt8>) -> Bool {
      let (letters, latin, wordBytes, ends) = letterCounts(sample)
      guard letters >= 40 else { return true }
      if Double(latin) / Double(letters) < 0.7 { return false }
      guard ends.count >= 15 else { return true }
      var common = 0
      var start = 0
      for end in ends {
        let word = String(decoding: wordBytes[start..<end], as: UTF8.self)
        start = end
        guard Check.words.englishWords.contains(word) else { continue }
        common += 1
        // The share only grows with each word found: once enough, the rest cannot change it.
        if Double(common) / Double(ends.count) >= 0.1 { return true }
      }
      return false
    }

    func notEnglish(_ out: inout Collector) {
      out.add(
        .notEnglish, line: fileLine,
        message:
          "the wording does not read as English, so the wording checks could not apply (measurable, outcomes, differentiated, language, validated, audience, technology-first); only structure and length were checked"
      )
      concise(&out)
    }

    // MARK: Structure

    /// Sections whose absence or emptiness other concerns report more precisely.
    static let specialSections: Set<String> = [
      "evidence", "differentiation", "competing solutions", "existing alternatives", "target audience",
      "customer segments",
    ]

    static let placeholder = LintPattern(
      #"(?:(?<=\s)|^)(?:…|\.\.\.)(?=[\s,.;:!?]|$)|\b(?:TODO|TBD|FIXME|lorem ipsum)\b"#,
      fragments: ["...", "todo", "tbd", "fixme", "lorem"])

    func structure(_ out: inout Collector) {
      for expected in framework.expectedSections {
        let special = Check.specialSections.contains(expected.lowercased())
        guard let found = section(expected) else {
          if !special {
            out.add(
              .missingSection, line: fileLine,
              message: "the \(framework.displayName) expects a '## \(expected)' section; add it")
          }
          continue
        }
        if found.isEmpty && !special {
          out.add(
            .emptySection, line: found.line,
            message: "'## \(found.heading)' has no wording yet; fill it in, or remove the section")
        }
      }
      if framework == .beforeAfter, let grid = section("Before and after") {
        beforeAfterGrid(grid, &out)
      }
      for section in sections + [preamble] {
        replaying(.structure, section, &out) { out in
          for line in section.lines {
            for match in Check.placeholder.matches(in: line.text) {
              out.add(
                .placeholder, line: line.number, column: match.column,
                message: "placeholder '\(match.text)' is still in the wording; fill it in with the real text")
            }
          }
          if Check.isWritten(section) {
            for comment in section.comments where comment.body.hasPrefix("valprop-hint:") {
              out.add(
                .leftoverHint, line: comment.line, column: comment.column,
                message: "the template hint is still here though the section is written; delete it",
                suggestion: comment.standsAlone
                  ? LintSuggestion(
                    line: comment.line, column: 1, endLine: comment.endLine + 1, endColumn: 1, replacement: ""
                  )
                  : nil)
            }
          }
        }
      }
    }

    /// Whether a section has been written: it holds wording, no placeholder is left, and
    /// no table row still has an empty cell. Until then its hint stays useful.
    static func isWritten(_ section: LintSection) -> Bool {
      if section.isEmpty { return false }
      // A skeleton ("When …, I want to …") is unwritten; one placeholder among written
      // lines is a placeholder finding of its own.
      if section.wordingLines.allSatisfy({ placeholder.matches($0.text) }) { return false }
      for line in section.items where LintSection.isTableRow(line.text) {
        let cells = line.text.lintTrimmed.split(separator: "|", omittingEmptySubsequences: false)
          .map { $0.lintTrimmed }.dropFirst().dropLast()
        if cells.count > 1, cells.dropFirst().contains(where: \.isEmpty) { return false }
      }
      return true
    }

    static let situation = LintPattern(
      #"^\W*(?:when|whenever|while|as\s+soon\s+as|as|if|after|before|once|each\s+time|every\s+time|during)\b"#
    )
    static let motivation = LintPattern(
      #"\b(?:i|we)\s*(?:'d\s+like|would\s+like|want|need|have\s+to|must|wish|am\s+trying\s+to|'m\s+trying\s+to|hope\s+to|expect)\b"#
    )
    static let expectedOutcome = LintPattern(
      #"\bso\s+(?:that\s+)?(?:i|we|my|our|i'm|we're|i'll|we'll)\b|\bin\s+order\s+to\b|\bto\s+be\s+able\s+to\b|\bso\s+(?:that\s+)?(?:the|they|it)\b"#
    )

    /// A job statement has a situation, a motivation and an outcome, in any common wording
    /// ("I need to …, so that I'm able to …" as well as "I want to …, so I can …").
    func jobStatement(_ out: inout Collector) {
      guard framework == .jtbd, let statement = section("Job statement"), !statement.isEmpty else { return }
      let wording = statement.wording.lintTrimmed
      guard !Check.placeholder.matches(wording) else { return }
      var missing: [String] = []
      if !Check.situation.matches(wording) { missing.append("the situation ('When …')") }
      if !Check.motivation.matches(wording) { missing.append("the motivation ('I want to …')") }
      if !Check.expectedOutcome.matches(wording) { missing.append("the expected outcome ('so I can …')") }
      guard !missing.isEmpty else { return }
      let first = statement.wordingLines.first
      out.add(
        .jobStatementForm, line: first?.number ?? statement.line,
        column: first.map { firstWordColumn($0.text) } ?? 1,
        message:
          "the job statement '\(Check.quote(wording))' lacks \(missing.joined(separator: " and ")); write 'When <situation>, I want to <motivation>, so I can <outcome>.'"
      )
    }

    func beforeAfterGrid(_ grid: LintSection, _ out: inout Collector) {
      var rows: [String: (line: Int, cells: [String])] = [:]
      for line in grid.lines where line.text.lintTrimmed.hasPrefix("|") {
        var cells = line.text.lintTrimmed.split(
          separator: "|", omittingEmptySubsequences: false
        )
        .map { $0.lintTrimmed }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        guard let label = cells.first, !label.isEmpty, !label.allSatisfy({ $0 == "-" || $0 == ":" }) else {
          continue
        }
        rows[label.lowercased()] = (line.number, Array(cells.dropFirst()))
      }
      for label in ["Status", "Feelings", "Daily activities", "Measurable outcomes"] {
        guard let row = rows[label.lowercased()] else {
          out.add(
            .missingSection, line: grid.line,
            message: "the Before and After grid has no '\(label)' row; add '| \(label) | … | … |'")
          continue
        }
        if row.cells.count < 2 || row.cells.prefix(2).contains(where: \.isEmpty) {
          out.add(
            .emptySection, line: row.line,
            message: "the '\(label)' row needs both a Before and an After; fill in both cells")
        } else if label == "Measurable outcomes", !isEnglish {
          continue
        } else if label == "Measurable outcomes",
          !row.cells.prefix(2).allSatisfy({ LintMeasure.isMeasured($0, evidence: evidenceText) })
        {
          out.add(
            .noMeasurableBenefit, line: row.line,
            message:
              "the Measurable outcomes row ('\(Check.quote(row.cells.prefix(2).joined(separator: " → ")))') needs a measure on both sides: 'close takes 8 days' → 'close takes 2 days'"
          )
        }
      }
    }

    // MARK: Measurable

    /// The sections that state benefits, for this framework.
    var benefitSections: [LintSection] {
      switch framework {
      case .core: return [section("Key benefits")].compactMap { $0 }
      case .canvas: return ["Gains", "Gain creators", "Pain relievers"].compactMap(section)
      case .lean: return [section("Unique value proposition")].compactMap { $0 }
      case .jtbd, .beforeAfter: return []
      }
    }

    /// Sections that describe the alternatives rather than ourselves.
    static let rivalSections: Set<String> = ["competing solutions", "existing alternatives"]

    /// The sections whose wording is judged (all but the evidence).
    var claimSections: [LintSection] {
      sections.filter { $0.heading.lowercased() != "evidence" }
    }

    static let vague = LintPattern(phrases: words.vague)

    func measurable(_ out: inout Collector) {
      // The benefits are judged against the evidence, and a canvas's other way.
      let benefitContext = framework.rawValue + "\n" + evidenceText
      for section in benefitSections where !section.isEmpty {
        replaying(.benefits, section, context: benefitContext, &out) { out in
          let items = section.items
          let measured = items.filter { LintMeasure.isMeasured($0.text, evidence: evidenceText) }
          // A canvas's gains are the customer's outcomes and are measured; its pain relievers
          // and gain creators say how the product helps, often in words.
          if framework == .canvas && section.heading.lowercased() != "gains" { return }
          if measured.isEmpty {
            out.add(
              .noMeasurableBenefit, line: items.first?.number ?? section.line,
              column: items.first.map { firstWordColumn($0.text) } ?? 1,
              message:
                "no benefit in '## \(section.heading)' has a number with a unit, a comparison or a time frame (first: '\(Check.quote(items.first?.text ?? ""))'); quantify at least one"
            )
          } else {
            for item in items where !measured.contains(where: { $0.number == item.number }) {
              out.add(
                .unmeasuredBenefit, line: item.number, column: firstWordColumn(item.text),
                message:
                  "'\(Check.quote(item.text))' has no number with a unit, no comparison and no time frame; say how much or how fast"
              )
            }
          }
        }
      }
      for section in claimSections {
        replaying(.claims, section, context: evidenceText, &out) { out in
          for line in section.lines {
            for match in LintMeasure.unbacked(in: line.text, evidence: evidenceText) {
              out.add(
                .unbackedFigure, line: line.number, column: match.column,
                message:
                  "'\(match.text.lintTrimmed)' is a ceiling or a bare multiplier that the evidence does not back; state the typical result with its baseline"
              )
            }
          }
          let aboutRivals = Check.rivalSections.contains(section.heading.lowercased())
          for sentence in section.sentences {
            let vagueWords: [(column: Int, length: Int, text: String)]
            if LintEngine.isFast {
              // The vague words first: most sentences hold none, and then whether they
              // quantify a comparison does not matter.
              vagueWords = Check.vague.matches(in: sentence.text)
              if vagueWords.isEmpty
                || LintMeasure.quantifiesComparison(sentence.text, evidence: evidenceText)
              {
                continue
              }
            } else {
              if LintMeasure.quantifiesComparison(sentence.text, evidence: evidenceText) { continue }
              vagueWords = Check.vague.matches(in: sentence.text)
            }
            for match in vagueWords {
              if aboutRivals { continue }
              if section.heading.lowercased() == "differentiation",
                Check.isAboutRival(sentence.text, at: match.column)
              {
                continue
              }
              let (line, column) = place(sentence, match.column)
              out.add(
                .vagueComparative, line: line, column: column,
                message:
                  "'\(match.text)' says nothing checkable; replace it with the measured difference ('from 8 days to 2')"
              )
            }
          }
        }
      }
    }

    /// The file position of a column in a sentence that may run over several lines.
    func place(_ sentence: LintSection.Sentence, _ column: Int) -> (line: Int, column: Int) {
      let offset = sentence.text.distance(
        from: sentence.text.startIndex,
        to: sentence.text.firstIndex { $0.isLetter || $0.isNumber } ?? sentence.text.startIndex)
      let target = column - 1 - offset
      guard let line = lineTexts[sentence.line] else { return (sentence.line, sentence.column + target) }
      let remaining = line.count - (sentence.column - 1)
      if target < remaining { return (sentence.line, sentence.column + target) }
      // Past the end of the first line: walk the following lines (joined by one space).
      var left = target - remaining - 1
      var number = sentence.line + 1
      while let next = lineTexts[number] {
        if left < next.count { return (number, left + 1) }
        left -= next.count + 1
        number += 1
      }
      return (sentence.line, sentence.column)
    }

    func firstWordColumn(_ text: String) -> Int {
      var start = 0
      if let marker = LintMeasure.listMarker.firstMatch(in: text) { start = marker.length }
      let rest = text.dropFirst(start)
      return start
        + (rest.firstIndex { $0.isLetter || $0.isNumber }.map { rest.distance(from: rest.startIndex, to: $0) }
          ?? 0) + 1
    }

    /// Whether the words at a column of a sentence describe a rival ("Unlike Xero, whose tool
    /// is robust but …") rather than ourselves: the clause, or a clause before it in the
    /// sentence, turns to the rival, and no clause since turned back to us.
    static func isAboutRival(_ sentence: String, at column: Int) -> Bool {
      let before = String(sentence.prefix(column - 1)).lowercased()
      let clauses = before.components(separatedBy: CharacterSet(charactersIn: ",;:—–()"))
      var rival = false
      for (index, clause) in clauses.enumerated() {
        // "While Acme is fast, we …": a sentence that opens with the rival's side.
        if index == 0, rivalOpening.matches(clause) {
          rival = true
          continue
        }
        if rivalTurn.matches(clause) { rival = true }
        if ourTurn.matches(clause) { rival = false }
      }
      if rivalClause.matches(clauses.last ?? "") { rival = true }
      return rival
    }

    static let rivalTurn = LintPattern(
      #"\b(?:unlike|whereas|compared\s+(?:with|to)|rivals?|competitors?|incumbents?|whose)\b"#)
    static let aboutUs = LintPattern(wholeWords: ["we", "our", "us"])
    static let rivalOpening = LintPattern(#"^\s*(?:while|although|though|whereas)\b"#)
    static let ourTurn = LintPattern(
      #"\b(?:we|our|us|ours)\b|^\s*(?:but|while)\b"#, words: ["we", "our", "us", "ours", "but", "while"])
    static let rivalClause = LintPattern(#"\bwhose\b"#)

    // MARK: Outcomes

    static let feature = LintPattern(phrases: words.features)
    static let bits = LintPattern(#"\b\d+-bit\b"#)
    static let outcome = LintPattern(phrases: words.outcomeVerbs)

    /// What the customer gets, line by line: the benefit sections, a job's functional job
    /// and the After column of the Before and After grid.
    var outcomeLines: [(line: LintSection.Line, featuresCount: Bool)] {
      var lines = benefitSections.flatMap(\.items).map { ($0, true) }
      // The job and the After column describe the customer; only the product talking about
      // itself there ("The app has a dashboard …") is a feature list.
      if framework == .jtbd, let job = section("Functional job") {
        lines += job.wordingLines.map { ($0, false) }
      }
      if framework == .beforeAfter, let grid = section("Before and after") {
        for line in grid.items where LintSection.isTableRow(line.text) {
          // Blank every cell but the last (the After column), keeping columns true.
          let text = line.text
          guard let last = text.trimmingCharacters(in: .whitespaces).dropLast().lastIndex(of: "|") else {
            continue
          }
          let trimmedStart = text.prefix { $0 == " " }.count
          let offset =
            trimmedStart
            + text.trimmingCharacters(in: .whitespaces).distance(
              from: text.trimmingCharacters(in: .whitespaces).startIndex, to: last)
          lines.append(
            (
              LintSection.Line(
                number: line.number, text: String(repeating: " ", count: offset) + text.dropFirst(offset)),
              false
            ))
        }
      }
      return lines
    }

    /// A sentence whose subject is the product doing things ("The portal provides 25
    /// templates", "The app has a dashboard") describes the product, not the customer.
    static let productDoes = LintPattern(
      #"^[\s|*+-]*(?:the|our|this|its)\s+(?:[\w-]+\s+)?(?:app|portal|platform|tool|software|system|product|service|solution|dashboard|engine|api)\s+(?:provides|offers|has|includes|comes\s+with|sends|gives|supports|features|contains|ships\s+with)\b"#
    )

    func outcomes(_ out: inout Collector) {
      for (item, featuresCount) in outcomeLines {
        if let match = Check.productDoes.firstMatch(in: item.text) {
          let start = match.text.firstIndex { $0.isLetter } ?? match.text.startIndex
          out.add(
            .featureAsBenefit, line: item.number,
            column: match.column + match.text.distance(from: match.text.startIndex, to: start),
            message:
              "'\(match.text[start...])' lists what the product does, not what changes for the customer; say what they save, avoid or gain"
          )
          continue
        }
        if featuresCount {
          // An outcome verb, or a change it measures ("p99 drops from 800 ms to 120 ms",
          // "40% fewer tickets"), makes a benefit of a feature; a count of features does not.
          if Check.outcome.matches(item.text) || LintMeasure.percentage.matches(item.text)
            || LintMeasure.comparison.matches(item.text)
          {
            continue
          }
          for match in Check.feature.matches(in: item.text) + Check.bits.matches(in: item.text) {
            out.add(
              .featureAsBenefit, line: item.number, column: match.column,
              message:
                "'\(match.text)' is a feature, not a benefit; say what it does for the customer (what they save, avoid or gain)"
            )
          }
        }
      }
    }

    // MARK: Differentiated

    static let dismissive = LintPattern(
      #"^\s*(?:[-*+]\s+)?(?:none|n/a|nothing|nobody|no one|no competitors?|no alternatives?|there\s+(?:is|are)\s+no)\b"#
    )
    /// A claim that there is no alternative, anywhere in the section ("We have no real
    /// competitors", "nothing else like it").
    static let noCompetition = LintPattern(
      #"\b(?:no|zero)\s+(?:real\s+|direct\s+|serious\s+|true\s+|other\s+)?(?:competitors?|competition|alternatives?|rivals?)\b|\bno\s+one\s+else\b|\bnobody\s+else\b"#
    )
    static let alternative = LintPattern(phrases: words.alternatives)
    static let generic = LintPattern(phrases: words.genericClaims)
    static let superlative = LintPattern(
      #"(?<![\w-])(?:"#
        + words.superlatives.sorted { $0.count > $1.count }.map {
          NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: " ", with: #"\s+"#)
        }.joined(separator: "|") + #")(?![\w-])|(?<![\w&])#1\b"#,
      prefilter: LintPrefilter.phrases(words.superlatives, fragments: ["#1"]))
    static let proof = LintPattern(
      #"\((?:[^)]*\d[^)]*)\)|\b(?:according\s+to|source:|ranked\s+by|rated\s+by|per\s+(?:the\s+)?[A-Z]|g2|gartner|forrester|capterra|survey|benchmark|audit)\b"#
    )

    func differentiated(_ out: inout Collector) {
      let heading: String?
      switch framework {
      case .core: heading = "Differentiation"
      case .jtbd: heading = "Competing solutions"
      case .lean: heading = "Existing alternatives"
      case .canvas, .beforeAfter: heading = nil
      }
      if let heading {
        if let found = section(heading) {
          if found.isEmpty {
            out.add(
              .missingDifferentiation, line: found.line,
              message: "'## \(found.heading)' is empty; fill it in: say why this beats the named alternatives"
            )
          } else if let first = found.wordingLines.first(where: {
            Check.dismissive.matches($0.text) || Check.noCompetition.matches($0.text)
          }) {
            out.add(
              .missingDifferentiation, line: first.number, column: firstWordColumn(first.text),
              message:
                "'\(Check.quote(first.text))' names no alternative; every customer has one"
                + " (a spreadsheet, an agency, a rival, doing nothing): say why this beats it")
          } else if heading == "Differentiation", !namesAlternative(found) {
            let first = found.wordingLines.first
            out.add(
              .noAlternative, line: first?.number ?? found.line,
              column: first.map { firstWordColumn($0.text) } ?? 1,
              message:
                "'\(Check.quote(found.wording))' names no alternative (no rival, no manual way, not doing nothing); say what the customer would use instead and why this beats it"
            )
          }
        } else {
          out.add(
            .missingDifferentiation, line: fileLine,
            message: "there is no '## \(heading)' section; add one that says why this beats the alternatives")
        }
      }
      // A canvas has no differentiation section: its pain relievers and gain creators are
      // where it claims what the product does better.
      let claimHeadings: Set<String> = [
        "differentiation", "unique value proposition", "competing solutions", "existing alternatives",
        "pain relievers", "gain creators",
      ]
      for section in claimSections + [preamble] {
        replaying(.genericClaims, section, context: evidenceText, &out) { out in
          let claims = claimHeadings.contains(section.heading.lowercased())
          let aboutRivals = Check.rivalSections.contains(section.heading.lowercased())
          // Outside the differentiation sections, only what we say about ourselves is a claim
          // ("Why us: we are affordable, quick and simple").
          for sentence in section.sentences where claims || Check.aboutUs.matches(sentence.text) {
            for match in Check.generic.matches(in: sentence.text) {
              if Check.isAboutRival(sentence.text, at: match.column) { continue }
              if aboutRivals && !Check.ourTurn.matches(sentence.text) { continue }
              if Check.words.measurableClaims.contains(match.text.lowercased()),
                LintMeasure.isMeasured(sentence.text, evidence: evidenceText)
              {
                continue
              }
              let (line, column) = place(sentence, match.column)
              out.add(
                .genericClaim, line: line, column: column,
                message:
                  "'\(match.text)' is what any competitor could claim; name what only you do, against a named alternative"
              )
            }
          }
        }
      }
      for section in claimSections + [preamble] {
        replaying(.superlatives, section, context: evidenceText, &out) { out in
          let sentences = section.sentences
          for (index, sentence) in sentences.enumerated() {
            // The proof may follow in the next sentence ("… the fastest. In the May 2026
            // comparison of 6 tools …").
            let following = index + 1 < sentences.count ? " " + sentences[index + 1].text : ""
            for match in Check.superlative.matches(in: sentence.text)
            where !hasProof(match.text, in: sentence.text + following) {
              if Check.isAboutRival(sentence.text, at: match.column) { continue }
              let (line, column) = place(sentence, match.column)
              out.add(
                .unsupportedSuperlative, line: line, column: column,
                message:
                  "'\(match.text)' needs its own proof; give its source or measurement, in its sentence or under '## Evidence', or drop it"
              )
            }
          }
        }
      }
      if !proposition.title.isEmpty {
        for match in Check.superlative.matches(in: proposition.title)
        where !hasProof(match.text, in: proposition.title) {
          out.add(
            .unsupportedSuperlative, line: fileLine,
            message: "the headline's '\(match.text)' needs its own proof under '## Evidence', or drop it")
        }
      }
    }

    /// Whether a differentiation names what the customer would use instead: an alternative
    /// word ("spreadsheet", "unlike", "than"), or a proper name (a rival product or company)
    /// that is not the proposition's own.
    func namesAlternative(_ section: LintSection) -> Bool {
      if Check.alternative.matches(section.wording) { return true }
      let own = Set(proposition.title.lowercased().split { !$0.isLetter }.map(String.init))
      for sentence in section.sentences {
        let tokens = sentence.text.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, token) in tokens.enumerated() where index > 0 {
          let word = token.trimmingCharacters(in: .punctuationCharacters)
          guard let first = word.first, first.isUppercase, word.count > 1, word != "I" else { continue }
          if own.contains(word.lowercased()) { continue }
          if Check.calendarWords.contains(word.lowercased()) { continue }
          return true
        }
      }
      return false
    }

    static let calendarWords: Set<String> = [
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
      "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// Whether a superlative has its own proof: a source or measurement in its sentence, or
    /// an evidence line that names it.
    func hasProof(_ superlative: String, in sentence: String) -> Bool {
      if Check.proof.matches(sentence) { return true }
      // A dated measurement ("in the May 2026 comparison, 47 minutes against 3.5 hours").
      if !Check.dates(in: sentence).isEmpty && LintMeasure.quantifiesComparison(sentence) { return true }
      let key = superlative.lowercased().split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
      let evidence = evidenceText.lowercased()
      guard !key.isEmpty, !evidence.isEmpty else { return false }
      return LintPattern(#"(?<![\w-])"# + NSRegularExpression.escapedPattern(for: key) + #"(?![\w-])"#)
        .matches(evidence)
    }

    // MARK: Language

    static let buzz = LintPattern(phrases: words.buzzwords.map(\.words))
    static let buzzReplacements = Dictionary(
      words.buzzwords.map { ($0.words, $0.replacement) }, uniquingKeysWith: { first, _ in first })
    static let wordy = LintPattern(phrases: words.wordy.map(\.words))
    static let wordyReplacements = Dictionary(
      words.wordy.map { ($0.words, $0.replacement ?? "") }, uniquingKeysWith: { first, _ in first })

    /// Acronyms: two or more capitals (digits and '&' may follow), or a capital and a digit.
    static let acronym = try! NSRegularExpression(
      pattern: #"(?<![\w&-])(?:[A-Z]{2,}[A-Z0-9&]*|[A-Z][0-9]+)(?:s|'s)?(?![\w&-])"#)
    /// An acronym spelt out: "(SLA)" after its words, or "SLA (service …)" before them.
    static let definedAcronym = try! NSRegularExpression(
      pattern: #"\(([A-Z][A-Za-z0-9&]{1,7})\)|\b([A-Z][A-Z0-9&]{1,7})\s+\((?:[a-z]|[A-Z][a-z])"#)
    /// Internal names: "Project Nightjar", "the Orca squad".
    static let internalName = try! NSRegularExpression(
      pattern:
        #"\b(?:[Pp]roject|[Oo]peration|[Ii]nitiative|[Ww]orkstream)\s+[A-Z][a-z]+\b|\b[A-Z][a-z]+\s+(?:squad|tribe|pod|guild|chapter|workstream)\b"#
    )

    /// Every internal name holds one of these words.
    static let internalNameWords = LintPrefilter(fragments: [
      "project", "operation", "initiative", "workstream", "squad", "tribe", "pod", "guild", "chapter",
    ])

    static func regexMatches(_ regex: NSRegularExpression, in text: String) -> [(
      column: Int, length: Int, text: String, groups: [String]
    )] {
      if let memo = LintMatchMemo.current {
        return memo.groupMatches(regex, in: text) { findRegexMatches(regex, in: text) }
      }
      return findRegexMatches(regex, in: text)
    }

    /// `regexMatches`, found now.
    static func findRegexMatches(_ regex: NSRegularExpression, in text: String) -> [(
      column: Int, length: Int, text: String, groups: [String]
    )] {
      regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
        guard let range = Range(match.range, in: text) else { return nil }
        let groups = (1..<max(1, match.numberOfRanges)).compactMap { index -> String? in
          Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        return (
          text.distance(from: text.startIndex, to: range.lowerBound) + 1, text[range].count,
          String(text[range]),
          groups
        )
      }
    }

    /// The acronyms of a line, as `acronym` finds them.
    static func acronymMatches(in text: String) -> [(column: Int, length: Int, text: String)] {
      // On the bytes where `AcronymBytes` reads the line: `acronym` is then never compiled
      // for an ASCII file. A column is a byte's place there.
      if LintEngine.isFast, let bytes = LintSection.plainBytes(text),
        let spans = AcronymBytes.spans(in: bytes)
      {
        return spans.map { ($0.lowerBound + 1, $0.count, String(decoding: bytes[$0], as: UTF8.self)) }
      }
      return regexMatches(acronym, in: text).map { ($0.column, $0.length, $0.text) }
    }

    /// Whether a line has two capitals in a row, or a capital and a digit: a quick test
    /// before the acronym pattern.
    static func mayHoldAcronym(_ text: String) -> Bool {
      // On the String's own bytes: iterating its `utf8` view cost 11 instructions a byte.
      var text = text
      return text.withUTF8 { bytes in
        var previousCapital = false
        for byte in bytes {
          let capital = byte >= 0x41 && byte <= 0x5A
          if previousCapital && (capital || (byte >= 0x30 && byte <= 0x39)) { return true }
          previousCapital = capital
        }
        return false
      }
    }

    /// How many different unexplained acronyms make a proposition read as internal shorthand.
    static let acronymSoup = 3

    /// Acronyms and internal names customers would not know.
    func unexplainedTerms(_ scope: [LintSection], _ out: inout Collector) {
      // The acronyms spelt out anywhere, read only when an acronym needs them: matching the
      // whole wording again for each revision of a history was a tenth of linting it.
      lazy var defined: Set<String> = {
        // A history's revisions read each section's part once (see `LintSectionReplay`).
        if LintEngine.isFast, preamble.replay != nil,
          let byParts = Check.speltOutAcronyms(title: proposition.title, sections + [preamble])
        {
          return byParts
        }
        let everything = ([proposition.title] + sections.map(\.wording) + [preamble.wording]).joined(
          separator: " ")
        return Check.speltOutAcronyms(in: everything)
      }()
      // One domain acronym ("SOC 2", "HIPAA") is the customer's own word; several left
      // unexplained read as the team's shorthand.
      var found: [(line: Int, column: Int, text: String, word: String)] = []
      for section in scope {
        for acronym in Check.acronyms(of: section) {
          let word = acronym.word
          if defined.contains(word) || (word.hasSuffix("s") && defined.contains(String(word.dropLast()))) {
            continue
          }
          found.append((acronym.line, acronym.column, acronym.text, word))
        }
      }
      let distinct = Set(found.map(\.word)).count
      if distinct >= Check.acronymSoup {
        for acronym in found {
          out.add(
            .unexplainedAcronym, line: acronym.line, column: acronym.column,
            message:
              "'\(acronym.text)' is one of \(distinct) acronyms never spelt out; spell it out once, or say it in the customer's words"
          )
        }
      }
      for section in scope {
        replaying(.internalNames, section, &out) { out in
          for line in section.lines {
            for match in Check.internalNames(in: line.text) {
              out.add(
                .internalName, line: line.number, column: match.column,
                message:
                  "'\(match.text)' is an internal name customers never heard of; say what they see or get")
            }
          }
        }
      }
    }

    /// The acronyms of a section that are neither known acronyms nor English words, with
    /// their file lines, in order; kept with the section's replay when it has one.
    static func acronyms(of section: LintSection) -> [LintSectionReplay.Acronym] {
      if let kept = section.replay?.acronyms { return kept.map { $0.moved(by: section.line) } }
      var found: [LintSectionReplay.Acronym] = []
      for line in section.lines {
        guard Check.mayHoldAcronym(line.text) else { continue }
        for match in Check.acronymMatches(in: line.text) {
          var word = match.text
          if word.hasSuffix("'s") { word.removeLast(2) }
          let lower = word.lowercased()
          if Check.words.knownAcronyms.contains(lower) || Check.words.englishWords.contains(lower) {
            continue
          }
          if lower.hasSuffix("s"), Check.words.knownAcronyms.contains(String(lower.dropLast())) { continue }
          found.append(.init(line: line.number, column: match.column, text: match.text, word: word))
        }
      }
      section.replay?.acronyms = found.map { $0.moved(by: -section.line) }
      return found
    }

    /// The internal names in a line: none in a line without one of their words or without a
    /// capital, else the matches of `internalName`.
    static func internalNames(in text: String) -> [(column: Int, length: Int, text: String, groups: [String])]
    {
      if let memo = LintMatchMemo.current {
        // Ruled out before the memo, as `LintPattern.matches(in:)` does.
        if Check.internalNameWords.skips(text) { return [] }
        return memo.groupMatches(Check.internalName, in: text, as: .internalNames) {
          findInternalNames(in: text)
        }
      }
      return findInternalNames(in: text)
    }

    private static func findInternalNames(in text: String) -> [(
      column: Int, length: Int, text: String, groups: [String]
    )] {
      if Check.internalNameWords.skips(text) { return [] }
      let found = Check.findRegexMatches(Check.internalName, in: text)
      return found.isEmpty || text.contains(where: \.isUppercase) ? found : []
    }

    func language(_ out: inout Collector) {
      let scope = claimSections + [preamble]
      unexplainedTerms(scope, &out)
      let jargon = linter.jargon.isEmpty ? nil : LintPattern(joinedPhrases: linter.jargon)
      let team = linter.teamRules.map { ($0, LintPattern(joinedPhrases: $0.words)) }
      for section in scope {
        replaying(.wording, section, &out) { out in
          for line in section.lines {
            for match in Check.buzz.matches(in: line.text) {
              // "Leverage ratio" is finance, not a buzzword.
              let after = line.text.dropFirst(match.column - 1 + match.length).lowercased()
              if match.text.lowercased().hasPrefix("leverage"), after.hasPrefix(" ratio") { continue }
              let key = match.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
              let replacement = Check.buzzReplacements[key] ?? nil
              out.add(
                .buzzword, line: line.number, column: match.column,
                message: "'\(match.text)' is a buzzword customers do not say"
                  + (replacement.map { "; write '\($0)'" } ?? "; say what it means for them"),
                suggestion: replacement.map {
                  suggestion(
                    line: line.number, column: match.column, length: match.length, original: match.text,
                    with: $0)
                })
            }
            for match in Check.wordy.matches(in: line.text) {
              let replacement =
                Check.wordyReplacements[
                  match.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")] ?? ""
              out.add(
                .wordyPhrase, line: line.number, column: match.column,
                message: "'\(match.text)' says in many words what '\(replacement)' says in one",
                suggestion: suggestion(
                  line: line.number, column: match.column, length: match.length, original: match.text,
                  with: replacement))
            }
            if let jargon {
              for match in jargon.matches(in: line.text) {
                out.add(
                  .jargon, line: line.number, column: match.column,
                  message:
                    "'\(match.text)' is internal jargon (lint.jargon); use the word the customer would use")
              }
            }
            for (rule, pattern) in team {
              for match in pattern.matches(in: line.text) {
                out.add(
                  .teamWord, line: line.number, column: match.column,
                  message: "'\(match.text)': \(rule.message)"
                    + (rule.replacement.map { " (write '\($0)')" } ?? ""),
                  suggestion: rule.replacement.map {
                    suggestion(
                      line: line.number, column: match.column, length: match.length, original: match.text,
                      with: $0)
                  }, severity: rule.severity)
              }
            }
          }
        }
      }
    }

    /// A replacement keeping the original's leading capital.
    func suggestion(line: Int, column: Int, length: Int, original: String, with replacement: String)
      -> LintSuggestion
    {
      var text = replacement
      if original.first?.isUppercase == true { text = text.prefix(1).uppercased() + text.dropFirst() }
      return LintSuggestion(
        line: line, column: column, endLine: line, endColumn: column + length, replacement: text)
    }

    // MARK: Validated

    static let belief = LintPattern(phrases: words.beliefPhrases)
    static let externalSource = LintPattern(
      #"\b(?:interviews?|surveys?|polls?|pilots?|trials?|respondents|usage|tickets|experiments?|a/b|cohorts?|logs|benchmarks?|customers?\s+(?:said|told|reported|asked)|n\s*=\s*\d)\b"#
    )

    func validated(_ out: inout Collector) {
      guard let evidence = section("Evidence"), !evidence.isEmpty else {
        out.add(
          .noEvidence, line: section("Evidence")?.line ?? fileLine,
          message:
            "there is no evidence; fill in '## Evidence' with the interviews, pilots or metrics behind the claims, each with a date"
        )
        return
      }
      var external: [LintSection.Line] = []
      var beliefs: [LintSection.Line] = []
      for line in evidence.wordingLines {
        if Check.belief.matches(line.text), !Check.externalSource.matches(line.text) {
          beliefs.append(line)
        } else {
          external.append(line)
        }
      }
      if external.isEmpty {
        out.add(
          .noEvidence, line: beliefs.first?.number ?? evidence.line,
          column: beliefs.first.map { firstWordColumn($0.text) } ?? 1,
          message:
            "the evidence is only internal belief ('\(Check.quote(beliefs.first?.text ?? ""))'); list what customers said or did: interviews, pilots, usage data, each with a date"
        )
        return
      }
      for line in beliefs {
        let match = Check.belief.firstMatch(in: line.text)
        out.add(
          .beliefAsEvidence, line: line.number, column: match?.column ?? 1,
          message:
            "'\(match?.text ?? "")' is internal belief, not evidence; replace it with what customers said or did"
        )
      }
      let periods = external.flatMap { Check.dates(in: $0.text) }
      // Planned work ("a follow-up study in Q1 2027") is no evidence yet; the current month,
      // quarter or year is.
      guard let newest = periods.filter({ $0.start <= asOf }).map({ min($0.end, asOf) }).max() else {
        out.add(
          .undatedEvidence, line: evidence.line,
          message:
            "the evidence ('\(Check.quote(external[0].text))') gives no dates; add when each piece was gathered (month and year at least)"
        )
        return
      }
      guard proposition.status == .active || proposition.status == .draft else { return }
      let interval = proposition.frontMatter.reviewEvery ?? linter.reviewEvery
      if let due = interval.added(to: newest), due < asOf {
        out.add(
          .staleEvidence, line: evidence.line,
          message:
            "the newest evidence is from \(newest), older than the review interval (\(interval)); validate again and add the new evidence"
        )
      }
    }

    static let monthNames = [
      "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
      "nov": 11, "dec": 12,
    ]
    static let month = #"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"#
    static let isoDate = LintPattern(#"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b"#)
    static let dayMonthYear = LintPattern(#"\b(\d{1,2})(?:st|nd|rd|th)?\s+"# + month + #",?\s+(\d{4})\b"#)
    static let monthDayYear = LintPattern(#"\b"# + month + #"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#)
    static let monthYear = LintPattern(#"\b"# + month + #",?\s+(?:of\s+)?(?:\d{4}|['’]\d{2})\b"#)
    static let numericDate = LintPattern(#"\b(?:(\d{1,2})[./])?(\d{1,2})[./](\d{4})\b"#)
    static let quarter = LintPattern(
      #"\b(?:Q([1-4])[\s/-]*(?:FY)?(\d{4})|(\d{4})[\s/-]*Q([1-4])|H([12])\s+(\d{4}))\b"#)
    static let bareYear = LintPattern(#"(?<![\w=#/.,-])((?:19|20)\d{2})(?![\w/,-])(?!\s+[a-z]+s\b)"#)

    /// The periods a text names (a day, a month, a quarter, a half or a year), each from its
    /// first to its last day, so evidence from the current period is never judged planned
    /// and evidence is never judged older than it is. A count ("a poll of 2025 users") is no
    /// year.
    static func dates(in text: String) -> [(start: CalendarDate, end: CalendarDate)] {
      var found: [(start: CalendarDate, end: CalendarDate)] = []
      var consumed: [Range<Int>] = []
      func taken(_ column: Int, _ length: Int) -> Bool {
        consumed.contains { $0.overlaps(column..<column + length) }
      }
      func take(_ match: (column: Int, length: Int, text: String)) {
        consumed.append(match.column..<match.column + match.length)
      }
      func month(_ start: CalendarDate) -> (CalendarDate, CalendarDate) {
        (start, start.adding(months: 1)?.adding(days: -1) ?? start)
      }
      func numbers(_ text: String) -> [Int] {
        text.split { !$0.isNumber }.compactMap { Int($0) }
      }
      func monthNumber(_ text: String) -> Int? {
        let lower = text.lowercased()
        return monthNames.first { key, _ in
          lower.range(of: #"\b"# + key, options: .regularExpression) != nil
        }?.value
      }
      for match in isoDate.matches(in: text) {
        let parts = numbers(match.text)
        guard parts.count >= 2, let first = CalendarDate(year: parts[0], month: parts[1], day: 1) else {
          continue
        }
        if parts.count == 3, let day = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) {
          found.append((day, day))
        } else {
          found.append(month(first))
        }
        take(match)
      }
      for match in dayMonthYear.matches(in: text) + monthDayYear.matches(in: text)
      where !taken(match.column, match.length) {
        let parts = numbers(match.text)
        guard parts.count == 2, let monthValue = monthNumber(match.text),
          let day = CalendarDate(year: parts[1], month: monthValue, day: parts[0])
        else { continue }
        found.append((day, day))
        take(match)
      }
      for match in monthYear.matches(in: text) where !taken(match.column, match.length) {
        // "Oct '26" is October 2026.
        guard let written = numbers(match.text).last, let monthValue = monthNumber(match.text),
          case let year = written < 100 ? 2000 + written : written,
          let first = CalendarDate(year: year, month: monthValue, day: 1)
        else { continue }
        found.append(month(first))
        take(match)
      }
      for match in numericDate.matches(in: text) where !taken(match.column, match.length) {
        let parts = numbers(match.text)
        if parts.count == 3,
          let day = CalendarDate(year: parts[2], month: parts[1], day: parts[0])
            ?? CalendarDate(year: parts[2], month: parts[0], day: parts[1])
        {
          found.append((day, day))
        } else if parts.count == 2, let first = CalendarDate(year: parts[1], month: parts[0], day: 1) {
          found.append(month(first))
        } else {
          continue
        }
        take(match)
      }
      for match in quarter.matches(in: text) where !taken(match.column, match.length) {
        let parts = numbers(match.text)
        guard parts.count == 2 else { continue }
        let year = parts.first { $0 > 1000 } ?? 0
        let index = parts.first { $0 < 10 } ?? 1
        let months = match.text.uppercased().hasPrefix("H") ? 6 : 3
        guard let start = CalendarDate(year: year, month: (index - 1) * months + 1, day: 1) else { continue }
        found.append((start, start.adding(months: months)?.adding(days: -1) ?? start))
        take(match)
      }
      for match in bareYear.matches(in: text) where !taken(match.column, match.length) {
        if let year = Int(match.text), let start = CalendarDate(year: year, month: 1, day: 1),
          let end = CalendarDate(year: year, month: 12, day: 31)
        {
          found.append((start, end))
        }
      }
      return found
    }

    // MARK: Concise

    func concise(_ out: inout Collector) {
      var headlines = [proposition.title]
      if let heading = proposition.heading?.text, heading != proposition.title { headlines.append(heading) }
      for (index, headline) in headlines.enumerated() {
        let words = Check.wordCount(headline)
        if words > linter.headlineWords {
          let line = index == 0 ? fileLine : (proposition.heading?.line ?? fileLine)
          out.add(
            .longStatement, line: line,
            message:
              "the headline '\(Check.quote(headline))' has \(words) words, more than \(linter.headlineWords); cut it to the outcome and the audience"
          )
        }
      }
      for heading in ["Unique value proposition", "Job statement"] {
        guard let found = section(heading), !found.isEmpty else { continue }
        let words = Check.wordCount(found.wording)
        if words > linter.statementWords {
          let first = found.wordingLines.first
          out.add(
            .longStatement, line: first?.number ?? found.line,
            column: first.map { firstWordColumn($0.text) } ?? 1,
            message:
              "the \(heading.lowercased()) has \(words) words, more than \(linter.statementWords); a customer should be able to repeat it"
          )
        }
      }
      for section in claimSections {
        replaying(.longSentences, section, &out) { out in
          longSentences(section, &out)
        }
      }
    }

    /// The sentences of a section longer than 30 words.
    func longSentences(_ section: LintSection, _ out: inout Collector) {
      for sentence in section.sentences {
        // A semicolon joins two sentences; each is read on its own.
        // 31 words take at least 61 characters.
        if sentence.text.utf8.count < 61 { continue }
        // Without a ";" byte there is no ";" to split at (the fast path).
        let words =
          LintEngine.isFast && !sentence.text.lintContains(0x3B)
          ? Check.wordCount(sentence.text)
          : sentence.text.split(separator: ";").map { Check.wordCount(String($0)) }.max() ?? 0
        if words > 30 {
          // The longer the sentence, the more it weighs: 31 words is a nudge, 50 a wall.
          out.add(
            .longSentence, line: sentence.line, column: sentence.column,
            cap: words > 45 ? 60 : words > 35 ? 80 : 95,
            message:
              "the sentence '\(Check.quote(sentence.text))' has \(words) words; split it, one idea per sentence"
          )
        }
      }
    }

    /// Words as people count them: runs between spaces that hold a letter or digit
    /// ("cold-chain", "patient's" and "50-500" are one word each).
    static func wordCount(_ text: String) -> Int {
      if let memo = LintMatchMemo.current { return memo.wordCount(of: text) { countWords(text) } }
      return countWords(text)
    }

    /// `wordCount`, counted now.
    private static func countWords(_ text: String) -> Int {
      if LintEngine.isFast, let counted = plainWordCount(text) { return counted }
      return text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }
        .count
    }

    /// `wordCount` on the bytes of ASCII text without carriage returns; nil for other text.
    static func plainWordCount(_ text: String) -> Int? {
      var text = text
      return text.withUTF8 { bytes -> Int? in
        var count = 0
        var inWord = false
        var counts = false
        for byte in bytes {
          if byte >= 0x80 || byte == 0x0D { return nil }
          if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
            if inWord && counts { count += 1 }
            inWord = false
            counts = false
          } else {
            inWord = true
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
              || (byte >= 0x61 && byte <= 0x7A)
            {
              counts = true
            }
          }
        }
        if inWord && counts { count += 1 }
        return count
      }
    }

    // MARK: Audience

    /// "All small businesses", "any finance team", "every company": everyone, whatever adjective
    /// stands between.
    static let everyone = LintPattern(
      #"(?<![\w-])(?:"#
        + words.everyone.sorted { $0.count > $1.count }.map {
          NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: " ", with: #"\s+"#)
        }.joined(separator: "|")
        + #"|(?:all|any|every)\s+(?:[\w-]+\s+)?(?:businesses|business|companies|company|firms?|teams?|organi[sz]ations?|users|customers|people|industries|sectors?)"#
        + #")(?![\w-])"#)
    static let sizedSegment = LintPattern(phrases: words.sizedSegments)
    static let exclusionBefore = LintPattern(
      #"\b(?:not|no|never|except|excluding|isn't|aren't|nor|unlike)\b"#)
    static let exclusionAfter = LintPattern(
      #"\b(?:out\s+of\s+scope|not\s+a\s+fit|not\s+for\s+us|excluded|need\s+not\s+apply|is\s+not|are\s+not|isn't|aren't|not\s+(?:our|the)\s+(?:target|audience|segment)|we\s+do\s+not\s+serve|we\s+don't\s+serve)\b"#
    )
    static let unsizedPairs = LintPattern(phrases: [
      "small and large", "large and small", "all sizes", "any size",
    ])

    /// Whether an audience text gives a size: a count with its unit, a share, money, or a
    /// bounded segment ("Fortune 500"); "SMBs" or "large companies" is none.
    static func isSized(_ text: String) -> Bool {
      if unsizedPairs.matches(text) { return false }
      if sizedSegment.matches(text) || LintMeasure.percentage.matches(text)
        || LintMeasure.currency.matches(text)
        || LintMeasure.numberWordThenUnit.matches(text)
      {
        return true
      }
      return LintMeasure.numberThenWord.matches(in: text).contains { match in
        let word =
          match.text.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).last.map(String.init)?
          .lowercased() ?? ""
        return !LintMeasure.notUnits.contains(word)
      } || LintPattern(#"\([^)]*\d[^)]*\)|\b\d[\d,]*\+?\s*$"#).matches(text)
    }

    func audience(_ out: inout Collector) {
      var texts: [(line: Int, column: Int, text: String)] = []
      if let audience = proposition.frontMatter.audience {
        let line = proposition.frontMatter.line(of: "audience") ?? 1
        let raw = out.fileLine(line) ?? ""
        let column =
          raw.range(of: audience).map { raw.distance(from: raw.startIndex, to: $0.lowerBound) + 1 } ?? 1
        texts.append((line, column, audience))
      }
      let sectionName: String? =
        framework == .core ? "Target audience" : framework == .lean ? "Customer segments" : nil
      if let sectionName, let found = section(sectionName) {
        texts += found.sentences.map { ($0.line, $0.column, $0.text) }
      }
      texts = texts.filter { !$0.text.lintTrimmed.isEmpty }
      if texts.isEmpty {
        if let sectionName {
          out.add(
            .noAudience, line: section(sectionName)?.line ?? fileLine,
            message:
              "no audience is named; fill in '## \(sectionName)' or 'audience:' with the segment and its size"
          )
        } else {
          out.add(
            .noAudience, line: fileLine,
            message: "no audience is named; add 'audience:' to the front matter: the segment and its size")
        }
        return
      }
      for text in texts {
        for match in Check.everyone.matches(in: text.text) {
          let before = String(text.text.prefix(match.column - 1))
          let after = String(text.text.dropFirst(match.column - 1))
          if Check.exclusionBefore.matches(before) || Check.exclusionAfter.matches(after) { continue }
          // "All engineers on the data platform (60 people)", "anyone with more than 5 stores"
          // are sized.
          if Check.isSized(text.text) { continue }
          out.add(
            .everyoneAudience, line: text.line, column: text.column + match.column - 1,
            message:
              "'\(match.text)' is not an audience; name the segment that feels the pain most, and its size"
          )
        }
      }
      if !texts.contains(where: { Check.isSized($0.text) }) {
        out.add(
          .unsizedAudience, line: texts[0].line, column: texts[0].column,
          message:
            "the audience '\(Check.quote(texts[0].text))' has no size; add one that says who is in and who is out ('50-500 employees')"
        )
      }
    }

    // MARK: Technology first

    static let opening: LintPattern = {
      func alternatives(_ list: [String]) -> String {
        list.sorted { $0.count > $1.count }.map {
          NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: " ", with: #"\s+"#)
        }.joined(separator: "|")
      }
      let article = #"(?:our|the|an?|this|its|their)\s+"#
      // Strong technology words open a line alone ("AI reconciles…"); generic ones ("cloud",
      // "API", "platform") only as the product's own ("Our cloud platform…", "A cloud-native
      // engine…"), since "Cloud bills at Series B startups grow 35% a year" is the customer's
      // pain. A hyphenated stack ("The Go-based, Kafka-powered …") is technology first too.
      let suffixes = [
        "powered", "driven", "based", "native", "first", "enabled", "backed", "centric", "sourced",
        "anchored",
        "hosted", "accelerated",
      ]
      let verbs = ["using", "built", "powered", "leveraging", "based", "running"]
      return LintPattern(
        #"^\s*(?:[-*+]\s+)?(?:(?:"# + article + #")?(?:"# + alternatives(words.strongTechnology) + ")|"
          + article
          + #"(?:[\w.+#-]+\s+)?(?:"# + alternatives(words.technology) + ")|(?:" + article
          + #")?(?:[\w.+#]+-\w+,?\s+(?:and\s+)?){0,3}(?:"# + alternatives(words.strongTechnology) + "|"
          + #"[\w.+#]+-(?:"# + suffixes.joined(separator: "|")
          + #"))|using|built\s+on|powered\s+by|leveraging|based\s+on|running\s+on)(?![\w])"#,
        words: openingWords(words.strongTechnology + words.technology, then: suffixes + verbs) ?? [])
    }()

    /// What every match of `opening` holds as a whole word: the first run of letters and
    /// digits of a technology phrase (which white space, a hyphen or the line's start comes
    /// before, and white space, punctuation or the match's end after), a suffix after a
    /// hyphen, or a verb. Headlines without one are not given to the expression, so that a
    /// fresh process linting one file compiles it only for a headline that may open with
    /// technology (docs/performance.md, session 18). Nil when a phrase has no such run in
    /// ASCII: then there is no prefilter.
    static func openingWords(_ phrases: [String], then others: [String]) -> [String]? {
      var words = others
      for phrase in phrases {
        let bytes = Array(phrase.lowercased().utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isRun(_ byte: UInt8) -> Bool {
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        guard let start = bytes.firstIndex(where: isRun) else { return nil }
        let end = bytes[start...].firstIndex { !isRun($0) } ?? bytes.count
        words.append(String(decoding: bytes[start..<end], as: UTF8.self))
      }
      return Array(Set(words)).sorted()
    }

    func technologyFirst(_ out: inout Collector) {
      var headlines = [(proposition.title, fileLine)]
      if let heading = proposition.heading, heading.text != proposition.title {
        headlines.append((heading.text, heading.line))
      }
      for (headline, line) in headlines {
        if let match = Check.opening.firstMatch(in: headline) {
          out.add(
            .technologyFirst, line: line, column: match.column,
            message:
              "the headline opens with the technology ('\(match.text.lintTrimmed)'); lead with who benefits and what changes for them"
          )
        }
      }
      for heading in ["Problem", "Unique value proposition", "Pains", "High-level concept"] {
        guard let found = section(heading), let first = found.wordingLines.first else { continue }
        if let match = Check.opening.firstMatch(in: first.text) {
          out.add(
            .technologyFirst, line: first.number, column: match.column,
            message:
              "'## \(found.heading)' opens with the technology ('\(match.text.lintTrimmed)'); start with the customer and what hurts or changes for them"
          )
        }
      }
    }

    // MARK: Suppressions

    /// The front-matter keys a section mirrors: a suppression there covers them too.
    static let mirroredKeys: [String: [String]] = [
      "target audience": ["audience"], "customer segments": ["audience"],
      "unique value proposition": ["title"], "high-level concept": ["title"], "headline": ["title"],
    ]

    /// The suppressions in force, reporting those without a reason or with an unknown name.
    /// `<!-- valprop-ignore buzzword, jargon: reason -->` names several rules or concerns,
    /// compared without case.
    func suppressions(_ out: inout Collector) -> [Suppression] {
      var result: [Suppression] = []
      let bounds = sections.map(\.line) + [Int.max]
      for (index, section) in ([preamble] + sections).enumerated() {
        // Before the first section, a suppression covers the whole file.
        var ranges = [index == 0 ? 1...Int.max : section.line...(bounds[index] - 1)]
        for key in Check.mirroredKeys[section.heading.lowercased()] ?? [] {
          if let line = proposition.frontMatter.line(of: key) { ranges.append(line...line) }
          if key == "title", let heading = proposition.heading { ranges.append(heading.line...heading.line) }
        }
        for comment in section.comments where comment.body.lowercased().hasPrefix("valprop-ignore") {
          let rest = comment.body.dropFirst("valprop-ignore".count).lintTrimmed
          let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.lintTrimmed
          }
          let names = (parts.first ?? "").split { $0 == "," || $0.isWhitespace }.map(String.init)
          var known: [String] = []
          for name in names {
            if let id = LintRuleID(name: name) {
              known.append(id.rawValue)
            } else if let concern = Concern(rawValue: name.lowercased()) {
              known.append(concern.rawValue)
            } else {
              let hint = LintRuleID.suggestion(for: name).map { "did you mean '\($0)'? " } ?? ""
              out.add(
                .unknownSuppression, line: comment.line, column: comment.column,
                message:
                  "'\(name)' is not a rule or concern; \(hint)'valprop lint --list-rules' lists them all")
            }
          }
          if names.isEmpty {
            out.add(
              .unknownSuppression, line: comment.line, column: comment.column,
              message:
                "the valprop-ignore comment names no rule; write <!-- valprop-ignore <rule>: <reason> -->")
          }
          guard !known.isEmpty else { continue }
          guard parts.count == 2, !parts[1].isEmpty else {
            let list = known.joined(separator: ", ")
            out.add(
              .suppressionWithoutReason, line: comment.line, column: comment.column,
              message:
                "say why '\(list)' is silenced: <!-- valprop-ignore \(list): <reason> -->; without a reason it silences nothing"
            )
            continue
          }
          for name in known {
            result.append(Suppression(name: name, lines: ranges))
          }
        }
      }
      return result
    }
  }
}
