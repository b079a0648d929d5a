/// The id of a built-in lint rule: what suppressions, `lint.disable` and `lint.severity` name,
/// checked by the compiler wherever valprop itself reports a finding.
public enum LintRuleID: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
  case frontMatter = "front-matter"
  case missingSection = "missing-section"
  case emptySection = "empty-section"
  case placeholder
  case leftoverHint = "leftover-hint"
  case jobStatementForm = "job-statement-form"
  case suppressionWithoutReason = "suppression-without-reason"
  case unknownSuppression = "unknown-suppression"
  case conflictMarkers = "conflict-markers"
  case brokenLink = "broken-link"
  case tracksMatchNothing = "tracks-match-nothing"
  case unreadableFile = "unreadable-file"
  case noMeasurableBenefit = "no-measurable-benefit"
  case unmeasuredBenefit = "unmeasured-benefit"
  case vagueComparative = "vague-comparative"
  case unbackedFigure = "unbacked-figure"
  case featureAsBenefit = "feature-as-benefit"
  case missingDifferentiation = "missing-differentiation"
  case noAlternative = "no-alternative"
  case genericClaim = "generic-claim"
  case unsupportedSuperlative = "unsupported-superlative"
  case buzzword
  case jargon
  case teamWord = "team-word"
  case unexplainedAcronym = "unexplained-acronym"
  case internalName = "internal-name"
  case wordyPhrase = "wordy-phrase"
  case notEnglish = "not-english"
  case noEvidence = "no-evidence"
  case beliefAsEvidence = "belief-as-evidence"
  case staleEvidence = "stale-evidence"
  case undatedEvidence = "undated-evidence"
  case longStatement = "long-statement"
  case longSentence = "long-sentence"
  case everyoneAudience = "everyone-audience"
  case noAudience = "no-audience"
  case unsizedAudience = "unsized-audience"
  case technologyFirst = "technology-first"

  /// The id as written in files and output.
  public var description: String { rawValue }

  /// The id a name stands for, compared without case.
  public init?(name: String) {
    self.init(rawValue: name.lowercased())
  }

  /// The known names (rule ids and concerns) closest to a misspelt one, for "did you mean".
  public static func suggestion(for name: String) -> String? {
    let candidates = allCases.map(\.rawValue) + Concern.allCases.map(\.rawValue)
    let lower = name.lowercased()
    let scored = candidates.map { ($0, editDistance(lower, $0)) }.filter { $0.1 <= max(2, lower.count / 3) }
    return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
  }

  /// Levenshtein distance, for short names only.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
