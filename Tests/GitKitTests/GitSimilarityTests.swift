import Foundation
import TestSupport
import Testing

@testable import GitKit

/// The similarity score of rename detection: git's chunks (a line, or 64 bytes; a carriage
/// return before a line feed skipped in text), counted by their bytes.
@Suite struct GitSimilarityTests {
  /// The score as the chunks' bytes give it, written the plain way: the reference the
  /// signatures (whose chunks carry a hash made once) are held to.
  static func reference(_ a: Data, _ b: Data) -> Int {
    if a == b { return 100 }
    func counts(_ data: Data) -> [[UInt8]: Int] {
      var bytes = [UInt8](data)
      if !bytes.prefix(8000).contains(0) {
        // Text: a carriage return that a line feed follows is not counted.
        let original = bytes
        bytes = original.indices.filter {
          !(original[$0] == 0x0D && original.indices.contains($0 + 1) && original[$0 + 1] == 0x0A)
        }
        .map { original[$0] }
      }
      // A chunk runs to a line feed (kept) or 64 bytes, whichever comes first.
      var counts: [[UInt8]: Int] = [:]
      var rest = bytes[...]
      while let first = rest.indices.first {
        let lineEnd = rest.firstIndex(of: 0x0A).map { $0 + 1 } ?? rest.endIndex
        let end = min(lineEnd, first + 64)
        counts[Array(rest[first..<end]), default: 0] += end - first
        rest = rest[end...]
      }
      return counts
    }
    let larger = max(a.count, b.count)
    guard larger > 0, min(a.count, b.count) > 0 else { return 0 }
    let left = counts(a)
    let right = counts(b)
    let shared = left.reduce(0) { sum, entry in sum + min(entry.value, right[entry.key] ?? 0) }
    return shared * 100 / larger
  }

  /// A file of `count` lines drawn from `lines`.
  static func file(of lines: [String], count: ClosedRange<Int>, using generator: inout SplitMix) -> Data {
    Data(
      (0..<Int.random(in: count, using: &generator)).map { _ in lines.randomElement(using: &generator)! }
        .joined().utf8)
  }

  @Test func scoresAsTheChunksBytesSay() {
    var generator = SplitMix(seed: 2026)
    let lines = [
      "A line of wording.\n", "Another line.\r\n", "\n", "\r\n", "short\n",
      String(repeating: "long ", count: 30) + "\n",
      "no line feed", "tab\tand\u{0}nul\n", "é accent\n", "lone\rreturn\n", "ends in a return\r",
    ]
    for round in 0..<3_000 {
      let a = Self.file(of: lines, count: 0...40, using: &generator)
      // Half the rounds compare a file with an edit of itself, where renames are found.
      var b = Self.file(of: lines, count: 0...40, using: &generator)
      if round % 2 == 0 {
        var edited = [UInt8](a)
        for _ in 0..<Int.random(in: 0...3, using: &generator) where !edited.isEmpty {
          edited[Int.random(in: 0..<edited.count, using: &generator)] = UInt8.random(
            in: 0x20...0x7E, using: &generator)
        }
        b = Data(edited)
      }
      #expect(GitSimilarity.score(a, b) == Self.reference(a, b), "round \(round)")
    }
    #expect(GitSimilarity.score(Data("a\nb\n".utf8), Data("a\nc\n".utf8)) == 50)
  }

  /// Signatures compared side by side by their chunks' hashes still count bytes, not
  /// hashes: with a hash that makes most chunks collide, the scores are the plain count's.
  @Test func chunksSharingAHashAreToldByTheirBytes() {
    var generator = SplitMix(seed: 2_214)
    // The long line is cut into chunks of 64 bytes, which collide with the short ones.
    let lines = [
      "one\n", "two\n", "three\n", "four\n", "five\n", "six\n", "seven\n", "\n", "x",
      String(repeating: "0123456789", count: 10) + "\n", String(repeating: "9876543210", count: 10) + "\n",
    ]
    func collide(_ bytes: UnsafeRawBufferPointer) -> Int { bytes.count % 3 }
    var shared = 0
    for round in 0..<2_000 {
      let a = Self.file(of: lines, count: 1...20, using: &generator)
      let b = Self.file(of: lines, count: 1...20, using: &generator)
      let left = a.withUnsafeBytes { GitSimilarity.Signature($0, hash: collide) }
      let right = b.withUnsafeBytes { GitSimilarity.Signature($0, hash: collide) }
      let score = a == b ? 100 : Int(left.similarity(to: right))
      #expect(score == Self.reference(a, b), "round \(round): \(a) / \(b)")
      if score > 0 { shared += 1 }
    }
    #expect(shared > 1_000, "\(shared) pairs share chunks")
  }
}
