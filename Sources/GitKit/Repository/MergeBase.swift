import CLibGit2

extension Repository {
  /// The best common ancestor of two commits (what `git merge-base` prints); nil when they
  /// share no history.
  public func mergeBase(_ one: ObjectID, _ other: ObjectID) throws -> ObjectID? {
    var result = git_oid()
    var first = one.raw
    var second = other.raw
    let status = git_merge_base(&result, pointer, &first, &second)
    if status == GIT_ENOTFOUND.rawValue { return nil }
    try check(status, "cannot find the merge base of \(one) and \(other)")
    return ObjectID(result)
  }
}
