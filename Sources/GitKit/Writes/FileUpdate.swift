import CLibGit2
import Foundation

/// A file's new content for a commit.
public struct FileUpdate: Sendable {
  /// The path, relative to the work tree root.
  public let path: String
  /// The new bytes.
  public let content: Data

  /// Creates an update.
  public init(path: String, content: Data) {
    self.path = path
    self.content = content
  }
}
