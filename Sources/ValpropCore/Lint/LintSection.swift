import Foundation

/// A section's text prepared for lint rules: its lines with file line numbers, HTML
/// comments blanked out (so rules never read hints or suppressions, and columns stay
/// true), and the comments themselves.
struct LintSection: Equatable {
  /// One line of wording.
  struct Line: Equatable {
    /// The file line.
    let number: Int
    /// The text with comments replaced by spaces.
    let text: String
  }

  /// One HTML comment.
  struct Comment: Equatable {
    /// The file line where it starts.
    let line: Int
    /// Its column, from 1.
    let column: Int
    /// The text between `<!--` and `-->`, trimmed.
    let body: String
    /// Whether it is the only thing on its line(s).
    let standsAlone: Bool
    /// The file line where it ends.
    let endLine: Int
  }

  /// The heading ("" for the text before the first section).
  let heading: String
  /// The heading's line (the first body line for the preamble).
  let line: Int
  /// The lines after the heading.
  let lines: [Line]
  /// The HTML comments.
  let comments: [Comment]
  /// Whether the section holds no wording.
  let isEmpty: Bool
  /// What the rules' loops added for this section before, when a memo prepared it (shared
  /// by the section's moved copies); nil otherwise. Not part of the section's equality.
  private(set) var replay: LintSectionReplay?

  static func == (left: LintSection, right: LintSection) -> Bool {
    left.heading == right.heading && left.line == right.line && left.lines == right.lines
      && left.comments == right.comments && left.isEmpty == right.isEmpty && left.sentences == right.sentences
      && left.wordingLines == right.wordingLines && left.items == right.items
  }

  /// The same section, keeping what the rules add for it in `replay`.
  func replaying(into replay: LintSectionReplay) -> LintSection {
    var section = self
    section.replay = replay
    return section
  }

  init(heading: String, line: Int, firstContentLine: Int, rawLines: [String]) {
    self.heading = heading
    self.line = line
    var lines: [Line] = []
    var comments: [Comment] = []
    var open: (line: Int, column: Int, body: String, alone: Bool)?
    var fence: String?
    for (offset, raw) in rawLines.enumerated() {
      let number = firstContentLine + offset
      // Fenced code blocks are never wording: the fences and everything between them.
      let trimmedRaw = raw.lintTrimmed
      if let marker = fence {
        if trimmedRaw.hasPrefix(marker) { fence = nil }
        lines.append(Line(number: number, text: LintSection.blank(raw)))
        continue
      }
      if open == nil, trimmedRaw.hasPrefix("```") || trimmedRaw.hasPrefix("~~~") {
        fence = String(trimmedRaw.prefix(3))
        lines.append(Line(number: number, text: LintSection.blank(raw)))
        continue
      }
      // Inline code first: a comment written inside code ("`<!-- valprop-ignore … -->`") is
      // code, not a comment.
      if LintEngine.isFast, open == nil, !raw.lintHoldsCommentOpening {
        // No comment open and no "<!--" to open one: the scan below would change nothing.
        // (Masking inline code blanks characters in place, so it opens no comment; and
        // "<", "!", "-", "-" as consecutive Characters are those bytes.) Scanning every line
        // with a "<" by Character was a twentieth of a cold `log` on dotnet/csharplang (100 M
        // of 1.85 G instructions), whose proposals write generic types on most lines
        // (docs/performance.md, session 29).
        lines.append(Line(number: number, text: LintSection.masked(raw)))
        continue
      }
      var characters = Array(
        open == nil && LintSection.holdsBacktick(raw) ? LintSection.maskingInlineCode(raw) : raw)
      var index = 0
      var startedAlone = raw.lintTrimmed.hasPrefix("<!--")
      while index < characters.count {
        if var comment = open {
          if index + 2 < characters.count, characters[index] == "-", characters[index + 1] == "-",
            characters[index + 2] == ">"
          {
            for blank in index..<(index + 3) { characters[blank] = " " }
            index += 3
            let rest = String(characters[index...]).lintTrimmed
            comments.append(
              Comment(
                line: comment.line, column: comment.column,
                body: comment.body.trimmingCharacters(in: .whitespacesAndNewlines),
                standsAlone: comment.alone && rest.isEmpty, endLine: number))
            open = nil
            continue
          }
          comment.body.append(characters[index])
          open = comment
          characters[index] = " "
          index += 1
        } else if characters[index] == "<", index + 3 < characters.count, characters[index + 1] == "!",
          characters[index + 2] == "-", characters[index + 3] == "-"
        {
          open = (number, index + 1, "", startedAlone)
          startedAlone = false
          for blank in index..<(index + 4) { characters[blank] = " " }
          index += 4
        } else {
          index += 1
        }
      }
      if open != nil { open?.body.append("\n") }
      lines.append(Line(number: number, text: LintSection.maskingCode(String(characters))))
    }
    self.lines = lines
    self.comments = comments
    sentences = LintSection.sentences(of: lines)
    let wordingLines = LintSection.wordingLines(of: lines)
    self.wordingLines = wordingLines
    items = LintSection.items(of: wordingLines)
    isEmpty = wordingLines.isEmpty
  }

  /// The same section moved `delta` lines down (up when negative): what `init` makes of the
  /// same lines starting `delta` lines later, since nothing in it depends on where the
  /// lines are but the numbers it records.
  func shifted(by delta: Int) -> LintSection {
    guard delta != 0 else { return self }
    func move(_ lines: [Line]) -> [Line] { lines.map { Line(number: $0.number + delta, text: $0.text) } }
    return LintSection(
      heading: heading, line: line + delta, lines: move(lines),
      comments: comments.map {
        Comment(
          line: $0.line + delta, column: $0.column, body: $0.body, standsAlone: $0.standsAlone,
          endLine: $0.endLine + delta)
      },
      isEmpty: isEmpty,
      sentences: sentences.map { Sentence(line: $0.line + delta, column: $0.column, text: $0.text) },
      wordingLines: move(wordingLines), items: move(items), replay: replay)
  }

  private init(
    heading: String, line: Int, lines: [Line], comments: [Comment], isEmpty: Bool, sentences: [Sentence],
    wordingLines: [Line], items: [Line], replay: LintSectionReplay?
  ) {
    self.replay = replay
    self.heading = heading
    self.line = line
    self.lines = lines
    self.comments = comments
    self.isEmpty = isEmpty
    self.sentences = sentences
    self.wordingLines = wordingLines
    self.items = items
  }

  /// What is never wording, each replaced by spaces so that columns stay true: inline code
  /// spans, link targets, link reference definitions, URLs and issue references (`#12`,
  /// `owner/repo#12`, `PROJ-12`); a rank such as "the #1 choice" stays.
  /// Each compiled when a line first needs it (a trigger found): compiling all eight was a
  /// third of a fresh process's cost of reading the word lists and patterns.
  static let codePatterns: [(trigger: String, expression: LintPattern.LazyExpression)] = [
    ("`", #"(`+)[^`]*?\1"#), ("](", #"\]\([^)]*\)"#), ("]:", #"^\s*\[[^\]]+\]:\s*\S.*$"#),
    ("://", #"<[a-z]+://[^>]*>"#), ("://", #"\b(?:https?|ftp)://[^\s)>\]]+"#),
    ("www.", #"\bwww\.[^\s)>\]]+"#),
    (
      "#\u{0}",
      #"(?<![Tt]he )(?<![Oo]ur )(?<![Rr]anked )(?<![Rr]ated )(?<![Vv]oted )(?<![\w&])(?:[\w.-]+/[\w.-]+)?#\d+\b"#
    ),
    ("A-\u{0}", #"\b[A-Z]{2,}[A-Z0-9]*-\d+\b"#),
  ].map { trigger, pattern in
    (trigger, LintPattern.LazyExpression { try! NSRegularExpression(pattern: pattern) })
  }

  /// Whether a line may hold what a code pattern matches. A trigger is a substring, or ends
  /// in NUL for a quick byte test: "#" then a digit, or a capital, "-" and a digit.
  static func triggers(_ trigger: String, in text: String) -> Bool {
    guard trigger.hasSuffix("\u{0}") else { return text.contains(trigger) }
    let bytes = Array(text.utf8)
    func digit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    for index in bytes.indices.dropLast() {
      if trigger.hasPrefix("#"), bytes[index] == 0x23, digit(bytes[index + 1]) { return true }
      if trigger.hasPrefix("A-"), bytes[index] == 0x2D, index > 0, bytes[index - 1] >= 0x30,
        bytes[index - 1] <= 0x5A, digit(bytes[index + 1])
      {
        return true
      }
    }
    return false
  }

  /// A line with its inline code spans blanked.
  static func maskingInlineCode(_ text: String) -> String {
    if LintEngine.isFast, var bytes = LintSection.plainBytes(text) {
      for span in inlineCodeSpans(bytes) {
        for index in span { bytes[index] = 0x20 }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    var characters = Array(text)
    let regex = codePatterns[0].expression.regex
    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      guard let range = Range(match.range, in: text) else { continue }
      let start = text.distance(from: text.startIndex, to: range.lowerBound)
      for index in start..<(start + text[range].count) { characters[index] = " " }
    }
    return String(characters)
  }

  /// The spans the inline code pattern, `(`+)[^`]*?\1`, matches in a plain line, found as
  /// the regex finds them: at each place from the left, a run of backticks opens, and the
  /// next backtick must start a run at least as long; failing that, the regex gives the
  /// opening back one backtick at a time, and a shorter opening is closed at once by the
  /// backticks after it when they are at least as many. The search goes on after a match.
  static func inlineCodeSpans(_ bytes: [UInt8]) -> [Range<Int>] {
    precondition(codePatterns[0].trigger == "`", "the first code pattern is the inline code")
    var spans: [Range<Int>] = []
    let count = bytes.count
    var start = 0
    while start < count {
      guard bytes[start] == 0x60 else {
        start += 1
        continue
      }
      var run = start
      while run < count, bytes[run] == 0x60 { run += 1 }
      let length = run - start
      var next = run
      while next < count, bytes[next] != 0x60 { next += 1 }
      var end: Int?
      if next + length <= count, bytes[next..<(next + length)].allSatisfy({ $0 == 0x60 }) {
        end = next + length
      } else if length >= 2 {
        // The longest shorter opening the rest of the run closes.
        end = start + 2 * (length / 2)
      }
      if let end {
        spans.append(start..<end)
        start = end
      } else {
        start += 1
      }
    }
    return spans
  }

  /// A line of code, blanked: a space for each of its characters. Counted on the bytes of a
  /// plain line on the fast path, and written at once without a lookup in the thread's
  /// `LintMatchMemo`: `String(repeating:count:)` appends its spaces one by one (9,000
  /// instructions for a line of code), and looking the line up cost more than writing it
  /// (blanking the 42,000 lines of code a cold `log` of swift-evolution's most revised
  /// proposal relints went from 84.7 M instructions to 26 M, docs/performance.md, session
  /// 29). Another line's count of characters is kept by the memo when one is installed.
  static func blank(_ raw: String) -> String {
    guard LintEngine.isFast else { return String(repeating: " ", count: raw.count) }
    if isPlain(raw) { return spaces(raw.utf8.count) }
    guard let memo = LintMatchMemo.current else { return spaces(raw.count) }
    return memo.text(.blank, of: raw) { spaces(raw.count) }
  }

  /// `count` spaces, written at once.
  static func spaces(_ count: Int) -> String {
    String(unsafeUninitializedCapacity: count) { bytes in
      bytes.initialize(repeating: 0x20)
      return count
    }
  }

  /// A line read with no comment open and no "<!--" in it: its inline code and what is never
  /// wording blanked. Taken from the thread's `LintMatchMemo` when one is installed: the
  /// section a revision changes keeps most of its lines, and blanking lines that are not
  /// ASCII (an RFC's typographic quotes) by `Character` was a seventh of a cold `log`
  /// (docs/performance.md, session 20).
  static func masked(_ raw: String) -> String {
    func mask() -> String { maskingCode(holdsBacktick(raw) ? maskingInlineCode(raw) : raw) }
    guard let memo = LintMatchMemo.current else { return mask() }
    return memo.text(.masked, of: raw, make: mask)
  }

  /// A line with its code, link targets and references blanked.
  static func maskingCode(_ text: String) -> String {
    if LintEngine.isFast, let bytes = LintSection.plainBytes(text) {
      return maskingCode(ascii: bytes).map { String(decoding: $0, as: UTF8.self) } ?? text
    }
    var characters: [Character]?
    for pattern in codePatterns where LintSection.triggers(pattern.trigger, in: text) {
      let current = characters.map { String($0) } ?? text
      var changed = Array(current)
      for match in pattern.expression.regex.matches(
        in: current, range: NSRange(current.startIndex..., in: current))
      {
        guard let range = Range(match.range, in: current) else { continue }
        var start = current.distance(from: current.startIndex, to: range.lowerBound)
        let end = current.distance(from: current.startIndex, to: range.upperBound)
        // A link keeps its text and closing bracket; only the target goes.
        if changed[start] == "]" { start += 1 }
        for index in start..<end { changed[index] = " " }
      }
      characters = changed
    }
    return characters.map { String($0) } ?? text
  }

  /// Whether a line holds "`": a byte test of ASCII lines on the fast path.
  static func holdsBacktick(_ text: String) -> Bool {
    if LintEngine.isFast, LintSection.isPlain(text) {
      return text.lintContains(0x60)
    }
    return text.contains("`")
  }

  /// Whether a line is ASCII without carriage returns (see `plainBytes`), without copying it.
  static func isPlain(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return true }
      return LintPrefilter.isASCII(bytes) && memchr(base, 0x0D, bytes.count) == nil
    }
  }

  /// The bytes of a line that is ASCII without carriage returns, where every byte is one
  /// `Character` and one UTF-16 unit, so that offsets in bytes are columns; nil otherwise.
  static func plainBytes(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { bytes in
      bytes.contains { $0 >= 0x80 || $0 == 0x0D } ? nil : Array(bytes)
    }
  }

  /// `maskingCode` on the bytes of a plain line (see `plainBytes`): nil when nothing changed.
  static func maskingCode(ascii bytes: [UInt8]) -> [UInt8]? {
    // Blanking never makes a trigger: a trigger absent from the line is absent after the
    // patterns before it ran, so one pass over the line rules most patterns out.
    let present = presentTriggers(bytes)
    guard present != 0 else { return nil }
    var changed: [UInt8]?
    for (index, pattern) in codePatterns.enumerated()
    where present & triggerBits[index] != 0
      && LintSection.triggers(pattern.trigger, inPlain: changed ?? bytes)
    {
      var current = changed ?? bytes
      // The inline code pattern without its regex (see `inlineCodeSpans`), the others on the
      // bytes where `CodePatternBytes` reads the line.
      let spans =
        index == 0
        ? inlineCodeSpans(current)
        : CodePatternBytes.spans(index, in: current) ?? regexSpans(index, in: current)
      for span in spans {
        var start = span.lowerBound
        let end = span.upperBound
        // A link keeps its text and closing bracket; only the target goes.
        if current[start] == 0x5D { start += 1 }
        for blank in start..<end { current[blank] = 0x20 }
      }
      changed = current
    }
    return changed
  }

  /// The spans code pattern `index` matches in a plain line, found by its regular
  /// expression: what `CodePatternBytes` is held to.
  static func regexSpans(_ index: Int, in bytes: [UInt8]) -> [Range<Int>] {
    codePatterns[index].expression.regex.matches(
      in: String(decoding: bytes, as: UTF8.self), range: NSRange(location: 0, length: bytes.count)
    ).map { $0.range.location..<($0.range.location + $0.range.length) }
  }

  /// For each code pattern, its trigger's bit in `presentTriggers`.
  static let triggerBits: [UInt8] = codePatterns.map { pattern in
    let known = ["`", "](", "]:", "://", "www.", "#\u{0}", "A-\u{0}"]
    guard let bit = known.firstIndex(of: pattern.trigger) else {
      preconditionFailure("a code pattern's trigger has no bit")
    }
    return 1 << UInt8(bit)
  }

  /// The triggers a plain line holds, one bit each as `triggerBits` numbers them, in one pass
  /// (`triggers(_:inPlain:)` tests one trigger a pass).
  static func presentTriggers(_ bytes: [UInt8]) -> UInt8 {
    func digit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    var present: UInt8 = 0
    let count = bytes.count
    for index in 0..<count {
      let next = index + 1 < count ? bytes[index + 1] : 0
      switch bytes[index] {
      case 0x60: present |= 1
      case 0x5D:
        if next == 0x28 { present |= 2 }
        if next == 0x3A { present |= 4 }
      case 0x3A:
        if next == 0x2F, index + 2 < count, bytes[index + 2] == 0x2F { present |= 8 }
      case 0x77:
        if index + 3 < count, next == 0x77, bytes[index + 2] == 0x77, bytes[index + 3] == 0x2E {
          present |= 16
        }
      case 0x23:
        if digit(next) { present |= 32 }
      case 0x2D:
        if index > 0, bytes[index - 1] >= 0x30, bytes[index - 1] <= 0x5A, digit(next) { present |= 64 }
      default: break
      }
    }
    return present
  }

  /// `triggers` on the bytes of a plain line.
  static func triggers(_ trigger: String, inPlain bytes: [UInt8]) -> Bool {
    let needle = Array(trigger.utf8)
    guard needle.last == 0 else {
      guard bytes.count >= needle.count else { return false }
      for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
        if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
      }
      return false
    }
    func digit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    for index in bytes.indices.dropLast() {
      if needle[0] == 0x23, bytes[index] == 0x23, digit(bytes[index + 1]) { return true }
      if needle[0] == 0x41, bytes[index] == 0x2D, index > 0, bytes[index - 1] >= 0x30,
        bytes[index - 1] <= 0x5A, digit(bytes[index + 1])
      {
        return true
      }
    }
    return false
  }

  /// One sentence of the section's prose, with where it starts in the file.
  struct Sentence: Equatable {
    let line: Int
    let column: Int
    let text: String
  }

  /// The sentences of the section's prose (table rows aside), read across wrapped lines:
  /// a paragraph ends at a blank line or a new list item.
  let sentences: [Sentence]

  static func sentences(of lines: [Line]) -> [Sentence] {
    var result: [Sentence] = []
    var paragraph: [Line] = []
    func flush() {
      defer { paragraph = [] }
      guard !paragraph.isEmpty else { return }
      result += LintSection.sentences(ofParagraph: paragraph)
    }
    var previous: Int?
    for line in lines {
      let trimmed = line.text.lintTrimmed
      if trimmed.isEmpty || trimmed == "-" || trimmed == "*" || LintSection.isTableSeparator(trimmed) {
        flush()
        previous = nil
        continue
      }
      // Each table row is a sentence of its own.
      if LintSection.isTableRow(trimmed) {
        flush()
        paragraph = [line]
        flush()
        previous = nil
        continue
      }
      if LintSection.isListItem(line.text) || previous.map({ $0 + 1 != line.number }) == true { flush() }
      paragraph.append(line)
      previous = line.number
    }
    flush()
    return result
  }

  /// The sentences of a paragraph (lines that follow each other), taken from the thread's
  /// `LintMatchMemo` when one is installed, as `masked` is: they depend only on the lines'
  /// texts, and their line numbers move with the paragraph.
  static func sentences(ofParagraph paragraph: [Line]) -> [Sentence] {
    guard let memo = LintMatchMemo.current, let first = paragraph.first?.number else {
      return paragraphSentences(paragraph)
    }
    let texts = paragraph.count == 1 ? paragraph[0].text : paragraph.map(\.text).joined(separator: "\n")
    let kept = memo.sentences(of: texts) {
      paragraphSentences(paragraph).map { Sentence(line: $0.line - first, column: $0.column, text: $0.text) }
    }
    return kept.map { Sentence(line: $0.line + first, column: $0.column, text: $0.text) }
  }

  /// The sentences of a paragraph, read across its lines.
  static func paragraphSentences(_ paragraph: [Line]) -> [Sentence] {
    if LintEngine.isFast, let plain = LintSection.plainSentences(of: paragraph) { return plain }
    var result: [Sentence] = []
    var text = ""
    var starts: [(offset: Int, line: Int)] = []
    for line in paragraph {
      if !text.isEmpty { text += " " }
      starts.append((text.count, line.number))
      text += line.text
    }
    let characters = Array(text)
    func place(_ offset: Int) -> (line: Int, column: Int) {
      let start = starts.last { $0.offset <= offset } ?? starts[0]
      return (start.line, offset - start.offset + 1)
    }
    var begin = 0
    var index = 0
    func emit(until end: Int) {
      let slice = String(characters[begin..<end])
      if let first = slice.firstIndex(where: { $0.isLetter || $0.isNumber }) {
        let (line, column) = place(begin + slice.distance(from: slice.startIndex, to: first))
        result.append(Sentence(line: line, column: column, text: slice))
      }
    }
    while index < characters.count {
      let character = characters[index]
      if ".!?".contains(character), index + 1 == characters.count || characters[index + 1].isWhitespace {
        var wordStart = index
        while wordStart > begin && !characters[wordStart - 1].isWhitespace { wordStart -= 1 }
        let word = String(characters[wordStart...index])
        let abbreviation = [
          "e.g.", "i.e.", "vs.", "etc.", "approx.", "inc.", "ltd.", "no.", "dr.", "mr.", "ms.", "st.",
          "cf.",
        ].contains(word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "(")))
        let initial = word.count == 2 && word.first?.isUppercase == true
        if character != "." || !(abbreviation || initial) {
          emit(until: index + 1)
          begin = index + 1
        }
      }
      index += 1
    }
    if begin < characters.count { emit(until: characters.count) }
    return result
  }

  /// The abbreviations a full stop does not end a sentence after.
  static let abbreviations: Set<String> = [
    "e.g.", "i.e.", "vs.", "etc.", "approx.", "inc.", "ltd.", "no.", "dr.", "mr.", "ms.", "st.", "cf.",
  ]

  /// The abbreviations as lower-cased bytes, for `isAbbreviation`.
  static let abbreviationBytes: Set<[UInt8]> = Set(abbreviations.map { Array($0.utf8) })

  /// Whether a plain word ending in "." is an abbreviation, as `sentences(of:)` reads one:
  /// lower-cased, without the "(" before it.
  static func isAbbreviation(_ word: ArraySlice<UInt8>) -> Bool {
    let start = word.firstIndex { $0 != 0x28 } ?? word.endIndex
    let length = word.endIndex - start
    guard length >= 3, length <= 7 else { return false }
    return abbreviationBytes.contains(word[start...].map(LintPrefilter.lower))
  }

  /// The sentences of a paragraph of plain lines (see `plainBytes`), cut as `sentences(of:)`
  /// cuts them, on bytes; nil when a line is not plain.
  static func plainSentences(of paragraph: [Line]) -> [Sentence]? {
    var bytes: [UInt8] = []
    var starts: [(offset: Int, line: Int)] = []
    for line in paragraph {
      guard let plain = plainBytes(line.text) else { return nil }
      if !bytes.isEmpty { bytes.append(0x20) }
      starts.append((bytes.count, line.number))
      bytes += plain
    }
    func space(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    func wordy(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    var result: [Sentence] = []
    func emit(_ begin: Int, _ end: Int) {
      guard let first = bytes[begin..<end].firstIndex(where: wordy) else { return }
      let start = starts.last { $0.offset <= first } ?? starts[0]
      result.append(
        Sentence(
          line: start.line, column: first - start.offset + 1,
          text: String(decoding: bytes[begin..<end], as: UTF8.self)))
    }
    var begin = 0
    for index in bytes.indices {
      let byte = bytes[index]
      guard byte == 0x2E || byte == 0x21 || byte == 0x3F, index + 1 == bytes.count || space(bytes[index + 1])
      else { continue }
      var wordStart = index
      while wordStart > begin && !space(bytes[wordStart - 1]) { wordStart -= 1 }
      let initial = index - wordStart + 1 == 2 && bytes[wordStart] >= 0x41 && bytes[wordStart] <= 0x5A
      if byte != 0x2E || !(initial || isAbbreviation(bytes[wordStart...index])) {
        emit(begin, index + 1)
        begin = index + 1
      }
    }
    if begin < bytes.count { emit(begin, bytes.count) }
    return result
  }

  /// The wording as one text, lines joined by spaces.
  var wording: String {
    lines.map(\.text).joined(separator: " ")
  }

  /// The lines that hold wording (not blank, not a bare bullet), worked out once: rules
  /// read them many times.
  let wordingLines: [Line]

  static func wordingLines(of lines: [Line]) -> [Line] {
    lines.filter { line in
      let trimmed = line.text.lintTrimmed
      return !trimmed.isEmpty && trimmed != "-" && trimmed != "*" && trimmed != "+"
    }
  }

  /// The items of the section: each list item, or each paragraph line when there is no
  /// list; worked out once.
  let items: [Line]

  static func items(of wordingLines: [Line]) -> [Line] {
    let bullets = wordingLines.filter { LintSection.isListItem($0.text) }
    if !bullets.isEmpty { return bullets }
    // A table's body rows are its items; its header and `|---|` rows are none.
    var result: [Line] = []
    let wording = wordingLines
    for (index, line) in wording.enumerated() {
      if LintSection.isTableRow(line.text) {
        if LintSection.isTableSeparator(line.text) { continue }
        if index + 1 < wording.count, LintSection.isTableSeparator(wording[index + 1].text) { continue }
      }
      result.append(line)
    }
    return result
  }

  static func isTableRow(_ text: String) -> Bool {
    text.lintTrimmed.hasPrefix("|")
  }

  static func isTableSeparator(_ text: String) -> Bool {
    let trimmed = text.lintTrimmed
    return trimmed.hasPrefix("|") && trimmed.contains("-")
      && trimmed.allSatisfy { "|-: \t".contains($0) }
  }

  /// `isListItem` on the bytes of a line of printable ASCII and tabs; nil for other lines.
  static func plainListItem(_ text: String) -> Bool? {
    var text = text
    return text.withUTF8 { bytes -> Bool? in
      func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
      guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 >= 0x7F }) else { return nil }
      var start = 0
      var end = bytes.count
      while start < end, blank(bytes[start]) { start += 1 }
      while end > start, blank(bytes[end - 1]) { end -= 1 }
      guard start < end else { return false }
      if bytes[start] == 0x2D || bytes[start] == 0x2A || bytes[start] == 0x2B {
        return end - start >= 2 && bytes[start + 1] == 0x20
      }
      // "3. " or "3) ".
      var index = start
      while index < end, LintPrefilter.isDigit(bytes[index]) { index += 1 }
      guard index > start, index + 1 < end, bytes[index] == 0x2E || bytes[index] == 0x29 else { return false }
      return blank(bytes[index + 1])
    }
  }

  static func isListItem(_ text: String) -> Bool {
    if LintEngine.isFast, let plain = plainListItem(text) { return plain }
    let trimmed = text.lintTrimmed
    if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") { return true }
    // "3. " or "3) ".
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return false }
    let rest = trimmed.dropFirst(digits.count)
    return (rest.hasPrefix(".") || rest.hasPrefix(")")) && rest.dropFirst().first?.isWhitespace == true
  }
}

extension String {
  /// Whether the text holds "<!--", found on its bytes.
  var lintHoldsCommentOpening: Bool {
    var text = self
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      var offset = 0
      while offset + 4 <= bytes.count, let found = memchr(base + offset, 0x3C, bytes.count - offset - 3) {
        let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        if bytes[at + 1] == 0x21 && bytes[at + 2] == 0x2D && bytes[at + 3] == 0x2D { return true }
        offset = at + 1
      }
      return false
    }
  }

  /// Whether the text's UTF-8 holds a byte: `utf8.contains` with `memchr`.
  func lintContains(_ byte: UInt8) -> Bool {
    var text = self
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      return memchr(base, Int32(byte), bytes.count) != nil
    }
  }

  /// `trimmedSpaces` for lint, as `Substring.lintTrimmed` trims it; a text with nothing to
  /// trim (ASCII at both ends, neither a space nor a tab) is returned without a copy. Read
  /// on the contiguous bytes: through a Substring's indices, the lines of code blocks, which
  /// lint reads as spaces, cost a tenth of linting a long proposal's revisions
  /// (docs/performance.md, session 26).
  var lintTrimmed: String {
    guard LintEngine.isFast else { return self[...].lintTrimmed }
    var text = self
    // nil: trimmed by Characters; .some(nil): nothing to trim.
    let trimmed: String?? = text.withUTF8 { bytes in
      func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
      var start = 0
      var end = bytes.count
      while start < end, blank(bytes[start]) { start += 1 }
      if start == end { return .some("") }
      while blank(bytes[end - 1]) { end -= 1 }
      guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
      if start == 0, end == bytes.count { return .some(nil) }
      return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }
    switch trimmed {
    case .some(.some(let cut)): return cut
    case .some(.none): return self
    case .none: return trimmedSpaces
    }
  }
}

extension Substring {
  /// `trimmedSpaces` for lint. On the fast path it trims bytes when the text kept starts
  /// and ends with an ASCII byte: a space or tab then stands alone as a `Character` (only a
  /// non-ASCII scalar, a combining mark after a space or a prepended mark before one, joins
  /// it), so trimming bytes trims the same `Character`s.
  var lintTrimmed: String {
    guard LintEngine.isFast else { return trimmedSpaces }
    let bytes = utf8
    guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
      let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
    else { return "" }
    guard bytes[first] < 0x80, bytes[last] < 0x80 else { return trimmedSpaces }
    return String(self[first..<bytes.index(after: last)])
  }
}
