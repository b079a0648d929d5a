import Foundation
import GitKit

extension PropositionHistories {
  /// Reads, parses and diffs the revisions the walk finds while it goes on, on a thread of
  /// its own with a repository handle of its own (libgit2 lets one thread at a time use a
  /// handle).
  ///
  /// The walk reads the folders of every commit on one thread, which leaves the machine's
  /// other cores idle until it ends; reading both versions of each revision, parsing and
  /// diffing them costs about as much again. A worker takes the revisions in the order the
  /// walk found them, so each file's revisions come newest first and a revision's old
  /// version, which is usually the next one's new version, is read and parsed once. What the
  /// worker has not taken when the walk ends is read on two threads (its handle and a
  /// second one) and parsed and diffed on every core, each file's rest in order after what
  /// the worker did of it. Every entry
  /// is made from its own two versions, so the entries are the same whichever thread made
  /// them.
  final class RevisionPipeline: @unchecked Sendable {
    private let files: [File]
    private let repository: Repository
    private let condition = NSCondition()
    /// Revisions found and not yet taken, with their file's key, in the order found.
    private var queue: [(key: Int, pending: Pending)?] = []
    private var head = 0
    /// Set when the walk has ended (or failed): the worker takes nothing more.
    private var closed = false
    /// Written by the worker alone until `finish` has waited for it.
    private var entries: [[LogEntry]]
    private var last: [Int: Parsed] = [:]
    /// The bytes of the versions of each file's newest `keptRevisions` revisions, by blob:
    /// what `PropositionHistories.freshness` reads, so that it need not read them again.
    private(set) var kept: [ObjectID: Data] = [:]
    private var failure: Error?

    /// How many of each file's newest revisions keep their versions' bytes: the last edit is
    /// nearly always among them.
    static let keptRevisions = 3
    private let done = DispatchGroup()

    /// The last version parsed of a file, for its next revision.
    typealias Parsed = (blob: ObjectID, path: String, proposition: Proposition)

    /// Starts the worker, which reads blobs through `repository` (a handle no other thread
    /// uses). Without one (`worker: false`, for tests) `finish` does everything.
    init(files: [File], repository: Repository, worker: Bool = true) {
      self.files = files
      self.repository = repository
      entries = Array(repeating: [], count: files.count)
      guard worker else { return }
      // A thread of its own: the global queues' threads can all be taken by the lint that
      // runs beside the walk, and the worker would wait for them.
      done.enter()
      let thread = Thread { [self] in
        work()
        done.leave()
      }
      thread.name = "valprop revisions"
      thread.start()
    }

    /// Hands over a revision of the file with `key`; a file's revisions come newest first.
    func add(_ pending: Pending, key: Int) {
      condition.lock()
      queue.append((key, pending))
      condition.signal()
      condition.unlock()
    }

    /// Stops the worker and does what it left; the entries of each file, newest first, by
    /// key. Throws what reading a blob threw.
    func finish() throws -> [[LogEntry]] {
      close()
      if let failure { throw failure }
      var left = Array(repeating: [Pending](), count: files.count)
      // Each blob is read once, on two threads when there are many (a second handle: a
      // handle serves one thread), and parsed and diffed below on every core.
      var wanted: [ObjectID] = []
      var seen = Set<ObjectID>()
      var keep: [ObjectID] = []
      for item in queue[head...] {
        guard let item else { continue }
        left[item.key].append(item.pending)
        let keeps = entries[item.key].count + left[item.key].count <= Self.keptRevisions
        for version in [item.pending.new, item.pending.old].compactMap({ $0 }) {
          if seen.insert(version.blob).inserted { wanted.append(version.blob) }
          if keeps { keep.append(version.blob) }
        }
      }
      let read = try readBlobs(wanted)
      for blob in keep { kept[blob] = read[blob] }
      queue = []
      let rest = left
      let results = ResultSlots<[LogEntry]>(count: files.count)
      // The most revised first: one started last would leave the other cores idle.
      let order = rest.indices.sorted { rest[$0].count > rest[$1].count }
      let files = files
      let entries = entries
      let last = last
      DispatchQueue.concurrentPerform(iterations: order.count) { turn in
        let key = order[turn]
        var made = entries[key]
        var parsed = last[key]
        for pending in rest[key] {
          // Every blob of these revisions was read above.
          made.append(RevisionPipeline.entry(pending, id: files[key].id, last: &parsed) { read[$0]! })
        }
        results.set(key, made)
      }
      return results.values()
    }

    /// The bytes of `blobs`: the first half read through the worker's handle, the second
    /// through a handle of its own on another thread, each in the walk's order so that
    /// each handle's cache of delta bases serves it; on one thread when there are few.
    private func readBlobs(_ blobs: [ObjectID]) throws -> [ObjectID: Data] {
      let split = blobs.count / 2
      guard split >= Self.splitReadsFrom else {
        var read: [ObjectID: Data] = [:]
        for blob in blobs { read[blob] = try repository.blobData(blob) }
        return read
      }
      let handles = [repository, try repository.reopened(packCache: PropositionHistories.packCache)]
      let parts = ResultSlots<Result<[ObjectID: Data], Error>>(count: 2)
      DispatchQueue.concurrentPerform(iterations: 2) { part in
        let range = part == 0 ? 0..<split : split..<blobs.count
        parts.set(
          part,
          Result {
            var read: [ObjectID: Data] = [:]
            read.reserveCapacity(range.count)
            for blob in blobs[range] { read[blob] = try handles[part].blobData(blob) }
            return read
          })
      }
      let halves = try parts.values().map { try $0.get() }
      return halves[0].merging(halves[1]) { first, _ in first }
    }

    /// How many blobs each of the two readers of `finish` must get before a second one is
    /// worth opening.
    static let splitReadsFrom = 200

    /// Stops the worker after the revision it is on, and waits for it; `finish` does the
    /// rest.
    func close() {
      condition.lock()
      closed = true
      condition.broadcast()
      condition.unlock()
      done.wait()
    }

    private func work() {
      while true {
        condition.lock()
        while head == queue.count && !closed { condition.wait() }
        guard !closed, let item = queue[head] else {
          condition.unlock()
          return
        }
        queue[head] = nil
        head += 1
        condition.unlock()
        var parsed = last[item.key]
        let keeps = entries[item.key].count < Self.keptRevisions
        do {
          let entry = try RevisionPipeline.entry(item.pending, id: files[item.key].id, last: &parsed) {
            let data = try self.repository.blobData($0)
            if keeps { self.kept[$0] = data }
            return data
          }
          entries[item.key].append(entry)
        } catch {
          failure = error
          return
        }
        last[item.key] = parsed
      }
    }

    /// Reads and parses a revision's versions (the new one taken from `last` when it is the
    /// version parsed last) and diffs them; `last` becomes the old version.
    static func entry(
      _ pending: Pending, id: String, last: inout Parsed?, read: (ObjectID) throws -> Data
    ) rethrows -> LogEntry {
      let new = try pending.new.map { try parse($0, id: id, last: last, read: read) }
      let old = try pending.old.map { try parse($0, id: id, last: last, read: read) }
      if let version = pending.old, let old { last = (version.blob, version.path, old) }
      return LogEntry(
        stamp: pending.stamp, subject: pending.subject, path: pending.path, oldPath: pending.oldPath,
        change: pending.change, diff: PropositionDiff(old: old, new: new), proposition: new,
        blob: pending.new?.blob)
    }

    /// A version parsed: the one parsed last when it is the same, else read and parsed.
    static func parse(
      _ version: Version, id: String, last: Parsed?, read: (ObjectID) throws -> Data
    ) rethrows -> Proposition {
      if let last, last.blob == version.blob, last.path == version.path { return last.proposition }
      return Proposition.lenient(id: id, path: version.path, data: try read(version.blob))
    }
  }
}
