import CLibGit2

/// A failure reported by libgit2, with the message it gave on the failing thread.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
  /// libgit2's error code (`GIT_ENOTFOUND`, `GIT_EEXISTS`, …), negative.
  public let code: Int32
  /// libgit2's error class (`GIT_ERROR_INDEX`, `GIT_ERROR_ODB`, …) of the message, 0 when
  /// libgit2 gave none.
  public let errorClass: Int32
  /// What valprop was doing when the call failed.
  public let operation: String
  /// The message libgit2 gave, or a generic one when it gave none.
  public let message: String

  /// What went wrong, as far as callers act on it: read from libgit2's code and class, so
  /// that no caller matches message text.
  public enum Kind: Equatable, Sendable {
    /// The object, reference, path or revision asked for does not exist.
    case notFound
    /// A short id or revision matched more than one object.
    case ambiguous
    /// Something to be created exists already.
    case exists
    /// A lock file is in the way: another git process is at work, or one crashed.
    case locked
    /// HEAD names a branch that has no commits yet.
    case unbornBranch
    /// A merge conflict, or an index with conflicts.
    case conflict
    /// The index uses a mandatory extension this libgit2 cannot read (`link` for a split
    /// index, `sdir` for a sparse one), named by its four-letter signature.
    case unsupportedIndexExtension(String)
    /// Anything else.
    case other
  }

  /// What went wrong, from libgit2's code and class.
  public var kind: Kind {
    switch code {
    case GIT_ENOTFOUND.rawValue: return .notFound
    case GIT_EAMBIGUOUS.rawValue: return .ambiguous
    case GIT_EEXISTS.rawValue: return .exists
    case GIT_ELOCKED.rawValue: return .locked
    case GIT_EUNBORNBRANCH.rawValue: return .unbornBranch
    case GIT_ECONFLICT.rawValue, GIT_EMERGECONFLICT.rawValue: return .conflict
    default: break
    }
    // libgit2 reports an unknown mandatory index extension with the generic code and class
    // GIT_ERROR_INDEX; only the message names the extension (index.c, read_extension).
    let marker = "unsupported mandatory extension: '"
    if errorClass == GIT_ERROR_INDEX.rawValue, let start = message.range(of: marker) {
      return .unsupportedIndexExtension(String(message[start.upperBound...].prefix(4)))
    }
    return .other
  }

  /// A readable one-line description, as "operation: message".
  public var description: String { "\(operation): \(message)" }

  /// Captures libgit2's last error for the given result code; call it right after the failing
  /// call, on the same thread, because libgit2 keeps the message per thread. For valprop's own
  /// failures use `init(operation:message:)`: there is no libgit2 error to read then.
  init(code: Int32, operation: String) {
    self.code = code
    self.operation = operation
    let last = GitError.last()
    self.errorClass = last?.errorClass ?? 0
    self.message = last?.message ?? "libgit2 error \(code)"
  }

  /// libgit2's last error message on this thread, or nil when it has none. Before 1.8
  /// `git_error_last` returns NULL then; from 1.8 on it returns an error of class
  /// `GIT_ERROR_NONE` that says "no error".
  static func lastMessage() -> String? {
    last()?.message
  }

  /// libgit2's last error on this thread, class and message; nil when it has none.
  private static func last() -> (errorClass: Int32, message: String)? {
    guard let last = git_error_last(), last.pointee.klass != GIT_ERROR_NONE.rawValue,
      let text = last.pointee.message
    else { return nil }
    return (last.pointee.klass, String(lenientCString: text))
  }
}

extension GitError {
  /// An error valprop found itself (a damaged object, say), with libgit2's generic code.
  init(operation: String, message: String) {
    self.code = GIT_ERROR.rawValue
    self.errorClass = 0
    self.operation = operation
    self.message = message
  }
}

/// Throws a `GitError` when a libgit2 call returned a negative code.
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws {
  if result < 0 {
    throw GitError(code: result, operation: operation())
  }
}
