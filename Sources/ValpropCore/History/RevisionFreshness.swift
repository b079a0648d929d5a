import Foundation
import GitKit

extension PropositionHistories {
  /// The last change, edit and review of each file, read from the commits this walk found
  /// instead of from a walk of their own: what `HistoryWalker` answers, so that `valprop
  /// report` reads history once.
  ///
  /// `HistoryWalker` follows each file down one chain of commits, and that chain is where
  /// this walk found the file's revisions until one of them is a merge: both go to the first
  /// parent where the file is identical, and at a commit with one parent both compare the
  /// file with that parent's version or with the source git's rename detection names. So
  /// the steps are read newest first as the walker settles a file: a pure rename is passed,
  /// the first other step is the last change, steps whose wording equals the parent's (and
  /// commits in `.valprop-ignore-revs`) are passed, noting the first that brought a new
  /// `reviewed:` date, and the step after them is the last edit.
  ///
  /// A file whose answer lies past a merge that changed it, past a shallow boundary, or
  /// past a commit this walk had visited already (committer times out of order), where the
  /// walk stopped following it, is left for the walker: those are returned as `unsettled`. So is a file the walk never
  /// reached; a path HEAD does not hold as a file gets no answer, as from the walker. When
  /// HEAD is no longer the commit the walk started from (a commit or checkout while it ran),
  /// every path is left to the walker, so that no answer is kept under the wrong commit.
  func freshness(
    of paths: [String], repository: Repository, ignoreRevs: IgnoreRevs, adoption: Adoption
  ) throws -> (answers: [String: FileHistory], unsettled: [String]) {
    guard let head = try repository.headCommit() else { return ([:], []) }
    guard head.id == self.head else { return ([:], Array(Set(paths)).sorted()) }
    var answers: [String: FileHistory] = [:]
    var unsettled: [String] = []
    var read: [ObjectID: Data] = [:]
    var reviews: [ObjectID: CalendarDate?] = [:]
    func data(_ version: Version) throws -> Data {
      if let known = kept[version.blob] ?? read[version.blob] { return known }
      let data = try repository.blobData(version.blob)
      if data.count <= SourceText.maximumSize { read[version.blob] = data }
      return data
    }
    func sameWording(_ one: Version, _ other: Version) throws -> Bool {
      if one.blob == other.blob { return true }
      return WordingKey.sameWording(try data(one), try data(other), paths: (one.path, other.path))
    }
    func reviewed(_ version: Version) throws -> CalendarDate? {
      if let known = reviews[version.blob] { return known }
      let data = try data(version)
      let date = (try? PropositionSummary(id: "", path: version.path, data: data, adoption: adoption))?
        .reviewed
      reviews[version.blob] = .some(date)
      return date
    }
    // A file's answer, read from its revisions newest first; nil when its last edit is not
    // among those this walk can vouch for.
    func settled(_ steps: [Pending]) throws -> FileHistory? {
      var history = FileHistory()
      for step in steps {
        guard !step.merge, let new = step.new else { return nil }
        if step.change == .renamed, let old = step.old, old.blob == new.blob { continue }
        // Stamped from the commit's header as the walker stamps it (`commitSummary`).
        let here = step.stamp
        if history.lastChanged == nil { history.lastChanged = here }
        guard let old = step.old,
          try ignoreRevs.commits.contains(step.stamp.commit) || sameWording(new, old)
        else {
          history.lastEdited = here
          return history
        }
        if history.lastReviewed == nil, let date = try reviewed(new), try reviewed(old) != date {
          history.lastReviewed = here
        }
      }
      return nil
    }
    let headTree = try repository.rawTree(head.treeID)
    var byFolder: [String: [String]] = [:]
    for path in Set(paths) {
      let (folder, _) = HistoryWalker.split(path)
      byFolder[folder, default: []].append(path)
    }
    for (folder, members) in byFolder {
      let tree = try repository.subtree(atPath: folder, in: headTree)
      let entries = Dictionary(
        try (tree?.entries() ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      for path in members {
        // Uncommitted (or not a file at HEAD): no answer, as from the walker.
        guard let entry = entries[HistoryWalker.split(path).name],
          entry.kind == .blob || entry.kind == .symlink
        else { continue }
        // A file the walk stopped following (at a shallow boundary, or at a commit it had
        // visited already) has no revisions past that point, so one whose last edit is not
        // among them is left to the walker; one whose last edit is found before that point
        // needs nothing past it.
        if let history = try trails[path].flatMap(settled) {
          answers[path] = history
        } else {
          unsettled.append(path)
        }
      }
    }
    return (answers, unsettled.sorted())
  }
}
