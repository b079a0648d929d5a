import Testing

@testable import ValpropCore

/// `Hasher.combineBytes(of:)`, which the lint memos' keys hash texts with: byte equality,
/// not String equality, decides.
@Suite struct ByteEqualityTests {
  @Test func hashingKeepsByteEqualityAsEquality() {
    var left = Hasher()
    var right = Hasher()
    left.combineBytes(of: "caf\u{E9}")
    right.combineBytes(of: "caf\u{E9}")
    #expect(left.finalize() == right.finalize())
    var composed = Hasher()
    var decomposed = Hasher()
    composed.combineBytes(of: "caf\u{E9}")
    decomposed.combineBytes(of: "cafe\u{301}")
    #expect(composed.finalize() != decomposed.finalize(), "canonically equal, but other bytes")
  }
}
