import Foundation

/// A value one thread makes while another goes on: `list --format json` scores the files
/// while the main thread writes the rows' JSON, then waits for the scores and puts them in
/// (docs/performance.md, session 18). A pending value never started waits for nothing and
/// gives nil.
final class Pending<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private let group = DispatchGroup()
  private var value: Value?

  /// Starts making the value on a thread of its own, which starts at once: queued on
  /// dispatch's pool it waited behind the caches' writes, and `make` may wait for a
  /// `Handoff` that a task in that pool fills. A value is started at most once.
  func start(_ make: @escaping @Sendable () -> Value) {
    group.enter()
    let thread = Thread { [self] in
      let made = make()
      lock.withLock { value = made }
      group.leave()
    }
    thread.start()
  }

  /// The value, once made; nil if it was never started.
  func wait() -> Value? {
    group.wait()
    return lock.withLock { value }
  }
}

/// A value one thread hands to another once: `take` waits until it is put, or until the
/// handoff is closed without one (the giver failed) and then gives nil.
final class Handoff<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Value?
  private var closed = false

  /// Hands the value over; a second value, or one after `close`, is dropped.
  func put(_ handed: Value) {
    condition.withLock {
      guard !closed else { return }
      value = handed
      closed = true
      condition.broadcast()
    }
  }

  /// Ends the handoff: a `take` waiting for a value that never came gets nil.
  func close() {
    condition.withLock {
      closed = true
      condition.broadcast()
    }
  }

  /// The value once it is put; nil when the handoff closes without one.
  func take() -> Value? {
    condition.withLock {
      while !closed { condition.wait() }
      return value
    }
  }
}
