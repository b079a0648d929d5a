/// Writes numbers' decimal digits as bytes, as `String(value)` writes them, without making
/// the String: the caches and the rows' JSON write thousands of numbers in a warm `list`.
public enum DecimalBytes {
  /// Appends the digits of `value`, with a leading "-" when it is negative.
  public static func append(_ value: Int, to bytes: inout [UInt8]) {
    // Room first, then the digits from the last, each a division by ten (which compiles to
    // a multiplication): dividing by a power of ten that changed from digit to digit was a
    // hardware division each, most of writing the history cache (docs/performance.md,
    // session 27).
    let start = bytes.count
    let written = count(value)
    for _ in 0..<written { bytes.append(0x30) }
    bytes.withUnsafeMutableBufferPointer { buffer in _ = write(value, into: buffer, at: start) }
  }

  /// How many bytes `String(value)` has: its digits, and a "-" when it is negative.
  public static func count(_ value: Int) -> Int {
    var bytes = value < 0 ? 2 : 1
    var rest = value.magnitude / 10
    while rest > 0 {
      bytes += 1
      rest /= 10
    }
    return bytes
  }

  /// Writes `String(value)`'s bytes at `start` in `bytes`, which has room for `count(value)`
  /// of them there; returns how many it wrote. For numbers written in place.
  @discardableResult
  public static func write(_ value: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int
  {
    let written = count(value)
    if value < 0 { bytes[start] = 0x2D }
    var rest = value.magnitude
    for place in stride(from: start + written - 1, through: value < 0 ? start + 1 : start, by: -1) {
      bytes[place] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
      rest /= 10
    }
    return written
  }

  /// Writes the last `digits` decimal digits of a value that is not negative, zero-padded,
  /// at `start` in `bytes`: the fixed-width numbers of dates.
  static func put(_ value: Int, digits: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
    var rest = value
    for place in stride(from: start + digits - 1, through: start, by: -1) {
      bytes[place] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
      rest /= 10
    }
  }
}
