/// A reader for the plain YAML that front matter almost always is — `key: value` lines with
/// plain or simply quoted values and `[a, "b"]` lists — which reads it many times faster than
/// a full YAML parser. Whatever it is not sure of, it declines (nil), and the caller parses
/// the text with Yams; what it accepts, it reads exactly as Yams reads it: the same texts,
/// the same null values, the same lines and columns.
///
/// It accepts only printable ASCII (no tabs, no other line breaks than `\n`), keys of
/// letters, digits, `_` and `-` at the start of a line, each key once, blank lines and
/// comment lines; values that are empty, plain (not starting with an indicator and holding
/// no `:`, `#`, `[`, `]`, `{` or `}`), double-quoted without escapes, single-quoted without
/// doubled quotes, or one-line flow lists of such items.
enum QuickYAML {
  /// A scalar: its text, whether it was written plain (only plain `~`, `null` and nothing
  /// are null), and where it starts (1-based line in the YAML text, 1-based column).
  struct Scalar: Equatable {
    let text: String
    let plain: Bool
    let line: Int
    let column: Int

    /// Whether YAML reads it as null.
    var isNull: Bool { plain && YAMLReader.isNull(text) }
  }

  /// A value: a scalar, or a flow list of scalars with the position of its `[`.
  enum Value: Equatable {
    case scalar(Scalar)
    case list([Scalar], line: Int, column: Int)
  }

  /// The keys a mapping key may be made of, the first not a `-`.
  private static func isKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == 0x5F || byte == 0x2D
  }

  /// Bytes that may not start a plain scalar (YAML's indicators, and a space).
  private static let indicators = Set("-?:,[]{}#&*!|>'\"%@` ".utf8)

  /// The top-level pairs of a YAML mapping in the order written, or nil when the text is not
  /// in the subset this reader is sure of.
  static func pairs(_ text: String) -> [(key: Scalar, value: Value)]? {
    var text = text
    return text.withUTF8 { bytes -> [(key: Scalar, value: Value)]? in
      for byte in bytes where byte != 0x0A && (byte < 0x20 || byte > 0x7E) { return nil }
      var pairs: [(key: Scalar, value: Value)] = []
      var keys = Set<String>()
      var lineNumber = 0
      var start = 0
      while start <= bytes.count {
        lineNumber += 1
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        defer { start = end + 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if line.allSatisfy({ $0 == 0x20 }) || line.first == 0x23 { continue }
        guard let pair = Self.pair(line, lineNumber: lineNumber), keys.insert(pair.key.text).inserted else {
          return nil
        }
        pairs.append(pair)
      }
      return pairs
    }
  }

  /// One `key: value` line.
  private static func pair(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> (
    key: Scalar, value: Value
  )? {
    var colon = 0
    while colon < line.count, isKeyByte(line[colon]) { colon += 1 }
    // libyaml looks for a key's `:` within 1,024 characters.
    guard colon > 0, colon < 1000, line[0] != 0x2D, colon < line.count, line[colon] == 0x3A,
      colon + 1 == line.count || line[colon + 1] == 0x20
    else { return nil }
    let key = Scalar(text: text(line, 0, colon), plain: true, line: lineNumber, column: 1)
    var low = colon + 1
    var high = line.count
    while low < high, line[low] == 0x20 { low += 1 }
    while high > low, line[high - 1] == 0x20 { high -= 1 }
    if low == high {
      // Nothing: a null, placed as libyaml places it, just after the colon.
      return (key, .scalar(Scalar(text: "", plain: true, line: lineNumber, column: colon + 2)))
    }
    if line[low] == 0x5B {
      guard line[high - 1] == 0x5D,
        let items = list(line, from: low + 1, to: high - 1, lineNumber: lineNumber)
      else { return nil }
      return (key, .list(items, line: lineNumber, column: low + 1))
    }
    guard let value = scalar(line, from: low, to: high, lineNumber: lineNumber, inList: false) else {
      return nil
    }
    return (key, .scalar(value))
  }

  /// The items of a flow list between its brackets; nil for an empty item or anything else
  /// it is not sure of.
  private static func list(_ line: UnsafeBufferPointer<UInt8>, from: Int, to: Int, lineNumber: Int)
    -> [Scalar]?
  {
    var items: [Scalar] = []
    var position = from
    while position < to, line[position] == 0x20 { position += 1 }
    if position == to { return [] }
    while true {
      var end = position
      if line[position] == 0x22 || line[position] == 0x27 {
        guard let close = closingQuote(line, from: position, to: to) else { return nil }
        end = close + 1
      } else {
        while end < to, line[end] != 0x2C { end += 1 }
      }
      var trimmed = end
      while trimmed > position, line[trimmed - 1] == 0x20 { trimmed -= 1 }
      guard trimmed > position,
        let item = scalar(line, from: position, to: trimmed, lineNumber: lineNumber, inList: true)
      else { return nil }
      items.append(item)
      while end < to, line[end] == 0x20 { end += 1 }
      if end == to { return items }
      guard line[end] == 0x2C else { return nil }
      position = end + 1
      while position < to, line[position] == 0x20 { position += 1 }
      guard position < to else { return nil }
    }
  }

  /// The closing quote of a quoted scalar starting at `from`, before `to`.
  private static func closingQuote(_ line: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
    var position = from + 1
    while position < to, line[position] != line[from] { position += 1 }
    return position < to ? position : nil
  }

  /// A scalar filling `from..<to` (trimmed): quoted, or plain.
  private static func scalar(
    _ line: UnsafeBufferPointer<UInt8>, from: Int, to: Int, lineNumber: Int, inList: Bool
  ) -> Scalar? {
    let first = line[from]
    if first == 0x22 || first == 0x27 {
      // The closing quote must end the value; no escapes and no doubled quotes.
      guard to - from >= 2, line[to - 1] == first else { return nil }
      for position in from + 1..<to - 1 where line[position] == first || line[position] == 0x5C {
        return nil
      }
      return Scalar(text: text(line, from + 1, to - 1), plain: false, line: lineNumber, column: from + 1)
    }
    guard !indicators.contains(first) else { return nil }
    for position in from..<to {
      switch line[position] {
      case 0x3A, 0x23, 0x5B, 0x5D, 0x7B, 0x7D: return nil
      case 0x2C where inList: return nil
      default: continue
      }
    }
    return Scalar(text: text(line, from, to), plain: true, line: lineNumber, column: from + 1)
  }

  private static func text(_ line: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: line[from..<to]), as: UTF8.self)
  }
}
