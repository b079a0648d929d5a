import Foundation
import GitKit
import HeapModule

/// A thread that reads ahead of a history walk: from the walk's start, newest first as the
/// walk visits commits, it reads each commit's header and the trees of the folders the walk
/// follows, with a pack reader of its own, compares each folder with the same folder in
/// every parent, and hands over the header and the comparisons. The walk takes them instead
/// of reading and comparing trees, and spends its own time settling changes; whatever is not
/// ready when the walk gets there, the walk reads and compares itself.
///
/// A parent's trees are read with its child's and kept until the parent's turn (one set for
/// each commit waiting in its queue), so each tree is read once. What it hands over is small
/// (a few names a commit), so what it banks costs little memory; memory first touched is
/// what costs (page faults).
///
/// It stays at most `lead` commits and `budget` bytes ahead, and drops what the walk went
/// past without taking (branches the walk did not follow). Ahead of a walk that is busy
/// elsewhere (settling a change, starting up), it banks commits the walk then takes at once.
final class HistoryReadAhead: @unchecked Sendable {
  /// A commit read ahead.
  struct Prepared {
    let header: CommitHeader
    /// For each folder it could read, its comparison with the folder in each parent, in the
    /// order of the parents.
    let folders: [String: [FolderComparison]]

    /// Roughly the bytes it holds.
    var size: Int { folders.values.joined().reduce(64) { $0 + $1.size } }
  }

  private let objects: PackedObjects
  private let folders: [String]
  /// Each folder's lookup, which keeps the folder last found (the reader's thread alone
  /// uses them).
  private var lookups: [String: FolderLookup] = [:]
  /// The files the walk still follows, by folder and name, with how many of its trackers
  /// follow each. A merge's other parents are read only where such a file can go.
  private var following: [String: [String: Int]] = [:]
  private let lead: Int
  private let budget: Int
  private let condition = NSCondition()
  private var ready: [ObjectID: Prepared] = [:]
  /// The bytes held in `ready`.
  private var readyBytes = 0
  /// At least the newest committer time in `ready` (exact after each pruning).
  private var newestReady = Int64.min
  /// The committer time of the commit the walk visits now: anything newer is behind it.
  private var walkTime: Int64
  private var stopped = false
  private var waiting = false

  /// Starts reading ahead from `start` on a new thread, for a walk now at `walkTime` that
  /// follows the files at `paths`; nil when the repository has no packs.
  init?(
    repository: Repository, start: ObjectID, paths: [String], walkTime: Int64 = .max, lead: Int = 1024,
    budget: Int = 16 << 20
  ) {
    guard let objects = PackedObjects(repository: repository) else { return nil }
    self.objects = objects
    for path in paths {
      let (folder, name) = HistoryWalker.split(path)
      following[folder, default: [:]][name, default: 0] += 1
    }
    folders = Array(following.keys)
    self.walkTime = walkTime
    self.lead = lead
    self.budget = budget
    let thread = Thread { [self] in run(from: start) }
    thread.start()
  }

  /// The walk follows a file at `new` instead of at `old` (nil: a file it starts following)
  /// or, with `new` nil, stopped following it.
  func follows(_ new: String?, insteadOf old: String?) {
    guard new != old else { return }
    condition.lock()
    defer { condition.unlock() }
    if let old {
      let (folder, name) = HistoryWalker.split(old)
      if let count = following[folder]?[name] { following[folder]?[name] = count > 1 ? count - 1 : nil }
    }
    if let new {
      let (folder, name) = HistoryWalker.split(new)
      following[folder, default: [:]][name, default: 0] += 1
    }
  }

  /// Whether the walk follows a file with one of these names in `folder`.
  private func follows(anyOf names: Set<String>, in folder: String) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard let files = following[folder], !files.isEmpty else { return false }
    return names.count <= files.count
      ? names.contains { files[$0] != nil } : files.keys.contains { names.contains($0) }
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

  /// Whether the reader has filled its room and waits for the walk to take something (for
  /// tests, which wait for this state instead of sleeping).
  var isWaitingForRoom: Bool {
    condition.lock()
    defer { condition.unlock() }
    return waiting
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
    // Folder trees of queued commits, read as a child's parents (a parent comes after its
    // children in the walk's order).
    var held: [ObjectID: [String: RawTree?]] = [:]
    /// Queues a parent (once); its header while it waits in the queue.
    func queueing(_ parent: ObjectID) -> CommitHeader? {
      if seen.insert(parent).inserted {
        guard let header = objects.commitHeader(parent) else { return nil }
        sequence += 1
        headers[parent] = header
        queue.insert(QueuedCommit(time: header.time, sequence: sequence, id: parent))
      }
      return headers[parent]
    }
    queue.insert(QueuedCommit(time: first.time, sequence: 0, id: start))
    while let next = queue.popMax(), let header = headers.removeValue(forKey: next.id) {
      let (go, behind) = room(before: header.time)
      guard go else { return }
      let own = held.removeValue(forKey: next.id)
      guard !behind, let here = own ?? folderTrees(header.treeID) else {
        // Nothing compared: the walk may send files to any parent.
        for parent in header.parentIDs { _ = queueing(parent) }
        if !behind { hand(Prepared(header: header, folders: [:])) }
        continue
      }
      // The walk sends a file to the first parent whose folder holds it unchanged, so a file
      // reaches a later parent only if it differs from every earlier one. For each folder
      // still compared: the names that differ from every parent so far.
      var comparisons: [String: [FolderComparison]] = [:]
      var differing: [String: Set<String>] = [:]
      var compared = Set(folders)
      // A tree it could not read: the walk compares that itself, and may go anywhere.
      var unsure = false
      for (position, parent) in header.parentIDs.enumerated() {
        if position > 0, !unsure, !differing.contains(where: { follows(anyOf: $0.value, in: $0.key) }) {
          // No file the walk follows can go to this parent, nor to a later one.
          break
        }
        guard let parentHeader = queueing(parent),
          let theirs = held[parent] ?? folderTrees(parentHeader.treeID)
        else {
          // A parent it cannot read (loose, or already passed: committer times equal or
          // out of order): the comparisons stop before it, since the walk takes them by
          // position, and it compares this parent and the later ones itself.
          unsure = true
          compared.removeAll()
          differing.removeAll()
          continue
        }
        // Kept for the parent's own turn.
        held[parent] = theirs
        for folder in compared {
          guard let mine = here[folder], let there = theirs[folder],
            let comparison = try? FolderComparison(here: mine, there: there)
          else {
            compared.remove(folder)
            comparisons[folder] = nil
            differing[folder] = nil
            unsure = true
            continue
          }
          comparisons[folder, default: []].append(comparison)
          if comparison.identical {
            // Every file stops at this parent.
            compared.remove(folder)
            differing[folder] = nil
          } else {
            let names = Set(comparison.changes.keys)
            differing[folder] = position == 0 ? names : differing[folder]?.intersection(names)
          }
        }
      }
      hand(Prepared(header: header, folders: comparisons))
    }
  }

  /// The trees of the followed folders in a commit whose root tree is `id`, nil for a folder
  /// the commit does not have; nil when the root cannot be read, and a folder left out when
  /// its tree cannot be.
  private func folderTrees(_ id: ObjectID) -> [String: RawTree?]? {
    guard let root = objects.tree(id) else { return nil }
    var trees: [String: RawTree?] = [:]
    for folder in folders {
      if let tree = objects.subtree(&lookups[folder, default: FolderLookup(folder)], in: root) {
        trees[folder] = tree
      }
    }
    return trees
  }
}
