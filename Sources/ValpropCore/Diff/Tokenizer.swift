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
    if isASCIISpace(byte) { return .whitespace }
    return isASCIIWordByte(byte) ? .word : .punctuation
  }

  /// Whether an ASCII byte is white space: a space, or a tab, line feed, vertical tab, form
  /// feed or carriage return.
  @inline(__always) static func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte &- 0x09 < 5
  }

  /// Whether an ASCII byte belongs to a word: a letter or digit ("_" is punctuation).
  @inline(__always) static func isASCIIWordByte(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
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
  /// bytes: lines of ASCII go byte by byte, lines of ASCII and standalone scalars scalar by
  /// scalar, any other line Character by Character (a line break ends every Character and
  /// every invalid sequence, so lines are independent). `VALPROP_DIFF_ENGINE=reference`
  /// sends every line that is not ASCII Character by Character.
  /// Consecutive lines of ASCII are keyed as one run: a line feed is white space, so no token
  /// spans two lines and the run's key is its lines' keys joined, without the cost of one
  /// call a line (a fifth of keying the versions of a cold `list`; docs/performance.md,
  /// session 17).
  static func joinedWording(anyBytes bytes: UnsafeBufferPointer<UInt8>) -> String {
    var headings: [(start: Int, marks: Int)]? = nil
    return joinedWording(anyBytes: bytes, headings: &headings)
  }

  /// The same key; with `headings` not nil, also where in the key each line that opens with
  /// a heading mark of two to six `#`s begins (the key's length before the line's first
  /// token) and how many `#`s it has, as `WordingKey.bodyWithOneHeadingMark` finds those lines.
  static func joinedWording(
    anyBytes bytes: UnsafeBufferPointer<UInt8>, headings: inout [(start: Int, marks: Int)]?
  ) -> String {
    var key: [UInt8] = []
    key.reserveCapacity(bytes.count + bytes.count / 2)
    guard let base = bytes.baseAddress else { return "" }
    let recordsHeadings = headings != nil
    var run: Range<Int>?
    func flush() {
      guard let pending = run else { return }
      appendWordingOfASCII(UnsafeBufferPointer(rebasing: bytes[pending]), to: &key)
      run = nil
    }
    forEachLine(bytes) { line, ascii in
      if recordsHeadings, let marks = headingMarks(line) {
        // The run so far is keyed first, so the key's length is where this line begins.
        flush()
        headings?.append((key.count, marks))
      }
      if ascii {
        // A line handed over is never empty, so it has an address.
        let start = line.baseAddress! - base
        run = (run?.lowerBound ?? start)..<(start + line.count)
        return
      }
      flush()
      if !WordDiff.reference, appendWordingOfStandaloneScalars(line, to: &key) { return }
      appendWordingByCharacters(line, to: &key)
    }
    flush()
    return String(decoding: key, as: UTF8.self)
  }

  /// How many `#`s open a line as a heading mark that `WordingKey.bodyWithOneHeadingMark`
  /// makes one: up to three spaces, then two to six `#`s, then white space or the end of the
  /// bytes; nil for any other line.
  static func headingMarks(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
    var probe = 0
    while probe < line.count, probe < 3, line[probe] == 0x20 { probe += 1 }
    var hashes = probe
    while hashes < line.count, line[hashes] == 0x23 { hashes += 1 }
    let marks = hashes - probe
    let after = hashes < line.count ? line[hashes] : 0x0A
    guard marks >= 2, marks <= 6, after == 0x20 || after == 0x09 || after == 0x0D || after == 0x0A else {
      return nil
    }
    return marks
  }

  /// Appends the wording of any line, Character by Character: the reference for the two
  /// faster paths above.
  static func appendWordingByCharacters(_ line: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
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

  /// Appends the wording of a line without making Characters when each of its scalars is
  /// ASCII or one that is always a Character of its own (`standaloneScalarKinds`): then every
  /// scalar is one Character, of the kind `kind(of:)` gives it. Returns false, with nothing
  /// appended, for any other line (invalid UTF-8 included), which then goes Character by
  /// Character. On rust-lang/rfcs, where typographic quotes and dashes put most lines on the
  /// Character path, that path was two fifths of a cold `list` (docs/performance.md).
  static func appendWordingOfStandaloneScalars(_ line: UnsafeBufferPointer<UInt8>, to key: inout [UInt8])
    -> Bool
  {
    let mark = key.count
    let kinds = standaloneScalarKinds
    var inWord = false
    var index = 0
    while index < line.count {
      let lead = line[index]
      var length = 1
      var kind: UInt8
      if lead < 0x80 {
        kind = lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) ? 3 : asciiWordByte(lead) ? 1 : 2
      } else {
        var value: UInt32
        if lead >= 0xC2 && lead <= 0xDF, index + 1 < line.count, line[index + 1] & 0xC0 == 0x80 {
          value = UInt32(lead & 0x1F) << 6 | UInt32(line[index + 1] & 0x3F)
          length = 2
        } else if lead >= 0xE0 && lead <= 0xEF, index + 2 < line.count, line[index + 1] & 0xC0 == 0x80,
          line[index + 2] & 0xC0 == 0x80
        {
          value =
            UInt32(lead & 0x0F) << 12 | UInt32(line[index + 1] & 0x3F) << 6 | UInt32(line[index + 2] & 0x3F)
          length = 3
          // An overlong form is invalid UTF-8, whatever value it spells.
          if value < 0x800 { value = 0 }
        } else {
          value = 0
        }
        kind = value < kinds.count ? kinds[Int(value)] : 0
        if kind == 0 {
          key.removeSubrange(mark...)
          return false
        }
      }
      switch kind {
      case 3:
        inWord = false
      case 1:
        if !inWord && !key.isEmpty { key.append(0x01) }
        inWord = true
        key.append(contentsOf: UnsafeBufferPointer(rebasing: line[index..<index + length]))
      default:
        inWord = false
        if !key.isEmpty { key.append(0x01) }
        key.append(contentsOf: UnsafeBufferPointer(rebasing: line[index..<index + length]))
      }
      index += length
    }
    return true
  }

  /// Whether an ASCII byte is a letter or a digit.
  private static func asciiWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// The scalars, below U+2300, that are a Character of their own beside any ASCII or any
  /// other of them, indexed by value: 0 for the rest, else 1 word, 2 punctuation, 3 white
  /// space, as `kind(of:)` gives them. They are Latin letters with their marks precomposed and
  /// Latin-1's signs, the typographic dashes, quotes and ellipsis, currency signs, letterlike
  /// symbols, arrows and mathematical operators: none extends, joins or prepends in Unicode's
  /// grapheme rules, which `TokenizerTests` checks against Swift's own Characters.
  static let standaloneScalarRanges: [ClosedRange<UInt32>] = [
    0xA0...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2100...0x214F, 0x2190...0x22FF,
  ]

  static let standaloneScalarKinds: [UInt8] = {
    var kinds = [UInt8](repeating: 0, count: 0x2300)
    for range in standaloneScalarRanges {
      for value in range {
        guard let scalar = Unicode.Scalar(value) else { continue }
        switch kind(of: Character(scalar)) {
        case .word: kinds[Int(value)] = 1
        case .punctuation: kinds[Int(value)] = 2
        case .whitespace: kinds[Int(value)] = 3
        }
      }
    }
    return kinds
  }()

  /// Appends the wording of ASCII bytes to a key, tokens separated by U+0001.
  private static func appendWordingOfASCII(_ bytes: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
    // Written into a buffer of the most the bytes can make (a separator before every byte),
    // then appended at once: appending byte by byte was most of a wording key's cost. Each
    // byte's kind comes from a table, and a word's bytes are copied in one go.
    var started = !key.isEmpty
    guard let source = bytes.baseAddress else { return }
    let count = bytes.count
    asciiKinds.withUnsafeBufferPointer { kinds in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * 2) { out in
        guard let target = out.baseAddress else { return }
        var written = 0
        var index = 0
        while index < count {
          let kind = kinds[Int(source[index])]
          if kind == 0 {
            index += 1
            continue
          }
          if started {
            target[written] = 0x01
            written += 1
          }
          started = true
          var end = index + 1
          if kind == 1 {
            while end < count, kinds[Int(source[end])] == 1 { end += 1 }
          }
          (target + written).update(from: source + index, count: end - index)
          written += end - index
          index = end
        }
        key.append(contentsOf: UnsafeBufferPointer(start: target, count: written))
      }
    }
  }

  /// The kind of each byte for `appendWordingOfASCII`: 0 white space, 1 a letter or digit,
  /// 2 any other byte (punctuation; the function is given ASCII only).
  private static let asciiKinds: [UInt8] = (0...255).map { value in
    let byte = UInt8(value)
    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 0 }
    return asciiWordByte(byte) ? 1 : 2
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
