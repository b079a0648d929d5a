/// A pattern of phrases (`LintPattern(phrases:)`, `LintPattern(joinedPhrases:)`) matched on
/// the bytes of a plain line as the regular expression matches it there: from each place,
/// left to right, the first alternative in the pattern's order that matches (its spaces any
/// run of white space, ASCII case ignored) with no word character (or hyphen) on either
/// side; the search goes on after the match.
///
/// It answers for lines of ASCII letters, digits, punctuation, spaces, tabs, line and form
/// feeds, where every byte is one `Character` and `\w` and `\s` mean what they mean in
/// ASCII. It also answers for such lines with inert symbols and punctuation among them
/// (`inertScalars`: typographic quotes, dashes, arrows, box drawing, emoji such as ✅). Each
/// of those is its own `Character` and one column, neither `\w` nor `\s`, and left alone by
/// case folding, so a phrase never matches it, and a phrase beside it is judged as beside
/// ASCII punctuation. Other lines, and phrases this cannot spell (not ASCII, a space at an
/// edge or two in a row, other white space), take the regular expression.
struct LintPhrases: Sendable {
  /// The phrases, lower-cased, in the pattern's order.
  private let phrases: [[UInt8]]
  /// For each lower-cased first byte, the phrases starting with it, in the pattern's order.
  private let byFirstByte: [[Int]]
  /// Whether a hyphen next to a match forbids it, as a word character does.
  private let hyphenEnds: Bool

  /// The matcher of phrases in the pattern's order, or nil when one cannot be spelt here.
  init?(_ phrases: [String], hyphenEnds: Bool) {
    var lowered: [[UInt8]] = []
    var byFirstByte = [[Int]](repeating: [], count: 128)
    for phrase in phrases {
      let bytes = Array(phrase.utf8).map(LintPrefilter.lower)
      guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
        bytes.allSatisfy({ $0 >= 0x21 && $0 < 0x7F || $0 == 0x20 }),
        !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 })
      else { return nil }
      byFirstByte[Int(first)].append(lowered.count)
      lowered.append(bytes)
    }
    self.phrases = lowered
    self.byFirstByte = byFirstByte
    self.hyphenEnds = hyphenEnds
  }

  /// White space as `\s` reads it in the lines this answers for.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C
  }

  /// Whether a byte next to a match forbids it.
  private func isEdge(_ byte: UInt8) -> Bool {
    LintPrefilter.isWordByte(byte) || (hyphenEnds && byte == 0x2D)
  }

  /// Every match, as `LintPattern.matches(in:)` gives them; nil when the line is not one
  /// this answers for.
  func matches(in text: String) -> [(column: Int, length: Int, text: String)]? {
    var text = text
    return text.withUTF8 { bytes -> [(column: Int, length: Int, text: String)]? in
      guard let inert = LintPhrases.inertScalars(in: bytes) else { return nil }
      var found: [(column: Int, length: Int, text: String)] = []
      let count = bytes.count
      // The inert scalars before `start` (each one column of two to four bytes), and the
      // bytes they take beyond one each.
      var passed = 0
      var extra = 0
      var start = 0
      while start < count {
        if bytes[start] >= 0x80 || (start > 0 && isEdge(bytes[start - 1])) {
          start += 1
          continue
        }
        while passed < inert.count, inert[passed].start < start {
          extra += inert[passed].length - 1
          passed += 1
        }
        let first = Int(LintPrefilter.lower(bytes[start]))
        var end: Int?
        for phrase in byFirstByte[first] {
          if let matched = match(phrases[phrase], in: bytes, at: start),
            matched == count || !isEdge(bytes[matched])
          {
            end = matched
            break
          }
        }
        if let end {
          found.append(
            (
              start + 1 - extra, end - start,
              String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            ))
          start = end
        } else {
          start += 1
        }
      }
      return found
    }
  }

  /// Where the line's scalars that are not ASCII start and how many bytes each takes, when
  /// every one is inert: a symbol or punctuation mark (not a connector such as U+203F, not a
  /// modifier symbol such as a skin tone, which joins the emoji before it) that is not
  /// alphabetic (as circled letters are), not a regional indicator (two make one flag), and
  /// not changed by case folding. Such a scalar is neither `\w` nor `\s` to the regular
  /// expression, and its own `Character` beside ASCII and beside another such scalar.
  /// Nil when one is not inert, or the line holds DEL or a control other than white space.
  static func inertScalars(in bytes: UnsafeBufferPointer<UInt8>) -> [(start: Int, length: Int)]? {
    var found: [(start: Int, length: Int)] = []
    let count = bytes.count
    var index = 0
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte == 0x7F || (byte < 0x20 && !LintPhrases.isSpace(byte)) { return nil }
        index += 1
        continue
      }
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      guard byte >= 0xC2, index + length <= count else { return nil }
      var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
      for next in bytes[(index + 1)..<(index + length)] {
        guard next & 0xC0 == 0x80 else { return nil }
        value = value << 6 | UInt32(next & 0x3F)
      }
      guard let scalar = Unicode.Scalar(value), isInert(scalar) else { return nil }
      found.append((index, length))
      index += length
    }
    return found
  }

  /// Whether a scalar that is not ASCII is inert (see `inertScalars`).
  static func isInert(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .otherSymbol, .mathSymbol, .currencySymbol, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      break
    default:
      return false
    }
    return !properties.isAlphabetic && !properties.isWhitespace && !properties.isGraphemeExtend
      && !properties.changesWhenCaseFolded && !(0x1F1E6...0x1F1FF).contains(scalar.value)
  }

  /// Where a phrase matched at `start` ends, or nil.
  private func match(_ phrase: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    var index = start
    for byte in phrase {
      if byte == 0x20 {
        guard index < bytes.count, LintPhrases.isSpace(bytes[index]) else { return nil }
        while index < bytes.count, LintPhrases.isSpace(bytes[index]) { index += 1 }
      } else {
        guard index < bytes.count, LintPrefilter.lower(bytes[index]) == byte else { return nil }
        index += 1
      }
    }
    return index
  }
}
