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
  /// The tokens of a text, in order. Lines of plain ASCII (most wording) are split byte by
  /// byte; a line with any other byte goes Character by Character (a line break always ends
  /// a Character, so the two agree on where runs start and end).
  public static func tokens(_ text: String) -> [Token] {
    var runs = Runs()
    let utf8 = text.utf8
    var lineStart = utf8.startIndex
    while lineStart != utf8.endIndex {
      let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A).map { utf8.index(after: $0) } ?? utf8.endIndex
      let line = text[lineStart..<lineEnd]
      if line.utf8.allSatisfy({ $0 < 0x80 }) {
        runs.addASCII(line)
      } else {
        for character in line { runs.add(kind(of: character), Substring(String(character))) }
      }
      lineStart = lineEnd
    }
    return runs.finish()
  }

  /// The tokens of a text found Character by Character: what `tokens` must agree with.
  static func tokensByCharacter(_ text: String) -> [Token] {
    var runs = Runs()
    for character in text { runs.add(kind(of: character), Substring(String(character))) }
    return runs.finish()
  }

  /// Joins pieces of one kind into runs; punctuation stays one piece a token.
  private struct Runs {
    var tokens: [Token] = []
    var current = ""
    var currentKind: Token.Kind?

    mutating func flush() {
      if let kind = currentKind, !current.isEmpty { tokens.append(Token(text: current, kind: kind)) }
      current = ""
      currentKind = nil
    }

    mutating func add(_ kind: Token.Kind, _ piece: Substring) {
      if kind == .punctuation {
        flush()
        tokens.append(Token(text: String(piece), kind: .punctuation))
        return
      }
      if kind != currentKind { flush() }
      currentKind = kind
      current += piece
    }

    /// Adds a text of ASCII bytes, a run of one kind at a time.
    mutating func addASCII(_ text: Substring) {
      let utf8 = text.utf8
      var start = utf8.startIndex
      while start != utf8.endIndex {
        let kind = Tokenizer.kind(ofASCII: utf8[start])
        var end = utf8.index(after: start)
        if kind != .punctuation {
          while end != utf8.endIndex, Tokenizer.kind(ofASCII: utf8[end]) == kind {
            end = utf8.index(after: end)
          }
        }
        add(kind, text[start..<end])
        start = end
      }
    }

    mutating func finish() -> [Token] {
      flush()
      return tokens
    }
  }

  /// How many word tokens `tokens(text)` has, counted without building them: lines of ASCII
  /// byte by byte, others Character by Character (a line break ends every word).
  public static func wordCount(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes -> Int in
      var count = 0
      forEachLine(bytes) { line, ascii in
        var inWord = false
        if ascii {
          for byte in line {
            let isWord = kind(ofASCII: byte) == .word
            if isWord && !inWord { count += 1 }
            inWord = isWord
          }
        } else {
          for character in String(decoding: line, as: UTF8.self) {
            let isWord = kind(of: character) == .word
            if isWord && !inWord { count += 1 }
            inWord = isWord
          }
        }
      }
      return count
    }
  }

  /// Calls `body` with each line of `bytes` (its line break included) and whether the line
  /// is all ASCII. A line break ends every Character and every invalid UTF-8 sequence, so
  /// lines can be read independently.
  static func forEachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ line: UnsafeBufferPointer<UInt8>, _ ascii: Bool) -> Void
  ) {
    var lineStart = 0
    while lineStart < bytes.count {
      var lineEnd = lineStart
      var ascii = true
      while lineEnd < bytes.count {
        let byte = bytes[lineEnd]
        lineEnd += 1
        if byte >= 0x80 { ascii = false }
        if byte == 0x0A { break }
      }
      body(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), ascii)
      lineStart = lineEnd
    }
  }

  /// The kind of an ASCII byte, as `kind(of:)` gives it for the Character.
  static func kind(ofASCII byte: UInt8) -> Token.Kind {
    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return .whitespace }
    if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
      return .word
    }
    return .punctuation
  }

  /// The words and punctuation of a text without its white space: two texts with equal
  /// wording differ only in spacing and line wrapping.
  public static func wording(_ text: String) -> [String] {
    // Plain ASCII (most wording) is split byte by byte; anything else by Characters.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var words: [String] = []
      var start: String.UTF8View.Index?
      let bytes = text.utf8
      var index = bytes.startIndex
      while index != bytes.endIndex {
        let byte = bytes[index]
        let isWord =
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        if isWord {
          if start == nil { start = index }
        } else {
          if let open = start {
            words.append(String(text[open..<index]))
            start = nil
          }
          let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
          if !isSpace { words.append(String(UnicodeScalar(byte))) }
        }
        index = bytes.index(after: index)
      }
      if let open = start { words.append(String(text[open..<bytes.endIndex])) }
      return words
    }
    return tokens(text).compactMap { $0.kind == .whitespace ? nil : $0.text }
  }

  /// `wording(String(decoding: bytes, as: UTF8.self)).joined(separator: "\u{1}")` for any
  /// bytes: lines of ASCII go byte by byte, a line with any other byte Character by Character
  /// (a line break ends every Character and every invalid sequence, so lines are independent).
  static func joinedWording(anyBytes bytes: UnsafeBufferPointer<UInt8>) -> String {
    var key: [UInt8] = []
    key.reserveCapacity(bytes.count)
    forEachLine(bytes) { line, ascii in
      if ascii {
        appendWordingOfASCII(line, to: &key)
        return
      }
      var inWord = false
      for character in String(decoding: line, as: UTF8.self) {
        switch kind(of: character) {
        case .whitespace:
          inWord = false
        case .word:
          if !inWord && !key.isEmpty { key.append(0x01) }
          inWord = true
          key += character.utf8
        case .punctuation:
          inWord = false
          if !key.isEmpty { key.append(0x01) }
          key += character.utf8
        }
      }
    }
    return String(decoding: key, as: UTF8.self)
  }

  /// Appends the wording of ASCII bytes to a key, tokens separated by U+0001.
  private static func appendWordingOfASCII(_ bytes: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
    var inWord = false
    for byte in bytes {
      let isWord =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
      if isWord {
        if !inWord && !key.isEmpty { key.append(0x01) }
        key.append(byte)
        inWord = true
        continue
      }
      inWord = false
      let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
      if !isSpace {
        if !key.isEmpty { key.append(0x01) }
        key.append(byte)
      }
    }
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
