import Foundation
import TestSupport
import Testing

@testable import GitKit

/// libgit2's per-thread error, read only when libgit2 reported one.
@Suite struct GitErrorTests {
  /// From libgit2 1.8 on, `git_error_last` never returns NULL: on a thread where nothing
  /// failed it returns an error of class `GIT_ERROR_NONE` saying "no error", which must not
  /// become a message. (A successful call may still leave an error it recovered from, so the
  /// new thread calls nothing.)
  @Test func aThreadWithNoErrorHasNoMessage() throws {
    let fixture = try GitFixture()
    _ = try Repository.discover(from: fixture.path)  // libgit2 is initialised
    let message = try onFreshThread { GitError.lastMessage() }
    #expect(message == nil, "\(message ?? "")")
  }

  /// A failed libgit2 call leaves its own message, which the error carries.
  @Test func aFailedCallLeavesItsMessage() throws {
    let folder = try TemporaryFolder()
    try folder.write("plain", "a file, not a folder\n")
    let error = try onFreshThread { () -> GitError? in
      do {
        _ = try Repository.create(at: folder.path + "/plain/repository")
        return nil
      } catch let error as GitError {
        return error
      }
    }
    let failure = try #require(error)
    #expect(failure.message != "no error")
    #expect(failure.message.contains("plain"), "\(failure)")
  }

  /// Runs `body` on a thread of its own, where libgit2 has recorded nothing yet.
  private func onFreshThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let thread = Thread { box.set(Result { try body() }) }
    thread.start()
    return try box.wait().get()
  }
}

/// A result handed from one thread to another.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: Result<T, Error>?

  func set(_ value: Result<T, Error>) {
    condition.lock()
    result = value
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> Result<T, Error> {
    condition.lock()
    defer { condition.unlock() }
    while result == nil { condition.wait() }
    return result!
  }
}
