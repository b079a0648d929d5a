import CLibGit2
import Foundation

extension Repository {
  /// The value git's configuration gives a key (`user.name`), from every level libgit2 reads.
  public func configString(_ key: String) -> String? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, pointer) == 0 else { return nil }
    defer { git_config_free(config) }
    var value: UnsafePointer<CChar>?
    guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
    return String(lenientCString: value)
  }

  /// Whether the file differs between HEAD, the index and the work tree, or is not in HEAD.
  public func hasUncommittedChanges(_ path: String) throws -> Bool {
    var flags: UInt32 = 0
    let result = git_status_file(&flags, pointer, path)
    if result == GIT_ENOTFOUND.rawValue { return true }
    try check(result, "cannot read the status of \(path)")
    return flags != GIT_STATUS_CURRENT.rawValue
  }

  /// Commits new contents of some files on top of `parent`, moving HEAD (or the branch it
  /// names), without touching the index or the work tree: blobs, a tree updated from the
  /// parent's tree, and a commit whose ref update fails if HEAD no longer points at `parent`.
  /// A nil parent makes the first commit of an empty repository.
  public func commit(
    _ updates: [FileUpdate], on parent: Commit?, message: String, author: Identity, committer: Identity
  ) throws -> ObjectID {
    var treeUpdates: [git_tree_update] = []
    var paths: [UnsafeMutablePointer<CChar>] = []
    defer { for path in paths { free(path) } }
    let baseTree = try parent?.tree()
    for update in updates {
      var blob = git_oid()
      let result = update.content.withUnsafeBytes { bytes in
        git_blob_create_from_buffer(&blob, pointer, bytes.baseAddress, bytes.count)
      }
      try check(result, "cannot store \(update.path)")
      let mode = try baseTree?.entry(atPath: update.path)?.fileMode ?? GIT_FILEMODE_BLOB.rawValue
      guard let path = strdup(update.path) else {
        throw GitError(operation: "cannot stage \(update.path)", message: "out of memory")
      }
      paths.append(path)
      var change = git_tree_update()
      change.action = GIT_TREE_UPDATE_UPSERT
      change.id = blob
      change.filemode = git_filemode_t(rawValue: mode)
      change.path = UnsafePointer(path)
      treeUpdates.append(change)
    }
    var treeID = git_oid()
    try check(
      // Without a baseline libgit2 starts from the empty tree (the first commit).
      git_tree_create_updated(&treeID, pointer, baseTree?.pointer, treeUpdates.count, &treeUpdates),
      "cannot build the new tree")
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, pointer, &treeID), "cannot read the new tree")
    defer { git_tree_free(tree) }
    let authorSignature = try signature(author)
    defer { git_signature_free(authorSignature) }
    let committerSignature = try signature(committer)
    defer { git_signature_free(committerSignature) }
    var id = git_oid()
    var parents: [OpaquePointer?] = parent.map { [$0.pointer] } ?? []
    // The commit object is written without moving any ref, then checked on disk: libgit2
    // 1.5.1 can report an object written that a full disk kept out. Only then does the
    // branch move, from `parent` and nothing else.
    let result = parents.withUnsafeMutableBufferPointer { buffer in
      git_commit_create(
        &id, pointer, parent == nil ? "HEAD" : nil, authorSignature, committerSignature, nil, message, tree,
        buffer.count, buffer.baseAddress)
    }
    if result == GIT_EMODIFIED.rawValue { throw SafeCommitError.headMoved }
    if result == GIT_ELOCKED.rawValue {
      throw SafeCommitError.locked(GitError(code: result, operation: "").message)
    }
    try check(result, "cannot create the commit")
    guard try objectExists(ObjectID(id)) else {
      throw SafeCommitError.notRecorded(commit: ObjectID(id).hex, head: parent?.id.hex ?? "nothing")
    }
    if let parent { try moveHead(from: parent.id, to: ObjectID(id), message: message) }
    // Read HEAD back: a commit is made only once the branch points at it, or at a commit
    // built on it (a ref update that needs no index lock may already have followed).
    var head = git_oid()
    try check(git_reference_name_to_id(&head, pointer, "HEAD"), "cannot read HEAD back after committing")
    let recorded = try ObjectID(head) == ObjectID(id) || isAncestor(ObjectID(id), of: ObjectID(head))
    guard recorded else {
      throw SafeCommitError.notRecorded(commit: ObjectID(id).hex, head: ObjectID(head).hex)
    }
    return ObjectID(id)
  }

  /// Whether the object database holds an object (asked of the files, not of a cache that
  /// only reads fill).
  func objectExists(_ id: ObjectID) throws -> Bool {
    var database: OpaquePointer?
    try check(git_repository_odb(&database, pointer), "cannot open the object database")
    defer { git_odb_free(database) }
    var raw = id.raw
    return git_odb_exists(database, &raw) == 1
  }

  /// Moves HEAD (the branch it names, or HEAD itself when detached) from `old` to `new`,
  /// failing with `headMoved` when it no longer points at `old`.
  private func moveHead(from old: ObjectID, to new: ObjectID, message: String) throws {
    var reference: OpaquePointer?
    try check(git_repository_head(&reference, pointer), "cannot read HEAD")
    defer { git_reference_free(reference) }
    guard let target = git_reference_target(reference), ObjectID(target) == old else {
      throw SafeCommitError.headMoved
    }
    var moved: OpaquePointer?
    var raw = new.raw
    let subject = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    let result = git_reference_set_target(&moved, reference, &raw, "commit: \(subject)")
    git_reference_free(moved)
    if result == GIT_EMODIFIED.rawValue { throw SafeCommitError.headMoved }
    if result == GIT_ELOCKED.rawValue {
      throw SafeCommitError.locked(GitError(code: result, operation: "").message)
    }
    try check(result, "cannot move HEAD to the new commit")
  }

  /// Runs `body` while holding git's index lock (`index.lock`, created exclusively as git
  /// creates it), so no git command and no other valprop changes the index meanwhile; waits
  /// up to `timeout` seconds for another holder to finish. Throws `locked` when it cannot get
  /// the lock, having changed nothing.
  public func withIndexLock<Result>(timeout: TimeInterval = 5, _ body: (IndexLock) throws -> Result) throws
    -> Result
  {
    let lockPath = gitDirectory + "/index.lock"
    let deadline = Date().addingTimeInterval(timeout)
    var descriptor: Int32 = -1
    while true {
      descriptor = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if descriptor >= 0 { break }
      if errno != EEXIST || Date() > deadline {
        throw SafeCommitError.locked("\(lockPath) exists: another git command is using the index")
      }
      usleep(50_000)
    }
    close(descriptor)
    defer { unlink(lockPath) }
    return try body(IndexLock(repository: self))
  }

  private func signature(_ identity: Identity) throws -> UnsafeMutablePointer<git_signature>? {
    var signature: UnsafeMutablePointer<git_signature>?
    try check(
      git_signature_new(
        &signature, identity.name, identity.email,
        git_time_t(identity.time.timeIntervalSince1970.rounded(.down)),
        Int32(identity.offsetMinutes)),
      "invalid name or e-mail '\(identity.name) <\(identity.email)>'")
    return signature
  }
}
