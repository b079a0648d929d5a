import Foundation
import GitKit

/// The versions of a log while it is being built, handed from the thread that reads and
/// parses them to the threads that score them. Scoring (lint) is most of a cold `valprop
/// log`; through the feed it starts on the other cores as soon as the walk has found the
/// revisions, instead of after every version was read, parsed and diffed on one thread
/// (docs/performance.md, session 20).
final class LogVersionFeed: @unchecked Sendable {
  /// What a revision's score is keyed by, known once the walk and the commits are read.
  struct Planned: Sendable {
    /// The file's blob after the commit; nil when deleted (no score).
    let blob: ObjectID?
    /// The commit's author day, the day the revision is judged on.
    let day: CalendarDate
    /// The file's path in the commit.
    let path: String
  }

  private let condition = NSCondition()
  private var planned: [Planned]?
  private var versions: [Proposition?] = []
  private var closed = false

  /// Announces the revisions, newest first, before any version is read.
  func plan(_ revisions: [Planned]) {
    condition.withLock {
      planned = revisions
      condition.broadcast()
    }
  }

  /// Hands over the next revision's version (nil for a deletion).
  func add(_ version: Proposition?) {
    condition.withLock {
      versions.append(version)
      condition.broadcast()
    }
  }

  /// Ends the feed: every version was added, or the log failed.
  func close() {
    condition.withLock {
      closed = true
      condition.broadcast()
    }
  }

  /// The revisions, once announced; nil when the feed closed first (the log failed, or the
  /// repository has no commits).
  func waitForPlan() -> [Planned]? {
    condition.withLock {
      while planned == nil, !closed { condition.wait() }
      return planned
    }
  }

  /// The version of the revision at `index`, once added; nil for a deletion, or when the
  /// feed closed before it came.
  func version(at index: Int) -> Proposition? {
    condition.withLock {
      while versions.count <= index, !closed { condition.wait() }
      return index < versions.count ? versions[index] : nil
    }
  }
}
