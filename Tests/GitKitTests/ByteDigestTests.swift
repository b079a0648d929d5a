import TestSupport
import Testing

@testable import GitKit

/// `ByteDigest`, which the lint memos' keys hash texts with: equal bytes agree, near texts part.
@Suite struct ByteDigestTests {
  private func digest(_ bytes: [UInt8], seed: UInt64 = 7) -> UInt64 {
    bytes.withUnsafeBytes { ByteDigest.of($0, seed: seed) }
  }

  @Test func equalBytesGiveEqualDigestsWhereverTheyLie() {
    var generator = SplitMix(seed: 31)
    for _ in 0..<2_000 {
      let bytes = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      // The same bytes at another alignment, inside a larger buffer.
      let padded = [0x41] + bytes + [0x42]
      let inside = padded.withUnsafeBytes {
        ByteDigest.of(UnsafeRawBufferPointer(rebasing: $0[1..<(1 + bytes.count)]), seed: 7)
      }
      #expect(digest(bytes) == inside)
    }
  }

  @Test func textsThatDifferInOneByteOrTheirLengthDigestApart() {
    var generator = SplitMix(seed: 32)
    var seen: [UInt64: [UInt8]] = [:]
    var collisions = 0
    for _ in 0..<30_000 {
      let base = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      var variants = [base, base + [0], [0] + base]
      if !base.isEmpty {
        var flipped = base
        let index = Int.random(in: 0..<base.count, using: &generator)
        flipped[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        variants.append(flipped)
        variants.append(Array(base.dropLast()))
      }
      for bytes in variants {
        let value = digest(bytes)
        if let earlier = seen[value], earlier != bytes { collisions += 1 }
        seen[value] = bytes
      }
    }
    #expect(seen.count > 100_000)
    #expect(collisions == 0)
  }

  @Test func noBytesDigestAlikeWithOrWithoutAnAddress() {
    let none = ByteDigest.of(UnsafeRawBufferPointer(start: nil, count: 0), seed: 7)
    #expect(none == digest([]))
    #expect(
      none
        == [UInt8](repeating: 1, count: 4).withUnsafeBytes {
          ByteDigest.of(UnsafeRawBufferPointer(rebasing: $0[0..<0]), seed: 7)
        })
  }

  @Test func theSeedChangesTheDigest() {
    let text = Array("Cuts onboarding from two weeks to two days".utf8)
    #expect(digest(text, seed: 1) != digest(text, seed: 2))
    #expect(digest([], seed: 1) != digest([], seed: 2))
  }
}
