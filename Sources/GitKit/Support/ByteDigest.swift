/// A 64-bit digest of bytes, eight at a time: what the lint memos' keys feed their `Hasher`
/// instead of every byte of a line or sentence, and what tells the chunks of rename
/// detection's signatures apart. The memos hash each text once per pattern that asks about
/// it, and `Hasher` takes every byte into SipHash: a seventh of linting a long document's
/// revisions, of which this saves 40% (docs/performance.md, session 21).
///
/// Equal bytes give equal digests, so a key's hash still agrees with its byte equality;
/// the seed is drawn once per process, like `Hasher`'s, so texts that collide are not the
/// same from run to run. Each word is folded in by a wyhash-style full-width multiply by a
/// constant (the high and low halves xored).
public enum ByteDigest {
  /// The process's seed.
  public static let seed = UInt64.random(in: .min ... .max)

  /// The digest of `bytes` under `seed`.
  public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = ByteDigest.seed) -> UInt64 {
    let count = bytes.count
    var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
    // No bytes (with or without an address) fold as an empty last word does.
    guard count > 0, let base = bytes.baseAddress else { return mix(state, 0xE703_7ED1_A0B4_28DB) }
    var offset = 0
    while offset + 8 <= count {
      let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      state = mix(state ^ word, 0xA076_1D64_78BD_642F)
      offset += 8
    }
    // The last 0-7 bytes, as a little-endian word.
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < count {
      tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
      shift += 8
      offset += 1
    }
    return mix(state ^ tail, 0xE703_7ED1_A0B4_28DB)
  }

  /// The high and low halves of the full product, xored.
  @inline(__always)
  public static func mix(_ left: UInt64, _ right: UInt64) -> UInt64 {
    let product = left.multipliedFullWidth(by: right)
    return product.high ^ product.low
  }
}
