import CLibGit2

/// A failure reported by libgit2, with the message it gave on the failing thread.
public struct GitError: Error, CustomStringConvertible, Sendable {
  /// libgit2's error code (`GIT_ENOTFOUND`, `GIT_EEXISTS`, …), negative.
  public let code: Int32
  /// What valprop was doing when the call failed.
  public let operation: String
  /// The message libgit2 gave, or a generic one when it gave none.
  public let message: String

  /// Whether libgit2 reported that the thing asked for does not exist.
  public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
  /// Whether a revision or path was ambiguous.
  public var isAmbiguous: Bool { code == GIT_EAMBIGUOUS.rawValue }

  /// A readable one-line description, as "operation: message".
  public var description: String { "\(operation): \(message)" }

  /// Captures libgit2's last error for the given result code; call it right after the failing
  /// call, on the same thread, because libgit2 keeps the message per thread. For valprop's own
  /// failures use `init(operation:message:)`: there is no libgit2 error to read then.
  init(code: Int32, operation: String) {
    self.code = code
    self.operation = operation
    self.message = GitError.lastMessage() ?? "libgit2 error \(code)"
  }

  /// libgit2's last error message on this thread, or nil when it has none. Before 1.8
  /// `git_error_last` returns NULL then; from 1.8 on it returns an error of class
  /// `GIT_ERROR_NONE` that says "no error".
  static func lastMessage() -> String? {
    guard let last = git_error_last(), last.pointee.klass != GIT_ERROR_NONE.rawValue,
      let text = last.pointee.message
    else { return nil }
    return String(lenientCString: text)
  }
}

extension GitError {
  /// An error valprop found itself (a damaged object, say), with libgit2's generic code.
  init(operation: String, message: String) {
    self.code = GIT_ERROR.rawValue
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
