import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kind of a path on disk, read with lstat(2) (FileManager's attributes cost a tenth of
/// `list`): links are reported as links, never followed.
enum DiskKind {
  case file, folder, link, other, missing

  init(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      self = .missing
      return
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: self = .file
    case S_IFDIR: self = .folder
    case S_IFLNK: self = .link
    default: self = .other
    }
  }

  /// The kind readdir(3) gave an entry, which saves an lstat(2) for it; nil when it gave
  /// none (`DT_UNKNOWN`: some file systems never say).
  init?(directoryEntryType type: UInt8) {
    switch Int(type) {
    case Int(DT_UNKNOWN): return nil
    case Int(DT_REG): self = .file
    case Int(DT_DIR): self = .folder
    case Int(DT_LNK): self = .link
    default: self = .other
    }
  }
}

/// Somewhere propositions can be read from: the work tree, or the tree of a commit. Paths
/// are relative to the workspace root, with `/` separators.
public protocol PropositionSource: Sendable {
  /// Names the source in messages: "the work tree", "HEAD", a revision.
  var label: String { get }
  /// The bytes of a file; nil when there is no file at the path.
  func read(_ path: String) throws -> Data?
  /// Every entry below a folder that could be a proposition: files ending in `.md`, with
  /// whether each is a symbolic link (which valprop reports instead of following). Names
  /// starting with `.` are skipped. An absent folder gives an empty list.
  func markdownFiles(under directory: String) throws -> [ListedFile]
  /// The id of the blob at a path, when the source knows it without reading the file (a
  /// git tree); two equal ids are equal bytes. nil otherwise.
  func blobID(_ path: String) throws -> ObjectID?
}

/// A file a source lists: its path, whether it is a symbolic link, and the id of its blob
/// where listing it gave the id (a git tree), which is what `blobID` answers for the path;
/// nil where a caller that needs the id asks `blobID`.
public typealias ListedFile = (path: String, isSymlink: Bool, blobID: ObjectID?)

extension PropositionSource {
  /// Files on disk have no blob id until they are read and hashed.
  public func blobID(_ path: String) throws -> ObjectID? { nil }
}

/// The files on disk in a work tree.
public struct WorkTreeSource: PropositionSource {
  /// The absolute path of the work tree root.
  public let root: String
  /// Where `.valprop.yml` names the propositions folder, for the message when it is missing.
  public let directorySetting: SourceLocation?
  /// The files of the propositions folder that are not propositions (`exclude:`, the register).
  public let exclude: ExcludeRules
  /// Files whose bytes on disk are known to be a blob's (`Repository.unchangedFiles`), with
  /// its id: a comparison with a commit skips them where the commit has the same blob, as it
  /// skips equal blobs of two trees, instead of reading both.
  public var unchanged: [String: ObjectID] = [:]

  /// Creates a source reading below `root`.
  public init(root: String, directorySetting: SourceLocation? = nil, exclude: ExcludeRules = ExcludeRules()) {
    self.root = root
    self.directorySetting = directorySetting
    self.exclude = exclude
  }

  /// "the work tree".
  public var label: String { "the work tree" }

  /// The blob a file's bytes are known to be (see `unchanged`); nil for the rest.
  public func blobID(_ path: String) throws -> ObjectID? { unchanged[path] }

  /// Reads a regular file; symbolic links are not followed.
  public func read(_ path: String) throws -> Data? {
    let full = root + "/" + path
    let kind = DiskKind(full)
    if kind == .missing { return nil }
    guard kind == .file else {
      throw ValpropError.fileSystem(
        path: path, problem: "is not a regular file; valprop does not follow links")
    }
    return try WorkTreeSource.readFile(full, displayPath: path)
  }

  /// Reads a file without following a final link.
  static func readFile(_ full: String, displayPath: String) throws -> Data {
    do {
      return try FileBytes.readExisting(full, followLinks: false)
    } catch let failure as FileBytes.Failure {
      throw ValpropError.fileSystem(path: displayPath, problem: "cannot be read (\(failure))")
    }
  }

  /// Throws `ValpropError.noPropositionsFolder` when the propositions folder is missing or
  /// not a folder: a typo in 'directory:' must not make list, stale and lint report that all
  /// is well. An empty folder is fine; a link is reported when the folder is listed.
  public func requirePropositionsFolder(_ directory: String) throws {
    let kind = DiskKind(root + "/" + directory)
    guard kind == .missing || kind == .file || kind == .other else { return }
    throw ValpropError.noPropositionsFolder(
      directory: directory, isFolder: kind != .missing, setting: directorySetting)
  }

  /// Walks the folder without following symbolic links.
  public func markdownFiles(under directory: String) throws -> [ListedFile] {
    var found: [ListedFile] = []
    let manager = FileManager.default
    func walk(_ relative: String) throws {
      for (name, valid, type) in try WorkTreeSource.names(in: root + "/" + relative, displayPath: relative)
      where !name.hasPrefix(".") {
        let path = relative + "/" + name
        // A name that is not UTF-8 cannot be opened by its decoded form: report it by name.
        if !valid {
          if name.hasSuffix(".md") { found.append((path, false, nil)) }
          continue
        }
        switch DiskKind(directoryEntryType: type) ?? DiskKind(root + "/" + path) {
        case .folder:
          try walk(path)
        case .link:
          // A link to a .md file, or to a folder (which could lead outside): reported, not read.
          var info = stat()
          let toFolder = stat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
          if name.hasSuffix(".md") || toFolder { found.append((path, true, nil)) }
        case .file:
          if name.hasSuffix(".md") { found.append((path, false, nil)) }
        case .other, .missing:
          continue
        }
      }
    }
    var isFolder: ObjCBool = false
    let full = root + "/" + directory
    guard manager.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue else { return [] }
    if DiskKind(full) == .link {
      throw ValpropError.fileSystem(
        path: directory, problem: "the propositions folder is a symbolic link, which valprop does not follow")
    }
    try walk(directory)
    return found
  }
}

extension WorkTreeSource {
  /// The entries of a folder, read with readdir(3) so that names which are not UTF-8 are
  /// seen (FileManager drops them silently): each decoded leniently, with whether it was valid
  /// and the entry's type as readdir gave it (`d_type`).
  static func names(in folder: String, displayPath: String) throws -> [(
    name: String, valid: Bool, type: UInt8
  )] {
    guard let handle = opendir(folder) else {
      throw ValpropError.fileSystem(
        path: displayPath, problem: "cannot list the folder (\(String(cString: strerror(errno))))")
    }
    defer { closedir(handle) }
    var names: [(name: String, valid: Bool, type: UInt8)] = []
    while let entry = readdir(handle) {
      // The name's length by `strnlen` and one decoding: a closure a byte and a second
      // decoding were half of listing the folder.
      let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix(strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)))
      }
      if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
      if let name = String(validating: bytes, as: UTF8.self) {
        names.append((name, true, entry.pointee.d_type))
      } else {
        names.append((String(decoding: bytes, as: UTF8.self), false, entry.pointee.d_type))
      }
    }
    return names.sortedAsStrings(by: \.name)
  }
}

/// The files of one commit's tree, read through libgit2.
public struct GitTreeSource: PropositionSource {
  /// The commit's root tree.
  public let tree: Tree
  /// The revision as the user wrote it, for messages.
  public let label: String

  /// Creates a source reading a commit's tree.
  public init(tree: Tree, label: String) {
    self.tree = tree
    self.label = label
  }

  /// Reads a blob; nil when the path is absent or a folder.
  public func read(_ path: String) throws -> Data? {
    do {
      guard let entry = try tree.entry(atPath: path) else { return nil }
      switch entry.kind {
      case .blob: return try tree.repository.blobData(entry.id)
      case .symlink:
        throw ValpropError.fileSystem(
          path: path, problem: "is a symbolic link at \(label); valprop does not follow links")
      case .tree, .submodule: return nil
      }
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The id of the blob at a path; nil for anything else.
  public func blobID(_ path: String) throws -> ObjectID? {
    do {
      guard let entry = try tree.entry(atPath: path), entry.kind == .blob else { return nil }
      return entry.id
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// Lists the tree below the folder, with each blob's id from its tree entry: asking
  /// `blobID` for each listed path looked it up in the tree again, a tenth of an empty
  /// `diff` between two commits before its threads start (docs/performance.md, session 30).
  /// A path with U+FFFD's bytes in it may be a name that is not UTF-8, which the tree has
  /// under other bytes than the path's: `blobID` answers for it, as before.
  public func markdownFiles(under directory: String) throws -> [ListedFile] {
    do {
      guard let folder = try tree.subtree(atPath: directory) else { return [] }
      let prefix = directory + "/"
      return try folder.files().compactMap { file in
        // On the contiguous bytes, in one pass (through the UTF-8 view, a third of listing
        // the trees before a `diff` starts its threads, docs/performance.md, session 30):
        // tree paths have no empty parts, so a part starts with "." exactly where the path
        // starts with it or has "/." (splitting by Characters cost a third of comparing two
        // commits).
        var relative = file.path
        let (listed, mayBeRepaired) = relative.withUTF8 { bytes -> (Bool, Bool) in
          // U+FFFD's bytes (EF BF BD) are what decoding a name that is not UTF-8 puts in,
          // found as bytes: as a Character, U+FFFD can have a combining mark after it.
          var hidden = bytes.first == 0x2E
          var replacement = false
          var previous: (UInt8, UInt8) = (0, 0)
          for byte in bytes {
            if previous.1 == 0x2F && byte == 0x2E { hidden = true }
            if previous == (0xEF, 0xBF) && byte == 0xBD { replacement = true }
            previous = (previous.1, byte)
          }
          let count = bytes.count
          let markdown =
            count >= 3 && bytes[count - 3] == 0x2E && bytes[count - 2] == 0x6D && bytes[count - 1] == 0x64
          return (!hidden && markdown, replacement)
        }
        guard listed else { return nil }
        let path = prefix + relative
        let known = file.entry.kind == .blob && !mayBeRepaired
        return (path, file.entry.kind == .symlink, known ? file.entry.id : nil)
      }
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }
}
