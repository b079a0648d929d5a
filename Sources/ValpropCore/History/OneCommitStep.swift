import GitKit

/// The answers a commit carries over from its parent. When HEAD has moved by one commit that
/// is not a merge, and its parent's answers are cached, a path whose entry that commit left
/// as it was has its parent's answer: the walk would visit HEAD, see the entry unchanged, and
/// settle the path at the parent from the cache. Only the other paths are walked. After a
/// commit on long documents, setting up the walk of every path was most of a warm `list`'s
/// walk (docs/performance.md, session 24); the history cache tests compare the answers with
/// an uncached walk at every commit of generated histories.
enum OneCommitStep {
  /// The carried answers and the paths left to walk; nil when HEAD is a merge or a root,
  /// is listed in ignore-revs, or its parent's answers are not cached (all are walked then).
  static func carried(
    _ paths: [String], head: ObjectID, repository: Repository, known: [ObjectID: HistoryCache.Entry],
    ignoreRevs: IgnoreRevs
  ) throws -> (carried: [String: FileHistory], rest: [String])? {
    guard !ignoreRevs.commits.contains(head) else { return nil }
    let header = try repository.commitHeader(head)
    guard header.parentIDs.count == 1, let cached = known[header.parentIDs[0]], let previous = cached.answers
    else { return nil }
    let headRoot = try repository.rawTree(header.treeID)
    let parentRoot = try repository.rawTree(try repository.commitHeader(header.parentIDs[0]).treeID)
    // Per folder: the names whose entries differ, or nil when the folder is not on both sides.
    var changedNames: [String: Set<String>?] = [:]
    var carried: [String: FileHistory] = [:]
    carried.reserveCapacity(paths.count)
    var rest: [String] = []
    for path in paths {
      let (folder, name) = HistoryWalker.split(path)
      if changedNames[folder] == nil {
        let here = try repository.subtree(atPath: folder, in: headRoot)
        let there = try repository.subtree(atPath: folder, in: parentRoot)
        if let here, let there {
          changedNames[folder] = .some(
            here.id == there.id ? [] : Set(try here.changes(comparedTo: there).keys))
        } else {
          changedNames[folder] = .some(nil)
        }
      }
      // A name that is not UTF-8 was decoded with U+FFFD and may stand for several: walked.
      guard let changed = changedNames[folder] ?? nil, !changed.contains(name),
        !path.unicodeScalars.contains("\u{FFFD}"), let answer = previous[path]
      else {
        rest.append(path)
        continue
      }
      carried[path] = answer
    }
    return (carried, rest)
  }
}
