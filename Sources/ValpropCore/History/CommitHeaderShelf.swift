import Foundation
import GitKit

/// Commit headers one step of a command read, kept for the next: `list`'s history walk reads
/// the headers of most commits drift then walks (a tenth of a cold `list` of 300 propositions
/// tracking code over 20,000 commits was drift reading them again; docs/performance.md,
/// "Drift").
///
/// It keeps at most `capacity` headers (about 150 bytes each), then keeps no more: what it
/// does not hold is read again, never wrong, since a commit's header never changes.
public final class CommitHeaderShelf: @unchecked Sendable {
  private let lock = NSLock()
  private var headers: [ObjectID: CommitHeader] = [:]
  private let capacity: Int

  /// An empty shelf for at most `capacity` headers.
  public init(capacity: Int = 100_000) {
    self.capacity = capacity
  }

  /// Keeps a header, while there is room.
  func keep(_ header: CommitHeader) {
    lock.lock()
    defer { lock.unlock() }
    if headers.count < capacity { headers[header.id] = header }
  }

  /// The header of a commit, if one was kept.
  func header(_ id: ObjectID) -> CommitHeader? {
    lock.lock()
    defer { lock.unlock() }
    return headers[id]
  }

  /// How many headers it holds.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return headers.count
  }
}
