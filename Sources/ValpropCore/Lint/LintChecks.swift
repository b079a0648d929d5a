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

    init(proposition: Proposition, linter: Linter, asOf: CalendarDate) {
      self.proposition = proposition
      self.linter = linter
      self.asOf = asOf
      sections = proposition.sections.map {
        LintSection(heading: $0.heading, line: $0.line, firstContentLine: $0.line + 1, rawLines: $0.lines)
      }
      let preambleCount =
        proposition.sections.first.map { $0.line - proposition.bodyFirstLine }
        ?? proposition.bodyLines.count
      preamble = LintSection(
        heading: "", line: proposition.bodyFirstLine, firstContentLine: proposition.bodyFirstLine,
        rawLines: Array(proposition.bodyLines.prefix(max(0, preambleCount))))
      fileLine = proposition.heading?.line ?? proposition.frontMatter.line(of: "title") ?? 1
    }

    func section(_ heading: String) -> LintSection? {
      sections.first { $0.heading.caseInsensitiveCompare(heading) == .orderedSame }
    }

    var framework: Framework { proposition.framework }

    func run(_ out: inout Collector) {
      structure(&out)
      measurable(&out)
      outcomes(&out)
      differentiated(&out)
      language(&out)
      validated(&out)
      concise(&out)
      audience(&out)
      technologyFirst(&out)
    }

    // MARK: Structure

    /// Sections whose absence or emptiness other concerns report more precisely.
    static let specialSections: Set<String> = [
      "evidence", "differentiation", "competing solutions", "existing alternatives", "target audience",
      "customer segments",
    ]

    func structure(_ out: inout Collector) {
      for expected in framework.expectedSections {
        let special = Check.specialSections.contains(expected.lowercased())
        guard let found = section(expected) else {
          if !special {
            out.add(
              "missing-section", line: fileLine,
              message: "the \(framework.displayName) expects a '## \(expected)' section; add it")
          }
          continue
        }
        if found.isEmpty && !special {
          out.add(
            "empty-section", line: found.line,
            message: "'## \(found.heading)' has no wording yet; write it, or remove the section")
        }
      }
      if framework == .beforeAfter, let grid = section("Before and after") {
        beforeAfterGrid(grid, &out)
      }
      let placeholder = LintPattern(
        #"(?:(?<=\s)|^)(?:…|\.\.\.)(?=[\s,.;:!?]|$)|\b(?:TODO|TBD|FIXME|lorem ipsum)\b"#)
      for section in sections + [preamble] {
        for line in section.lines {
          if let match = placeholder.firstMatch(in: line.text) {
            out.add(
              "placeholder", line: line.number, column: match.column,
              message: "placeholder '\(match.text)' is still in the wording; replace it with the real text")
          }
        }
        if !section.isEmpty {
          for comment in section.comments where comment.body.hasPrefix("valprop-hint:") {
            out.add(
              "leftover-hint", line: comment.line, column: comment.column,
              message: "the template hint is still here though the section is written; delete it",
              suggestion: comment.standsAlone
                ? LintSuggestion(
                  line: comment.line, column: 1, endLine: comment.endLine + 1, endColumn: 1, replacement: "")
                : nil)
          }
        }
      }
      if framework == .jtbd, let statement = section("Job statement"), !statement.isEmpty {
        let form = LintPattern(#"\bwhen\b.+\b(?:i|we)\s+want\s+to\b.+\bso\s+(?:that\s+)?(?:i|we)\s+can\b"#)
        if !form.matches(statement.wording) {
          out.add(
            "job-statement-form", line: statement.wordingLines.first?.number ?? statement.line,
            message: "write the job as 'When <situation>, I want to <motivation>, so I can <outcome>.'")
        }
      }
    }

    func beforeAfterGrid(_ grid: LintSection, _ out: inout Collector) {
      var rows: [String: (line: Int, cells: [String])] = [:]
      for line in grid.lines where line.text.trimmedSpaces.hasPrefix("|") {
        var cells = line.text.trimmedSpaces.split(
          separator: "|", omittingEmptySubsequences: false
        )
        .map { $0.trimmedSpaces }
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
            "missing-section", line: grid.line,
            message: "the Before and After grid has no '\(label)' row; add '| \(label) | … | … |'")
          continue
        }
        if row.cells.count < 2 || row.cells.prefix(2).contains(where: \.isEmpty) {
          out.add(
            "empty-section", line: row.line,
            message: "the '\(label)' row needs both a Before and an After; fill in both cells")
        } else if label == "Measurable outcomes", !row.cells.prefix(2).allSatisfy(Check.isMeasured) {
          out.add(
            "no-measurable-benefit", line: row.line,
            message:
              "the Measurable outcomes row needs a number on both sides: 'close takes 8 days' → 'close takes 2 days'"
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

    static let numberWords = LintPattern(
      phrases: [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
        "twenty", "thirty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
        "half",
        "twice", "double", "triple", "dozen", "percent", "overnight", "same-day", "same day",
      ])

    /// Whether wording states a quantity: a digit, a percentage or a number word.
    static func isMeasured(_ text: String) -> Bool {
      text.contains(where: \.isNumber) || text.contains("%") || numberWords.matches(text)
    }

    func measurable(_ out: inout Collector) {
      for section in benefitSections where !section.isEmpty {
        let items = section.items
        let measured = items.filter { Check.isMeasured($0.text) }
        if measured.isEmpty {
          out.add(
            "no-measurable-benefit", line: items.first?.number ?? section.line,
            message:
              "no benefit in '## \(section.heading)' has a number, unit or time frame; quantify at least one")
        } else {
          for item in items where !Check.isMeasured(item.text) {
            out.add(
              "unmeasured-benefit", line: item.number, column: firstWordColumn(item.text),
              message: "this benefit has no number, unit or time frame; say how much or how fast")
          }
        }
      }
      let vague = LintPattern(phrases: [
        "faster", "quicker", "better", "cheaper", "easier", "simpler", "more efficient", "more productive",
        "improved", "improves", "improve", "enhanced", "enhances", "optimized", "optimizes", "significantly",
        "substantially", "dramatically", "greatly", "many", "various", "numerous", "lots of", "a lot of",
        "massively", "huge", "vastly", "lower", "higher", "less", "fewer", "reduced", "increased", "boost",
        "boosts", "boosted",
      ])
      for section in sections where section.heading.lowercased() != "evidence" {
        for line in section.lines where !Check.isMeasured(line.text) {
          if let match = vague.firstMatch(in: line.text) {
            out.add(
              "vague-comparative", line: line.number, column: match.column,
              message:
                "'\(match.text)' says nothing checkable; replace it with the measured difference ('from 8 days to 2')"
            )
          }
        }
      }
    }

    func firstWordColumn(_ text: String) -> Int {
      (text.firstIndex { $0.isLetter || $0.isNumber }.map { text.distance(from: text.startIndex, to: $0) }
        ?? 0) + 1
    }

    // MARK: Outcomes

    func outcomes(_ out: inout Collector) {
      let feature = LintPattern(
        #"(?<![\w-])(?:apis?|dashboards?|encryption|encrypted|sso|single sign-on|integrations?|ai|machine learning|ml|algorithms?|platform|modules?|plug-?ins?|features?|analytics|cloud-based|cloud|blockchain|\d+-bit|widgets?|interface|ui|mobile app|app|webhooks?|sdks?|reports?|reporting|workflow engine|automation)(?![\w-])"#
      )
      let outcome = LintPattern(phrases: [
        "so", "so that", "which", "save", "saves", "saving", "reduce", "reduces", "reducing", "cut", "cuts",
        "cutting",
        "increase", "increases", "decrease", "decreases", "avoid", "avoids", "eliminate", "eliminates",
        "prevent",
        "prevents", "let", "lets", "help", "helps", "without", "fewer", "less", "never", "no longer", "stay",
        "stays",
        "keep", "keeps", "protect", "protects", "protected", "win", "wins", "grow", "grows", "gain", "gains",
        "earn",
        "close", "closes", "pass", "passes", "within", "instead", "by", "get", "gets", "free", "frees",
        "spend",
        "spends", "know", "see", "sees", "catch", "catches", "finish", "finishes",
      ])
      for section in benefitSections {
        for item in section.items {
          // A line that measures something besides the feature ("API p99 latency drops from
          // 800 ms to 120 ms") states an outcome; "256-bit encryption" does not.
          if let match = feature.firstMatch(in: item.text), !outcome.matches(item.text),
            !Check.isMeasured(
              String(item.text.prefix(match.column - 1))
                + String(item.text.dropFirst(match.column - 1 + match.length)))
          {
            out.add(
              "feature-as-benefit", line: item.number, column: match.column,
              message:
                "'\(match.text)' is a feature, not a benefit; say what it does for the customer (what they save, avoid or gain)"
            )
          }
        }
      }
    }

    // MARK: Differentiated

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
          let dismissive = LintPattern(
            #"^\s*(?:[-*+]\s+)?(?:none|n/a|nothing|nobody|no one|no competitors?|no alternatives?)\b"#)
          if found.isEmpty {
            out.add(
              "missing-differentiation", line: found.line,
              message: "'## \(found.heading)' is empty; say why this beats the named alternatives")
          } else if let first = found.wordingLines.first, dismissive.matches(first.text) {
            out.add(
              "missing-differentiation", line: first.number,
              message:
                "'\(first.text.trimmedSpaces)' names no alternative; every customer has one"
                + " (a spreadsheet, an agency, a rival, doing nothing): say why this beats it")
          }
        } else {
          out.add(
            "missing-differentiation", line: fileLine,
            message: "there is no '## \(heading)' section; add one that says why this beats the alternatives")
        }
      }
      let generic = LintPattern(phrases: [
        "high quality", "high-quality", "great support", "excellent support", "great service",
        "excellent service",
        "innovative", "easy to use", "easy-to-use", "user-friendly", "user friendly", "world-class",
        "cutting-edge",
        "state-of-the-art", "state of the art", "best-in-class", "industry-leading", "industry leader",
        "next-generation", "next generation", "seamless", "seamlessly", "robust", "powerful", "flexible",
        "reliable", "trusted", "customer-centric", "one-stop shop", "all-in-one", "best of breed", "unique",
      ])
      // Competing solutions and existing alternatives describe rivals, who may well be
      // "flexible": there only lines about ourselves count.
      let ourselves = LintPattern(phrases: ["we", "our", "us", "ours"])
      let claims = [
        "Differentiation", "Unique value proposition", "Competing solutions", "Existing alternatives",
      ]
      .compactMap(section)
      for section in claims {
        let aboutRivals = ["competing solutions", "existing alternatives"].contains(
          section.heading.lowercased())
        for line in section.lines where !aboutRivals || ourselves.matches(line.text) {
          if let match = generic.firstMatch(in: line.text) {
            out.add(
              "generic-claim", line: line.number, column: match.column,
              message:
                "'\(match.text)' is what any competitor could claim; name what only you do, against a named alternative"
            )
          }
        }
      }
      let evidence = section("Evidence")
      if evidence == nil || evidence?.isEmpty == true {
        let superlative = LintPattern(
          #"(?<![\w-])(?:the\s+only|the\s+best|the\s+fastest|the\s+cheapest|the\s+easiest|the\s+first|the\s+leading|number\s+one|unmatched|unrivall?ed|unbeatable)(?![\w-])|#1\b"#
        )
        for section in sections + [preamble] where section.heading.lowercased() != "evidence" {
          for line in section.lines {
            if let match = superlative.firstMatch(in: line.text) {
              out.add(
                "unsupported-superlative", line: line.number, column: match.column,
                message:
                  "'\(match.text)' needs proof; add the evidence under '## Evidence', or drop the superlative"
              )
            }
          }
        }
      }
    }

    // MARK: Language

    static let buzzwords: [String: String?] = [
      "synergy": nil, "synergies": nil, "synergistic": nil, "leverage": "use", "leverages": "uses",
      "leveraging": "using", "leveraged": "used", "best-in-class": nil, "paradigm": nil,
      "paradigm shift": nil,
      "disrupt": nil, "disruptive": nil, "revolutionary": nil, "revolutionize": nil, "revolutionise": nil,
      "game-changer": nil, "game-changing": nil, "holistic": nil, "empower": nil, "empowers": nil,
      "empowering": nil, "turnkey": nil, "world-class": nil, "cutting-edge": nil, "bleeding-edge": nil,
      "value-add": nil, "value-added": nil, "move the needle": nil, "low-hanging fruit": nil,
      "circle back": nil,
      "mission-critical": nil, "frictionless": nil, "supercharge": nil, "supercharges": nil, "unleash": nil,
      "ecosystem": nil, "thought leadership": nil, "next-gen": nil, "hyper-personalized": nil,
    ]

    static let wordy: [String: String] = [
      "in order to": "to", "utilize": "use", "utilizes": "uses", "utilizing": "using", "utilization": "use",
      "due to the fact that": "because", "in the event that": "if", "at this point in time": "now",
      "prior to": "before", "in spite of the fact that": "although", "a large number of": "many",
      "has the ability to": "can", "is able to": "can",
    ]

    func language(_ out: inout Collector) {
      let scope = sections.filter { $0.heading.lowercased() != "evidence" } + [preamble]
      let buzz = LintPattern(phrases: Array(Check.buzzwords.keys))
      let wordy = LintPattern(phrases: Array(Check.wordy.keys))
      let jargon = linter.jargon.isEmpty ? nil : LintPattern(phrases: linter.jargon)
      for section in scope {
        for line in section.lines {
          for match in buzz.matches(in: line.text) {
            // "Leverage ratio" is finance, not a buzzword.
            let after = line.text.dropFirst(match.column - 1 + match.length).lowercased()
            if match.text.lowercased().hasPrefix("leverage"), after.hasPrefix(" ratio") { continue }
            let replacement = Check.buzzwords[match.text.lowercased()] ?? nil
            out.add(
              "buzzword", line: line.number, column: match.column,
              message: "'\(match.text)' is a buzzword customers do not say"
                + (replacement.map { "; write '\($0)'" } ?? "; say what it means for them"),
              suggestion: replacement.map {
                suggestion(
                  line: line.number, column: match.column, length: match.length, original: match.text,
                  with: $0)
              })
          }
          for match in wordy.matches(in: line.text) {
            let replacement =
              Check.wordy[
                match.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")] ?? ""
            out.add(
              "wordy-phrase", line: line.number, column: match.column,
              message: "'\(match.text)' says in many words what '\(replacement)' says in one",
              suggestion: suggestion(
                line: line.number, column: match.column, length: match.length, original: match.text,
                with: replacement))
          }
          if let jargon {
            for match in jargon.matches(in: line.text) {
              out.add(
                "jargon", line: line.number, column: match.column,
                message:
                  "'\(match.text)' is internal jargon (lint.jargon); use the word the customer would use")
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

    func validated(_ out: inout Collector) {
      guard let evidence = section("Evidence"), !evidence.isEmpty else {
        out.add(
          "no-evidence", line: section("Evidence")?.line ?? fileLine,
          message:
            "there is no evidence; list the interviews, pilots or metrics behind the claims under '## Evidence', each with a date"
        )
        return
      }
      let dates = evidence.lines.flatMap { Check.dates(in: $0.text) }
      // Planned work ("a follow-up study in Q1 2027") is no evidence yet.
      guard let newest = dates.filter({ $0 <= asOf }).max() else {
        out.add(
          "undated-evidence", line: evidence.line,
          message: "the evidence gives no dates; add when each piece was gathered (month and year at least)")
        return
      }
      let interval = proposition.frontMatter.reviewEvery ?? linter.reviewEvery
      if let due = interval.added(to: newest), due < asOf {
        out.add(
          "stale-evidence", line: evidence.line,
          message:
            "the newest evidence is from \(newest), older than the review interval (\(interval)); validate again and add the new evidence"
        )
      }
    }

    static let monthNames = [
      "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
      "nov": 11,
      "dec": 12,
    ]

    /// The dates a text mentions, each as the last day of the period it names (a year, a
    /// quarter, a month or a day), so evidence is never judged older than it is.
    static func dates(in text: String) -> [CalendarDate] {
      var found: [CalendarDate] = []
      var consumed: [Range<Int>] = []
      func taken(_ column: Int, _ length: Int) -> Bool {
        consumed.contains { $0.overlaps(column..<column + length) }
      }
      for match in LintPattern(#"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b"#).matches(in: text) {
        let parts = match.text.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2, let first = CalendarDate(year: parts[0], month: parts[1], day: 1) else {
          continue
        }
        found.append(
          parts.count == 3
            ? (CalendarDate(year: parts[0], month: parts[1], day: parts[2]) ?? first)
            : (first.adding(months: 1)?.adding(days: -1) ?? first))
        consumed.append(match.column..<match.column + match.length)
      }
      for match in LintPattern(
        #"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b"#
      ).matches(in: text) where !taken(match.column, match.length) {
        let lower = match.text.lowercased()
        guard let month = monthNames[String(lower.prefix(3))], let year = Int(lower.suffix(4)),
          let first = CalendarDate(year: year, month: month, day: 1)
        else { continue }
        found.append(first.adding(months: 1)?.adding(days: -1) ?? first)
        consumed.append(match.column..<match.column + match.length)
      }
      for match in LintPattern(#"\bQ([1-4])\s+(\d{4})\b"#).matches(in: text)
      where !taken(match.column, match.length) {
        let digits = match.text.filter(\.isNumber)
        guard let quarter = Int(String(digits.prefix(1))), let year = Int(String(digits.suffix(4))),
          let start = CalendarDate(year: year, month: quarter * 3 - 2, day: 1)
        else { continue }
        found.append(start.adding(months: 3)?.adding(days: -1) ?? start)
        consumed.append(match.column..<match.column + match.length)
      }
      for match in LintPattern(#"\b(19|20)\d{2}\b"#).matches(in: text)
      where !taken(match.column, match.length) {
        if let year = Int(match.text), let end = CalendarDate(year: year, month: 12, day: 31) {
          found.append(end)
        }
      }
      return found
    }

    // MARK: Concise

    func concise(_ out: inout Collector) {
      let titleWords = Check.wordCount(proposition.title)
      if titleWords > linter.headlineWords {
        out.add(
          "long-statement", line: fileLine,
          message:
            "the headline has \(titleWords) words, more than \(linter.headlineWords); cut it to the outcome and the audience"
        )
      }
      for heading in ["Unique value proposition", "Job statement"] {
        guard let found = section(heading), !found.isEmpty else { continue }
        let words = Check.wordCount(found.wording)
        if words > linter.statementWords {
          out.add(
            "long-statement", line: found.wordingLines.first?.number ?? found.line,
            message:
              "the \(heading.lowercased()) has \(words) words, more than \(linter.statementWords); a customer should be able to repeat it"
          )
        }
      }
      for section in sections where section.heading.lowercased() != "evidence" {
        for line in section.lines where !line.text.trimmedSpaces.hasPrefix("|") {
          for sentence in line.text.split(whereSeparator: { ".!?".contains($0) }) {
            let words = Tokenizer.tokens(String(sentence)).filter { $0.kind == .word }.count
            if words > 30 {
              out.add(
                "long-sentence", line: line.number, column: firstWordColumn(line.text),
                message: "a sentence of \(words) words is hard to read; split it, one idea per sentence")
              break
            }
          }
        }
      }
    }

    /// Words as people count them: runs between spaces that hold a letter or digit
    /// ("cold-chain" and "patient's" are one word each).
    static func wordCount(_ text: String) -> Int {
      text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    // MARK: Audience

    func audience(_ out: inout Collector) {
      var texts: [(line: Int, column: Int, text: String)] = []
      if let audience = proposition.frontMatter.audience {
        texts.append((proposition.frontMatter.line(of: "audience") ?? 1, 1, audience))
      }
      let sectionName: String? =
        framework == .core ? "Target audience" : framework == .lean ? "Customer segments" : nil
      if let sectionName, let found = section(sectionName) {
        texts += found.wordingLines.map { ($0.number, 1, $0.text) }
      }
      if texts.isEmpty {
        if let sectionName {
          out.add(
            "no-audience", line: section(sectionName)?.line ?? fileLine,
            message:
              "no audience is named; write it under '## \(sectionName)' or in 'audience:', with its size")
        } else {
          out.add(
            "no-audience", line: fileLine,
            message: "no audience is named; add 'audience:' to the front matter: the segment and its size")
        }
        return
      }
      let everyone = LintPattern(phrases: [
        "everyone", "everybody", "anyone", "anybody", "all businesses", "all companies", "any business",
        "any company", "all users", "all teams", "all organizations", "all organisations", "every business",
        "every company", "all industries", "businesses of all sizes", "companies of all sizes", "all sizes",
        "any size", "every size", "every region", "every industry", "small and large", "large and small",
        "all markets",
      ])
      // "Not a fit for anyone running more than 5 stores" names who is out: no finding.
      let negation = LintPattern(#"\b(?:not|no|never|except|excluding|isn't|aren't|nor)\b"#)
      for text in texts {
        if let match = everyone.firstMatch(in: text.text),
          !negation.matches(String(text.text.prefix(match.column - 1)))
        {
          out.add(
            "everyone-audience", line: text.line, column: match.column,
            message: "'\(match.text)' is no audience; name the segment that feels the pain most, and its size"
          )
        }
      }
      let sized = LintPattern(phrases: [
        "small business", "small businesses", "mid-size", "mid-sized", "midsize", "mid-market", "midmarket",
        "enterprise", "enterprises",
        "smb", "smbs", "sme", "smes", "startup", "startups", "solo", "freelancers", "freelancer",
        "fortune 500",
        "seed-stage", "series a", "series b", "one-person", "family-owned",
      ])
      let unsizedPairs = LintPattern(phrases: ["small and large", "large and small", "all sizes", "any size"])
      if !texts.contains(where: {
        (Check.isMeasured($0.text) || sized.matches($0.text)) && !unsizedPairs.matches($0.text)
      }) {
        out.add(
          "unsized-audience", line: texts[0].line, column: texts[0].column,
          message: "the audience has no size; add one that says who is in and who is out ('50-500 employees')"
        )
      }
    }

    // MARK: Technology first

    func technologyFirst(_ out: inout Collector) {
      let opening = LintPattern(
        // Strong technology words open a line alone ("AI reconciles…"); generic ones ("cloud",
        // "API", "platform") only as the product's own ("Our cloud platform…", "A cloud-native
        // engine…"), since "Cloud bills at Series B startups grow 35% a year" is the customer's pain.
        #"^\s*(?:[-*+]\s+)?(?:(?:(?:our|the|an?)\s+)?(?:ai|a\.i\.|artificial intelligence|machine learning|ml|llms?|gpt|genai|generative ai|blockchain|deep learning|neural networks?)|(?:our|the|an?)\s+(?:cloud|saas|api|apis|platform|algorithms?|kubernetes|big data|iot|app|software|engine|tool)|[\w.]+-(?:powered|driven|based|native|first)|using|built on|powered by|leveraging|based on)(?![\w])"#
      )
      if let match = opening.firstMatch(in: proposition.title) {
        out.add(
          "technology-first", line: fileLine, column: match.column,
          message:
            "the headline opens with the technology ('\(match.text.trimmedSpaces)'); lead with who benefits and what changes for them"
        )
      }
      for heading in ["Problem", "Unique value proposition", "Pains"] {
        guard let found = section(heading), let first = found.wordingLines.first else { continue }
        if let match = opening.firstMatch(in: first.text) {
          out.add(
            "technology-first", line: first.number, column: match.column,
            message:
              "'## \(found.heading)' opens with the technology; start with the customer and what hurts or changes for them"
          )
        }
      }
    }

    // MARK: Suppressions

    /// The suppressions in force, reporting those without a reason or with an unknown name.
    func suppressions(_ out: inout Collector) -> [Suppression] {
      let names = Set(LintRule.all.map(\.id) + Concern.allCases.map(\.rawValue))
      var result: [Suppression] = []
      let bounds = sections.map(\.line) + [Int.max]
      for (index, section) in ([preamble] + sections).enumerated() {
        // Before the first section, a suppression covers the whole file.
        let range = index == 0 ? 1...Int.max : section.line...(bounds[index] - 1)
        for comment in section.comments where comment.body.hasPrefix("valprop-ignore") {
          let rest = comment.body.dropFirst("valprop-ignore".count).trimmedSpaces
          let parts = rest.split(separator: ":", maxSplits: 1).map { $0.trimmedSpaces }
          let name = parts.first ?? ""
          guard names.contains(name) else {
            out.add(
              "unknown-suppression", line: comment.line, column: comment.column,
              message:
                "'\(name)' is no rule or concern; use a rule id such as 'buzzword' or a concern such as 'language'"
            )
            continue
          }
          guard parts.count == 2, !parts[1].isEmpty else {
            out.add(
              "suppression-without-reason", line: comment.line, column: comment.column,
              message:
                "say why '\(name)' is silenced: <!-- valprop-ignore \(name): <reason> -->; without a reason it silences nothing"
            )
            continue
          }
          result.append(Suppression(name: name, lines: range))
        }
      }
      return result
    }
  }
}
