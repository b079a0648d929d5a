import Foundation

/// How much of each changed section `diff` shows in `text` and `markdown`.
public struct DiffView: Sendable, Equatable {
  /// Blocks (paragraphs, list items, table rows, code lines) of unchanged context shown on
  /// each side of a changed block; nil shows every changed section whole (`--full`).
  public var context: Int?
  /// The most characters the Markdown form holds before it names the remaining changes
  /// only; nil for no limit.
  public var markdownLimit: Int?

  /// Creates a view.
  public init(context: Int?, markdownLimit: Int?) {
    self.context = context
    self.markdownLimit = markdownLimit
  }

  /// The default: changed blocks with one block of context, the comment kept within what a
  /// GitHub pull-request comment holds (65,536 characters) with room to spare.
  public static let hunks = DiffView(context: 1, markdownLimit: 60_000)
  /// Every changed section whole, nothing cut: the view before hunks.
  public static let full = DiffView(context: nil, markdownLimit: nil)
}

/// Renders proposition changes for people: `text` for a terminal (colour optional) and
/// `markdown` for a pull-request comment. Only changed wording is shown: white space alone
/// (a reflowed paragraph) is no change here. By default each changed section shows its
/// changed blocks with a little context, the way git shows hunks, and names the sections
/// that did not change; `DiffView.full` shows changed sections whole.
public enum DiffRenderer {
  /// The terminal form: a header per proposition, field changes, then each section whose
  /// wording changed with deletions as `[-…-]` and insertions as `{+…+}`, or in red and
  /// green when `color` is on.
  public static func text(_ changes: [PropositionChange], color: Bool, view: DiffView = .hunks) -> String {
    // Each change's text depends on that change alone, so the changes are rendered on every
    // core and joined in order: rendered one after another, they were a quarter of the
    // instructions of `diff --base HEAD~200` on swift-evolution, all on the main thread
    // after the word diffs (docs/performance.md, session 29).
    guard changes.count > 1 else { return changes.first.map { text(of: $0, color: color, view: view) } ?? "" }
    let parts = ResultSlots<String>(count: changes.count)
    DispatchQueue.concurrentPerform(iterations: changes.count) { index in
      parts.set(index, text(of: changes[index], color: color, view: view))
    }
    return parts.values().joined()
  }

  /// The terminal form of one change.
  static func text(of change: PropositionChange, color: Bool, view: DiffView) -> String {
    var out = ""
    let header =
      change.change == .renamed
      ? "\(change.change.rawValue) \(change.oldPath ?? "") → \(change.path) (\(change.id))"
      : "\(change.change.rawValue) \(change.path) (\(change.id))"
    out += (color ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n"
    for field in change.diff.fields {
      out += "  \(field.name): \(field.old ?? "(none)") → \(field.new ?? "(none)")\n"
    }
    if change.change == .modified && !change.diff.wordingChanged && change.diff.headingChanges.isEmpty {
      out += "  (layout only: no wording changed)\n"
    }
    for section in change.diff.sections where section.isShown {
      let title = section.heading.isEmpty ? "(before the first section)" : section.headingLine
      out +=
        "  \(title)" + (section.change == .modified ? "" : " (\(section.change.rawValue))")
        + (section.previousHeading.map { " (heading was \($0))" } ?? "") + "\n"
      guard section.wordingChanged else { continue }
      let lines = textLines(section, color: color)
      for piece in Hunks.select(lines, context: view.context, wholeBlocks: false) {
        switch piece {
        case .lines(let range):
          for line in lines[range] {
            // What trimming "    " + text gives: the indent, unless the line is trimmed
            // away whole (without making the joined String for each line).
            let trimmed = trimmingTrailingSpace(line.text)
            if !trimmed.isEmpty {
              out += "    "
              out += trimmed
            }
            out += "\n"
          }
        case .omitted(let count):
          out += "    … \(count) unchanged \(count == 1 ? "block" : "blocks")\n"
        }
      }
    }
    if view.context != nil, let unchanged = unchangedSections(change) {
      out += "  unchanged sections: \(unchanged)\n"
    }
    return out
  }

  /// The sections of a modified or renamed proposition whose wording did not change, as one
  /// line; nil when there are none or no section's wording changed.
  static func unchangedSections(_ change: PropositionChange, markdown: Bool = false) -> String? {
    guard change.change == .modified || change.change == .renamed,
      change.diff.sections.contains(where: \.isShown)
    else {
      return nil
    }
    let changed = Set(change.diff.sections.filter(\.isShown).map(\.heading))
    let unchanged = change.diff.headings.filter { !changed.contains($0) }
    guard !unchanged.isEmpty else { return nil }
    return unchanged.map { heading in
      if heading.isEmpty { return markdown ? "Introduction" : "(before the first section)" }
      return markdown ? HTMLText.escapeContent(heading) : heading
    }.joined(separator: ", ")
  }

  /// A section's lines as the text form shows them, each with whether it shows a change and
  /// its plain text (for telling paragraphs, list items and rows apart).
  static func textLines(_ section: SectionChange, color: Bool) -> [Hunks.Line] {
    var lines: [Hunks.Line] = []
    var line = Hunks.Line()
    for token in section.tokens {
      let pieces = splitAtNewlines(token.text)
      for (position, piece) in pieces.enumerated() {
        if position > 0 {
          if token.op != .delete || !token.isWhitespace {
            lines.append(line)
            line = Hunks.Line()
          }
        }
        line.add(piece, token, styled: styled(piece, token, color: color))
      }
    }
    if !line.text.isEmpty { lines.append(line) }
    return lines
  }

  /// A token's text cut at every newline (`Character.isNewline`), empty pieces kept. Most
  /// tokens are a word of ASCII without a line break: that one is its own only piece, found
  /// on the bytes (splitting every token by `Character` was a tenth of `diff --base
  /// HEAD~200` on rust-lang/rfcs). The rest are cut on the bytes too: every newline is a
  /// Character of its own (grapheme breaking never joins one to what is beside it, but for
  /// CR LF, which is one newline), so its UTF-8 bytes are where the Characters split. Cutting
  /// them by `Character` was half the text `diff --base HEAD~200` of the `long-documents`
  /// shape (docs/performance.md, session 22); `splitAtNewlinesByCharacter` is the reference.
  static func splitAtNewlines(_ text: String) -> [String] {
    if text.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x0A || $0 > 0x0D) }) { return [text] }
    var text = text
    return text.withUTF8 { bytes in
      var pieces: [String] = []
      var start = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        // How many bytes a newline starting here takes (0: none).
        var length = 0
        switch byte {
        case 0x0D: length = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0x0A, 0x0B, 0x0C: length = 1
        case 0xC2: length = index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
          length =
            index + 2 < bytes.count && bytes[index + 1] == 0x80
              && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            ? 3 : 0
        default: length = 0
        }
        if length == 0 {
          index += 1
          continue
        }
        pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        index += length
        start = index
      }
      pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
      return pieces
    }
  }

  /// The same cut, Character by Character: the reference.
  static func splitAtNewlinesByCharacter(_ text: String) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
  }

  /// `\s+$` removed, as the regular expression did: trailing tabs and space separators.
  /// Trailing ASCII white space before an ASCII character is cut on the bytes; any other
  /// end is read by scalar.
  static func trimmingTrailingSpace(_ text: String) -> String {
    let bytes = text.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex {
      let byte = bytes[bytes.index(before: end)]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C else { break }
      end = bytes.index(before: end)
    }
    if end == bytes.startIndex || bytes[bytes.index(before: end)] < 0x80 {
      return end == bytes.endIndex ? text : String(decoding: bytes[..<end], as: UTF8.self)
    }
    return trimmingTrailingSpaceByScalar(text)
  }

  /// `trimmingTrailingSpace` by Unicode scalar, for text ending in any other character.
  static func trimmingTrailingSpaceByScalar(_ text: String) -> String {
    var scalars = text.unicodeScalars
    while let last = scalars.last,
      last == "\t" || last == "\n" || last == "\r" || last == "\u{0C}"
        || [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(last.properties.generalCategory)
    {
      scalars.removeLast()
    }
    return String(scalars)
  }

  private static func styled(_ text: String, _ token: DiffToken, color: Bool) -> String {
    guard !text.isEmpty else { return "" }
    switch token.op {
    case .equal: return text
    case .insert where token.isWhitespace: return text
    case .delete where token.isWhitespace: return ""
    case .insert: return color ? "\u{1B}[32m\(text)\u{1B}[0m" : "{+\(text)+}"
    case .delete: return color ? "\u{1B}[31;9m\(text)\u{1B}[0m" : "[-\(text)-]"
    }
  }

  /// The first line of the pull-request comment, which CI finds to update the comment
  /// instead of adding another.
  public static let commentMarker = "<!-- valprop-diff -->"

  /// The pull-request comment: a heading per proposition, front-matter changes as a table,
  /// and changed sections with `<del>…</del>` and `<ins>…</ins>`. Past `view.markdownLimit`
  /// characters the remaining propositions are named only, and the comment says so.
  public static func markdown(_ changes: [PropositionChange], view: DiffView = .hunks) -> String {
    var out = "\(commentMarker)\n## Value proposition changes\n\n"
    if changes.isEmpty { return out + "No proposition changed.\n" }
    // Room kept for the closing note that names what was left out.
    let limit = view.markdownLimit.map { max(0, $0 - 4_000) }
    var shown = 0
    var length = out.count
    for change in changes {
      let room = limit.map { $0 - length }
      if let room, room < 500 { break }
      let (block, complete) = markdownBlock(change, view: view, room: room)
      let count = block.count
      if let room, count > room { break }
      out += block
      length += count
      shown += 1
      if !complete { break }
    }
    if shown < changes.count, let full = view.markdownLimit {
      let rest = changes[shown...]
      var names = ""
      var named = 0
      for change in rest {
        let name = "`\(change.id)` (\(change.change.rawValue))"
        if out.count + names.count + name.count + 400 > full { break }
        names += (named == 0 ? "" : ", ") + name
        named += 1
      }
      if named < rest.count { names += (named == 0 ? "" : " and ") + "\(rest.count - named) more" }
      out +=
        "---\n\n**Cut to fit a pull-request comment:** \(rest.count) more "
        + (rest.count == 1 ? "proposition" : "propositions") + " changed and "
        + (rest.count == 1 ? "is" : "are") + " not shown here: \(names). Run `valprop diff` locally to see "
        + "every change.\n"
    }
    return out
  }

  /// One proposition's part of the comment, and whether it is whole: with `room`, the
  /// sections that would not fit in it are left out, and a line says how many.
  static func markdownBlock(_ change: PropositionChange, view: DiffView, room: Int? = nil) -> (
    text: String, complete: Bool
  ) {
    var out = "### `\(change.id)` — \(change.change.rawValue)\n\n"
    if change.change == .renamed, let old = change.oldPath {
      out += "`\(old)` → `\(change.path)`\n\n"
    } else {
      out += "`\(change.path)`\n\n"
    }
    if change.change == .modified && !change.diff.wordingChanged && change.diff.headingChanges.isEmpty {
      out += "_Layout only: no wording changed._\n\n"
    }
    if !change.diff.fields.isEmpty {
      out += "| Field | Before | After |\n|---|---|---|\n"
      for field in change.diff.fields {
        out += "| \(cell(field.name)) | \(cell(field.old ?? "")) | \(cell(field.new ?? "")) |\n"
      }
      out += "\n"
    }
    let changed = change.diff.sections.filter(\.isShown)
    var length = out.count
    for (position, section) in changed.enumerated() {
      let part = markdownSection(section, view: view)
      let count = part.count
      if let room, length + count > room - 300 {
        let left = changed.count - position
        out +=
          "_Cut to fit a pull-request comment: \(left) more changed "
          + (left == 1 ? "section" : "sections") + " of this proposition not shown._\n\n"
        return (out, false)
      }
      out += part
      length += count
    }
    if view.context != nil, let unchanged = unchangedSections(change, markdown: true) {
      out += "_Unchanged sections: \(unchanged)._\n\n"
    }
    return (out, true)
  }

  /// One changed section of the comment: its heading and its hunks (or all of it).
  static func markdownSection(_ section: SectionChange, view: DiffView) -> String {
    var out = ""
    let title = section.heading.isEmpty ? "Introduction" : HTMLText.escapeContent(section.heading)
    out +=
      "**\(title)**" + (section.change == .modified ? "" : " (\(section.change.rawValue))")
      + (section.previousHeading.map { " (heading was `\($0)`, now `\(section.headingLine)`)" } ?? "")
      + "\n\n"
    guard section.wordingChanged else { return out }
    var lines = markdownLines(section)
    while lines.last?.text.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
    var parts: [String] = []
    for piece in Hunks.select(lines, context: view.context, wholeBlocks: true) {
      switch piece {
      case .lines(let range):
        var shown = Array(lines[range])
        while shown.first?.text.trimmingCharacters(in: .whitespaces).isEmpty == true { shown.removeFirst() }
        while shown.last?.text.trimmingCharacters(in: .whitespaces).isEmpty == true { shown.removeLast() }
        parts.append(shown.map(\.text).joined(separator: "\n"))
      case .omitted(let count):
        parts.append("_… \(count) unchanged \(count == 1 ? "block" : "blocks")_")
      }
    }
    out +=
      (view.context == nil ? lines.map(\.text).joined(separator: "\n") : parts.joined(separator: "\n\n"))
      + "\n\n"
    return out
  }

  /// A section's lines as the Markdown form shows them, each with whether it shows a change
  /// and its plain text.
  static func markdownLines(_ section: SectionChange) -> [Hunks.Line] {
    var lines = [Hunks.Line()]
    for token in section.tokens {
      if token.isWhitespace {
        if token.op == .delete { continue }
        let pieces = token.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        lines[lines.count - 1].add(String(pieces[0]), token, styled: String(pieces[0]))
        for piece in pieces.dropFirst() {
          var line = Hunks.Line()
          line.add(String(piece), token, styled: String(piece))
          lines.append(line)
        }
        continue
      }
      let pieces = token.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
        String.init)
      for (position, piece) in pieces.enumerated() {
        if position > 0 { lines.append(Hunks.Line()) }
        guard !piece.isEmpty else { continue }
        let styled: String
        switch token.op {
        case .equal: styled = HTMLText.escapeContent(piece)
        case .insert: styled = "<ins>\(HTMLText.escapeContent(piece))</ins>"
        case .delete: styled = "<del>\(HTMLText.escapeContent(piece))</del>"
        }
        lines[lines.count - 1].add(piece, token, styled: styled)
      }
    }
    return lines
  }

  /// A table cell: escaped, pipes and line breaks neutralised.
  static func cell(_ text: String) -> String {
    HTMLText.escapeContent(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
      of: "\n", with: " ")
  }
}

/// Picks the lines of a changed section worth showing: the blocks (paragraphs, list items,
/// table rows, code lines) that show a change and `context` blocks on each side, as git
/// picks a hunk's lines.
enum Hunks {
  /// One shown line: its text as rendered, whether it shows a change, and its plain text on
  /// the new side (the old side where the new has none).
  struct Line {
    var text = ""
    var changed = false
    var new = ""
    var old = ""

    /// Adds a piece of a token, rendered as `styled`.
    mutating func add(_ piece: String, _ token: DiffToken, styled: String) {
      text += styled
      if token.op != .equal && !token.isWhitespace && !piece.isEmpty { changed = true }
      if token.op != .delete { new += piece }
      if token.op != .insert { old += piece }
    }

    /// The plain text that says what kind of block the line belongs to.
    var plain: Substring {
      let trimmed = Line.droppingLeadingBlanks(new)
      return trimmed.isEmpty ? Line.droppingLeadingBlanks(old) : trimmed
    }

    /// The text without its leading spaces and tabs, as dropping the Characters `" "` and
    /// `"\t"` gives it: on the bytes when the byte after them is ASCII (or there is none),
    /// which then starts a Character of its own; by Character otherwise (a blank followed by
    /// a combining mark is one Character, not a blank). By Character alone it was a third of
    /// telling the blocks of the text `diff --base HEAD~200` on swift-evolution.
    static func droppingLeadingBlanks(_ text: String) -> Substring {
      let utf8 = text.utf8
      var index = utf8.startIndex
      while index < utf8.endIndex, utf8[index] == 0x20 || utf8[index] == 0x09 {
        index = utf8.index(after: index)
      }
      if index == utf8.endIndex || utf8[index] < 0x80 { return text[index...] }
      return droppingLeadingBlanksByCharacter(text)
    }

    /// The same, Character by Character: the reference.
    static func droppingLeadingBlanksByCharacter(_ text: String) -> Substring {
      text.drop { $0 == " " || $0 == "\t" }
    }
  }

  /// A run of lines to show, or how many blocks were left out.
  enum Piece: Equatable {
    case lines(Range<Int>)
    case omitted(Int)
  }

  /// The pieces to show; every line when `context` is nil. With `wholeBlocks`, a fenced code
  /// block or a table is one block (a Markdown comment must not show half of one).
  static func select(_ lines: [Line], context: Int?, wholeBlocks: Bool) -> [Piece] {
    guard let context else { return lines.isEmpty ? [] : [.lines(0..<lines.count)] }
    let blocks = self.blocks(lines, wholeBlocks: wholeBlocks)
    let changed = blocks.indices.filter { index in blocks[index].contains { lines[$0].changed } }
    var shown = [Bool](repeating: false, count: blocks.count)
    for index in changed {
      for near in max(0, index - context)...min(blocks.count - 1, index + context) { shown[near] = true }
    }
    var pieces: [Piece] = []
    var index = 0
    while index < blocks.count {
      var end = index
      let showing = shown[index]
      while end < blocks.count, shown[end] == showing { end += 1 }
      if showing {
        pieces.append(.lines(blocks[index].lowerBound..<blocks[end - 1].upperBound))
      } else {
        pieces.append(.omitted(end - index))
      }
      index = end
    }
    return pieces
  }

  /// The lines of each block, in order; blank lines belong to the block before them.
  static func blocks(_ lines: [Line], wholeBlocks: Bool) -> [Range<Int>] {
    var blocks: [Range<Int>] = []
    var start: Int?
    var afterBlank = true
    var inFence = false
    var inTable = false
    func close(_ end: Int) {
      if let open = start { blocks.append(open..<end) }
      start = nil
    }
    for (index, line) in lines.enumerated() {
      let plain = line.plain
      if plain.isEmpty {
        if inFence { continue }
        afterBlank = true
        inTable = false
        continue
      }
      let (fence, row, item) = kind(of: plain)
      var starts: Bool
      if inFence {
        starts = !wholeBlocks
        if fence { inFence = false }
      } else if fence {
        starts = true
        inFence = true
      } else if row {
        starts = !(wholeBlocks && inTable)
        inTable = true
      } else {
        starts = afterBlank || item || inTable
        inTable = false
      }
      if starts || start == nil {
        close(index)
        start = index
      }
      afterBlank = false
    }
    close(lines.count)
    // Blank lines between blocks go with the block before; leading ones with the first.
    guard !blocks.isEmpty else { return lines.isEmpty ? [] : [0..<lines.count] }
    var joined: [Range<Int>] = []
    for (position, block) in blocks.enumerated() {
      let lower = position == 0 ? 0 : block.lowerBound
      let upper = position + 1 < blocks.count ? blocks[position + 1].lowerBound : lines.count
      joined.append(lower..<upper)
    }
    return joined
  }

  /// Whether a line's plain text opens a code fence, a table row or a list item, as
  /// `kindByCharacter` tells: on the bytes when the text's first twelve bytes (more than the
  /// longest opening and the byte after it) are ASCII, where each byte is a Character that
  /// only itself equals. Telling them by `Character` was a tenth of the text `diff --base
  /// HEAD~200` on rust-lang/rfcs (docs/performance.md, session 22).
  static func kind(of plain: Substring) -> (fence: Bool, row: Bool, item: Bool) {
    var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    )
    var count = 0
    let ascii = withUnsafeMutableBytes(of: &bytes) { head -> Bool in
      for byte in plain.utf8.prefix(12) {
        if byte >= 0x80 { return false }
        head[count] = byte
        count += 1
      }
      return true
    }
    guard ascii else { return kindByCharacter(plain) }
    return withUnsafeBytes(of: &bytes) { head in
      let first = count > 0 ? head[0] : 0
      let fence =
        count >= 3 && (first == 0x60 || first == 0x7E) && head[1] == first && head[2] == first
      var item = false
      if count >= 2, first == 0x2D || first == 0x2A || first == 0x2B, head[1] == 0x20 {
        item = true
      } else {
        var digits = 0
        while digits < count, head[digits] >= 0x30, head[digits] <= 0x39 { digits += 1 }
        item =
          digits > 0 && digits < 10 && digits + 2 <= count
          && (head[digits] == 0x2E || head[digits] == 0x29) && head[digits + 1] == 0x20
      }
      return (fence, first == 0x7C, item)
    }
  }

  /// The same, Character by Character: the reference.
  static func kindByCharacter(_ plain: Substring) -> (fence: Bool, row: Bool, item: Bool) {
    (plain.hasPrefix("```") || plain.hasPrefix("~~~"), plain.hasPrefix("|"), isListItem(plain))
  }

  /// Whether a line starts a list item: `- `, `* `, `+ `, or a number and `. ` or `) `.
  static func isListItem(_ plain: Substring) -> Bool {
    if plain.hasPrefix("- ") || plain.hasPrefix("* ") || plain.hasPrefix("+ ") { return true }
    let digits = plain.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count < 10 else { return false }
    let rest = plain.dropFirst(digits.count)
    return rest.hasPrefix(". ") || rest.hasPrefix(") ")
  }
}
