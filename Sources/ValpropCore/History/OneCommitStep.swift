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
    // Per folder: the paths whose entries differ, or nil when the folder is not on both
    // sides. The paths of a listing come folder by folder, so the last folder's answer is
    // kept at hand: making the folder and name Strings of every path, and looking the folder
    // up, was a fifth of the step.
    var changedPaths: [String: Set<String>?] = [:]
    var lastFolder: (bytes: [UInt8], changed: Set<String>?)?
    func changed(in folder: ArraySlice<UInt8>) throws -> Set<String>? {
      if let lastFolder, lastFolder.bytes.elementsEqual(folder) { return lastFolder.changed }
      let name = String(decoding: folder, as: UTF8.self)
      let found: Set<String>?
      if let known = changedPaths[name] {
        found = known
      } else {
        let here = try repository.subtree(atPath: name, in: headRoot)
        let there = try repository.subtree(atPath: name, in: parentRoot)
        if let here, let there {
          let prefix = name.isEmpty ? "" : name + "/"
          found = here.id == there.id ? [] : Set(try here.changes(comparedTo: there).keys.map { prefix + $0 })
        } else {
          found = nil
        }
        changedPaths[name] = .some(found)
      }
      lastFolder = (Array(folder), found)
      return found
    }
    // The parent's answers, less those of the paths walked (and of paths not asked for):
    // most are carried, and copying the dictionary once is cheaper than filling a new one.
    var carried = previous
    var rest: [String] = []
    for path in paths {
      let bytes = Array(path.utf8)
      let folder = bytes.lastIndex(of: 0x2F).map { bytes[..<$0] } ?? []
      // A name that is not UTF-8 was decoded with U+FFFD and may stand for several: walked.
      // (Only a path with a byte past ASCII can hold one.)
      let replaced = bytes.contains { $0 >= 0x80 } && path.unicodeScalars.contains("\u{FFFD}")
      let unchanged = try changed(in: folder).map { !$0.contains(path) } ?? false
      if !unchanged || replaced || previous.index(forKey: path) == nil {
        rest.append(path)
        carried.removeValue(forKey: path)
      }
    }
    if carried.count != paths.count - rest.count {
      let asked = Set(paths)
      carried = carried.filter { asked.contains($0.key) }
    }
    return (carried, rest)
  }
}
