import Foundation

extension Linter.Check {
  /// The acronyms a text spells out: the groups of `definedAcronym`'s matches, "SLA" in
  /// "service level agreement (SLA)" and in "SLA (service level agreement)". Read on the
  /// bytes on the fast path, where matching the regular expression over the whole wording
  /// of each revision was a tenth of a cold `log` on rust-lang/rfcs (docs/performance.md,
  /// session 15); by the regular expression on the reference path, and wherever the bytes
  /// leave the answer to Unicode (see `speltOutByBytes`).
  static func speltOutAcronyms(in text: String) -> Set<String> {
    if LintEngine.isFast, let found = speltOutByBytes(text) { return found }
    return Set(findRegexMatches(definedAcronym, in: text).flatMap(\.groups))
  }

  /// The acronyms spelt out in the title and the sections' wording joined by spaces, as
  /// `speltOutAcronyms(in:)` reads the joined text, found in each part alone (a section's
  /// kept with its replay): a revision changes one or two of an RFC's sections, and reading
  /// all of its wording again was a fourteenth of a cold `log` (docs/performance.md, session
  /// 20). `\(…\)` holds no white space, so only `\b([A-Z][A-Z0-9&]{1,7})\s+\(` can run
  /// across the space that joins two parts ("SLA" + " " + "(service …"): nil where a part
  /// that opens with "(" (past white space) follows one that ends with a capital, a digit
  /// or "&", or where white space other than ASCII's stands at either side (`Edges`).
  /// Elsewhere each part's matches are the joined text's, the space before a part reading
  /// as its start does for `\b`.
  static func speltOutAcronyms(title: String, _ sections: [LintSection]) -> Set<String>? {
    var found = speltOutAcronyms(in: title)
    var before = Edges(of: title).closing
    for section in sections {
      let part =
        section.replay?.speltOut
        ?? {
          let wording = section.wording
          let made = (acronyms: speltOutAcronyms(in: wording), edges: Edges(of: wording))
          section.replay?.speltOut = made
          return made
        }()
      if part.edges.opening == .risky, before == .risky { return nil }
      if part.edges.closing != .none { before = part.edges.closing }
      found.formUnion(part.acronyms)
    }
    return found
  }

  /// How a text opens and closes, past ASCII white space, for reading spelt-out acronyms
  /// part by part.
  struct Edges {
    /// What stands at one end.
    enum Kind {
      /// Only ASCII white space, or nothing.
      case none
      /// What no match of `\s+\(` can run into from that side.
      case plain
      /// "(" opening, a capital, digit or "&" closing, or white space other than ASCII's
      /// (by any Unicode definition `\s` may read) at either.
      case risky
    }

    let opening: Kind
    let closing: Kind

    init(of text: String) {
      func kind(_ scalar: Unicode.Scalar?, risky: (UInt32) -> Bool) -> Kind {
        guard let scalar else { return .none }
        if scalar.value < 0x80 { return risky(scalar.value) ? .risky : .plain }
        let category = scalar.properties.generalCategory
        let space =
          scalar.properties.isWhitespace || scalar.value == 0x85 || category == .spaceSeparator
          || category == .lineSeparator || category == .paragraphSeparator
        return space ? .risky : .plain
      }
      func isASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
      }
      let scalars = text.unicodeScalars
      opening = kind(scalars.first { !isASCIISpace($0) }) { $0 == 0x28 }
      closing = kind(scalars.last { !isASCIISpace($0) }) { value in
        (0x41...0x5A).contains(value) || (0x30...0x39).contains(value) || value == 0x26
      }
    }
  }

  /// General punctuation (dashes, curly quotes, the ellipsis, U+2010 to U+2027 and U+2030
  /// to U+205E) but the three connector punctuation marks there (‿, ⁀ and ⁔, which ICU's
  /// `\b` reads as word characters): neither a word character nor white space, for `\b`
  /// and `\s` alike.
  static func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
    guard let value = scalar?.value, value != 0x203F, value != 0x2040, value != 0x2054 else { return false }
    return (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
  }

  /// A Latin letter of Latin-1 and Latin Extended-A and B (U+00C0 to U+024F but × and ÷):
  /// a word character for `\b`.
  static func isLatinLetter(_ scalar: Unicode.Scalar?) -> Bool {
    guard let value = scalar?.value else { return false }
    return (0xC0...0x24F).contains(value) && value != 0xD7 && value != 0xF7
  }

  /// `definedAcronym`'s groups found by reading the bytes as ICU's matcher reads the text:
  /// from left to right, each match starting where the one before ended, trying
  /// `\(([A-Z][A-Za-z0-9&]{1,7})\)`, then `\b([A-Z][A-Z0-9&]{1,7})\s+\((?:[a-z]|[A-Z][a-z])`.
  /// Every character either pattern takes is ASCII, but two places depend on Unicode:
  /// whether the character before an acronym is a word character (`\b`), and whether the
  /// characters after it are white space (`\s`). Those are decided for ASCII, Latin
  /// letters and general punctuation; nil, so the regular expression decides, for any
  /// other character there, and for a vertical tab, which ICU's documented `\s` and the
  /// White_Space property read differently. The regular expression's path also drops a
  /// match that starts or ends inside a character (`Range(_:in:)` gives no range for it):
  /// nil as well when a match's neighbour is any other character.
  static func speltOutByBytes(_ text: String) -> Set<String>? {
    var text = text
    return text.withUTF8 { bytes -> Set<String>? in
      var found = Set<String>()
      func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
      func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
      func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
      // The characters after `start` in a class, as far as they go.
      func run(from start: Int, _ inClass: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, inClass(bytes[end]) { end += 1 }
        return end - start
      }
      func acronym(_ start: Int, _ count: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
      }
      // The scalar that starts at a byte, and the one that ends before a byte.
      func scalar(at start: Int) -> Unicode.Scalar? {
        var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
      }
      func scalar(endingAt end: Int) -> Unicode.Scalar? {
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let scalar = scalar(at: start), start + UTF8.width(scalar) == end else { return nil }
        return scalar
      }
      // Whether a character boundary is known to be at a byte: the regular expression's
      // path drops a match whose ends fall inside a character ("(SLA)" and a combining
      // accent after it). False where a neighbour beyond ASCII leaves it open.
      func isKnownBoundary(_ position: Int) -> Bool {
        if position == 0 || position == bytes.count { return true }
        let before = bytes[position - 1] < 0x80 ? nil : scalar(endingAt: position)
        let after = bytes[position] < 0x80 ? nil : scalar(at: position)
        return [before, after].allSatisfy { $0 == nil || isPunctuation($0) || isLatinLetter($0) }
      }
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x28 {
          // `\(([A-Z][A-Za-z0-9&]{1,7})\)`: the class cannot hold ")", so the run after the
          // capital must end there, one to seven characters long.
          let first = index + 1
          if first < bytes.count, isUpper(bytes[first]) {
            let rest = run(from: first + 1) { isUpper($0) || isLower($0) || isDigit($0) || $0 == 0x26 }
            let close = first + 1 + rest
            if (1...7).contains(rest), close < bytes.count, bytes[close] == 0x29 {
              guard isKnownBoundary(index), isKnownBoundary(close + 1) else { return nil }
              found.insert(acronym(first, 1 + rest))
              index = close + 1
              continue
            }
          }
        } else if isUpper(byte) {
          // `([A-Z][A-Z0-9&]{1,7})\s+`: the class holds no white space, so the run after the
          // capital must end at white space, one to seven characters long.
          let rest = run(from: index + 1) { isUpper($0) || isDigit($0) || $0 == 0x26 }
          var next = index + 1 + rest
          if (1...7).contains(rest), next < bytes.count {
            let spaces = run(from: next) {
              $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D
            }
            if next + spaces < bytes.count, bytes[next + spaces] >= 0x80 || bytes[next + spaces] == 0x0B {
              // Unicode white space, or punctuation (a curly apostrophe: "API’s")?
              guard isPunctuation(scalar(at: next + spaces)) else { return nil }
            }
            next += spaces
            // Then "(" and a lower-case letter, or a capital and a lower-case letter.
            var end: Int?
            if spaces > 0, next + 1 < bytes.count, bytes[next] == 0x28 {
              let letter = bytes[next + 1]
              if isLower(letter) {
                end = next + 2
              } else if isUpper(letter), next + 2 < bytes.count, isLower(bytes[next + 2]) {
                end = next + 3
              }
            }
            // `\b` before the capital: the character before is not a word character.
            if let end {
              var boundary = true
              if index > 0 {
                let before = bytes[index - 1]
                if before < 0x80 {
                  boundary = !(isUpper(before) || isLower(before) || isDigit(before) || before == 0x5F)
                } else {
                  let character = scalar(endingAt: index)
                  if isPunctuation(character) {
                    boundary = true
                  } else if isLatinLetter(character) {
                    boundary = false
                  } else {
                    return nil
                  }
                }
              }
              if boundary {
                guard isKnownBoundary(index), isKnownBoundary(end) else { return nil }
                found.insert(acronym(index, 1 + rest))
                index = end
                continue
              }
            }
          }
        }
        index += 1
      }
      return found
    }
  }
}
