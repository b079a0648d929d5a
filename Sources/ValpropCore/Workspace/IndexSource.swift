import Foundation
import GitKit

/// The files staged in the index, as the next commit would hold them.
public struct IndexSource: PropositionSource {
  /// The repository.
  public let repository: Repository
  /// The staged blobs by path.
  public let entries: [String: IndexEntry]

  /// Reads the index, or the index file `file` names (an absolute path).
  public init(repository: Repository, file: String? = nil) throws {
    self.repository = repository
    do {
      entries = Dictionary(
        try repository.indexEntries(file: file).map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// "the index".
  public var label: String { "the index" }

  /// The staged bytes of a file.
  public func read(_ path: String) throws -> Data? {
    guard let entry = entries[path] else { return nil }
    if entry.mode == 0o120000 {
      throw ValpropError.fileSystem(
        path: path, problem: "is a symbolic link in the index; valprop does not follow links")
    }
    do {
      return try repository.blobData(entry.id)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The staged Markdown files below a folder.
  public func markdownFiles(under directory: String) throws -> [ListedFile] {
    let prefix = directory + "/"
    return entries.values.filter { entry in
      entry.path.hasPrefix(prefix) && entry.path.hasSuffix(".md")
        && !entry.path.dropFirst(prefix.count).split(separator: "/").contains { $0.hasPrefix(".") }
    }.map { ($0.path, $0.mode == 0o120000, nil) }.sorted { $0.path < $1.path }
  }
}
