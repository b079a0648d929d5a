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
/// links and submodules are neither. Kinds are told by the modes as stored, as libgit2's
/// diff tells them (not as `TreeEntry` normalises them); a mode of no kind git writes leaves
/// the answer to libgit2. Collected only while they can still settle the answer.
struct RenameCandidates {
  /// One deleted or added regular file.
  struct File {
    let path: String
    let id: ObjectID
  }

  /// The deleted regular files found so far.
  private(set) var sources: [File] = []
  /// The added regular files found so far.
  private(set) var targets: [File] = []
  /// Whether only libgit2 can answer: more than one file on one side and at least one on
  /// the other (its matching decides), or a mode of no known kind.
  private(set) var undecided = false

  /// Compares two root trees, reading each folder that differs with `read`. From the empty
  /// tree every file is added, and nothing is renamed.
  init(from old: RawTree?, to new: RawTree, read: (ObjectID) throws -> RawTree) throws {
    guard let old else { return }
    try compare(old, new, under: "", read: read)
  }

  /// The renames, or nil when libgit2 must find them (see `undecided`), or when a blob
  /// cannot be read.
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

  /// An entry's kind by its mode as stored: the bits git's `S_IFMT` keeps.
  private enum Kind {
    case folder, file, other, unknown

    init(_ mode: UInt32) {
      switch mode & 0o170000 {
      case 0o040000: self = .folder
      case 0o100000: self = .file
      case 0o120000, 0o160000: self = .other
      default: self = .unknown
      }
    }
  }

  /// Notes one deleted or added entry (a folder's files when it is a folder).
  private mutating func note(
    _ slot: RawTree.Slot, of tree: RawTree, under prefix: String, added: Bool,
    read: (ObjectID) throws -> RawTree
  ) throws {
    let path = prefix + tree.name(slot)
    switch Kind(slot.mode) {
    case .folder:
      try all(in: read(tree.objectID(slot)), under: path + "/", added: added, read: read)
    case .file:
      let file = File(path: path, id: tree.objectID(slot))
      if added { targets.append(file) } else { sources.append(file) }
      undecided =
        undecided || (sources.count > 1 && !targets.isEmpty) || (targets.count > 1 && !sources.isEmpty)
    case .other:
      break
    case .unknown:
      undecided = true
    }
  }

  /// Notes every file below a folder that only one tree has.
  private mutating func all(
    in tree: RawTree, under prefix: String, added: Bool, read: (ObjectID) throws -> RawTree
  ) throws {
    var offset = 0
    while !undecided, let slot = try tree.slot(at: offset) {
      try note(slot, of: tree, under: prefix, added: added, read: read)
      offset = slot.end
    }
  }

  /// Notes what differs between two versions of a folder, modes compared as stored.
  private mutating func compare(
    _ old: RawTree, _ new: RawTree, under prefix: String, read: (ObjectID) throws -> RawTree
  ) throws {
    var differences: [(before: RawTree.Slot?, after: RawTree.Slot?)] = []
    try new.forEachDifference(from: old, exactModes: true) { mine, theirs in
      differences.append((theirs, mine))
    }
    for (before, after) in differences where !undecided {
      let kinds = (before.map { Kind($0.mode) }, after.map { Kind($0.mode) })
      switch (before, after) {
      case (let before?, let after?) where kinds.0 == .folder && kinds.1 == .folder:
        try compare(
          read(old.objectID(before)), read(new.objectID(after)), under: prefix + new.name(after) + "/",
          read: read)
      case (_?, _?) where kinds.0 == kinds.1 && kinds.0 != .unknown:
        // Changed in place (content or mode): neither a source nor a target.
        break
      default:
        // A file whose kind changed is deleted and added, as libgit2 diffs without
        // `GIT_DIFF_INCLUDE_TYPECHANGE`.
        if let before { try note(before, of: old, under: prefix, added: false, read: read) }
        if let after { try note(after, of: new, under: prefix, added: true, read: read) }
      }
    }
  }
}
