import Foundation
import GitKit

/// Every file and folder below a folder, with the bytes of each file: taken before and after
/// a command to prove that it wrote, changed or removed nothing.
public struct FolderSnapshot: Equatable, Sendable, CustomStringConvertible {
  /// Every file and folder, relative, sorted.
  public let listing: [String]
  /// The bytes of every regular file, by relative path.
  public let contents: [String: Data]

  /// A short summary; `changes(to:)` says what differs.
  public var description: String { "\(listing.count) paths, \(contents.count) files" }

  /// What differs from a later snapshot, one path a line ("added", "removed", "changed");
  /// empty when nothing does. For failure messages.
  public func changes(to later: FolderSnapshot) -> String {
    let before = Set(listing)
    let after = Set(later.listing)
    var lines = after.subtracting(before).sorted().map { "added: \($0)" }
    lines += before.subtracting(after).sorted().map { "removed: \($0)" }
    lines += before.intersection(after).sorted().filter { contents[$0] != later.contents[$0] }
      .map { "changed: \($0)" }
    return lines.joined(separator: "\n")
  }
}

extension TemporaryFolder {
  /// The listing and the bytes of every regular file below the folder.
  public func snapshot() -> FolderSnapshot {
    let listing = listing()
    var contents: [String: Data] = [:]
    for relative in listing {
      var isFolder: ObjCBool = false
      let full = path + "/" + relative
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else {
        continue
      }
      contents[relative] = FileBytes.readIfPresent(full)
    }
    return FolderSnapshot(listing: listing, contents: contents)
  }

  /// The bytes of a file relative to the folder; nil when missing.
  public func data(_ relative: String) -> Data? {
    FileBytes.readIfPresent(path + "/" + relative)
  }

  /// Creates a folder (and its parents), relative to the folder.
  public func makeFolder(_ relative: String) throws {
    try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
  }

  /// Whether a folder exists (not a file), relative to the folder.
  public func isFolder(_ relative: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isFolder)
      && isFolder.boolValue
  }
}

extension GitFixture {
  /// Runs git in the repository and returns its standard output as bytes, unchanged, for
  /// byte-exact comparisons; throws when git fails.
  public func gitData(_ arguments: [String]) throws -> Data {
    let result = try Shell.run(
      Shell.which("git"), arguments, in: path, environment: GitFixture.environment)
    guard result.status == 0 else {
      throw FixtureError(message: "git \(arguments.joined(separator: " ")) failed: \(result)")
    }
    return result.stdoutData
  }

  /// Pushes this repository's `main` branch to another repository (a bare one, typically).
  public func push(to other: GitFixture) throws {
    try git(["push", "-q", other.path, "main:main"])
  }
}
