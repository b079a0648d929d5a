import Foundation

/// The sections of the revisions of a history, prepared for lint once each: a revision
/// nearly always leaves most of its sections as the revision before had them, and preparing
/// a section (masking code and comments, cutting sentences, list items and wording lines)
/// was a third of linting the 20,000 revisions of the generated 2,000 x 20,000 benchmark
/// (docs/performance.md, session 14).
///
/// A prepared section depends only on its heading and its lines; where it starts only moves
/// the line numbers it records. So the key is the heading, the lines and the distance from
/// the heading to the first line, and a section kept at other lines is shifted there: what
/// `LintSection.init` would make (an edit above a section moves it without changing it). It
/// is used on the fast lint path only: the reference path prepares every section itself, as
/// the fuzzer compares the two. A memo serves one thread at a time, linting a run of
/// consecutive revisions of a file (a lock shared by the cores cost more than it saved); it
/// holds at most `capacity` sections and `budget` bytes of their text (prepared, about four
/// times that in memory), and starts afresh when full; it lives for the runs of revisions
/// of one linter. Each section it prepares carries a `LintSectionReplay` of what the rules
/// added for it.
final class LintSectionMemo {
  /// Compared and hashed by bytes: Swift's `==` holds "é" and "e" with a combining accent
  /// equal, and lint reads bytes (a revision that only changes the normal form of a
  /// section must be prepared anew).
  private struct Key: Hashable {
    let heading: String
    let contentOffset: Int
    let rawLines: [String]

    static func == (left: Key, right: Key) -> Bool {
      left.contentOffset == right.contentOffset && left.heading.hasSameBytes(as: right.heading)
        && left.rawLines.count == right.rawLines.count
        && zip(left.rawLines, right.rawLines).allSatisfy { $0.hasSameBytes(as: $1) }
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(contentOffset)
      hasher.combineBytes(of: heading)
      for line in rawLines { hasher.combineBytes(of: line) }
    }
  }

  private var sections: [Key: (section: LintSection, firstContentLine: Int)] = [:]
  /// The matches of the rules' patterns in the same run's texts.
  let matches = LintMatchMemo()
  /// How many of the rules' loops over a section were replayed (`LintSectionReplay`).
  let replays = LintSectionReplay.Tally()
  private var bytes = 0
  private let capacity: Int
  private let budget: Int
  /// How many sections were taken from it, and how many of those were shifted.
  private(set) var hits = 0
  private(set) var shiftedHits = 0

  /// A memo of at most `capacity` sections holding at most `budget` bytes of text.
  init(capacity: Int = 256, budget: Int = 1 << 20) {
    self.capacity = capacity
    self.budget = budget
  }

  /// The section prepared from these lines, prepared now if it was not kept.
  func section(heading: String, line: Int, firstContentLine: Int, rawLines: [String]) -> LintSection {
    let key = Key(heading: heading, contentOffset: firstContentLine - line, rawLines: rawLines)
    if let kept = sections[key] {
      hits += 1
      if kept.firstContentLine != firstContentLine { shiftedHits += 1 }
      return kept.section.shifted(by: firstContentLine - kept.firstContentLine)
    }
    // Its lines and paragraphs are mostly those of the section it replaces (see
    // `LintSection.masked`).
    let made = matches.installed {
      LintSection(heading: heading, line: line, firstContentLine: firstContentLine, rawLines: rawLines)
    }.replaying(into: LintSectionReplay(tally: replays))
    let size = rawLines.reduce(heading.utf8.count) { $0 + $1.utf8.count + 1 }
    if sections.count >= capacity || bytes + size > budget {
      sections = [:]
      bytes = 0
    }
    sections[key] = (made, firstContentLine)
    bytes += size
    return made
  }
}
