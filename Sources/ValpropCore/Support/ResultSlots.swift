import Foundation

/// Result slots that concurrent workers fill, each worker its own index.
final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

  /// Every slot's value; each must have been set.
  func values() -> [Value] { lock.withLock { slots.map { $0! } } }
}
