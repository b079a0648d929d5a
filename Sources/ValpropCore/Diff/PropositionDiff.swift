import Foundation

/// The difference between two versions of a proposition: front-matter fields and sections.
public struct PropositionDiff: Sendable, Equatable {
  /// Front-matter keys that changed, in the new file's order, then removed keys.
  public let fields: [FieldChange]
  /// Sections that changed, in the new file's order; removed ones after the section that
  /// preceded them.
  public let sections: [SectionChange]

  /// Every section's heading, in the new file's order (the old file's when there is no new
  /// one); "" for the text before the first section.
  public let headings: [String]

  /// Whether any word changed (fields or sections), ignoring white space.
  public var wordingChanged: Bool { !fields.isEmpty || sections.contains(where: \.wordingChanged) }

  /// The sections whose heading changed level or case only: `(old, new)` as written.
  public var headingChanges: [(old: String, new: String)] {
    sections.compactMap { section in section.previousHeading.map { ($0, section.headingLine) } }
  }

  /// Compares two versions; either may be nil (added or deleted proposition).
  ///
  /// Sections are told apart by their heading's words, not its level: `# Summary` and
  /// `## Summary` are the same section, so a heading moved up or down a level changes no
  /// word. The document's `# ` title heading belongs to the introduction, unless the other
  /// version has a section of that name (the title heading became a section, or a section
  /// the title heading).
  /// `sides` keeps the words of the sections' texts for the caller's next diff (see
  /// `WordDiff.Sides`).
  public init(old: Proposition?, new: Proposition?, sides: WordDiff.Sides? = nil) {
    fields = PropositionDiff.fieldChanges(old?.frontMatter, new?.frontMatter)
    var result: [SectionChange] = []
    // The new version's unchanged sections are cut as the old version's were (most of a
    // long document's): their parts are taken from the old version's.
    let oldGroups = old.map { PropositionDiff.partGroups($0) } ?? []
    var oldParts = oldGroups.flatMap { $0 }
    var newParts =
      new.map {
        PropositionDiff.partGroups($0, reusing: WordDiff.reference ? nil : old.map { ($0, oldGroups) })
          .flatMap { $0 }
      } ?? []
    var (matches, unmatchedOld) = PropositionDiff.match(oldParts, newParts)  // new index -> old index
    // A section whose heading moved a level down into another section (a heading sweep made
    // `## Status Quo` a `### Status Quo` under `## Motivation`), or up out of one, is cut out
    // of that section's text again, so that it pairs with itself.
    let lost = unmatchedOld.map { oldParts[$0] }.filter { $0.level > 0 }
    if !lost.isEmpty {
      let found = newParts.indices.filter { newParts[$0].level > 0 && matches[$0] == nil }.map {
        newParts[$0]
      }
      // Each section's counterpart in the other version: a heading already written there is
      // a subsection of its own, not the one that moved.
      var oldCounterparts = [String?](repeating: nil, count: oldParts.count)
      for (newIndex, oldIndex) in matches { oldCounterparts[oldIndex] = newParts[newIndex].text }
      let newCounterparts = newParts.indices.map { matches[$0].map { oldParts[$0].text } }
      let cutNew = PropositionDiff.cutMovedHeadings(&newParts, matching: lost, counterparts: newCounterparts)
      let cutOld = PropositionDiff.cutMovedHeadings(&oldParts, matching: found, counterparts: oldCounterparts)
      if cutNew || cutOld { (matches, unmatchedOld) = PropositionDiff.match(oldParts, newParts) }
    }
    headings = (new == nil ? oldParts : newParts).map(\.heading)
    var pendingRemovals: [Int: [SectionChange]] = [:]  // keyed by new index to emit after
    // A title heading that became a section (or a section that became the title heading):
    // the introduction keeps the text before the title line, and the title's text is paired
    // with the section's.
    let oldIntro = oldParts.firstIndex { $0.level == 0 }
    let newIntro = newParts.firstIndex { $0.level == 0 }
    func sameTitle() -> Bool {
      guard let oldTitle = oldIntro.flatMap({ oldParts[$0].title }),
        let newTitle = newIntro.flatMap({ newParts[$0].title })
      else { return false }
      return PropositionDiff.sameHeading(oldTitle.heading, newTitle.heading)
    }
    var titleToSection: (old: Int, new: Int)?
    var sectionToTitle: (old: Int, new: Int)?
    if !sameTitle() {
      if let oldIntro, let title = oldParts[oldIntro].title,
        let newIndex = newParts.indices.first(where: {
          newParts[$0].level > 0 && matches[$0] == nil
            && PropositionDiff.sameHeading(newParts[$0].heading, title.heading)
        })
      {
        titleToSection = (oldIntro, newIndex)
        matches[newIndex] = -1
        oldParts[oldIntro].text = title.lead
      }
      if let newIntro, let title = newParts[newIntro].title,
        let position = unmatchedOld.firstIndex(where: {
          oldParts[$0].level > 0 && PropositionDiff.sameHeading(oldParts[$0].heading, title.heading)
        })
      {
        sectionToTitle = (unmatchedOld.remove(at: position), newIntro)
        newParts[newIntro].text = title.lead
      }
    }
    for oldIndex in unmatchedOld {
      if oldParts[oldIndex].level == 0, titleToSection != nil,
        oldParts[oldIndex].text.allSatisfy(\.isWhitespace)
      {
        continue  // only the blank lines before the title heading were left
      }
      // Emit a removed section after the new section matched to its nearest earlier sibling.
      let anchor =
        matches.filter { $0.value >= 0 && $0.value < oldIndex }.max { $0.value < $1.value }?.key ?? -1
      pendingRemovals[anchor, default: []].append(
        SectionChange(
          heading: oldParts[oldIndex].heading, change: .removed,
          tokens: [DiffToken(.delete, oldParts[oldIndex].text)], level: oldParts[oldIndex].level))
    }
    /// The change between two texts of a section; nil when nothing changed.
    func compare(
      _ oldText: String, _ newText: String, heading: String, level: Int, previousHeading: String?
    ) -> SectionChange? {
      // An unchanged section (most of a long document's) has no change to find. Bytes are
      // compared, not Strings: canonically equal text in other bytes is still a change.
      if oldText.hasSameBytes(as: newText) {
        guard previousHeading != nil else { return nil }
        return SectionChange(
          heading: heading, change: .modified, tokens: newText.isEmpty ? [] : [DiffToken(.equal, newText)],
          level: level, previousHeading: previousHeading)
      }
      let tokens = WordDiff.diff(oldText, newText, sides: sides)
      guard tokens.contains(where: { $0.op != .equal }) || previousHeading != nil else { return nil }
      return SectionChange(
        heading: heading, change: .modified, tokens: tokens, level: level, previousHeading: previousHeading)
    }
    result += pendingRemovals[-1] ?? []
    for (newIndex, part) in newParts.enumerated() {
      if let titleToSection, titleToSection.new == newIndex, let title = oldParts[titleToSection.old].title {
        result += [
          compare(
            title.after, part.text, heading: part.heading, level: part.level,
            previousHeading: "# " + title.heading)
        ].compactMap { $0 }
      } else if let oldIndex = matches[newIndex] {
        let oldPart = oldParts[oldIndex]
        let renamed = oldPart.level != part.level || oldPart.heading != part.heading
        result += [
          compare(
            oldPart.text, part.text, heading: part.heading, level: part.level,
            previousHeading: renamed ? oldPart.headingLine : nil)
        ].compactMap { $0 }
      } else if part.level == 0, sectionToTitle != nil, part.text.allSatisfy(\.isWhitespace) {
        // Only the blank lines before the new title heading.
      } else {
        result.append(
          SectionChange(
            heading: part.heading, change: .added,
            tokens: part.text.isEmpty ? [] : [DiffToken(.insert, part.text)], level: part.level))
      }
      if let sectionToTitle, sectionToTitle.new == newIndex, let title = part.title {
        let oldPart = oldParts[sectionToTitle.old]
        result += [
          compare(
            oldPart.text, title.after, heading: title.heading, level: 1, previousHeading: oldPart.headingLine)
        ].compactMap { $0 }
      }
      result += pendingRemovals[newIndex] ?? []
    }
    sections = result
  }

  /// A part of a document as the diff pairs them: the introduction or a section.
  struct Part {
    /// The heading; "" for the introduction.
    var heading: String
    /// 1 for `# `, 2 for `## `, 0 for the introduction.
    var level: Int
    /// The text below the heading line (the introduction's: all of it, title line included).
    var text: String
    /// The introduction's `# ` title heading, with the text before and after its line.
    var title: (heading: String, lead: String, after: String)?

    /// The heading as written.
    var headingLine: String { level == 0 ? "" : String(repeating: "#", count: level) + " " + heading }
  }

  /// The introduction (heading "") when it has text, then each section: every `## ` heading
  /// starts one, and so does every `# ` heading but the title heading (documents written
  /// with `# ` headings throughout have sections too).
  static func parts(_ proposition: Proposition) -> [Part] {
    partGroups(proposition).flatMap { $0 }
  }

  /// `parts` in groups: the introduction's and the `# ` sections of its text, then each
  /// `## ` section's. A group whose text (and heading) has the same bytes in `reusing` (another
  /// version and its groups) is taken from it: parts depend on nothing else.
  static func partGroups(_ proposition: Proposition, reusing other: (Proposition, [[Part]])? = nil)
    -> [[Part]]
  {
    var groups: [[Part]] = []
    if let (old, oldGroups) = other, old.preamble.hasSameBytes(as: proposition.preamble) {
      groups.append(oldGroups[0])
    } else {
      groups.append(preambleParts(proposition.preamble))
    }
    for (index, section) in proposition.sections.enumerated() {
      if let (old, oldGroups) = other, index < old.sections.count,
        old.sections[index].heading.hasSameBytes(as: section.heading),
        old.sections[index].text.hasSameBytes(as: section.text)
      {
        groups.append(oldGroups[index + 1])
        continue
      }
      let (lead, blocks) = level1Blocks(section.text)
      groups.append(
        [Part(heading: section.heading, level: 2, text: lead)]
          + blocks.map { Part(heading: $0.heading, level: 1, text: $0.text) })
    }
    return groups
  }

  /// The introduction's parts: itself when it has text, then the `# ` sections in it.
  private static func preambleParts(_ preamble: String) -> [Part] {
    var parts: [Part] = []
    if !preamble.isEmpty {
      let (lead, blocks) = level1Blocks(preamble)
      if let first = blocks.first {
        parts.append(
          Part(
            heading: "", level: 0, text: lead + first.line + first.text,
            title: (first.heading, lead, first.text)))
      } else {
        parts.append(Part(heading: "", level: 0, text: lead))
      }
      parts += blocks.dropFirst().map { Part(heading: $0.heading, level: 1, text: $0.text) }
    }
    return parts
  }

  /// A text cut at its `# ` headings (outside fenced code): the text before the first, then
  /// each heading with its line as written and the text below it.
  ///
  /// Lines are found with `memchr` and judged by their bytes: only a line whose first byte
  /// after spaces and tabs is `#`, `` ` `` or `~` can be a heading or a fence, and only those
  /// are looked at as Strings (as `level1BlocksByLine` looks at every line). The texts are
  /// cut from the bytes at the heading lines, so no line is copied twice.
  static func level1Blocks(_ text: String) -> (
    lead: String, blocks: [(heading: String, line: String, text: String)]
  ) {
    // Most texts have no `# ` line at all: nothing to cut, and the text is returned as it
    // is, not copied. Fences only hide headings, so a text without a line that could be a
    // heading (its first byte after spaces and tabs `#`, not followed by other ASCII) has none.
    var text = text
    guard text.withUTF8({ mayHaveLevel1Heading($0) }) else {
      return (text, [])
    }
    let cut = text.withUTF8 {
      bytes -> (lead: String, blocks: [(heading: String, line: String, text: String)])? in
      guard let base = bytes.baseAddress else { return nil }
      func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
      }
      // Each heading: its text, and where its line starts and ends.
      var headings: [(heading: String, start: Int, end: Int)] = []
      var fence = CodeFence()
      SourceText.eachLine(bytes) { start, end, first in
        // `#`, `` ` `` or `~`: anything else is neither a heading nor a fence, open or close.
        // A `#` followed by an ASCII byte other than white space or a line break (`#[derive]`,
        // `##`) is not a `# ` heading either.
        let next = first + 1 < end ? bytes[first + 1] : 0x0A
        let plainHash =
          first < end && bytes[first] == 0x23 && next < 0x80 && next != 0x20 && !(0x09...0x0D).contains(next)
        // A backtick or a tilde line is told on its bytes when its first three bytes are not
        // the same marker (no fence, no heading), or are followed by ASCII (a fence marker
        // whole): only one followed by other bytes (a combining mark) needs its Characters.
        if first < end, bytes[first] == 0x60 || bytes[first] == 0x7E {
          let marker = bytes[first]
          let three = first + 2 < end && bytes[first + 1] == marker && bytes[first + 2] == marker
          if !three { return }
          if first + 3 == end || bytes[first + 3] < 0x80 {
            // The marker whole: read as the line's first three characters.
            _ = fence.isCode(marker == 0x60 ? "```" : "~~~")
            return
          }
        }
        if first < end, !plainHash, bytes[first] == 0x23 || bytes[first] == 0x60 || bytes[first] == 0x7E {
          let line = string(start, end)
          if !fence.isCode(line.trimmedSpaces),
            let heading = Proposition.atxHeading(String(line.prefix { !$0.isNewline }), level: 1)
          {
            headings.append((heading, start, end))
          }
        }
      }
      guard let firstHeading = headings.first else { return nil }
      var blocks: [(heading: String, line: String, text: String)] = []
      for (position, heading) in headings.enumerated() {
        let next = position + 1 < headings.count ? headings[position + 1].start : bytes.count
        blocks.append(
          (heading.heading, string(heading.start, heading.end), string(heading.end, next)))
      }
      return (string(0, firstHeading.start), blocks)
    }
    return cut ?? (text, [])
  }

  /// Whether a line of `bytes` starts, after spaces and tabs, with a `#` that is not followed
  /// by ASCII other than white space (`##`, `#[derive]`): only such a line can be a `# `
  /// heading. Each `#` is found with `memchr` and its line's start looked for backwards.
  static func mayHaveLevel1Heading(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var position = 0
    while position < bytes.count, let found = memchr(base + position, 0x23, bytes.count - position) {
      let hash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      var before = hash
      while before > 0, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x09 { before -= 1 }
      if before == 0 || bytes[before - 1] == 0x0A {
        let next = hash + 1 < bytes.count ? bytes[hash + 1] : 0x0A
        if next >= 0x80 || next == 0x20 || (0x09...0x0D).contains(next) { return true }
      }
      position = hash + 1
    }
    return false
  }

  /// `level1Blocks` as it was written first, every line looked at as a String: what it must
  /// agree with.
  static func level1BlocksByLine(_ text: String) -> (
    lead: String, blocks: [(heading: String, line: String, text: String)]
  ) {
    guard text.utf8.contains(0x23) else {
      return (text, [])
    }
    var lead = ""
    var blocks: [(heading: String, line: String, text: String)] = []
    var fence = CodeFence()
    for line in SourceText.linesWithEndings(text) {
      let heading =
        fence.isCode(line.trimmedSpaces)
        ? nil : Proposition.atxHeading(String(line.prefix { !$0.isNewline }), level: 1)
      if let heading {
        blocks.append((heading, line, ""))
      } else if blocks.isEmpty {
        lead += line
      } else {
        blocks[blocks.count - 1].text += line
      }
    }
    return (lead, blocks)
  }

  static func sameHeading(_ a: String, _ b: String) -> Bool {
    a.equalsIgnoringCase(b)
  }

  static func fieldChanges(_ old: FrontMatter?, _ new: FrontMatter?) -> [FieldChange] {
    let oldValues = old?.values ?? []
    let newValues = new?.values ?? []
    let oldMap = Dictionary(oldValues.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    let newMap = Dictionary(newValues.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    var changes: [FieldChange] = []
    for (key, value) in newValues where oldMap[key] != value {
      changes.append(FieldChange(name: key, old: oldMap[key], new: value))
    }
    for (key, value) in oldValues where newMap[key] == nil {
      changes.append(FieldChange(name: key, old: value, new: nil))
    }
    return changes
  }
}
