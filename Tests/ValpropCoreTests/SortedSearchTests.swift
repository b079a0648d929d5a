import TestSupport
import Testing

@testable import ValpropCore

/// The binary search of a sorted array against a scan from its start.
@Suite struct SortedSearchTests {
  @Test func firstIndexNotBelowIsTheFirstScannedOne() {
    var generator = SplitMix(seed: 109)
    for _ in 0..<2_000 {
      let values = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
        Int.random(in: 0...12, using: &generator)
      }.sorted()
      let value = Int.random(in: -1...14, using: &generator)
      #expect(
        values.firstIndex(notBelow: value) == (values.firstIndex { $0 >= value } ?? values.count),
        "\(values) \(value)")
    }
  }
}
