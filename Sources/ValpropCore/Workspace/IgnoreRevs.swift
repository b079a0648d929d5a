import Foundation
import GitKit

/// The commits listed in `.valprop-ignore-revs` (git's `blame.ignoreRevsFile` format: one
/// full commit id a line, `#` comments, blank lines): changes they make are not edits.
public struct IgnoreRevs: Sendable, Equatable {
  /// The file's name at the workspace root.
  public static let fileName = ".valprop-ignore-revs"

  /// The listed commits.
  public let commits: Set<ObjectID>

  /// No ignored commits.
  public init() {
    commits = []
  }

  /// Parses the file; a line that is not a full commit id is an error naming the line.
  public init(text: String, path: String = IgnoreRevs.fileName) throws {
    var commits = Set<ObjectID>()
    for (index, raw) in SourceText.lines(text).enumerated() {
      let line =
        raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if line.isEmpty { continue }
      guard let id = ObjectID(hex: line.lowercased()) else {
        throw ValpropError.invalidConfig(
          SourceLocation(path: path, line: index + 1), problem: "'\(line)' is not a full commit id",
          hint: "write one 40-digit commit id a line (git rev-parse <commit> prints it); '#' starts a comment"
        )
      }
      commits.insert(id)
    }
    self.commits = commits
  }
}
