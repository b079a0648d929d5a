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

extension Sequence {
  /// The elements in the order their `key`s sort as Strings (`<`), found by comparing the
  /// keys' bytes with `memcmp` when every key is ASCII, where the two orders are the same:
  /// sorting 650 paths by Swift's Unicode-aware `<` was 2.5 M instructions of a warm
  /// `list`, in each cache written and in the folder's listing.
  ///
  /// The keys are read once and the places sorted, not the elements: comparing entries by
  /// a key read from them copied each entry (a summary and its stamp) at every comparison.
  func sortedAsStrings(by key: (Element) -> String) -> [Element] {
    let elements = Array(self)
    let keys = elements.map(key)
    let order =
      keys.allSatisfy(\.isPlainASCII)
      ? keys.indices.sorted { keys[$0].precedesInBytes(keys[$1]) }
      : keys.indices.sorted { keys[$0] < keys[$1] }
    return order.map { elements[$0] }
  }
}

extension Sequence where Element == String {
  /// The texts in the order `sorted()` gives them (see `sortedAsStrings(by:)`), sorted
  /// themselves: through their places, each comparison would retain two of them.
  func sortedAsStrings() -> [String] {
    let texts = Array(self)
    return texts.allSatisfy(\.isPlainASCII) ? texts.sorted { $0.precedesInBytes($1) } : texts.sorted()
  }
}

extension String {
  /// Whether every byte of the text is ASCII, where `<` is the order of the bytes.
  var isPlainASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

extension String {
  /// Whether the text's UTF-8 bytes come before the other's (a shorter prefix first).
  func precedesInBytes(_ other: String) -> Bool {
    var left = self
    var right = other
    return left.withUTF8 { mine in
      right.withUTF8 { theirs in
        let shared = Swift.min(mine.count, theirs.count)
        let order = shared == 0 ? 0 : memcmp(mine.baseAddress!, theirs.baseAddress!, shared)
        return order != 0 ? order < 0 : mine.count < theirs.count
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
