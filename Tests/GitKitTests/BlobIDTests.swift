import Foundation
import GitKit
import TestSupport
import Testing

/// The blob id list's score cache keys a work-tree file by is the one git gives its bytes.
@Suite struct BlobIDTests {
  @Test(arguments: ["", "words\n", "caf\u{E9}\r\n", String(repeating: "long line ", count: 5_000)])
  func blobIDsAreGitHashObject(_ text: String) throws {
    let folder = try TemporaryFolder()
    let git = try Shell.run(
      Shell.which("git"), ["hash-object", "--stdin"], in: folder.path, environment: GitFixture.environment,
      input: Data(text.utf8))
    #expect(git.status == 0, "\(git)")
    #expect(ObjectID.blob(of: Data(text.utf8)).hex == git.stdout.trimmingCharacters(in: .newlines))
  }
}
