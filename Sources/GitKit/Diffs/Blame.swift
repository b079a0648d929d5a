import CLibGit2

/// Who last changed a run of lines, as `git blame` attributes it.
public struct BlameHunk: Sendable, Equatable {
  /// The first line of the run, from 1.
  public let startLine: Int
  /// How many lines.
  public let lineCount: Int
  /// The commit that last changed them; nil for lines not committed yet.
  public let commit: ObjectID?
  /// That commit's author (name, email, date); nil for lines not committed yet.
  public let author: Signature?
  /// The path the lines had in that commit.
  public let path: String
}

extension Repository {
  /// Blames a file at a commit (HEAD when nil) and, when `contents` is given, the work
  /// tree's version of it on top: lines that differ from the commit come back uncommitted.
  public func blame(path: String, at commit: ObjectID? = nil, contents: [UInt8]? = nil) throws -> [BlameHunk]
  {
    var options = git_blame_options()
    try check(git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)), "cannot set up blame")
    if let commit { options.newest_commit = commit.raw }
    // In a shallow clone the walk must stop at the boundary, whose parents are missing.
    if let boundary = shallowBoundary().first { options.oldest_commit = boundary.raw }
    var blame: OpaquePointer?
    try check(git_blame_file(&blame, pointer, path, &options), "cannot blame \(path)")
    defer { git_blame_free(blame) }
    var target = blame
    var buffered: OpaquePointer?
    if let contents {
      // libgit2 wants a non-null pointer even for an empty buffer.
      let bytes = contents.map { CChar(bitPattern: $0) } + [0]
      let result = bytes.withUnsafeBufferPointer { chars in
        git_blame_buffer(&buffered, blame, chars.baseAddress!, contents.count)
      }
      try check(result, "cannot blame the work tree's \(path)")
      target = buffered
    }
    defer { if let buffered { git_blame_free(buffered) } }
    var hunks: [BlameHunk] = []
    for index in 0..<git_blame_get_hunk_count(target) {
      guard let hunk = git_blame_get_hunk_byindex(target, index)?.pointee else { continue }
      var id = hunk.final_commit_id
      let zero = withUnsafeBytes(of: &id.id) { $0.allSatisfy { $0 == 0 } }
      hunks.append(
        BlameHunk(
          startLine: Int(hunk.final_start_line_number), lineCount: Int(hunk.lines_in_hunk),
          commit: zero ? nil : ObjectID(id),
          author: zero ? nil : hunk.final_signature.map { Signature(UnsafePointer($0)) },
          path: hunk.orig_path.map { String(lenientCString: $0) } ?? path))
    }
    return hunks
  }
}
