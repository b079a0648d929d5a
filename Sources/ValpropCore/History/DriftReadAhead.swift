import Foundation
import GitKit
import HeapModule

/// A thread that compares trees ahead of the drift walks, on the core the history walk has
/// left idle: from HEAD, newest committer time first as the walks go, it lists the files
/// each commit changed against each parent below every pathspec's base folder, with a
/// repository handle and a walker of its own, and hands the lists over. A walk takes a list
/// that is ready instead of comparing the trees itself, and compares whatever is not ready;
/// the lists are the ones the walk would make (the same walker code makes them), so the
/// answers never depend on this thread. It stops at the oldest commit a drift starts from
/// (a range can hold older commits of a late-merged branch: the walk compares those
/// itself), after `limit` commits, or when told to.
///
/// On the fixed `product` shape (300 propositions tracking code, 20,000 commits), comparing
/// trees was a third of a cold `list`'s instructions (docs/performance.md, "Drift").
final class DriftReadAhead: @unchecked Sendable {
  private let condition = NSCondition()
  private var lists: [DriftWalk.PairKey: [DriftWalk.Change]] = [:]
  private var stopped = false
  private var finished = false

  /// Starts comparing from `head` on a new thread, below each of `bases`, down to commits
  /// older than `floor` (a committer time); nil where it cannot (a shallow clone, whose cut
  /// commits the walks treat specially, or no second handle on the repository).
  init?(
    repository: Repository, head: ObjectID, bases: Set<String>, floor: Int64, shelf: CommitHeaderShelf?,
    limit: Int = 100_000
  ) {
    guard !repository.isShallow, !bases.isEmpty, let handle = try? repository.reopened() else { return nil }
    let sortedBases = bases.sorted()
    let thread = Thread { [self] in
      run(
        DriftWalk(repository: handle, shelf: shelf), head: head, bases: sortedBases, floor: floor,
        limit: limit)
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    thread.start()
  }

  /// The list for a commit, parent and base, if it is ready.
  func changes(_ key: DriftWalk.PairKey) -> [DriftWalk.Change]? {
    condition.lock()
    defer { condition.unlock() }
    return lists[key]
  }

  /// Tells the thread to stop, and waits until it has (it holds a repository handle).
  func stop() {
    condition.lock()
    stopped = true
    while !finished { condition.wait() }
    condition.unlock()
  }

  /// Waits until the thread has gone as far as it goes (for tests).
  func waitUntilFinished() {
    condition.lock()
    while !finished { condition.wait() }
    condition.unlock()
  }

  private var isStopped: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  private func run(_ walk: DriftWalk, head: ObjectID, bases: [String], floor: Int64, limit: Int) {
    var queue = Heap<QueuedCommit<ObjectID>>()
    var seen: Set<ObjectID> = [head]
    var sequence = 0
    func push(_ id: ObjectID) -> Bool {
      guard let header = try? walk.commitHeader(id) else { return false }
      sequence += 1
      queue.insert(QueuedCommit(time: header.time, sequence: sequence, id: id))
      return true
    }
    guard push(head) else { return }
    var visited = 0
    while let next = queue.popMax(), next.time >= floor, visited < limit, !isStopped {
      visited += 1
      guard let parents = try? walk.commitHeader(next.id).parentIDs else { return }
      for parent in parents {
        for base in bases {
          let key = DriftWalk.PairKey(commit: next.id, parent: parent, folder: base)
          if changes(key) != nil { continue }
          // Whatever cannot be read here, the walk reads and reports itself.
          guard let list = try? walk.changes(next.id, parent, base: base) else { return }
          condition.lock()
          lists[key] = list
          condition.unlock()
        }
        if seen.insert(parent).inserted, !push(parent) { return }
      }
    }
  }
}
