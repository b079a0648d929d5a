import Foundation

extension String {
  /// Whether the two texts are the same but for case, as Foundation's
  /// `caseInsensitiveCompare` judges them. Two ASCII texts are compared on their bytes
  /// (Foundation bridges each call to `NSString`, about 4,800 instructions a call, and lint
  /// looks sections up by heading thousands of times a run); any other pair goes to
  /// Foundation, whose Unicode case folding reaches ASCII letters (the Kelvin sign is "k").
  public func equalsIgnoringCase(_ other: String) -> Bool {
    let decided: Bool? =
      utf8.withContiguousStorageIfAvailable { mine in
        other.utf8.withContiguousStorageIfAvailable { theirs in String.asciiEqualIgnoringCase(mine, theirs) }
          ?? nil
      } ?? nil
    return decided ?? (caseInsensitiveCompare(other) == .orderedSame)
  }

  /// Whether two ASCII texts are equal but for case; nil when either is not ASCII.
  private static func asciiEqualIgnoringCase(
    _ mine: UnsafeBufferPointer<UInt8>, _ theirs: UnsafeBufferPointer<UInt8>
  )
    -> Bool?
  {
    guard mine.allSatisfy({ $0 < 0x80 }), theirs.allSatisfy({ $0 < 0x80 }) else { return nil }
    guard mine.count == theirs.count else { return false }
    for index in 0..<mine.count where mine[index] != theirs[index] {
      // Letters differ in bit 0x20 alone: both must then be the same letter.
      let lower = mine[index] | 0x20
      guard lower == theirs[index] | 0x20, lower >= 0x61, lower <= 0x7A else { return false }
    }
    return true
  }
}
