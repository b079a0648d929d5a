import Foundation
import GitKit
import HeapModule

/// A thread that reads ahead of a history walk: from the walk's start, newest first as the
/// walk visits commits, it reads each commit's header, root tree and the trees of the folders
/// the walk follows, with a pack reader of its own, and hands them over ready. The walk takes
/// them instead of reading, and spends its own time comparing; whatever is not ready when
/// the walk gets there, the walk reads itself.
///
/// It stays at most `lead` commits and `budget` bytes of trees ahead, and drops what the walk
/// went past without taking (branches the walk did not follow). Ahead of a walk that is busy
/// elsewhere (settling a change, starting up), it banks commits the walk then takes at once.
final class HistoryReadAhead: @unchecked Sendable {
  /// A commit read ahead.
  struct Prepared {
    let header: CommitHeader
    let root: RawTree
    let folders: [String: RawTree?]

    /// The bytes of its trees.
    var size: Int { folders.values.reduce(root.object.bytes.count) { $0 + ($1?.object.bytes.count ?? 0) } }
  }

  private let objects: PackedObjects
  private let folders: [String]
  private let lead: Int
  private let budget: Int
  private let condition = NSCondition()
  private var ready: [ObjectID: Prepared] = [:]
  /// The bytes of the trees in `ready`.
  private var readyBytes = 0
  /// At least the newest committer time in `ready` (exact after each pruning).
  private var newestReady = Int64.min
  /// The committer time of the commit the walk visits now: anything newer is behind it.
  private var walkTime: Int64
  private var stopped = false
  private var waiting = false

  /// Starts reading ahead from `start` on a new thread, for a walk now at `walkTime`; nil
  /// when the repository has no packs.
  init?(
    repository: Repository, start: ObjectID, folders: [String], walkTime: Int64 = .max, lead: Int = 1024,
    budget: Int = 16 << 20
  ) {
    guard let objects = PackedObjects(repository: repository) else { return nil }
    self.objects = objects
    self.folders = folders
    self.walkTime = walkTime
    self.lead = lead
    self.budget = budget
    let thread = Thread { [self] in run(from: start) }
    thread.start()
  }

  /// The walk visits a commit with this committer time: what is newer, it went past.
  /// (Parents it reads while visiting can be far older, on a long-lived branch; they do not
  /// tell where the walk is.)
  func visiting(time: Int64) {
    condition.lock()
    walkTime = time
    // A reader waiting for room behind commits the walk went past (a merged branch the walk
    // did not follow) would wait for ever: wake it to drop them.
    if waiting && newestReady > time { condition.signal() }
    condition.unlock()
  }

  /// The commit, read ahead and handed over (once), if it is ready.
  func take(_ id: ObjectID) -> Prepared? {
    condition.lock()
    defer { condition.unlock() }
    let prepared = ready.removeValue(forKey: id)
    if let prepared { readyBytes -= prepared.size }
    if waiting && ready.count <= lead / 2 && readyBytes <= budget / 2 { condition.signal() }
    return prepared
  }

  /// A commit's header, if it was read ahead (it stays ready).
  func header(_ id: ObjectID) -> CommitHeader? {
    condition.lock()
    defer { condition.unlock() }
    return ready[id]?.header
  }

  /// Stops the reader.
  func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  /// Waits for room ahead of the walk; false once stopped. Also says whether the walk has
  /// already gone past `time`, where reading trees would be wasted.
  private func room(before time: Int64) -> (go: Bool, behind: Bool) {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && (ready.count >= lead || readyBytes >= budget) {
      // What the walk went past it will never take.
      let now = walkTime
      ready = ready.filter { $0.value.header.time <= now }
      readyBytes = ready.values.reduce(0) { $0 + $1.size }
      newestReady = ready.values.map(\.header.time).max() ?? .min
      if ready.count < lead && readyBytes < budget { break }
      waiting = true
      condition.wait()
      waiting = false
    }
    return (!stopped, time > walkTime)
  }

  private func hand(_ prepared: Prepared) {
    let size = prepared.size
    condition.lock()
    ready[prepared.header.id] = prepared
    readyBytes += size
    newestReady = max(newestReady, prepared.header.time)
    condition.unlock()
  }

  private func run(from start: ObjectID) {
    guard let first = objects.commitHeader(start) else { return }
    var queue = Heap<QueuedCommit<ObjectID>>()
    var headers = [start: first]
    var seen: Set<ObjectID> = [start]
    var sequence = 0
    queue.insert(QueuedCommit(time: first.time, sequence: 0, id: start))
    while let next = queue.popMax(), let header = headers.removeValue(forKey: next.id) {
      let (go, behind) = room(before: header.time)
      guard go else { return }
      if !behind, let root = objects.tree(header.treeID) {
        var trees: [String: RawTree?] = [:]
        for folder in folders {
          // A folder it could not read is left to the walk.
          if let tree = objects.subtree(atPath: folder, in: root) { trees[folder] = tree }
        }
        hand(Prepared(header: header, root: root, folders: trees))
      }
      for parent in header.parentIDs where seen.insert(parent).inserted {
        guard let parentHeader = objects.commitHeader(parent) else { continue }
        sequence += 1
        headers[parent] = parentHeader
        queue.insert(QueuedCommit(time: parentHeader.time, sequence: sequence, id: parent))
      }
    }
  }
}
