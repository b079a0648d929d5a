import Foundation

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs. Foundation's
  /// `trimmingCharacters(in:)` bridges through NSString, which showed as a tenth of `list`'s
  /// time; this stays in Swift.
  public var trimmedSpaces: String {
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
