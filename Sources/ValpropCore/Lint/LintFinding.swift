/// A mechanical fix: replace the text between two positions (lines and columns from 1, the
/// end exclusive) with `replacement`.
public struct LintSuggestion: Sendable, Equatable {
  /// The first line.
  public let line: Int
  /// The first column.
  public let column: Int
  /// The line where the replaced text ends.
  public let endLine: Int
  /// The column just after the replaced text.
  public let endColumn: Int
  /// The new text.
  public let replacement: String
  /// `column` counted in UTF-8 bytes, as reviewdog counts.
  public var byteColumn: Int = 0
  /// `endColumn` counted in UTF-8 bytes.
  public var byteEndColumn: Int = 0

  /// Creates a suggestion; byte columns are filled in by the linter.
  public init(line: Int, column: Int, endLine: Int, endColumn: Int, replacement: String) {
    self.line = line
    self.column = column
    self.endLine = endLine
    self.endColumn = endColumn
    self.replacement = replacement
  }
}

/// One thing lint found: which rule, where, how bad, and what to do.
public struct LintFinding: Sendable, Equatable {
  /// The rule.
  public let rule: LintRule
  /// The severity after the workspace's `lint.severity`.
  public let severity: Severity
  /// The proposition's id.
  public let id: String
  /// The file, relative to the workspace root.
  public let path: String
  /// The line, from 1.
  public let line: Int
  /// The column, from 1, in characters.
  public let column: Int
  /// The column, from 1, in UTF-8 bytes (reviewdog's unit).
  public let byteColumn: Int
  /// What is weak and how to make it strong.
  public let message: String
  /// A mechanical fix, where there is one.
  public let suggestion: LintSuggestion?
  /// How far this finding caps its characteristic, when it weighs other than its rule's cap
  /// (a 31-word sentence less than a 60-word one).
  public var cap: Int? = nil
}

/// The lint of one proposition: its findings and its strength score.
public struct LintResult: Sendable {
  /// The proposition's id.
  public let id: String
  /// Its file.
  public let path: String
  /// The findings, by line then column.
  public let findings: [LintFinding]
  /// The sub-score of each characteristic and their mean.
  public let scores: LintScore
  /// 0-100 over the six characteristics of strong propositions.
  public var score: Int { scores.total }

  /// A result.
  public init(id: String, path: String, findings: [LintFinding], scores: LintScore) {
    self.id = id
    self.path = path
    self.findings = findings
    self.scores = scores
  }
}
