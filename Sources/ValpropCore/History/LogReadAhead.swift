import Foundation
import GitKit

/// A thread that reads ahead of `log`'s walk, with a pack reader of its own: from HEAD
/// along first parents (the way the walk goes through every merge that left the file as it
/// was), it reads each commit's header and, while it is far ahead of the walk, looks up the
/// followed file in the commit's tree. The walk takes what it finds here and reads the rest
/// itself, so the two share the reading between two cores; a cold `log` of an old proposal
/// read all of swift-evolution's history on one core while the other waited for the
/// revisions to lint (docs/performance.md, session 26).
///
/// What either reads is a pure function of an object's id (and the path looked up), so the
/// walk's answer does not depend on which of the two read it, or when. A header is read
/// once: the walk waits for the one the thread is reading at that moment, takes those the
/// thread finished, and reads the rest itself, telling the thread, which then skips them.
/// A tree the walk looked in, the thread leaves alone.
final class LogReadAhead: @unchecked Sendable {
  private let objects: PackedObjects
  private let boundary: Set<ObjectID>
  private let lead: Int
  private let condition = NSCondition()
  /// The headers read so far, by either.
  private var headers: [ObjectID: CommitHeader] = [:]
  /// The commit whose header the thread reads now.
  private var readingHeader: ObjectID?
  /// The followed file's entry in each root tree the thread looked in, with the path.
  private var entries: [ObjectID: (path: TreePath, entry: TreeEntry?)] = [:]
  /// The tree the thread looks in now.
  private var lookingIn: ObjectID?
  /// The trees the walk looks in itself.
  private var taken: Set<ObjectID> = []
  /// The path the walk follows now.
  private var path: TreePath
  /// Headers the thread read, and of those, how many the walk took: the difference is how
  /// far ahead the thread is.
  private var read = 0
  private var took = 0
  /// How many headers the thread may hold that the walk did not take.
  private let limit: Int
  private var stopped = false

  /// Starts reading from `start` for a walk that follows `path`; nil when the repository has
  /// no packs, or reads through libgit2 only (the walk reads everything itself). The thread
  /// looks in trees only while at least `lead` headers it read wait for the walk, and waits
  /// while `limit` do (a walk gone down a branch the thread does not follow).
  init?(repository: Repository, start: ObjectID, path: String, lead: Int = 256, limit: Int = 4_096) {
    guard let objects = PackedObjects(repository: repository) else { return nil }
    self.objects = objects
    boundary = repository.shallowBoundary()
    self.path = TreePath(path)
    self.lead = lead
    self.limit = limit
    let thread = Thread { [self] in run(from: start) }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// How many headers the walk took from the thread (for tests).
  var handedOver: Int { condition.withLock { took } }

  /// Ends the thread at its next step; what it holds stays for whoever still asks.
  func stop() {
    condition.withLock {
      stopped = true
      condition.broadcast()
    }
  }

  /// The walk follows `path` from now on (a rename, older commits under the old name).
  func follow(_ path: TreePath) {
    condition.withLock { self.path = path }
  }

  /// The header of commit `id`: the thread's (waiting while it reads it), or read from
  /// `repository` now and kept, so that the thread skips it.
  func header(_ id: ObjectID, reading repository: Repository) throws -> CommitHeader {
    let found: CommitHeader? = condition.withLock {
      while readingHeader == id { condition.wait() }
      guard let header = headers.removeValue(forKey: id) else { return nil }
      took += 1
      condition.broadcast()
      return header
    }
    if let found { return found }
    let header = try repository.commitHeader(id)
    condition.withLock {
      // Read by both at once: the thread's copy is taken (and counted) as handed over.
      if headers.removeValue(forKey: id) != nil {
        took += 1
        condition.broadcast()
      } else {
        headers[id] = header
      }
    }
    return header
  }

  /// The entry at `path` in the root tree `tree`, when the thread looked it up; `.none` when
  /// it did not, and will not: the walk looks itself (also when the thread is looking in
  /// that tree now, rather than wait: it looks only far ahead of the walk).
  func entry(inTree tree: ObjectID, path: TreePath) -> TreeEntry?? {
    condition.withLock {
      if lookingIn != tree, let found = entries.removeValue(forKey: tree), found.path == path {
        return .some(found.entry)
      }
      taken.insert(tree)
      return .none
    }
  }

  private func run(from start: ObjectID) {
    var current = start
    while true {
      // The header, unless the walk read it.
      var header: CommitHeader?
      let reads: Bool = condition.withLock {
        while !stopped, read - took >= limit { condition.wait() }
        if stopped { return false }
        // A header the walk read itself, the thread only follows.
        header = headers.removeValue(forKey: current)
        if header == nil { readingHeader = current }
        return true
      }
      guard reads else { return }
      if header == nil {
        header = objects.commitHeader(current)
        condition.withLock {
          readingHeader = nil
          // Read by both at once: the walk has it, there is nothing to hand over.
          if let header, headers.removeValue(forKey: current) == nil {
            headers[current] = header
            read += 1
          }
          condition.broadcast()
        }
      }
      // Nothing the packs hold: the walk reads the rest itself.
      guard let header else { return }
      // The tree, while far enough ahead that the walk is busy elsewhere.
      let look: TreePath? = condition.withLock {
        guard !stopped, read - took >= lead, entries[header.treeID] == nil, !taken.contains(header.treeID)
        else { return nil }
        lookingIn = header.treeID
        return path
      }
      if let look {
        let found = objects.entry(at: look, inTree: header.treeID)
        condition.withLock {
          lookingIn = nil
          if let found { entries[header.treeID] = (look, found) }
          condition.broadcast()
        }
      }
      guard !boundary.contains(current), let parent = header.parentIDs.first else { return }
      current = parent
    }
  }
}
