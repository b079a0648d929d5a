import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The acronym matcher on bytes against `Linter.Check.acronym`, which the reference lint path
/// and lines of other bytes still use: the same spans on lines made of capitals, digits,
/// suffixes and the bytes that may not join an acronym.
@Suite struct AcronymBytesTests {
  static let pieces = [
    "A", "B", "Z", "AB", "SLA", "K8", "S3", "X", "2", "0", "&", "-", "_", "s", "'s", "'", "x", "a", " ", ".",
    ",",
    "(", ")", "\t", "RFCs", "API's", "Q&A", "AT&T", "e-", "SOC 2",
  ]

  static func expected(_ bytes: [UInt8]) -> [Range<Int>] {
    let text = String(decoding: bytes, as: UTF8.self)
    return Linter.Check.acronym.matches(in: text, range: NSRange(location: 0, length: bytes.count)).map {
      $0.range.location..<($0.range.location + $0.range.length)
    }
  }

  @Test func matchesAsTheRegularExpressionMatches() {
    var generator = SplitMix(seed: 77)
    var matched = 0
    var read = 0
    for round in 0..<8_000 {
      let text = (0..<(1 + round % 12)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
      let bytes = Array(text.utf8) + (round % 25 == 0 ? Array("é".utf8) : [])
      guard let spans = AcronymBytes.spans(in: bytes) else {
        #expect(bytes.contains { $0 >= 0x7F }, "\(text.debugDescription)")
        continue
      }
      read += 1
      let expected = Self.expected(bytes)
      if !expected.isEmpty { matched += 1 }
      #expect(spans == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    #expect(matched > 1_000 && read - matched > 1_000, "\(matched) of \(read) lines matched")
  }

  @Test func readsTheCasesByHand() {
    func found(_ text: String) -> [String] {
      let bytes = Array(text.utf8)
      #expect(AcronymBytes.spans(in: bytes) == Self.expected(bytes), "\(text)")
      return (AcronymBytes.spans(in: bytes) ?? []).map { String(decoding: bytes[$0], as: UTF8.self) }
    }
    #expect(found("The SLA and RFCs, API's docs, K8s and S3") == ["SLA", "RFCs", "API's", "K8s", "S3"])
    // "Q&A" is neither two capitals nor a capital and digits; "'s" that a letter or "-"
    // follows is left out.
    #expect(found("AT&T, Q&A, SLA-based, e-SLA, SLAx, SLA's-x, SLA'sx") == ["AT&T", "SLA", "SLA"])
    #expect(AcronymBytes.spans(in: Array("é SLA".utf8)) == nil)
    // On the fast path the rule reads the bytes; both paths find the same.
    let line = "Our SLA with AWS and the RFC's K8s"
    let fast = Linter.Check.acronymMatches(in: line).map(\.text)
    let reference = LintEngine.$current.withValue(.reference) {
      Linter.Check.acronymMatches(in: line).map(\.text)
    }
    #expect(fast == reference && fast == ["SLA", "AWS", "RFC's", "K8s"])
  }
}
