import Foundation

/// Result slots that concurrent workers fill, each worker its own index.
public final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  /// `count` empty slots.
  public init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Fills slot `index`.
  public func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

  /// Every slot's value; traps when one was never set.
  public func values() -> [Value] { lock.withLock { slots.map { $0! } } }

  /// Every slot's value, the slots emptied, so that the values live no longer than the
  /// caller keeps them; traps when one was never set.
  public func takeValues() -> [Value] {
    lock.withLock {
      defer { slots = Array(repeating: nil, count: slots.count) }
      return slots.map { $0! }
    }
  }

  /// Slot `index`'s value, the slot emptied; traps when it was never set or was taken.
  public func take(_ index: Int) -> Value {
    lock.withLock {
      defer { slots[index] = nil }
      return slots[index]!
    }
  }
}
