import Foundation
import GitKit

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
    return Array<String>.sortedPlaces(of: elements.map(key)).map { elements[$0] }
  }
}

extension Dictionary where Key == String {
  /// The entries in the order `sortedAsStrings(by: \.key)` gives them. When `order` holds
  /// exactly the keys, already in that order (the paths of a folder's listing, which a
  /// cache's entries are keyed by, usually are), they are taken in that order without a
  /// sort: sorting the 650 paths of a cache again was a third of writing it after a commit.
  func sortedByKey(knownOrder order: [String]) -> [(key: String, value: Value)] {
    guard order.count == count, order.isStrictlyAscending else { return sortedAsStrings(by: \.key) }
    var entries: [(key: String, value: Value)] = []
    entries.reserveCapacity(count)
    for key in order {
      // The dictionary's own key: one in another normalization form may be equal to it.
      guard let index = index(forKey: key) else { return sortedAsStrings(by: \.key) }
      entries.append(self[index])
    }
    return entries
  }
}

extension Array where Element == String {
  /// The texts in the order `sorted()` gives them (see `sortedAsStrings(by:)`).
  func sortedAsStrings() -> [String] {
    isStrictlyAscending ? self : Self.sortedPlaces(of: self).map { self[$0] }
  }

  /// Whether each text sorts after the one before it (`<`), so that `sorted()` gives them
  /// as they are and none is there twice.
  var isStrictlyAscending: Bool {
    var index = 1
    while index < count {
      guard self[index - 1] < self[index] else { return false }
      index += 1
    }
    return true
  }

  /// The places of `keys` in the order `<` sorts the keys. ASCII keys are copied into one
  /// buffer and compared there with `memcmp`: comparing two Strings' bytes went through
  /// `withUTF8` twice and retained both, 4.7 M instructions for the 650 keys of a cache.
  static func sortedPlaces(of keys: [String]) -> [Int] {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]
    starts.reserveCapacity(keys.count + 1)
    for var key in keys {
      key.withUTF8 { bytes.append(contentsOf: $0) }
      starts.append(bytes.count)
    }
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return keys.indices.sorted { keys[$0] < keys[$1] } }
    // memcmp needs an address even for no bytes.
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { buffer in
      starts.withUnsafeBufferPointer { starts in
        let base = buffer.baseAddress!
        return keys.indices.sorted { left, right in
          let leftCount = starts[left + 1] - starts[left]
          let rightCount = starts[right + 1] - starts[right]
          let shared = Swift.min(leftCount, rightCount)
          let order = memcmp(base + starts[left], base + starts[right], shared)
          return order != 0 ? order < 0 : leftCount < rightCount
        }
      }
    }
  }
}

extension Hasher {
  /// Feeds a digest of a text's UTF-8 bytes and their count (`ByteDigest`), the hash that
  /// `String.hasSameBytes(as:)` needs as equality.
  mutating func combineBytes(of text: String) {
    var text = text
    combine(text.withUTF8 { ByteDigest.of(UnsafeRawBufferPointer($0)) })
  }
}
