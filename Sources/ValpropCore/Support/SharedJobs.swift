import Foundation

/// Jobs that worker threads and the thread that queues them both take, first come first
/// served, each job run once. While the queuing thread still has work of its own (reading
/// the versions `diff` compares), workers take the jobs, one fewer than there are cores, so
/// that the queuing thread keeps a core of its own; once it has queued the last, it takes
/// the rest beside them (`helpUntilDone`) instead of waiting.
public final class SharedJobs: @unchecked Sendable {
  private var jobs: [@Sendable () -> Void] = []
  private var next = 0
  private var workers = 0
  private var started = 0
  private let workerLimit: Int
  private let lock = NSLock()
  private let running = DispatchGroup()

  /// No jobs yet; at most `workers` worker threads (by default one fewer than the active
  /// cores, at least one) take them beside the queuing thread.
  public init(workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
    workerLimit = max(1, workers)
  }

  /// Queues a job, and starts a worker if fewer than the limit are taking jobs.
  public func add(_ job: @escaping @Sendable () -> Void) {
    let startsWorker = lock.withLock {
      jobs.append(job)
      guard workers < workerLimit else { return false }
      workers += 1
      started += 1
      return true
    }
    guard startsWorker else { return }
    DispatchQueue.global().async(group: running) { [self] in
      while runOne(asWorker: true) {}
    }
  }

  /// How many worker threads have been started so far (for tests).
  var workersStarted: Int { lock.withLock { started } }

  /// Runs the next job not taken yet on this thread; false when there was none (a worker
  /// then stops, in the same step, so that a job queued after it looked starts another).
  private func runOne(asWorker: Bool) -> Bool {
    let job: (@Sendable () -> Void)? = lock.withLock {
      guard next < jobs.count else {
        if asWorker { workers -= 1 }
        return nil
      }
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
    while runOne(asWorker: false) {}
    running.wait()
  }

  /// Waits for every job without taking any on this thread (the way out on an error).
  public func wait() {
    running.wait()
  }
}
