import Foundation

/// How one section changed: a `## ` section, a `# ` section other than the title heading,
/// or the introduction (the text before the first section).
public struct SectionChange: Sendable, Equatable, Encodable {
  /// Whether the section is new, gone or changed.
  public enum Kind: String, Sendable, Encodable {
    /// Only the new version has it.
    case added
    /// Only the old version has it.
    case removed
    /// Both have it, with different text.
    case modified
  }

  /// The heading; "" for the text before the first section heading.
  public let heading: String
  /// What happened to it.
  public let change: Kind
  /// The word diff of its text.
  public let tokens: [DiffToken]
  /// The heading's level: 1 for `# `, 2 for `## `; 0 for the introduction.
  public let level: Int
  /// The old version's heading as written (`# Summary`) when only its level or case differs
  /// from the new one's; nil otherwise. The level of a heading is layout: the section keeps
  /// its identity, and its words are compared with the old ones.
  public let previousHeading: String?

  /// Creates a section change.
  public init(
    heading: String, change: Kind, tokens: [DiffToken], level: Int = 2, previousHeading: String? = nil
  ) {
    self.heading = heading
    self.change = change
    self.tokens = tokens
    self.level = heading.isEmpty ? 0 : level
    self.previousHeading = previousHeading
  }

  /// The heading as written (`## Problem`); "" for the introduction.
  public var headingLine: String {
    level == 0 ? "" : String(repeating: "#", count: level) + " " + heading
  }

  /// Whether a word or punctuation changed (not only white space): what people are shown.
  public var wordingChanged: Bool {
    tokens.contains { $0.op != .equal && !$0.isWhitespace }
  }

  /// Whether people are shown the section: its wording or its heading changed.
  public var isShown: Bool { wordingChanged || previousHeading != nil }

  /// Words (letters and digits) only the new side has.
  public var wordsAdded: Int { count(.insert) }
  /// Words only the old side has.
  public var wordsRemoved: Int { count(.delete) }

  private func count(_ op: DiffToken.Operation) -> Int {
    tokens.reduce(0) { total, token in token.op == op ? total + Tokenizer.wordCount(token.text) : total }
  }

  /// Encodes the stable JSON shape of docs/commands.md.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(heading, forKey: .heading)
    try container.encode(change, forKey: .change)
    try container.encode(level, forKey: .level)
    try container.encode(previousHeading, forKey: .previousHeading)
    try container.encode(tokens, forKey: .tokens)
  }

  enum CodingKeys: String, CodingKey { case heading, change, level, previousHeading, tokens }
}
