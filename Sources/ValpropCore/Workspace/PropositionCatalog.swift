import GitKit

/// The ids of a propositions folder and the files that hold them, found without reading any
/// file. Ids are looked up here, never joined into paths.
public struct PropositionCatalog: Sendable {
  /// One file in the folder.
  public struct Entry: Sendable, Equatable {
    /// The file name without `.md`.
    public let id: String
    /// The path relative to the workspace root.
    public let path: String
    /// Whether the file is a symbolic link (reported, never followed).
    public let isSymlink: Bool
    /// The id of the file's blob where listing it gave the id (a git tree); nil where the
    /// source's `blobID` answers.
    public let blobID: ObjectID?
  }

  /// Every file, sorted by path.
  public let entries: [Entry]
  /// The folder the catalog lists, relative to the workspace root.
  public let directory: String

  /// Lists the propositions of `directory` in a source; in the work tree, a missing folder is
  /// an error (an empty one is fine) unless `requireFolder` is false (a lookup by id, where a
  /// missing folder only means the id is not there).
  /// Files `exclude` names (and those the work tree's own rules name) are left out.
  public init(
    source: PropositionSource, directory: String, requireFolder: Bool = true, exclude: ExcludeRules? = nil
  ) throws {
    self.directory = directory
    let workTree = source as? WorkTreeSource
    if requireFolder { try workTree?.requirePropositionsFolder(directory) }
    let rules = exclude ?? workTree?.exclude ?? ExcludeRules()
    entries = try source.markdownFiles(under: directory).filter {
      !rules.excludes($0.path, below: directory)
    }.map { file in
      Entry(
        id: PropositionCatalog.id(ofPath: file.path), path: file.path, isSymlink: file.isSymlink,
        blobID: file.blobID)
    }.sorted { $0.path < $1.path }
  }

  /// The id a file's path gives: its last component, without `.md`. Cut on the bytes, as git
  /// splits paths (a `Character` can hold a `/` with a prepended mark, U+0600 say, before
  /// it); going through the `Character`s was a sixth of a short `diff`
  /// (docs/performance.md, session 17).
  static func id(ofPath path: String) -> String {
    // On the contiguous bytes: the UTF-8 view's indices cost 2,000 instructions a path, a
    // third of listing 650 files, which every command does before its threads start
    // (docs/performance.md, session 27). A cut at ASCII bytes leaves valid UTF-8.
    var path = path
    return path.withUTF8 { bytes in
      var start = bytes.count
      while start > 0, bytes[start - 1] != 0x2F { start -= 1 }
      var end = bytes.count
      if end - start >= 3, bytes[end - 3] == 0x2E, bytes[end - 2] == 0x6D, bytes[end - 1] == 0x64 { end -= 3 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
  }

  /// The files whose name gives this id (more than one is an error).
  public func entries(for id: String) -> [Entry] {
    entries.filter { $0.id == id }
  }

  /// The ids held by more than one file, with their paths.
  public var duplicates: [(id: String, paths: [String])] {
    // Usually there are none: a set of the ids says so without an array for every id (the
    // grouping of 650 entries was a twentieth of reading their summaries from the cache).
    var seen = Set<String>(minimumCapacity: entries.count)
    guard entries.contains(where: { !seen.insert($0.id).inserted }) else { return [] }
    return Dictionary(grouping: entries, by: \.id).filter { $0.value.count > 1 }
      .map { ($0.key, $0.value.map(\.path)) }.sorted { $0.id < $1.id }
  }

  /// The single file of an id; throws when there is none, or more than one.
  public func entry(for id: String, revision: String? = nil) throws -> Entry {
    let found = entries(for: id)
    if found.count > 1 { throw ValpropError.duplicateID(id, paths: found.map(\.path)) }
    guard let entry = found.first else {
      throw ValpropError.unknownProposition(
        id, directory: directory, revision: revision,
        nearest: Suggestions.nearest(to: id, in: entries.map(\.id)))
    }
    return entry
  }
}
