import CLibGit2
import Foundation

extension Repository {
  /// The files below `directory` whose bytes in the work tree are the bytes of the blob the
  /// index holds for them, with that blob's id: what `git diff` finds unchanged between the
  /// index and the work tree (by the files' stat data, reading a file whose stat data changed
  /// or was written too close to the index to tell), keeping only plain files that no filter
  /// (line endings, `ident`, a `filter=` driver) converts, so that the bytes are the blob's
  /// exactly. Paths are relative to the work tree root. Entries the index marks
  /// assume-unchanged, skip-worktree or intent-to-add, conflicted paths and links are left out.
  ///
  /// Comparing the work tree with a commit, a file left out here is read; one listed here is
  /// read only when its blob differs from the commit's. `diff --base HEAD~200` read every
  /// proposition of swift-evolution's at HEAD~200 to find the 78 that changed: half its
  /// time (docs/performance.md, session 26).
  public func unchangedFiles(under directory: String) throws -> [String: ObjectID] {
    LibGit2.ensureInitialized()
    // Stage 0 entries only: a conflicted path has none.
    let entries = try indexEntries()
    let prefix = directory.isEmpty ? "" : directory + "/"
    var found: [String: ObjectID] = [:]
    for entry in entries
    where entry.path.hasPrefix(prefix) && entry.followsWorkTree
      && (entry.mode == 0o100644 || entry.mode == 0o100755)
    {
      found[entry.path] = entry.id
    }
    guard !found.isEmpty else { return [:] }
    var index: OpaquePointer?
    try check(git_repository_index(&index, pointer), "cannot read the index")
    defer { git_index_free(index) }

    // What differs between the index and the work tree, as git diff finds it.
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "cannot set up a diff")
    options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL
    // The folder is a path, not a pattern: a name with "[" in it would match nothing, and
    // every file in it would be taken for unchanged.
    options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
    var diff: OpaquePointer?
    let result: Int32 = directory.withCString { spec in
      var specs: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: spec)]
      return specs.withUnsafeMutableBufferPointer { buffer in
        if !directory.isEmpty {
          options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
        }
        return git_diff_index_to_workdir(&diff, pointer, index, &options)
      }
    }
    try check(result, "cannot compare the index with the work tree")
    defer { git_diff_free(diff) }
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
      if let path = delta.old_file.path { found[String(lenientCString: path)] = nil }
      if let path = delta.new_file.path { found[String(lenientCString: path)] = nil }
    }

    // A file a filter converts is the blob's bytes only after converting. Asking libgit2 for
    // each file's filters made 16,000 system calls for 575 files (its attribute files looked
    // up again for each): when core.autocrlf converts nothing and no attributes file names
    // an attribute that converts, no filter applies to any file; otherwise nothing is known,
    // and every file is read.
    var folders = Set<String>()
    for path in found.keys {
      folders.insert(path.utf8.lastIndex(of: 0x2F).map { String(path[..<$0]) } ?? "")
    }
    let attributes = entries.filter { $0.path == ".gitattributes" || $0.path.hasSuffix("/.gitattributes") }
    return convertsNoFile(folders: folders, attributes: attributes) ? found : [:]
  }

  /// Whether no filter converts a file in `folders` (work tree folders, "" the root), given
  /// the index's attributes files (`attributes`): git
  /// converts line endings only for the `text`, `eol` or `crlf` attributes or with
  /// core.autocrlf, and runs `ident` and `filter=` drivers only for their attributes. So:
  /// core.autocrlf false or unset, and no attributes file that names one of those or defines
  /// a macro (which could set one): in the work tree (at the root, in any of the folders or
  /// their parents), in the index, in `info/attributes`, at core.attributesFile, or in
  /// libgit2's global (XDG) and system folders. A file that cannot be read counts as one
  /// that names them.
  func convertsNoFile(folders: Set<String>, attributes: [IndexEntry]) -> Bool {
    // Configuration libgit2 1.5 does not read, which git may have checked the files out with.
    let unread = ["GIT_CONFIG_PARAMETERS", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT"]
    if unread.contains(where: { ProcessEnvironment.value($0) != nil }) {
      return false
    }
    // core.autocrlf false or unset; "true", "input", or the key alone (true) convert.
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, pointer) == 0 else { return false }
    defer { git_config_free(config) }
    var autocrlf: Int32 = 0
    let read = git_config_get_bool(&autocrlf, config, "core.autocrlf")
    guard read == GIT_ENOTFOUND.rawValue || (read == 0 && autocrlf == 0) else { return false }
    /// Whether the attributes file at `path` may convert; false when there is none.
    func mayConvert(file path: String) -> Bool {
      guard FileManager.default.fileExists(atPath: path) else { return false }
      guard let data = FileManager.default.contents(atPath: path) else { return true }
      return Repository.attributesMayConvert(data)
    }
    if let file = configString("core.attributesFile") {
      // libgit2 expands "~/" with $HOME; "~user/" is left to it.
      if file.hasPrefix("~"), !file.hasPrefix("~/") { return false }
      let home = ProcessEnvironment.value("HOME") ?? ""
      if mayConvert(file: file.hasPrefix("~/") ? home + file.dropFirst(1) : file) {
        return false
      }
    }
    for (level, name) in [(GIT_CONFIG_LEVEL_XDG, "attributes"), (GIT_CONFIG_LEVEL_SYSTEM, "gitattributes")] {
      var buffer = git_buf()
      defer { git_buf_dispose(&buffer) }
      guard valprop_search_path(level, &buffer) == 0 else { return false }
      let folders = buffer.ptr.map { String(lenientCString: $0) } ?? ""
      for folder in folders.split(separator: ":") where mayConvert(file: folder + "/" + name) { return false }
    }
    if mayConvert(file: commonDirectory + "/info/attributes") { return false }
    guard let root = workingDirectory else { return false }
    // Every attributes file the index holds, its work tree copy and its staged blob (libgit2
    // reads the blob where the file is gone), and any the work tree holds on the way to the
    // files, committed or not.
    for entry in attributes {
      if mayConvert(file: root + "/" + entry.path) { return false }
      guard let data = try? blobData(entry.id) else { return false }
      if Repository.attributesMayConvert(data) { return false }
    }
    var checked = Set<String>()
    for folder in folders {
      var current = folder
      while checked.insert(current).inserted {
        if mayConvert(file: root + (current.isEmpty ? "" : "/" + current) + "/.gitattributes") {
          return false
        }
        guard let slash = current.utf8.lastIndex(of: 0x2F) else {
          current = ""
          continue
        }
        current = String(current[..<slash])
      }
    }
    return true
  }

  /// Whether the lines of an attributes file name an attribute that makes a filter convert
  /// (`text`, `eol`, `crlf`, `ident`, `filter`), set, unset or given a value, or define a
  /// macro (`[attr]`). Other attributes (`linguist-*`, `diff`, `merge`, `binary`, which
  /// only unsets `text`) convert nothing.
  static func attributesMayConvert(_ data: Data) -> Bool {
    let converting: Set<Substring> = ["text", "eol", "crlf", "ident", "filter"]
    for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let fields = line.split(whereSeparator: { " \t\u{0B}\u{0C}".contains($0) })
      guard let pattern = fields.first, !pattern.hasPrefix("#") else { continue }
      if pattern.hasPrefix("[attr]") || pattern.hasPrefix("\"") { return true }
      for field in fields.dropFirst() {
        let name = field.drop { $0 == "-" || $0 == "!" }.prefix { $0 != "=" }
        if converting.contains(name) { return true }
      }
    }
    return false
  }
}
