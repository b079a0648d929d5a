import Foundation
import Testing

@testable import ValpropCore

/// Jobs shared between dispatch's workers and the queuing thread run exactly once each.
@Suite struct SharedJobsTests {
  /// How many times each job ran.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    init(count: Int) { counts = Array(repeating: 0, count: count) }
    func add(_ index: Int) { lock.withLock { counts[index] += 1 } }
    var values: [Int] { lock.withLock { counts } }
  }

  @Test func everyJobRunsOnceWhoeverTakesIt() {
    for count in [0, 1, 7, 300] {
      let tally = Tally(count: count)
      let jobs = SharedJobs()
      for index in 0..<count {
        jobs.add { tally.add(index) }
      }
      jobs.helpUntilDone()
      #expect(tally.values == Array(repeating: 1, count: count))
    }
  }
}
