import CLibGit2
import Foundation

/// An open git repository; every libgit2 call about it goes through this class or the objects
/// it hands out, which keep it alive.
public final class Repository: @unchecked Sendable {
  /// The libgit2 handle, freed in `deinit`.
  let pointer: OpaquePointer
  /// Reads history's objects from the pack files directly; nil when there are none, or when
  /// every read goes through libgit2.
  let packs: PackReader?
  /// Whether every read goes through libgit2: no pack reader, and commits parsed by libgit2.
  /// `VALPROP_READER=libgit2` in the environment sets it for every repository opened, so that
  /// the whole suite can run against libgit2 alone (`.ci/run` does).
  public let readsThroughLibGit2Only: Bool

  /// Whether the environment asks for libgit2 alone (`VALPROP_READER=libgit2`).
  public static var environmentAsksForLibGit2Only: Bool {
    getenv("VALPROP_READER").map { String(cString: $0) == "libgit2" } ?? false
  }

  private init(pointer: OpaquePointer, libGit2Only: Bool? = nil, packCache: Int? = nil) {
    self.pointer = pointer
    readsThroughLibGit2Only = libGit2Only ?? Repository.environmentAsksForLibGit2Only
    let folder = Repository.objectFolder(of: pointer)
    packs =
      readsThroughLibGit2Only
      ? nil
      : packCache.map { PackReader(objectFolder: folder, budget: $0) } ?? PackReader(objectFolder: folder)
  }

  deinit {
    git_repository_free(pointer)
  }

  /// Opens the repository that contains `path`, searching upwards as git does; nil when
  /// `path` is in no repository. `libGit2Only` overrides `VALPROP_READER` (see
  /// `readsThroughLibGit2Only`).
  public static func discover(from path: String, libGit2Only: Bool? = nil) throws -> Repository? {
    LibGit2.ensureInitialized()
    var handle: OpaquePointer?
    let result = git_repository_open_ext(&handle, path, 0, nil)
    if result == GIT_ENOTFOUND.rawValue {
      return nil
    }
    try check(result, "cannot open the git repository at \(path)")
    return Repository(pointer: handle!, libGit2Only: libGit2Only)
  }

  /// Opens the repository as git does under `GIT_DIR` and `GIT_WORK_TREE` (both already made
  /// absolute): with `gitDirectory`, that repository, no search; without it, the one found
  /// from `path`. The work tree is `workTree` when given; else, with `gitDirectory`, the
  /// repository's `core.worktree`, else none when `core.bare` is true, else `path` itself —
  /// git takes the current folder as the top of the work tree when only GIT_DIR is set.
  public static func locate(from path: String, gitDirectory: String?, workTree: String?) throws -> Repository?
  {
    guard let gitDirectory else {
      guard let found = try discover(from: path) else { return nil }
      if let workTree { try found.setWorkTree(workTree) }
      return found
    }
    LibGit2.ensureInitialized()
    var handle: OpaquePointer?
    let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_NO_DOTGIT.rawValue
    let result = git_repository_open_ext(&handle, gitDirectory, flags, nil)
    if result == GIT_ENOTFOUND.rawValue { return nil }
    try check(result, "cannot open the git repository at \(gitDirectory) (GIT_DIR)")
    let repository = Repository(pointer: handle!)
    if let workTree {
      try repository.setWorkTree(workTree)
    } else if let configured = repository.configString("core.worktree") {
      let absolute = configured.hasPrefix("/") ? configured : gitDirectory + "/" + configured
      try repository.setWorkTree((absolute as NSString).standardizingPath)
    } else if repository.configString("core.bare")?.lowercased() != "true" {
      try repository.setWorkTree(path)
    }
    return repository
  }

  /// Another handle on the same repository, for another thread (libgit2 lets one thread at a
  /// time use a handle), reading objects the same way as this one. `packCache` is how many
  /// bytes of rebuilt objects its pack reader keeps (2 MiB when nil): a walk that reads
  /// every version of many files as well as their folders needs more than one that reads
  /// the folders alone.
  public func reopened(packCache: Int? = nil) throws -> Repository {
    try Repository.opened(
      gitDirectory: gitDirectory, libGit2Only: readsThroughLibGit2Only, packCache: packCache)
  }

  /// A new handle on the repository whose git directory is `gitDirectory`, as `reopened`
  /// makes one; for a thread that must not touch the first handle to open its own.
  public static func opened(gitDirectory: String, libGit2Only: Bool, packCache: Int? = nil) throws
    -> Repository
  {
    LibGit2.ensureInitialized()
    var handle: OpaquePointer?
    let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_NO_DOTGIT.rawValue
    try check(
      git_repository_open_ext(&handle, gitDirectory, flags, nil),
      "cannot open the git repository at \(gitDirectory)")
    return Repository(pointer: handle!, libGit2Only: libGit2Only, packCache: packCache)
  }

  /// Points the repository at another work tree (in memory; the configuration is untouched).
  /// Nothing is done when it is the work tree already: libgit2 1.5 returns early there without
  /// freeing the path it resolved (LeakSanitizer reported the 56 bytes).
  private func setWorkTree(_ path: String) throws {
    func resolved(_ path: String) -> String {
      URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
    if let current = workingDirectory, resolved(current) == resolved(path) { return }
    try check(git_repository_set_workdir(pointer, path, 0), "cannot use \(path) as the work tree")
  }

  /// Creates a new repository with a work tree at `path` (like `git init`), honouring git's
  /// `init.defaultBranch` configuration.
  public static func create(at path: String) throws -> Repository {
    LibGit2.ensureInitialized()
    var handle: OpaquePointer?
    try check(git_repository_init(&handle, path, 0), "cannot create a git repository at \(path)")
    return Repository(pointer: handle!)
  }

  /// The root of the work tree without a trailing slash; nil for a bare repository.
  public var workingDirectory: String? {
    guard let raw = git_repository_workdir(pointer) else { return nil }
    var path = String(cString: raw)
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// The folder of the object database (`objects` in the common git folder).
  var objectFolder: String { Repository.objectFolder(of: pointer) }

  private static func objectFolder(of pointer: OpaquePointer) -> String {
    String(cString: git_repository_commondir(pointer)) + "objects"
  }

  /// The `.git` folder (or the bare repository's folder), without a trailing slash.
  public var gitDirectory: String {
    var path = String(cString: git_repository_path(pointer))
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// Whether the repository has no work tree.
  public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

  /// Whether the repository is a shallow clone whose history is cut short: a non-empty
  /// `shallow` file in the folder all work trees share, where git keeps it. libgit2 1.5 looks
  /// only in the work tree's own folder, which for a linked work tree (`git worktree add`)
  /// is `.git/worktrees/<name>`, and so took a shallow clone's second work tree for a full one.
  public var isShallow: Bool {
    if git_repository_is_shallow(pointer) == 1 { return true }
    return !(FileBytes.readIfPresent(commonDirectory + "/shallow")?.isEmpty ?? true)
  }

  /// The commit HEAD points at; nil when HEAD is unborn (a repository without commits).
  public func headCommit() throws -> Commit? {
    var oid = git_oid()
    let result = git_reference_name_to_id(&oid, pointer, "HEAD")
    if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue {
      return nil
    }
    try check(result, "cannot resolve HEAD")
    return try commit(ObjectID(oid))
  }

  /// Looks up a commit by id.
  public func commit(_ id: ObjectID) throws -> Commit {
    var handle: OpaquePointer?
    var raw = id.raw
    try check(git_commit_lookup(&handle, pointer, &raw), "cannot read commit \(id)")
    return Commit(pointer: handle!, repository: self)
  }

  /// Resolves any revision git understands (`HEAD~3`, a branch, a tag, a short id) to the
  /// commit it names, peeling tags.
  public func resolveCommit(_ revision: String) throws -> Commit {
    // `<rev>~N` walks N first parents on the raw commit reader: libgit2 parses every commit
    // it passes in full, 80,000 instructions each (3-4 ms of `diff --base HEAD~200`).
    // Anything unusual (no such parent, a shallow boundary, a read that fails) is left to
    // libgit2, which answers or fails as it always has.
    if !readsThroughLibGit2Only, let (base, generations) = Repository.firstParentSuffix(revision),
      let start = try? resolveCommit(base).id,
      let found = firstParentAncestor(of: start, generations: generations),
      let commit = try? commit(found)
    {
      return commit
    }
    return try resolveCommitByLibGit2(revision)
  }

  /// `resolveCommit` by libgit2's revision parser alone: the reference the first-parent walk
  /// is tested against.
  public func resolveCommitByLibGit2(_ revision: String) throws -> Commit {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, pointer, revision), "unknown revision '\(revision)'")
    defer { git_object_free(object) }
    var peeled: OpaquePointer?
    try check(
      git_object_peel(&peeled, object, GIT_OBJECT_COMMIT),
      "revision '\(revision)' does not name a commit")
    defer { git_object_free(peeled) }
    return try commit(ObjectID(git_object_id(peeled)))
  }

  /// Looks up a tree by id.
  public func tree(_ id: ObjectID) throws -> Tree {
    var handle: OpaquePointer?
    var raw = id.raw
    try check(git_tree_lookup(&handle, pointer, &raw), "cannot read tree \(id)")
    return Tree(pointer: handle!, repository: self)
  }

  /// The bytes of a blob (from the packs directly when they hold it, as every raw read).
  public func blobData(_ id: ObjectID) throws -> Data {
    let object = try rawObject(id, kind: .blob)
    // The bytes belong to the object: keep it alive until they are copied.
    return withExtendedLifetime(object) { Data(object.bytes) }
  }
}

extension Repository {
  /// A revision that ends in `~N` steps (`HEAD~200`, `main~2~3`, `v1~`, `@~0`) split into
  /// the revision before them and the generations they add up to; nil for any other
  /// revision, and for one with `:` (a path, or a `:/` message search that may itself hold
  /// `~`). libgit2 1.5 refuses `@` followed by steps, which git and this walk answer. Nil
  /// too for a base that ends in `@` after a name (`main@~2`): libgit2 1.5 reads any
  /// trailing `@` as HEAD, so that base alone would resolve where the whole revision fails.
  static func firstParentSuffix(_ revision: String) -> (base: String, generations: Int)? {
    guard !revision.utf8.contains(0x3A) else { return nil }
    var bytes = Array(revision.utf8)
    var generations = 0
    while let tilde = bytes.lastIndex(of: 0x7E) {
      let digits = bytes[(tilde + 1)...]
      guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count <= 9 else { break }
      generations += digits.isEmpty ? 1 : Int(String(decoding: digits, as: UTF8.self))!
      bytes.removeSubrange(tilde...)
    }
    guard !bytes.isEmpty, bytes.count < revision.utf8.count, bytes == [0x40] || bytes.last != 0x40 else {
      return nil
    }
    return (String(decoding: bytes, as: UTF8.self), generations)
  }

  /// The commit `generations` first parents before `start`, read from the commits' raw
  /// bytes; nil when one has no first parent, is a shallow boundary, or cannot be read.
  func firstParentAncestor(of start: ObjectID, generations: Int) -> ObjectID? {
    let shallow = shallowBoundary()
    var id = start
    for _ in 0..<generations {
      guard !shallow.contains(id), let header = try? commitHeader(id), let parent = header.parentIDs.first
      else { return nil }
      id = parent
    }
    return id
  }

  /// The commits where a shallow clone's history is cut (`.git/shallow`); their parents are
  /// missing, so history walks must treat them as roots. Empty for a full clone.
  public func shallowBoundary() -> Set<ObjectID> {
    guard isShallow, let data = FileBytes.readIfPresent(commonDirectory + "/shallow") else {
      return []
    }
    return Set(
      String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap {
        ObjectID(hex: String($0))
      })
  }
}

extension Repository {
  /// Whether `ancestor` is `commit` itself or reachable from it.
  public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
    if ancestor == commit { return true }
    var descendant = commit.raw
    var older = ancestor.raw
    let result = git_graph_descendant_of(pointer, &descendant, &older)
    try check(result, "cannot compare commits \(commit) and \(ancestor)")
    return result == 1
  }
}

/// One file staged in the index.
public struct IndexEntry: Sendable, Equatable {
  /// The path, relative to the work tree root.
  public let path: String
  /// The staged blob.
  public let id: ObjectID
  /// The file mode.
  public let mode: UInt32
  /// Whether git compares the entry with the work tree: false for one marked
  /// assume-unchanged, skip-worktree or intent-to-add.
  public let followsWorkTree: Bool
}

extension Repository {
  /// The files staged in the index (stage 0 only; conflicted paths are left out). `file`
  /// reads another index file instead of the repository's, as git does with
  /// `GIT_INDEX_FILE` (which `git commit -a` and `git commit <path>` set for their hooks).
  public func indexEntries(file: String? = nil) throws -> [IndexEntry] {
    var index: OpaquePointer?
    if let file {
      try check(git_index_open(&index, file), "cannot read the index \(file)")
    } else {
      try check(git_repository_index(&index, pointer), "cannot read the index")
    }
    defer { git_index_free(index) }
    var entries: [IndexEntry] = []
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position)?.pointee else { continue }
      // The stage lives in bits 12-13 of the flags; only stage 0 is a normal entry.
      guard (entry.flags >> 12) & 0x3 == 0 else { continue }
      var id = entry.id
      let assumed = entry.flags & UInt16(GIT_INDEX_ENTRY_VALID.rawValue) != 0
      let elsewhere = UInt32(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue | GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue)
      entries.append(
        IndexEntry(
          path: String(lenientCString: entry.path), id: ObjectID(withUnsafePointer(to: &id) { $0 }),
          mode: entry.mode, followsWorkTree: !assumed && UInt32(entry.flags_extended) & elsewhere == 0))
    }
    return entries
  }
}

extension Repository {
  /// The folder shared by all work trees of the repository (where hooks live), without a
  /// trailing slash.
  public var commonDirectory: String {
    var path = String(cString: git_repository_commondir(pointer))
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }
}

/// An operation git has started and not finished, during which git refuses a partial commit.
public struct OperationInProgress: Sendable, Equatable {
  /// What it is: "a merge", "a rebase", "a cherry-pick", "a revert", "git am".
  public let name: String
  /// The command that finishes it.
  public let continueCommand: String
  /// The command that abandons it.
  public let abortCommand: String
}

extension Repository {
  /// The merge, rebase, cherry-pick, revert or `git am` in progress; nil when none is (a
  /// bisect does not count: git commits during one).
  public var operationInProgress: OperationInProgress? {
    switch git_repository_state(pointer) {
    case Int32(GIT_REPOSITORY_STATE_MERGE.rawValue):
      return OperationInProgress(
        name: "a merge", continueCommand: "git commit", abortCommand: "git merge --abort")
    case Int32(GIT_REPOSITORY_STATE_REVERT.rawValue), Int32(GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue):
      return OperationInProgress(
        name: "a revert", continueCommand: "git revert --continue", abortCommand: "git revert --abort")
    case Int32(GIT_REPOSITORY_STATE_CHERRYPICK.rawValue),
      Int32(GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue):
      return OperationInProgress(
        name: "a cherry-pick", continueCommand: "git cherry-pick --continue",
        abortCommand: "git cherry-pick --abort")
    case Int32(GIT_REPOSITORY_STATE_REBASE.rawValue), Int32(GIT_REPOSITORY_STATE_REBASE_INTERACTIVE.rawValue),
      Int32(GIT_REPOSITORY_STATE_REBASE_MERGE.rawValue),
      Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE.rawValue):
      return OperationInProgress(
        name: "a rebase", continueCommand: "git rebase --continue", abortCommand: "git rebase --abort")
    case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue):
      return OperationInProgress(
        name: "git am", continueCommand: "git am --continue", abortCommand: "git am --abort")
    default:
      return nil
    }
  }

  /// Whether HEAD points at a commit directly rather than at a branch.
  public var isHeadDetached: Bool { git_repository_head_detached(pointer) == 1 }
}
