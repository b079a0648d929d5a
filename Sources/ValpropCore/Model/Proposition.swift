import Foundation

/// One `## ` section of a proposition's body.
public struct Section: Sendable, Equatable {
  /// The heading text, without the `## ` and without closing `#`s.
  public let heading: String
  /// The file line of the heading.
  public let line: Int
  /// The lines below the heading up to the next `## ` heading, as one text with their
  /// original line endings: the section's wording.
  public let text: String

  /// The same lines, line endings removed, cut from `text` when asked: a diff reads only the
  /// text, and a String for every line was a third of parsing a long document
  /// (docs/performance.md, session 23).
  public var lines: [String] { text.isEmpty ? [] : SourceText.lines(text) }

  /// Creates a section; `text` defaults to the lines joined with `\n` line endings, and
  /// must be those lines with their endings when given.
  public init(heading: String, line: Int, lines: [String], text: String? = nil) {
    self.init(heading: heading, line: line, text: text ?? lines.map { $0 + "\n" }.joined())
    precondition(self.lines == lines, "a section's lines are its text's")
  }

  /// Creates a section from its text.
  init(heading: String, line: Int, text: String) {
    self.heading = heading
    self.line = line
    self.text = text
  }

  /// Whether the section holds no wording: only blank lines, HTML comments (template hints)
  /// and empty list bullets — as lint judges it.
  public var isEmpty: Bool {
    LintSection(heading: heading, line: line, firstContentLine: line + 1, rawLines: lines).isEmpty
  }
}

/// A proposition file, parsed: its id, its front matter and its sections. The text is kept
/// as read, so nothing is lost and commands that edit a file change only the bytes they must.
public struct Proposition: Sendable {
  /// The file name without `.md`.
  public let id: String
  /// The path relative to the workspace root, with `/` separators.
  public let path: String
  /// The whole text, decoded from UTF-8 (a leading byte-order mark removed).
  public let text: String
  /// Whether the file starts with a `---` front-matter block.
  public let hasFrontMatter: Bool
  /// The front matter; empty when the file has none.
  public let frontMatter: FrontMatter
  /// Where the body starts in the text's UTF-8 bytes; nil when the body was not read
  /// (`frontMatterOnly`).
  private let bodyOffset: Int?
  /// The lines after the front matter (all lines without one), line endings removed: cut
  /// from the text when asked, as `Section.lines` is.
  public var bodyLines: [String] {
    // No body line past the text's end, except an empty text's one empty line.
    guard let bodyOffset, bodyOffset < text.utf8.count || text.isEmpty else { return [] }
    let utf8 = text.utf8
    return SourceText.lines(String(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: bodyOffset)...])))
  }
  /// The file line of the first body line.
  public let bodyFirstLine: Int
  /// The first `# ` heading of the body, when there is one.
  public let heading: (text: String, line: Int)?
  /// The `## ` sections, in file order.
  public let sections: [Section]
  /// The body before the first `## ` heading (the `# ` title heading and any introduction),
  /// with its original line endings.
  public let preamble: String

  /// The title: front matter `title:`, else the first `# ` heading, else the id.
  public var title: String { frontMatter.title ?? heading?.text ?? id }
  /// The status; `active` when the file does not say.
  public var status: PropositionStatus { frontMatter.status ?? .active }
  /// The framework; `core` when the file does not say.
  public var framework: Framework { frontMatter.framework ?? .core }

  /// Parses a proposition from the bytes of its file. Throws `ValpropError.invalidProposition`
  /// naming the file and line for bytes that are not text, and for bad front matter.
  /// `adoption` maps the team's own front-matter keys and status values to valprop's.
  public init(id: String, path: String, data: Data, adoption: Adoption = .none) throws {
    let text = try SourceText.decode(data, path: path)
    try self.init(id: id, path: path, text: text, adoption: adoption)
  }

  /// Parses only what links between propositions need (`superseded-by:`, `supersedes:`,
  /// `tracks:`): the front matter, without the outline of the body (`heading`, `sections`,
  /// `preamble` and `bodyLines` are empty; the body is not even split into lines). Throws as `init(id:path:data:adoption:)` does, since the
  /// outline never throws. `lint` reads the files it does not lint this way.
  public static func frontMatterOnly(id: String, path: String, data: Data, adoption: Adoption = .none) throws
    -> Proposition
  {
    try Proposition(
      id: id, path: path, text: SourceText.decode(data, path: path), adoption: adoption, outline: false)
  }

  /// Parses a proposition from its text.
  public init(id: String, path: String, text: String, adoption: Adoption = .none) throws {
    try self.init(id: id, path: path, text: text, adoption: adoption, outline: true)
  }

  private init(id: String, path: String, text: String, adoption: Adoption, outline: Bool) throws {
    self.id = id
    self.path = path
    self.text = text
    guard outline else {
      // Only the lines up to the end of the front matter are needed.
      let lines = Proposition.frontMatterLines(text)
      let close = try Proposition.frontMatterEnd(lines: lines.count, path: path) { lines[$0].trimmedSpaces }
      hasFrontMatter = close != nil
      frontMatter =
        try close.map {
          try FrontMatter(
            yaml: lines[1..<$0].joined(separator: "\n"), path: path, firstLine: 2, adoption: adoption)
        } ?? FrontMatter()
      bodyOffset = nil
      bodyFirstLine = (close ?? -1) + 2
      heading = nil
      sections = []
      preamble = ""
      return
    }
    // The lines are byte ranges: only front-matter lines and those that may be headings or
    // fences become Strings. A section's text and the preamble are runs of whole lines, each
    // cut from the text's bytes at once (a fifth of parsing a long document).
    var bytesOf = text
    let parsed = try bytesOf.withUTF8 { bytes in
      let (lines, starts) = SourceText.lineLayout(bytes)
      func string(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[lines[index]]), as: UTF8.self)
      }
      let close = try Proposition.frontMatterEnd(lines, in: bytes, path: path)
      let frontMatter =
        try close.map {
          try FrontMatter(
            yaml: (1..<$0).map(string).joined(separator: "\n"), path: path, firstLine: 2, adoption: adoption)
        } ?? FrontMatter()
      let bodyStart = close.map { $0 + 1 } ?? 0
      // The text of body lines `range`, with their line endings, up to the text's end.
      func raw(_ range: Range<Int>) -> String {
        let lower = min(bodyStart + range.lowerBound, starts.count)
        let upper = min(bodyStart + range.upperBound, starts.count)
        guard lower < upper else { return "" }
        let end = upper < starts.count ? starts[upper] : bytes.count
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[starts[lower]..<end]), as: UTF8.self)
      }
      // Only an empty text has a line past its lines with endings, and it has no section:
      // a section's lines all have their text here.
      let (heading, sections, preambleCount) = Proposition.outline(
        count: max(0, lines.count - bodyStart), firstLine: bodyStart + 1,
        lead: { Proposition.leadByte(bytes[lines[bodyStart + $0]]) },
        line: { string(bodyStart + $0) },
        rawText: { range in
          assert(bodyStart + range.upperBound <= starts.count, "a section's lines have their text")
          return raw(range)
        })
      let bodyOffset = bodyStart < lines.count ? lines[bodyStart].lowerBound : bytes.count
      return (
        hasFrontMatter: close != nil, frontMatter: frontMatter, bodyFirstLine: bodyStart + 1,
        bodyOffset: bodyOffset, heading: heading, sections: sections, preamble: raw(0..<preambleCount)
      )
    }
    hasFrontMatter = parsed.hasFrontMatter
    frontMatter = parsed.frontMatter
    bodyFirstLine = parsed.bodyFirstLine
    bodyOffset = parsed.bodyOffset
    heading = parsed.heading
    sections = parsed.sections
    preamble = parsed.preamble
  }

  /// The first lines of a text, as `SourceText.lines` splits it, through the line that
  /// closes the front matter: the first line alone when it opens none, every line when
  /// none closes it (`frontMatterEnd` then throws, as on the whole text).
  static func frontMatterLines(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      var lines: [String] = []
      for range in SourceText.lineRanges(bytes) {
        lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        let marker = lines[lines.count - 1].trimmedSpaces
        if lines.count == 1 ? marker != "---" : marker == "---" || marker == "..." { return lines }
      }
      return SourceText.lines(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// The index of the line that closes the front matter (`---`, or `...`), nil when the
  /// first line does not open one; throws when it is never closed. `trimmed` gives a line
  /// without its surrounding spaces and tabs, or nil for a line that cannot be a marker.
  static func frontMatterEnd(lines count: Int, path: String, trimmed: (Int) -> String?) throws -> Int? {
    guard count > 0, trimmed(0) == "---" else { return nil }
    for index in 1..<count {
      if let line = trimmed(index), line == "---" || line == "..." { return index }
    }
    throw ValpropError.invalidProposition(
      SourceLocation(path: path, line: 1),
      problem: "the front matter opened on line 1 is never closed",
      hint: "add a line with '---' after the last front-matter key")
  }

  /// `frontMatterEnd` on the lines of UTF-8 bytes (ranges from `SourceText.lineRanges`):
  /// only a line whose first byte past spaces and tabs is `-` or `.` can be a marker, so
  /// only those become text.
  static func frontMatterEnd(_ lines: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>, path: String) throws
    -> Int?
  {
    try frontMatterEnd(lines: lines.count, path: path) { index in
      let lead = leadByte(bytes[lines[index]])
      guard lead == 0x2D || lead == 0x2E else { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[lines[index]]), as: UTF8.self).trimmedSpaces
    }
  }

  /// Finds the `# ` title heading and the `## ` sections, skipping fenced code blocks;
  /// `raw` holds the lines with their line endings (a line past its end ends with `\n`).
  static func outline(_ lines: [String], raw: [String], firstLine: Int, skippingBodyLines: Bool = true) -> (
    (text: String, line: Int)?, [Section], preambleLines: Int
  ) {
    outline(lines, firstLine: firstLine, skippingBodyLines: skippingBodyLines) { range in
      range.map { $0 < raw.count ? raw[$0] : lines[$0] + "\n" }.joined()
    }
  }

  /// Finds the `# ` title heading and the `## ` sections, skipping fenced code blocks;
  /// `rawText` gives the text of a run of lines with their line endings, a section's text.
  /// Only a line whose first byte after blanks is `#`, `` ` `` or `~` can be a heading or a
  /// fence (open or close): the rest are body lines, told by their bytes.
  /// `skippingBodyLines: false` looks at every line as a String, as `outline` was written
  /// first: the reference the tests hold the fast path to.
  static func outline(
    _ lines: [String], firstLine: Int, skippingBodyLines: Bool = true, rawText: (Range<Int>) -> String
  ) -> ((text: String, line: Int)?, [Section], preambleLines: Int) {
    outline(
      count: lines.count, firstLine: firstLine, skippingBodyLines: skippingBodyLines,
      lead: { Proposition.leadByte(lines[$0].utf8) }, line: { lines[$0] }, rawText: rawText)
  }

  /// `outline` of `count` lines that `line` gives as text and `lead` by their first byte
  /// after blanks (nil for a line of blanks): only lines led by `#`, `` ` `` or `~` are
  /// asked for as text, unless `skippingBodyLines` is false.
  static func outline(
    count: Int, firstLine: Int, skippingBodyLines: Bool = true, lead: (Int) -> UInt8?, line: (Int) -> String,
    rawText: (Range<Int>) -> String
  ) -> ((text: String, line: Int)?, [Section], preambleLines: Int) {
    var heading: (text: String, line: Int)?
    var sections: [Section] = []
    // The open section: its heading, the heading's file line, and the offset of its first line.
    var current: (heading: String, line: Int, start: Int)?
    func close(before end: Int) {
      guard let done = current else { return }
      sections.append(Section(heading: done.heading, line: done.line, text: rawText(done.start..<end)))
    }
    var fence = CodeFence()
    var preambleLines = count
    for offset in 0..<count {
      let fileLine = firstLine + offset
      let lead = skippingBodyLines ? lead(offset) : nil
      guard !skippingBodyLines || lead == 0x23 || lead == 0x60 || lead == 0x7E else { continue }
      let line = line(offset)
      // A line led by `#` cannot open or close a fence: it is code exactly when a block is
      // open, and it is not trimmed Character by Character to say so.
      if !(lead == 0x23 ? fence.isOpen : fence.isCode(line.trimmedSpaces)) {
        if let text = atxHeading(line, level: 2) {
          if current == nil { preambleLines = offset }
          close(before: offset)
          current = (text, fileLine, offset + 1)
        } else if heading == nil, current == nil, let text = atxHeading(line, level: 1) {
          heading = (text, fileLine)
        }
      }
    }
    close(before: count)
    return (heading, sections, preambleLines)
  }

  /// A line's first byte after spaces and tabs; nil for a line of blanks. Every heading and
  /// fence line is led by `#`, `` ` `` or `~`.
  static func leadByte(_ line: some Sequence<UInt8>) -> UInt8? {
    line.first { $0 != 0x20 && $0 != 0x09 }
  }

  /// The text of an ATX heading of exactly `level` (`## Problem ##` gives "Problem"); nil
  /// when the line is no such heading. Up to three spaces of indentation are allowed.
  static func atxHeading(_ line: String, level: Int) -> String? {
    // A line of ASCII without carriage returns is one Character per byte: judged on its
    // bytes (a heading's Character walk cost about 6,000 instructions). Any other line takes
    // the Character path, which `atxHeadingByCharacter` keeps and the tests compare with.
    let decided = line.utf8.withContiguousStorageIfAvailable { bytes -> String?? in
      guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return .none }
      return .some(atxHeading(ascii: bytes, level: level))
    }
    if let decided, let answer = decided { return answer }
    return atxHeadingByCharacter(line, level: level)
  }

  /// `atxHeading` of a line of ASCII bytes without carriage returns.
  static func atxHeading(ascii bytes: UnsafeBufferPointer<UInt8>, level: Int) -> String? {
    let space: UInt8 = 0x20
    let tab: UInt8 = 0x09
    let hash: UInt8 = 0x23
    var start = 0
    while start < bytes.count, bytes[start] == space { start += 1 }
    guard start <= 3 else { return nil }
    var end = start
    while end < bytes.count, bytes[end] == hash { end += 1 }
    guard end - start == level else { return nil }
    guard end == bytes.count || bytes[end] == space || bytes[end] == tab else { return nil }
    // The text, trimmed of spaces and tabs.
    var first = end
    var last = bytes.count
    while first < last, bytes[first] == space || bytes[first] == tab { first += 1 }
    while last > first, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
    // A closing sequence of #s preceded by a space (or alone) is not part of the heading.
    var kept = last
    while kept > first, bytes[kept - 1] == hash { kept -= 1 }
    if kept < last, kept == first || bytes[kept - 1] == space || bytes[kept - 1] == tab {
      last = kept
      while last > first, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)
  }

  /// `atxHeading` walked Character by Character: the path for every line, and the reference
  /// the byte path is tested against.
  static func atxHeadingByCharacter(_ line: String, level: Int) -> String? {
    let indent = line.prefix(while: { $0 == " " }).count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    let hashes = rest.prefix(while: { $0 == "#" }).count
    guard hashes == level else { return nil }
    let afterHashes = rest.dropFirst(hashes)
    guard afterHashes.isEmpty || afterHashes.first == " " || afterHashes.first == "\t" else {
      return nil
    }
    var text = Substring(afterHashes.trimmedSpaces)
    // A closing sequence of #s preceded by a space (or alone) is not part of the heading.
    let withoutHashes = text.reversed().drop { $0 == "#" }
    if withoutHashes.count < text.count {
      let kept = text.prefix(withoutHashes.count)
      if kept.isEmpty || kept.last == " " || kept.last == "\t" { text = kept }
    }
    return text.trimmedSpaces
  }

  /// The section with a heading, compared without case; nil when there is none.
  public func section(_ heading: String) -> Section? {
    sections.first { $0.heading.equalsIgnoringCase(heading) }
  }
}
