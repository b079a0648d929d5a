import CLibGit2
import Foundation

/// What a tree entry points at.
public enum EntryKind: Sendable, Equatable {
  /// A file's content (regular or executable file).
  case blob
  /// A symbolic link, whose blob holds the link target.
  case symlink
  /// A folder.
  case tree
  /// A submodule's commit.
  case submodule
}

/// One entry of a tree: a name, what it is and the object it points at.
public struct TreeEntry: Sendable, Equatable {
  /// The entry's name within its folder, as raw bytes decoded leniently.
  public let name: String
  /// The object's id.
  public let id: ObjectID
  /// What the entry is.
  public let kind: EntryKind
  /// The raw file mode (`0o100644`, `0o100755`, `0o120000`, `0o40000`, `0o160000`).
  public let fileMode: UInt32

  init(_ entry: OpaquePointer) {
    name = String(lenientCString: git_tree_entry_name(entry))
    id = ObjectID(git_tree_entry_id(entry))
    let mode = git_tree_entry_filemode(entry)
    fileMode = mode.rawValue
    switch mode {
    case GIT_FILEMODE_TREE: kind = .tree
    case GIT_FILEMODE_LINK: kind = .symlink
    case GIT_FILEMODE_COMMIT: kind = .submodule
    default: kind = .blob
    }
  }
}

/// A tree (folder listing) of a repository; it keeps its repository alive.
public final class Tree: @unchecked Sendable {
  let pointer: OpaquePointer
  /// The repository the tree belongs to.
  public let repository: Repository

  init(pointer: OpaquePointer, repository: Repository) {
    self.pointer = pointer
    self.repository = repository
  }

  deinit {
    git_tree_free(pointer)
  }

  /// The tree's id.
  public var id: ObjectID { ObjectID(git_tree_id(pointer)) }

  /// The entries of this folder, in git's order.
  public var entries: [TreeEntry] {
    (0..<git_tree_entrycount(pointer)).compactMap { index in
      git_tree_entry_byindex(pointer, index).map { TreeEntry($0) }
    }
  }

  /// The entry at a slash-separated path below this tree; nil when there is none.
  public func entry(atPath path: String) throws -> TreeEntry? {
    var handle: OpaquePointer?
    let result = git_tree_entry_bypath(&handle, pointer, path)
    if result == GIT_ENOTFOUND.rawValue {
      return nil
    }
    try check(result, "cannot look up \(path)")
    defer { git_tree_entry_free(handle) }
    return TreeEntry(handle!)
  }

  /// The folder at a slash-separated path below this tree; nil when there is no folder there.
  public func subtree(atPath path: String) throws -> Tree? {
    if path.isEmpty { return self }
    guard let entry = try entry(atPath: path), entry.kind == .tree else { return nil }
    return try repository.tree(entry.id)
  }

  /// Every file below this tree, depth first, with its slash-separated path relative to it.
  /// Submodules are skipped; symbolic links are listed with their kind.
  public func files() throws -> [(path: String, entry: TreeEntry)] {
    var result: [(path: String, entry: TreeEntry)] = []
    try collect(prefix: "", into: &result)
    return result
  }

  private func collect(prefix: String, into result: inout [(path: String, entry: TreeEntry)]) throws {
    for entry in entries {
      let path = prefix + entry.name
      switch entry.kind {
      case .tree:
        try repository.tree(entry.id).collect(prefix: path + "/", into: &result)
      case .blob, .symlink:
        result.append((path, entry))
      case .submodule:
        continue
      }
    }
  }
}

extension Tree {
  /// The entry with a name directly in this folder; nil when there is none.
  public func entry(named name: String) -> TreeEntry? {
    git_tree_entry_byname(pointer, name).map { TreeEntry($0) }
  }

  /// The names whose entries differ between this folder and another (content or mode
  /// changed, added or removed), found by walking both sorted listings side by side: the
  /// cost is one comparison per entry, with no per-name lookups.
  public func changedNames(comparedTo other: Tree?) -> [String] {
    guard let other else { return entries.map(\.name) }
    if id == other.id { return [] }
    var changed: [String] = []
    let count = git_tree_entrycount(pointer)
    let otherCount = git_tree_entrycount(other.pointer)
    var index = 0
    var otherIndex = 0
    while index < count || otherIndex < otherCount {
      let mine = index < count ? git_tree_entry_byindex(pointer, index) : nil
      let theirs = otherIndex < otherCount ? git_tree_entry_byindex(other.pointer, otherIndex) : nil
      if let mine, let theirs {
        let order = git_tree_entry_cmp(mine, theirs)
        if order == 0 {
          if git_oid_equal(git_tree_entry_id(mine), git_tree_entry_id(theirs)) != 1
            || git_tree_entry_filemode(mine) != git_tree_entry_filemode(theirs)
          {
            changed.append(String(lenientCString: git_tree_entry_name(mine)))
          }
          index += 1
          otherIndex += 1
        } else if order < 0 {
          changed.append(String(lenientCString: git_tree_entry_name(mine)))
          index += 1
        } else {
          changed.append(String(lenientCString: git_tree_entry_name(theirs)))
          otherIndex += 1
        }
      } else if let mine {
        changed.append(String(lenientCString: git_tree_entry_name(mine)))
        index += 1
      } else if let theirs {
        changed.append(String(lenientCString: git_tree_entry_name(theirs)))
        otherIndex += 1
      }
    }
    return changed
  }
}

extension Repository {
  /// The committer time and parents of a commit, read without keeping the commit.
  public func commitHeader(_ id: ObjectID) throws -> (time: Int64, parents: [ObjectID]) {
    var handle: OpaquePointer?
    var raw = id.raw
    try check(git_commit_lookup(&handle, pointer, &raw), "cannot read commit \(id)")
    defer { git_commit_free(handle) }
    let parents = (0..<git_commit_parentcount(handle)).map { ObjectID(git_commit_parent_id(handle, $0)) }
    return (Int64(git_commit_time(handle)), parents)
  }
}
