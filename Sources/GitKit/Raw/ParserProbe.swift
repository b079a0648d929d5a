import CLibGit2
import Foundation

/// Checks GitKit's hand-written readers of stored objects against libgit2's parsers, for the
/// fuzz targets (`Tests/Fuzz/run.sh`): the bytes are written to an object database in memory
/// and read both ways. Each check returns nil when the readers agree (or both refuse the
/// bytes), else a description of the disagreement.
@_spi(Fuzzing) public enum ParserProbe {
  /// The commit header reader: whatever it accepts, libgit2 reads the same tree, parents,
  /// committer time and author; and the summary reader, where it accepts, gives libgit2's
  /// summary.
  public static func commit(_ data: Data) -> String? {
    withObject(data, type: GIT_OBJECT_COMMIT) { repository, oid in
      let id = ObjectID(oid)
      guard
        let header = data.withUnsafeBytes({ CommitHeader.parse($0, id: id) })
      else { return nil }
      var commit: OpaquePointer?
      guard git_commit_lookup(&commit, repository, [oid]) == 0 else {
        return "the header reader accepted a commit libgit2 refuses: \(GitError.lastMessage() ?? "")"
      }
      defer { git_commit_free(commit) }
      let tree = ObjectID(git_commit_tree_id(commit)!)
      let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)!) }
      let time = Int64(git_commit_time(commit))
      var problems: [String] = []
      if header.treeID != tree { problems.append("tree \(header.treeID) ≠ \(tree)") }
      if header.parentIDs != parents { problems.append("parents \(header.parentIDs) ≠ \(parents)") }
      if header.time != time { problems.append("time \(header.time) ≠ \(time)") }
      let author = Signature(git_commit_author(commit))
      do {
        let read = try header.author()
        if read != author { problems.append("author \(read) ≠ \(author)") }
      } catch {
        problems.append("the author line fails where libgit2 reads \(author)")
      }
      if let summary = data.withUnsafeBytes({ CommitHeader.plainSummary($0) }),
        summary != String(lenientCString: git_commit_summary(commit))
      {
        problems.append("summary \(summary.debugDescription) ≠ libgit2's")
      }
      return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
  }

  /// The tree reader: a listing both read gives the same entries, in the same order, and
  /// every name is found by a lookup; any other listing is refused or read without a crash.
  public static func tree(_ data: Data) -> String? {
    withObject(data, type: GIT_OBJECT_TREE) { repository, oid in
      let object = data.withUnsafeBytes { bytes -> RawObject in
        let buffer = ObjectBuffer(count: bytes.count)
        if let base = bytes.baseAddress { buffer.pointer.copyMemory(from: base, byteCount: bytes.count) }
        return RawObject(buffer: buffer, id: ObjectID(oid), kind: .tree)
      }
      let raw = RawTree(object: object)
      let read = try? raw.entries()
      var tree: OpaquePointer?
      guard git_tree_lookup(&tree, repository, [oid]) == 0 else { return nil }
      defer { git_tree_free(tree) }
      let expected = (0..<git_tree_entrycount(tree)).map { TreeEntry(git_tree_entry_byindex(tree, $0)) }
      // Refusing is safe (the command then says the tree is damaged); libgit2 reads some
      // listings git never writes, such as a mode with a sign ("+40000").
      guard let read else { return nil }
      if read != expected { return "entries \(read) ≠ \(expected)" }
      // Lookups stop at the first entry of a name: check them where names are unique, as in
      // every tree git writes (fsck refuses duplicates). A name that is not UTF-8 is decoded
      // with U+FFFD, which no lookup by a String can give back.
      guard Set(expected.map(\.name)).count == expected.count else { return nil }
      for entry in expected where !entry.name.unicodeScalars.contains("\u{FFFD}") {
        guard let found = try? raw.entry(named: entry.name), found == entry else {
          return "looking up \(entry.name) did not find \(entry)"
        }
      }
      return nil
    }
  }

  /// The delta applier: the bytes before the first NUL are the base, the rest the delta. A
  /// result has the size the delta declares and is made only of the base's bytes and the
  /// delta's inserted bytes.
  public static func delta(_ data: Data) -> String? {
    let bytes = [UInt8](data)
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let base = Array(bytes[..<split])
    let delta = Array(bytes[min(split + 1, bytes.count)...])
    let result = base.withUnsafeBytes { base in
      delta.withUnsafeBytes { delta in PackReader.apply(delta, to: base).map { [UInt8]($0.bytes) } }
    }
    guard let result else { return nil }
    var position = 0
    func size() -> Int? {
      var value = 0
      var shift = 0
      while position < delta.count, shift <= 56 {
        let byte = delta[position]
        position += 1
        value |= Int(byte & 0x7f) << shift
        if byte & 0x80 == 0 { return value }
        shift += 7
      }
      return nil
    }
    guard size() == base.count, let declared = size() else { return "applied a delta whose header is wrong" }
    return result.count == declared ? nil : "made \(result.count) bytes where the delta declares \(declared)"
  }

  /// An object database in memory, created once; objects written to it are dropped after
  /// each check. The fuzzer feeds one input at a time, from one thread; tests may run checks
  /// from several at once, so a check holds `lock` (one check's reset would drop another's
  /// object).
  private final class MemoryDatabase: @unchecked Sendable {
    let repository: OpaquePointer
    let backend: UnsafeMutablePointer<git_odb_backend>
    let lock = NSLock()

    init?() {
      LibGit2.ensureInitialized()
      var odb: OpaquePointer?
      var backend: UnsafeMutablePointer<git_odb_backend>?
      var repository: OpaquePointer?
      guard git_odb_new(&odb) == 0, git_mempack_new(&backend) == 0, let backend,
        git_odb_add_backend(odb, backend, 1) == 0, git_repository_wrap_odb(&repository, odb) == 0,
        let repository
      else { return nil }
      git_odb_free(odb)
      self.repository = repository
      self.backend = backend
    }
  }

  private static let memory = MemoryDatabase()

  /// Writes `data` as an object of `type` to the database in memory and runs `check` on it.
  private static func withObject(
    _ data: Data, type: git_object_t, _ check: (OpaquePointer, git_oid) -> String?
  ) -> String? {
    guard let memory else { return "libgit2's object database in memory could not be made" }
    memory.lock.lock()
    defer { memory.lock.unlock() }
    defer { _ = git_mempack_reset(memory.backend) }
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, memory.repository) == 0 else { return "no object database" }
    defer { git_odb_free(odb) }
    var oid = git_oid()
    let written = data.withUnsafeBytes { git_odb_write(&oid, odb, $0.baseAddress, $0.count, type) }
    guard written == 0 else { return "libgit2 could not store the object: \(GitError.lastMessage() ?? "")" }
    return check(memory.repository, oid)
  }
}
