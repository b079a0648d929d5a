import CLibGit2

/// How a file changed between two trees.
public enum ChangeStatus: String, Sendable, Equatable {
  /// The file is new.
  case added
  /// The file is gone.
  case deleted
  /// The file's content or mode changed.
  case modified
  /// The file moved, possibly with edits.
  case renamed
  /// The file changed kind (a file became a link, say).
  case typeChanged
}

/// One changed file between two trees, as `git diff --name-status -M` reports it.
public struct TreeChange: Sendable, Equatable {
  /// What happened.
  public let status: ChangeStatus
  /// The path before (equal to `newPath` unless renamed; the path itself when added).
  public let oldPath: String
  /// The path after (the path itself when deleted).
  public let newPath: String
  /// The blob before; nil when added.
  public let oldID: ObjectID?
  /// The blob after; nil when deleted.
  public let newID: ObjectID?
  /// For renames, the similarity in percent.
  public let similarity: Int
}

extension Repository {
  /// The files that differ between two trees (`old` nil means the empty tree), optionally
  /// limited to paths below some folders. With `detectRenames`, renames are found as git
  /// does by default (50% similarity, measured as git measures it); rename detection runs on
  /// the whole diff, not on the
  /// limited one, because a pathspec would filter the rename's source out.
  public func changes(
    from old: Tree?, to new: Tree?, detectRenames: Bool, under folders: [String] = []
  ) throws -> [TreeChange] {
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "cannot set up a diff")
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, pointer, old?.pointer, new?.pointer, &options),
      "cannot compare trees")
    defer { git_diff_free(diff) }
    // A rename pairs a deleted file with an added one: with none of either there is nothing
    // to find, and libgit2 would still sign every added file (95 of them across the last
    // 200 commits of rust-lang/rfcs, a quarter of `diff --base HEAD~200`).
    if detectRenames, git_diff_num_deltas_of_type(diff, GIT_DELTA_DELETED) > 0,
      git_diff_num_deltas_of_type(diff, GIT_DELTA_ADDED) > 0
    {
      var find = git_diff_find_options()
      try check(
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
        "cannot set up rename detection")
      find.flags = GIT_DIFF_FIND_RENAMES.rawValue
      find.rename_limit = 1000
      var metric = GitSimilarity.metric()
      let result = withUnsafeMutablePointer(to: &metric) { pointer in
        find.metric = pointer
        return git_diff_find_similar(diff, &find)
      }
      try check(result, "cannot detect renames")
    }
    let prefixes = folders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    func inside(_ path: String) -> Bool {
      prefixes.isEmpty || prefixes.contains { path.hasPrefix($0) }
    }
    var result: [TreeChange] = []
    for index in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
      let oldPath = String(lenientCString: delta.old_file.path)
      let newPath = String(lenientCString: delta.new_file.path)
      guard inside(oldPath) || inside(newPath) else { continue }
      let status: ChangeStatus
      switch delta.status {
      case GIT_DELTA_ADDED: status = .added
      case GIT_DELTA_DELETED: status = .deleted
      case GIT_DELTA_RENAMED: status = .renamed
      case GIT_DELTA_TYPECHANGE: status = .typeChanged
      default: status = .modified
      }
      var oldFile = delta.old_file
      var newFile = delta.new_file
      result.append(
        TreeChange(
          status: status, oldPath: oldPath, newPath: newPath,
          oldID: status == .added ? nil : ObjectID(withUnsafePointer(to: &oldFile.id) { $0 }),
          newID: status == .deleted ? nil : ObjectID(withUnsafePointer(to: &newFile.id) { $0 }),
          similarity: Int(delta.similarity)))
    }
    return result
  }
}
