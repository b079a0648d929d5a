import Foundation

extension Repository {
  /// The renames between two trees (`old` nil means the empty tree): the `.renamed` changes
  /// of `changes(from:to:detectRenames: true)`, found without libgit2 when the stored trees
  /// settle them at once. A rename pairs a deleted file with an added one across the whole
  /// diff, so with no deleted or no added file there is none, and with one of each it is the
  /// pair when git's similarity of the two is 50% or more. Those are almost every call a
  /// history walk makes (141 of the 152 in a cold `list` of rust-lang/rfcs: 18 with no deleted
  /// file, 123 with one of each); libgit2's tree diff and rename finder, which read every
  /// tree and blob again through zlib, were a quarter of that walk's main thread
  /// (docs/performance.md, session 28). Any other count of files, and
  /// `VALPROP_READER=libgit2`, ask libgit2.
  public func renames(from old: RawTree?, to new: RawTree) throws -> [TreeChange] {
    try renames(from: old, to: new, blob: blobData)
  }

  /// The same, with the two blobs a rename may compare read by `blob` (a caller's cache).
  public func renames(from old: RawTree?, to new: RawTree, blob: (ObjectID) throws -> Data) throws
    -> [TreeChange]
  {
    if !readsThroughLibGit2Only,
      let found = try RenameCandidates(from: old, to: new, read: rawTree).renames(blob: blob)
    {
      return found
    }
    return try changes(from: old.map { try tree($0.id) }, to: tree(new.id), detectRenames: true)
      .filter { $0.status == .renamed }
  }
}

/// The files a rename could pair between two trees, as libgit2's rename finder counts them
/// with `GIT_DIFF_FIND_RENAMES` alone: sources are deleted regular files (a file that became
/// a link or a folder is deleted as a file), targets are added regular files; changed files,
/// links and submodules are neither. Collected only while they can still settle the answer.
struct RenameCandidates {
  /// One deleted or added regular file.
  struct File {
    let path: String
    let id: ObjectID
  }

  private(set) var sources: [File] = []
  private(set) var targets: [File] = []
  /// Whether more than one file on one side and at least one on the other were found: only
  /// libgit2's matching answers that.
  private(set) var undecided = false

  /// Compares two root trees, reading each folder that differs with `read`.
  init(from old: RawTree?, to new: RawTree, read: (ObjectID) throws -> RawTree) throws {
    if let old {
      try compare(old, new, under: "", read: read)
    } else {
      try all(in: new, under: "", added: true, read: read)
    }
  }

  /// The renames, or nil when libgit2 must find them: more than one file on both sides, or a
  /// blob that cannot be read.
  func renames(blob: (ObjectID) throws -> Data) -> [TreeChange]? {
    guard !undecided else { return nil }
    guard let source = sources.first, let target = targets.first else { return [] }
    // libgit2's `similarity_measure`: the same blob is 100, else the metric scores the two.
    // (It skips files whose sizes are more than eight times apart, which share at most an
    // eighth of the larger, too little for a rename either way.)
    let similarity: Int
    if source.id == target.id {
      similarity = 100
    } else {
      guard let before = try? blob(source.id), let after = try? blob(target.id) else { return nil }
      similarity = GitSimilarity.score(before, after)
    }
    guard similarity >= 50 else { return [] }
    return [
      TreeChange(
        status: .renamed, oldPath: source.path, newPath: target.path, oldID: source.id, newID: target.id,
        similarity: similarity)
    ]
  }

  /// Notes one deleted or added entry (a folder's files when it is a folder).
  private mutating func note(
    _ entry: TreeEntry, at path: String, added: Bool, read: (ObjectID) throws -> RawTree
  )
    throws
  {
    switch entry.kind {
    case .tree:
      try all(in: read(entry.id), under: path + "/", added: added, read: read)
    case .blob:
      if added {
        targets.append(File(path: path, id: entry.id))
      } else {
        sources.append(File(path: path, id: entry.id))
      }
      undecided =
        undecided || (sources.count > 1 && !targets.isEmpty) || (targets.count > 1 && !sources.isEmpty)
    case .symlink, .submodule:
      break
    }
  }

  /// Notes every file below a folder that only one tree has.
  private mutating func all(
    in tree: RawTree, under prefix: String, added: Bool, read: (ObjectID) throws -> RawTree
  )
    throws
  {
    for entry in try tree.entries() where !undecided {
      try note(entry, at: prefix + entry.name, added: added, read: read)
    }
  }

  /// Notes what differs between two versions of a folder.
  private mutating func compare(
    _ old: RawTree, _ new: RawTree, under prefix: String, read: (ObjectID) throws -> RawTree
  ) throws {
    var differences: [(TreeEntry?, TreeEntry?)] = []
    try new.forEachDifference(from: old) { mine, theirs in
      differences.append((theirs.map { old.entry($0) }, mine.map { new.entry($0) }))
    }
    for (before, after) in differences where !undecided {
      switch (before, after) {
      case (let before?, let after?) where before.kind == .tree && after.kind == .tree:
        try compare(read(before.id), read(after.id), under: prefix + before.name + "/", read: read)
      case (let before?, let after?) where before.kind == after.kind:
        // Changed in place (content or mode): neither a source nor a target.
        break
      default:
        // A file whose kind changed is deleted and added, as libgit2 diffs without
        // `GIT_DIFF_INCLUDE_TYPECHANGE`.
        if let before { try note(before, at: prefix + before.name, added: false, read: read) }
        if let after { try note(after, at: prefix + after.name, added: true, read: read) }
      }
    }
  }
}
