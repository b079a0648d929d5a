/// Everything the report shows of one proposition, gathered before any page is written.
public struct ReportProposition: Sendable {
  /// The proposition as it is now.
  public let proposition: Proposition
  /// Its last change and last edit, as `valprop list` finds them.
  public let history: FileHistory?
  /// Its due date and state on the report's day.
  public let freshness: Freshness
  /// Its lint findings and strength now.
  public let lint: LintResult
  /// Its revisions, newest first, as `valprop log` lists them.
  public let revisions: [LogEntry]
  /// The strength score of each revision on its own day (nil for a deletion).
  public let scores: [LintScore?]
  /// Whether a shallow clone cut the revisions short.
  public let truncated: Bool
  /// Why the code it tracks makes it drifted, in words; nil when it is not drifted.
  public var driftReason: String? = nil

  /// Gathers one proposition's facts.
  public init(
    proposition: Proposition, history: FileHistory?, freshness: Freshness, lint: LintResult,
    revisions: [LogEntry], scores: [LintScore?], truncated: Bool
  ) {
    self.proposition = proposition
    self.history = history
    self.freshness = freshness
    self.lint = lint
    self.revisions = revisions
    self.scores = scores
    self.truncated = truncated
  }
}
