/// Writes numbers' decimal digits as bytes, as `String(value)` writes them, without making
/// the String: the caches and the rows' JSON write thousands of numbers in a warm `list`.
public enum DecimalBytes {
  /// Appends the digits of `value`, with a leading "-" when it is negative.
  public static func append(_ value: Int, to bytes: inout [UInt8]) {
    guard value >= 0 else {
      guard value != .min else { return bytes.append(contentsOf: String(value).utf8) }
      bytes.append(0x2D)
      return append(-value, to: &bytes)
    }
    var divisor = 1
    while divisor <= value / 10 { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(truncatingIfNeeded: 0x30 + rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
