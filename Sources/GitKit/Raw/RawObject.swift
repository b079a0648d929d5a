import CLibGit2

/// What a stored object is.
public enum ObjectKind: Sendable, Equatable {
  /// A commit.
  case commit
  /// A folder listing.
  case tree
  /// A file's content.
  case blob
  /// An annotated tag.
  case tag

  init?(_ type: git_object_t) {
    switch type {
    case GIT_OBJECT_COMMIT: self = .commit
    case GIT_OBJECT_TREE: self = .tree
    case GIT_OBJECT_BLOB: self = .blob
    case GIT_OBJECT_TAG: self = .tag
    default: return nil
    }
  }
}

/// An object's stored bytes, read from the object database without libgit2 parsing them.
///
/// History walks read thousands of trees and commits and need only a few facts from each;
/// scanning the bytes directly skips building libgit2's entry lists and object wrappers,
/// which was most of the cost of reading a tree.
public final class RawObject: @unchecked Sendable {
  /// libgit2's copy of the object, freed in `deinit`; nil for one read from a pack directly.
  private let handle: OpaquePointer?
  /// The pack reader's copy, kept alive while this object lives.
  private let buffer: ObjectBuffer?
  /// The object's id.
  public let id: ObjectID
  /// What the object is.
  public let kind: ObjectKind
  /// The object's content (without git's `type size` header); valid while this object lives.
  public let bytes: UnsafeRawBufferPointer

  init(pointer: OpaquePointer, id: ObjectID, kind: ObjectKind) {
    handle = pointer
    buffer = nil
    self.id = id
    self.kind = kind
    bytes = UnsafeRawBufferPointer(start: git_odb_object_data(pointer), count: git_odb_object_size(pointer))
  }

  init(buffer: ObjectBuffer, id: ObjectID, kind: ObjectKind) {
    handle = nil
    self.buffer = buffer
    self.id = id
    self.kind = kind
    bytes = buffer.bytes
  }

  deinit {
    if let handle { git_odb_object_free(handle) }
  }
}

extension Repository {
  /// Reads an object's stored bytes, requiring it to be of `kind`.
  public func rawObject(_ id: ObjectID, kind: ObjectKind) throws -> RawObject {
    if let packed = packs?.object(id) {
      guard packed.kind == kind else {
        throw GitError(operation: "cannot read \(kind) \(id)", message: "the object is a \(packed.kind)")
      }
      return RawObject(buffer: packed.buffer, id: id, kind: kind)
    }
    var database: OpaquePointer?
    try check(git_repository_odb(&database, pointer), "cannot open the object database")
    defer { git_odb_free(database) }
    var handle: OpaquePointer?
    var raw = id.raw
    try check(git_odb_read(&handle, database, &raw), "cannot read \(kind) \(id)")
    guard let handle else { throw GitError(operation: "cannot read \(kind) \(id)", message: "no object") }
    let found = ObjectKind(git_odb_object_type(handle))
    guard found == kind else {
      git_odb_object_free(handle)
      throw GitError(
        operation: "cannot read \(kind) \(id)",
        message: "the object is a \(found.map { "\($0)" } ?? "unknown object")")
    }
    return RawObject(pointer: handle, id: id, kind: kind)
  }
}
