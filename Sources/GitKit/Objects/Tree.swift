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
    self.init(
      name: String(lenientCString: git_tree_entry_name(entry)), id: ObjectID(git_tree_entry_id(entry)),
      mode: git_tree_entry_filemode(entry).rawValue)
  }

  /// An entry from its parts; the mode is normalised as libgit2 normalises it.
  init(name: String, id: ObjectID, mode: UInt32) {
    self.name = name
    self.id = id
    fileMode = TreeEntry.normalized(mode)
    switch fileMode {
    case UInt32(GIT_FILEMODE_TREE.rawValue): kind = .tree
    case UInt32(GIT_FILEMODE_LINK.rawValue): kind = .symlink
    case UInt32(GIT_FILEMODE_COMMIT.rawValue): kind = .submodule
    default: kind = .blob
    }
  }

  /// The mode libgit2's `git_tree_entry_filemode` reports for a mode as written: a folder,
  /// an executable file (the owner's execute bit), a submodule, a link, else a file.
  static func normalized(_ mode: UInt32) -> UInt32 {
    if mode & 0o170000 == 0o040000 { return 0o040000 }
    if mode & 0o100 != 0 { return 0o100755 }
    if mode & 0o170000 == 0o160000 { return 0o160000 }
    if mode & 0o170000 == 0o120000 { return 0o120000 }
    return 0o100644
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
}
