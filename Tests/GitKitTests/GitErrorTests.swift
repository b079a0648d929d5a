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

  /// Callers act on the kind, read from libgit2's code and class, never on message text.
  @Test func aMissingRevisionIsNotFound() throws {
    let fixture = try GitFixture()
    try fixture.commit("first", files: ["a.md": "a\n"])
    let repository = try #require(try Repository.discover(from: fixture.path))
    let error = try #require(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
    #expect(error.kind == .notFound, "\(error)")
  }

  /// An index git wrote in its split-index or sparse format names its extension, which
  /// libgit2 1.5 cannot read (later releases read them: then there is no error to classify).
  @Test(arguments: [
    (["update-index", "--split-index"], "link"),
    (["sparse-checkout", "init", "--sparse-index"], "sdir"),
  ])
  func anUnreadableIndexNamesItsExtension(setting: [String], signature: String) throws {
    let fixture = try GitFixture()
    try fixture.commit("first", files: ["a.md": "a\n", "folder/b.md": "b\n"])
    try fixture.git(setting)
    let repository = try #require(try Repository.discover(from: fixture.path))
    do {
      _ = try repository.indexEntries()
    } catch let error as GitError {
      #expect(error.kind == .unsupportedIndexExtension(signature), "\(error)")
      return
    }
    // A libgit2 that reads the index (1.9 in Debian unstable, say): a split index reads as
    // git lists it; a sparse one keeps the folder outside the cone as one entry, so only
    // the file at the top, which every cone holds, is certain.
    let entries = try repository.indexEntries().map(\.path).sorted()
    if signature == "link" {
      let staged = try fixture.git(["ls-files"]).split(separator: "\n").map(String.init).sorted()
      #expect(entries == staged)
    } else {
      #expect(entries.contains("a.md"), "\(entries)")
    }
  }

  /// An error valprop raises itself has no libgit2 class and no kind to act on.
  @Test func valpropsOwnErrorsAreOther() {
    let error = GitError(operation: "cannot read tree", message: "the listing is damaged at byte 3")
    #expect(error.kind == .other)
    #expect(error.errorClass == 0)
    #expect(error.description == "cannot read tree: the listing is damaged at byte 3")
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
