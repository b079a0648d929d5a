import CLibGit2
import Foundation

/// A person and moment recorded in a commit (author or committer).
public struct Signature: Sendable, Equatable {
  /// The name as recorded, decoded leniently (invalid UTF-8 becomes U+FFFD).
  public let name: String
  /// The e-mail address as recorded, decoded leniently.
  public let email: String
  /// The moment, in seconds since 1970.
  public let time: Date
  /// The recorded offset from UTC, in minutes.
  public let offsetMinutes: Int

  init(_ raw: UnsafePointer<git_signature>) {
    name = String(lenientCString: raw.pointee.name)
    email = String(lenientCString: raw.pointee.email)
    time = Date(timeIntervalSince1970: TimeInterval(raw.pointee.when.time))
    offsetMinutes = Int(raw.pointee.when.offset)
  }
}

/// A commit of a repository; it keeps its repository alive.
public final class Commit: @unchecked Sendable {
  let pointer: OpaquePointer
  /// The repository the commit belongs to.
  public let repository: Repository

  init(pointer: OpaquePointer, repository: Repository) {
    self.pointer = pointer
    self.repository = repository
  }

  deinit {
    git_commit_free(pointer)
  }

  /// The commit's id.
  public var id: ObjectID { ObjectID(git_commit_id(pointer)) }

  /// The id of the commit's root tree.
  public var treeID: ObjectID { ObjectID(git_commit_tree_id(pointer)) }

  /// The commit's root tree.
  public func tree() throws -> Tree { try repository.tree(treeID) }

  /// The author, whose date valprop reports.
  public var author: Signature { Signature(git_commit_author(pointer)) }

  /// The committer.
  public var committer: Signature { Signature(git_commit_committer(pointer)) }

  /// The first line of the message, decoded leniently.
  public var summary: String {
    guard let raw = git_commit_summary(pointer) else { return "" }
    return String(lenientCString: raw)
  }

  /// The ids of the parents, first parent first.
  public var parentIDs: [ObjectID] {
    (0..<git_commit_parentcount(pointer)).map { ObjectID(git_commit_parent_id(pointer, $0)) }
  }
}

extension String {
  /// Decodes a C string, replacing bytes that are not UTF-8 with U+FFFD instead of failing.
  init(lenientCString pointer: UnsafePointer<CChar>?) {
    guard let pointer else {
      self = ""
      return
    }
    let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
    self = String(decoding: bytes, as: UTF8.self)
  }
}
