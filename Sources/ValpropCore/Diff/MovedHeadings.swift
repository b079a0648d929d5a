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
    var cut = false
    for other in wanted
    where !parts.contains(where: { $0.level > 0 && sameHeading($0.heading, other.heading) }) {
      for index in parts.indices where parts[index].level > 0 {
        guard let found = split(parts[index].text, atHeading: other.heading),
          counterparts[index].flatMap({ split($0, atHeading: other.heading) }) == nil
        else { continue }
        parts[index].text = found.before
        parts.insert(Part(heading: found.heading, level: found.level, text: found.after), at: index + 1)
        counterparts.insert(nil, at: index + 1)
        cut = true
        break
      }
    }
    return cut
  }

  /// A text cut at the first heading line of level 3 to 6 (outside fenced code) whose words
  /// are `heading`'s: the text before the line, the heading as written there, its level, and
  /// the text after the line.
  static func split(_ text: String, atHeading heading: String) -> (
    before: String, heading: String, level: Int, after: String
  )? {
    guard text.utf8.contains(0x23) else { return nil }
    var before = ""
    var fence = CodeFence()
    var lines = SourceText.linesWithEndings(text)[...]
    while let line = lines.popFirst() {
      let trimmed = line.trimmedSpaces
      if !fence.isCode(trimmed), trimmed.hasPrefix("###") {
        let content = String(line.prefix { !$0.isNewline })
        for level in 3...6 {
          if let found = Proposition.atxHeading(content, level: level), sameHeading(found, heading) {
            return (before, found, level, lines.joined())
          }
        }
      }
      before += line
    }
    return nil
  }
}
