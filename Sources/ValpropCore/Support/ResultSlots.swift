import Foundation

/// Result slots that concurrent workers fill, each worker its own index.
public final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  /// `count` empty slots.
  public init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Fills slot `index`.
  public func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

  /// Every slot's value; each must have been set.
  public func values() -> [Value] { lock.withLock { slots.map { $0! } } }
}
