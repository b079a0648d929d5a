import Foundation

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs. Foundation's
  /// `trimmingCharacters(in:)` bridges through NSString, which showed as a tenth of `list`'s
  /// time; this stays in Swift.
  ///
  /// Text of ASCII alone is trimmed on its bytes: there every byte is a Character but for
  /// "\r\n", which holds no space or tab (by Character, the fence lines of a long document
  /// cost 1,000 instructions each, docs/performance.md, session 30).
  public var trimmedSpaces: String {
    let trimmed = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      guard LintPrefilter.isASCII(bytes) else { return nil }
      var start = 0
      var end = bytes.count
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
    if let trimmed = trimmed ?? nil { return trimmed }
    return trimmedSpacesByCharacter
  }

  /// `trimmedSpaces` Character by Character: the path for text past ASCII, and the
  /// reference the byte path is tested against.
  var trimmedSpacesByCharacter: String {
    let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
    let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
    return start < end ? String(self[start..<end]) : ""
  }
}

extension String {
  /// The text without the scalars `trimmingCharacters(in: .whitespaces)` trims at either end,
  /// with the same answer but without bridging through NSString, which took half of a warm
  /// `list`'s instructions in its table.
  public var trimmedWhitespace: String {
    let scalars = unicodeScalars
    let start = scalars.firstIndex { !Self.isWhitespace($0) } ?? scalars.endIndex
    let end = scalars.lastIndex { !Self.isWhitespace($0) }.map { scalars.index(after: $0) } ?? start
    return start < end ? String(scalars[start..<end]) : ""
  }

  /// Whether a scalar is in `CharacterSet.whitespaces`, asked of Foundation only past ASCII
  /// (its set holds more than the space separators: U+200B on Linux).
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
  }
}
