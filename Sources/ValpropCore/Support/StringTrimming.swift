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
