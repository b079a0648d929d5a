/// A team's own rule from `.valprop.yml` (`lint.rules`): words to avoid, the message to show,
/// and an optional replacement, as Vale's existence and substitution rules do.
public struct LintTeamRule: Sendable, Equatable {
  /// The words or phrases, matched without case, also inside hyphenated words.
  public let words: [String]
  /// What to tell the writer.
  public let message: String
  /// The word to write instead, if the fix is mechanical.
  public let replacement: String?
  /// Warning unless the team says error.
  public let severity: Severity

  /// A team rule.
  public init(words: [String], message: String, replacement: String? = nil, severity: Severity = .warning) {
    self.words = words
    self.message = message
    self.replacement = replacement
    self.severity = severity
  }
}
