import Foundation

/// What the rules' loops over one section added to the findings, kept with the section in a
/// `LintSectionMemo` so that a later revision holding the same section adds the same again
/// without reading it. Taking the patterns' matches from `LintMatchMemo` still looked up
/// every line, sentence and item of every section for every pattern at every revision, and
/// that was most of a cold `valprop log` of a long RFC (docs/performance.md, session 20).
///
/// A loop's additions for a section depend only on the section's lines and the few facts
/// named as its context (the evidence's wording, the framework): the rules see nothing else
/// from inside that loop, and the places they report lie in the section, so the additions
/// are kept with lines counted from the section's heading line and move with it. Each one
/// goes through `Collector.add` again when replayed, so the settings that switch rules off
/// or change their severity apply as before. A replay belongs to its memo: it serves one
/// thread at a time and one linter (the memo's revisions are all linted by the same one).
final class LintSectionReplay {
  /// The loops whose additions are kept.
  enum Loop: Int, CaseIterable {
    /// `structure`: placeholders and leftover hints.
    case structure
    /// `measurable`: the benefit sections' items.
    case benefits
    /// `measurable`: unbacked figures and vague comparatives in the claims.
    case claims
    /// `differentiated`: generic claims.
    case genericClaims
    /// `differentiated`: superlatives without proof.
    case superlatives
    /// `unexplainedTerms`: internal names.
    case internalNames
    /// `language`: buzzwords, wordy phrases, jargon and the team's words.
    case wording
    /// `concise`: long sentences.
    case longSentences
  }

  /// One call of `Collector.add`, its lines counted from the section's heading line.
  struct Addition {
    let rule: LintRuleID
    let line: Int
    let column: Int
    let cap: Int?
    let message: String
    let suggestion: LintSuggestion?
    let severity: Severity?

    /// The same addition `delta` lines further down, its suggestion with it.
    func moved(by delta: Int) -> Addition {
      Addition(
        rule: rule, line: line + delta, column: column, cap: cap, message: message,
        suggestion: suggestion.map {
          LintSuggestion(
            line: $0.line + delta, column: $0.column, endLine: $0.endLine + delta, endColumn: $0.endColumn,
            replacement: $0.replacement)
        }, severity: severity)
    }
  }

  /// An acronym the section holds that is neither a known acronym nor an English word:
  /// whether it is spelt out is read across every section, so that is left to each revision.
  struct Acronym {
    /// Its line, counted from the section's heading line.
    let line: Int
    let column: Int
    let text: String
    /// The acronym without a possessive "'s".
    let word: String

    /// The same acronym `delta` lines further down.
    func moved(by delta: Int) -> Acronym {
      Acronym(line: line + delta, column: column, text: text, word: word)
    }
  }

  /// Counts the loops replayed for the sections of one memo.
  final class Tally {
    /// How many loops were replayed instead of run.
    fileprivate(set) var replays = 0
  }

  private var kept: [(context: String, additions: [Addition])?] = Array(
    repeating: nil, count: Loop.allCases.count)
  /// The section's acronyms, once read.
  var acronyms: [Acronym]?
  /// The acronyms the section's wording spells out, and how it opens and closes for reading
  /// them part by part (`Linter.Check.speltOutAcronyms(title:_:)`), once read.
  var speltOut: (acronyms: Set<String>, edges: Linter.Check.Edges)?
  private let tally: Tally

  /// An empty replay, counted in `tally`.
  init(tally: Tally) {
    self.tally = tally
  }

  /// What `loop` added for the section with this context, if it was kept.
  func additions(_ loop: Loop, context: String) -> [Addition]? {
    guard let found = kept[loop.rawValue], found.context.hasSameBytes(as: context) else { return nil }
    tally.replays += 1
    return found.additions
  }

  /// Keeps what `loop` added for the section with this context.
  func keep(_ additions: [Addition], _ loop: Loop, context: String) {
    kept[loop.rawValue] = (context, additions)
  }
}
