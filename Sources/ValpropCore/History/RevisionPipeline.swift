import Foundation
import GitKit

extension PropositionHistories {
  /// Parses and diffs the revisions the walk finds while it goes on, on a thread of its own.
  ///
  /// The walk reads the repository on one thread, which leaves the machine's other cores
  /// idle until it ends; parsing both versions of each revision and diffing them costs about
  /// as much again. A worker takes the revisions in the order the walk found them, so each
  /// file's revisions come newest first and a revision's old version, which is usually the
  /// next one's new version, is parsed once. What the worker has not taken when the walk
  /// ends is done on every core, each file's rest in order after what the worker did of it.
  /// Every revision is parsed and diffed from its own two versions, so the entries are the
  /// same whichever thread made them.
  final class RevisionPipeline: @unchecked Sendable {
    private let files: [File]
    private let condition = NSCondition()
    /// Revisions found and not yet taken, with their file's key, in the order found.
    private var queue: [(key: Int, pending: Pending)?] = []
    private var head = 0
    /// Set when the walk has ended (or failed): the worker takes nothing more.
    private var closed = false
    /// Written by the worker alone until `finish` has waited for it.
    private var entries: [[LogEntry]]
    private var last: [Int: Parsed] = [:]
    private let done = DispatchGroup()

    /// The last version parsed of a file, for its next revision.
    typealias Parsed = (blob: ObjectID, path: String, proposition: Proposition)

    /// Starts the worker.
    init(files: [File]) {
      self.files = files
      entries = Array(repeating: [], count: files.count)
      DispatchQueue.global(qos: .userInitiated).async(group: done) { self.work() }
    }

    /// Hands over a revision of the file with `key`; a file's revisions come newest first.
    func add(_ pending: Pending, key: Int) {
      condition.lock()
      queue.append((key, pending))
      condition.signal()
      condition.unlock()
    }

    /// Stops the worker and does what it left on every core; the entries of each file,
    /// newest first, by key.
    func finish() -> [[LogEntry]] {
      close()
      done.wait()
      var left = Array(repeating: [Pending](), count: files.count)
      for item in queue[head...] {
        if let item { left[item.key].append(item.pending) }
      }
      let rest = left
      queue = []
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
          made.append(RevisionPipeline.entry(pending, id: files[key].id, last: &parsed))
        }
        results.set(key, made)
      }
      return results.values()
    }

    /// Stops the worker after the revision it is on; `finish` does the rest.
    func close() {
      condition.lock()
      closed = true
      condition.broadcast()
      condition.unlock()
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
        entries[item.key].append(RevisionPipeline.entry(item.pending, id: files[item.key].id, last: &parsed))
        last[item.key] = parsed
      }
    }

    /// Parses a revision's versions (the new one taken from `last` when it is the version
    /// parsed last) and diffs them; `last` becomes the old version.
    static func entry(_ pending: Pending, id: String, last: inout Parsed?) -> LogEntry {
      func parse(_ version: Version) -> Proposition {
        if let last, last.blob == version.blob, last.path == version.path { return last.proposition }
        return Proposition.lenient(id: id, path: version.path, data: version.data)
      }
      let new = pending.new.map(parse)
      let old = pending.old.map(parse)
      if let version = pending.old, let old { last = (version.blob, version.path, old) }
      return LogEntry(
        stamp: pending.stamp, subject: pending.subject, path: pending.path, oldPath: pending.oldPath,
        change: pending.change, diff: PropositionDiff(old: old, new: new), proposition: new,
        blob: pending.new?.blob)
    }
  }
}
