import Foundation

/// The lengths of the identical runs at the start and at the end of two byte buffers. The
/// runs never overlap within the shorter buffer. Tree comparisons skip the entries both
/// listings share by them, and wording comparisons the lines both versions share.
public struct ByteRuns {
  /// Bytes equal from the start.
  public let prefix: Int
  /// Bytes equal from the end, at most the shorter length minus `prefix`.
  public let suffix: Int

  /// The runs of two buffers (either may be empty, without an address).
  public init(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) {
    // A buffer without an address is empty: nothing is shared.
    guard let a = left.baseAddress, let b = right.baseAddress else {
      self.init(prefix: 0, suffix: 0)
      return
    }
    self.init(a, left.count, b, right.count)
  }

  private init(prefix: Int, suffix: Int) {
    self.prefix = prefix
    self.suffix = suffix
  }

  /// The runs of `leftCount` bytes at `left` and `rightCount` bytes at `right`.
  public init(
    _ left: UnsafePointer<UInt8>, _ leftCount: Int, _ right: UnsafePointer<UInt8>, _ rightCount: Int
  ) {
    let shorter = min(leftCount, rightCount)
    let a = UnsafeRawPointer(left)
    let b = UnsafeRawPointer(right)
    // Blocks of 256 bytes by memcmp (vectorised), then words, then bytes.
    var prefix = 0
    while prefix + 256 <= shorter, memcmp(a + prefix, b + prefix, 256) == 0 { prefix += 256 }
    while prefix + 8 <= shorter {
      let difference =
        a.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
        ^ b.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
      if difference != 0 {
        prefix += UInt64(littleEndian: difference).trailingZeroBitCount / 8
        break
      }
      prefix += 8
    }
    if prefix + 8 > shorter {
      while prefix < shorter, left[prefix] == right[prefix] { prefix += 1 }
    }
    self.prefix = prefix
    let room = shorter - prefix
    var suffix = 0
    while suffix + 256 <= room, memcmp(a + leftCount - suffix - 256, b + rightCount - suffix - 256, 256) == 0
    {
      suffix += 256
    }
    while suffix + 8 <= room {
      let difference =
        a.loadUnaligned(fromByteOffset: leftCount - suffix - 8, as: UInt64.self)
        ^ b.loadUnaligned(fromByteOffset: rightCount - suffix - 8, as: UInt64.self)
      if difference != 0 {
        suffix += UInt64(littleEndian: difference).leadingZeroBitCount / 8
        self.suffix = suffix
        return
      }
      suffix += 8
    }
    while suffix < room, left[leftCount - suffix - 1] == right[rightCount - suffix - 1] { suffix += 1 }
    self.suffix = suffix
  }
}
