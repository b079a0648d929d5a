import Foundation

/// Jobs that dispatch's workers and the thread that queues them both take, first come first
/// served, each job run once. dispatch starts no more workers than there are cores busy, so
/// while the queuing thread still reads, one worker may take every job; once the queuing
/// thread has queued the last, it takes the rest beside that worker (`helpUntilDone`)
/// instead of waiting for it.
public final class SharedJobs: @unchecked Sendable {
  private var jobs: [@Sendable () -> Void] = []
  private var next = 0
  private let lock = NSLock()
  private let running = DispatchGroup()

  /// No jobs yet.
  public init() {}

  /// Queues a job, and asks dispatch for a worker to take one.
  public func add(_ job: @escaping @Sendable () -> Void) {
    lock.withLock { jobs.append(job) }
    DispatchQueue.global().async(group: running) { [self] in _ = runOne() }
  }

  /// Runs the next job not taken yet on this thread; false when there was none.
  private func runOne() -> Bool {
    let job: (@Sendable () -> Void)? = lock.withLock {
      guard next < jobs.count else { return nil }
      defer {
        // A taken job's closure (and the bytes it holds) is let go as soon as it is run.
        jobs[next] = {}
        next += 1
      }
      return jobs[next]
    }
    guard let job else { return false }
    job()
    return true
  }

  /// Runs jobs on this thread until none is left to take, then waits for those the workers
  /// took.
  public func helpUntilDone() {
    while runOne() {}
    running.wait()
  }

  /// Waits for every job without taking any on this thread (the way out on an error).
  public func wait() {
    running.wait()
  }
}
