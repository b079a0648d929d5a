import Foundation

extension String {
  /// Whether the two texts hold the same UTF-8 bytes. Swift's `==` compares canonical
  /// equivalence ("é" precomposed equals "e" with a combining accent), which a memo of what
  /// was read from the bytes must not: lint and diffs read them apart. A `memcmp`, where
  /// comparing the two `utf8` views element by element was most of a memo's lookups.
  func hasSameBytes(as other: String) -> Bool {
    guard utf8.count == other.utf8.count else { return false }
    var left = self
    var right = other
    return left.withUTF8 { mine in
      right.withUTF8 { theirs in
        mine.count == 0 || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
      }
    }
  }
}

extension Hasher {
  /// Feeds a text's UTF-8 bytes and their count, the hash that `String.hasSameBytes(as:)`
  /// needs as equality.
  mutating func combineBytes(of text: String) {
    combine(text.utf8.count)
    var text = text
    text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
