import Foundation

/// A value one thread makes while another goes on: `list --format json` scores the files
/// while the main thread writes the rows' JSON, then waits for the scores and puts them in
/// (docs/performance.md, session 18). A pending value never started waits for nothing and
/// gives nil.
final class Pending<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private let group = DispatchGroup()
  private var value: Value?

  /// Starts making the value on another thread. A value is started at most once.
  func start(_ make: @escaping @Sendable () -> Value) {
    group.enter()
    DispatchQueue.global().async { [self] in
      let made = make()
      lock.withLock { value = made }
      group.leave()
    }
  }

  /// The value, once made; nil if it was never started.
  func wait() -> Value? {
    group.wait()
    return lock.withLock { value }
  }
}
