/// A piece of wording: a word (letters, digits), one punctuation character, or a run of
/// white space. Joining a text's tokens gives the text back exactly.
public struct Token: Sendable, Hashable {
  /// What kind of piece it is.
  public enum Kind: Sendable, Hashable {
    /// Letters, digits and combining marks.
    case word
    /// A single character that is neither a word character nor white space.
    case punctuation
    /// A run of white space, line breaks included.
    case whitespace
  }

  /// The exact text.
  public let text: String
  /// Its kind.
  public let kind: Kind
}

/// Splits wording into tokens: `20 hours.` is `20`, ` `, `hours`, `.`.
public enum Tokenizer {
  /// The tokens of a text, in order.
  public static func tokens(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var current = ""
    var currentKind: Token.Kind?
    func flush() {
      if let kind = currentKind, !current.isEmpty { tokens.append(Token(text: current, kind: kind)) }
      current = ""
      currentKind = nil
    }
    for character in text {
      let kind = Self.kind(of: character)
      if kind == .punctuation {
        flush()
        tokens.append(Token(text: String(character), kind: .punctuation))
        continue
      }
      if kind != currentKind { flush() }
      currentKind = kind
      current.append(character)
    }
    flush()
    return tokens
  }

  /// The words and punctuation of a text without its white space: two texts with equal
  /// wording differ only in spacing and line wrapping.
  public static func wording(_ text: String) -> [String] {
    tokens(text).compactMap { $0.kind == .whitespace ? nil : $0.text }
  }

  static func kind(of character: Character) -> Token.Kind {
    if character.isWhitespace { return .whitespace }
    if character.isLetter || character.isNumber { return .word }
    if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
      return .word
    }
    return .punctuation
  }
}
