import Foundation
import GitKit

/// The bytes of the files `Workspace.summaries(now:contentIDs:)` read in this run, with the
/// blob id made from them, so that `list --format json` scores exactly those bytes instead
/// of reading and hashing each file again (on a cold `list` of rust-lang/rfcs that was 2.7%
/// of the CPU; docs/performance.md, session 16). Files answered from the summary cache are
/// not read, and are not here.
public final class ContentShelf: @unchecked Sendable {
  private let lock = NSLock()
  private var contents: [String: (id: ObjectID, bytes: Data)] = [:]

  /// An empty shelf.
  public init() {}

  /// Keeps the bytes of a file read at `path`, with their blob id.
  func keep(_ bytes: Data, id: ObjectID, at path: String) {
    lock.withLock { contents[path] = (id, bytes) }
  }

  /// The bytes read at `path` in this run, if they had the blob id `id`.
  public func bytes(at path: String, id: ObjectID) -> Data? {
    lock.withLock { contents[path].flatMap { $0.id == id ? $0.bytes : nil } }
  }
}
