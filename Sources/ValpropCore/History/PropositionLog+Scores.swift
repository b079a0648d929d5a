import Foundation
import GitKit

extension PropositionLog {
  /// The revisions of one file, as `init(repository:path:id:simplify:cache:)` lists them,
  /// and the score of each, as `RevisionScores.scores(_:)` gives them for those entries
  /// (nil for a deletion). The revisions are scored on other threads while their versions
  /// are still being read, parsed and diffed on this one, which alone uses the repository.
  public static func scored(
    repository: Repository, path: String, id: String, simplify: Bool = true, cache: LogWalkCache? = nil,
    scores: RevisionScores
  ) throws -> (log: PropositionLog, scores: [LintScore?]) {
    let feed = LogVersionFeed()
    let found = ResultSlots<[LintScore?]>(count: 1)
    let engine = LintEngine.current
    let scoring = DispatchGroup()
    let priming = simplify ? PropositionLog.versionAtHead(repository: repository, path: path, id: id) : nil
    DispatchQueue.global().async(group: scoring) {
      found.set(
        0, LintEngine.$current.withValue(engine) { scores.scores(of: feed, id: id, priming: priming) })
    }
    let log: PropositionLog
    do {
      log = try PropositionLog(
        repository: repository, path: path, id: id, simplify: simplify, cache: cache, feed: feed,
        parsed: priming.map { ($0.blob, path, $0.version) })
    } catch {
      // The feed is closed: the scoring ends without the versions it waits for.
      scoring.wait()
      throw error
    }
    scoring.wait()
    let computed = found.values()[0]
    precondition(computed.count == log.entries.count, "a score for each revision of the log")
    return (log, computed)
  }

  /// The file's version at HEAD and its blob; nil when there is none, or it cannot be read
  /// (the walk then says why).
  static func versionAtHead(repository: Repository, path: String, id: String) -> (
    version: Proposition, blob: ObjectID
  )? {
    guard let head = try? repository.headCommit(),
      let entry = try? repository.entry(atPath: path, in: repository.rawTree(head.treeID)),
      let data = try? repository.blobData(entry.id)
    else { return nil }
    return (Proposition.lenient(id: id, path: path, data: data), entry.id)
  }
}
