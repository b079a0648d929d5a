import Foundation
import Testing

@testable import ValpropCore

/// Jobs shared between worker threads and the queuing thread run exactly once each, on no
/// more workers than the limit, and a job queued after the workers stopped still runs.
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

  @Test(arguments: [1, 2, 3])
  func noMoreWorkersThanTheLimitAreStarted(_ limit: Int) {
    let jobs = SharedJobs(workers: limit)
    // Every job waits at a turnstile until all are queued, so that no worker runs out of
    // jobs (and stops, and is started again) meanwhile.
    let turnstile = DispatchSemaphore(value: 0)
    let tally = Tally(count: 40)
    for index in 0..<40 {
      jobs.add {
        turnstile.wait()
        turnstile.signal()
        tally.add(index)
      }
    }
    #expect(jobs.workersStarted == limit)
    turnstile.signal()
    jobs.helpUntilDone()
    #expect(tally.values == Array(repeating: 1, count: 40))
  }

  @Test func aJobQueuedAfterTheWorkersStoppedStillRuns() {
    let tally = Tally(count: 2)
    let jobs = SharedJobs(workers: 1)
    jobs.add { tally.add(0) }
    jobs.wait()
    #expect(tally.values == [1, 0])
    // The worker has stopped, finding no job; a new one must start for the next job.
    jobs.add { tally.add(1) }
    jobs.wait()
    #expect(tally.values == [1, 1])
  }
}
