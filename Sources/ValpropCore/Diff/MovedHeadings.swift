import Foundation

extension PropositionDiff {
  /// Pairs the parts of two versions by heading words (the introduction with the
  /// introduction): the old index of each new part that has one, and the old parts left.
  static func match(_ oldParts: [Part], _ newParts: [Part]) -> (matches: [Int: Int], unmatchedOld: [Int]) {
    var unmatchedOld = Array(oldParts.indices)
    var matches: [Int: Int] = [:]
    for (newIndex, part) in newParts.enumerated() {
      if let position = unmatchedOld.firstIndex(where: {
        (oldParts[$0].level == 0) == (part.level == 0) && sameHeading(oldParts[$0].heading, part.heading)
      }) {
        matches[newIndex] = unmatchedOld.remove(at: position)
      }
    }
    return (matches, unmatchedOld)
  }

  /// Cuts out of `parts` a part for each of `wanted` (sections of the other version that
  /// nothing here pairs with) whose heading is written, at level 3 to 6, in the text of a
  /// section here and not in that section's counterpart (`counterparts`, the text of the
  /// section it pairs with in the other version, by index): that heading moved a level
  /// between the versions, into or out of the section. A heading written in both is a
  /// subsection that was there all along, and the section wanted was removed or renamed.
  /// The new part holds the text below the heading line, up to the end of the section's
  /// text; returns whether any was cut.
  static func cutMovedHeadings(_ parts: inout [Part], matching wanted: [Part], counterparts: [String?])
    -> Bool
  {
    var counterparts = counterparts
    // Each text's deep headings are read once: a sweep that moves every heading of a long
    // document a level leaves dozens of sections wanted, and reading every text again for
    // each was a quarter of `diff --base HEAD~200` on rust-lang/rfcs.
    var partHeadings: [[DeepHeading]?] = Array(repeating: nil, count: parts.count)
    var counterpartHeadings: [[DeepHeading]?] = Array(repeating: nil, count: counterparts.count)
    var didCut = false
    for other in wanted
    where !parts.contains(where: { $0.level > 0 && sameHeading($0.heading, other.heading) }) {
      for index in parts.indices where parts[index].level > 0 {
        let headings = partHeadings[index] ?? deepHeadings(parts[index].text)
        partHeadings[index] = headings
        guard let found = headings.first(where: { sameHeading($0.heading, other.heading) }) else { continue }
        let written = counterpartHeadings[index] ?? counterparts[index].map(deepHeadings) ?? []
        counterpartHeadings[index] = written
        guard !written.contains(where: { sameHeading($0.heading, other.heading) }) else { continue }
        let (before, after) = cut(parts[index].text, at: found)
        parts[index].text = before
        parts.insert(Part(heading: found.heading, level: found.level, text: after), at: index + 1)
        counterparts.insert(nil, at: index + 1)
        // Both halves read as they were read whole: the headings above the line keep their
        // places, and those below move up by the bytes cut (no code block is open at a
        // heading line).
        partHeadings[index] = headings.filter { $0.lineEnd <= found.lineStart }
        partHeadings.insert(
          headings.filter { $0.lineStart >= found.lineEnd }.map { $0.moved(by: -found.lineEnd) },
          at: index + 1)
        counterpartHeadings.insert([], at: index + 1)
        didCut = true
        break
      }
    }
    return didCut
  }

  /// A heading of level 3 to 6 in a text, outside fenced code: as written, its level, and
  /// the UTF-8 offsets where its line starts and where the next line starts.
  struct DeepHeading: Equatable {
    let heading: String
    let level: Int
    let lineStart: Int
    let lineEnd: Int

    func moved(by offset: Int) -> DeepHeading {
      DeepHeading(heading: heading, level: level, lineStart: lineStart + offset, lineEnd: lineEnd + offset)
    }
  }

  /// The headings of level 3 to 6 in a text, outside fenced code, in order (on a line that
  /// reads as several levels, each, lowest first).
  ///
  /// Lines are found with `memchr`, and only a line whose first byte after spaces and tabs
  /// is `#`, `` ` ``, `~` or not ASCII is read as a String, as `deepHeadingsByLine` reads
  /// every line (every line of every section was, a quarter of `diff --base HEAD~200` on
  /// rust-lang/rfcs, across its heading sweep). Any other line is neither a heading nor a
  /// fence to `CodeFence`, whose prefixes compare Characters: U+1FEF, canonically a
  /// backtick, opens a fence there as three backticks do.
  static func deepHeadings(_ text: String) -> [DeepHeading] {
    var text = text
    return text.withUTF8 { bytes -> [DeepHeading] in
      guard let base = bytes.baseAddress, memchr(base, 0x23, bytes.count) != nil else { return [] }
      var found: [DeepHeading] = []
      var fence = CodeFence()
      SourceText.eachLine(bytes) { start, end, first in
        if first < end, bytes[first] == 0x23, !bytes[start..<end].contains(where: { $0 >= 0x80 }) {
          // A `#` line of ASCII, read on its bytes: it leaves the fence as it is, and its
          // Characters are its bytes but for a carriage return, which ends its content as a
          // line feed, a vertical tab or a form feed does.
          if !fence.isOpen, first + 3 <= end, bytes[first + 1] == 0x23, bytes[first + 2] == 0x23 {
            var stop = start
            while stop < end, !(0x0A...0x0D).contains(bytes[stop]) { stop += 1 }
            let content = UnsafeBufferPointer(rebasing: bytes[start..<stop])
            for level in 3...6 {
              if let heading = Proposition.atxHeading(ascii: content, level: level) {
                found.append(DeepHeading(heading: heading, level: level, lineStart: start, lineEnd: end))
              }
            }
          }
        } else if first < end,
          bytes[first] == 0x23 || bytes[first] == 0x60 || bytes[first] == 0x7E || bytes[first] >= 0x80
        {
          let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
          found += headings(line, &fence, lineStart: start, lineEnd: end)
        }
      }
      return found
    }
  }

  /// `deepHeadings` as it was written first, every line a String: what it must agree with.
  static func deepHeadingsByLine(_ text: String) -> [DeepHeading] {
    guard text.utf8.contains(0x23) else { return [] }
    var found: [DeepHeading] = []
    var fence = CodeFence()
    var offset = 0
    for line in SourceText.linesWithEndings(text) {
      let start = offset
      offset += line.utf8.count
      found += headings(line, &fence, lineStart: start, lineEnd: offset)
    }
    return found
  }

  /// The deep headings one line (with its line ending) reads as, the fence read past it.
  private static func headings(_ line: String, _ fence: inout CodeFence, lineStart: Int, lineEnd: Int)
    -> [DeepHeading]
  {
    let trimmed = line.trimmedSpaces
    guard !fence.isCode(trimmed), trimmed.hasPrefix("###") else { return [] }
    let content = String(line.prefix { !$0.isNewline })
    return (3...6).compactMap { level in
      Proposition.atxHeading(content, level: level).map {
        DeepHeading(heading: $0, level: level, lineStart: lineStart, lineEnd: lineEnd)
      }
    }
  }

  /// A text without a heading's line: the text before it and the text after it.
  static func cut(_ text: String, at heading: DeepHeading) -> (before: String, after: String) {
    let bytes = Array(text.utf8)
    return (
      String(decoding: bytes[..<heading.lineStart], as: UTF8.self),
      String(decoding: bytes[heading.lineEnd...], as: UTF8.self)
    )
  }
}
