import Foundation

/// A second reader of a repository's pack files, with a cache of its own, for a thread that
/// reads ahead of a history walk: the walk's own reads never wait for it. Everything it
/// cannot read from the packs is nil (the walk then reads that itself).
public final class PackedObjects: @unchecked Sendable {
  private let reader: PackReader

  /// A reader of the packs of `repository`, keeping the newest `budget` bytes of what it
  /// rebuilds; nil when it has none, or reads through libgit2 only.
  ///
  /// Reading ahead in a walk's order needs only the bases of the next few deltas: 2 MiB.
  public init?(repository: Repository, budget: Int = 2 << 20) {
    guard !repository.readsThroughLibGit2Only,
      let reader = PackReader(objectFolder: repository.objectFolder, budget: budget)
    else { return nil }
    self.reader = reader
  }

  /// A blob's bytes.
  public func blobData(_ id: ObjectID) -> Data? {
    guard let packed = reader.object(id), packed.kind == .blob else { return nil }
    return withExtendedLifetime(packed.buffer) { Data(packed.buffer.bytes) }
  }

  /// A commit's header.
  public func commitHeader(_ id: ObjectID) -> CommitHeader? {
    guard let packed = reader.object(id), packed.kind == .commit else { return nil }
    return withExtendedLifetime(packed.buffer) { CommitHeader.parse(packed.buffer.bytes, id: id) }
  }

  /// A tree.
  public func tree(_ id: ObjectID) -> RawTree? {
    guard let packed = reader.object(id), packed.kind == .tree else { return nil }
    return RawTree(object: RawObject(buffer: packed.buffer, id: id, kind: .tree))
  }

  /// The entry at a path below the tree `id`: `.some(nil)` when there is none, nil when a
  /// tree on the way cannot be read.
  public func entry(at path: TreePath, inTree id: ObjectID) -> TreeEntry?? {
    guard let root = tree(id) else { return nil }
    return descending { try root.entry(at: path, read: $0) }
  }

  /// The folder at a slash-separated path below a tree ("" is the tree itself): `.some(nil)`
  /// when the tree has no folder there, nil when a tree on the way cannot be read.
  public func subtree(atPath path: String, in tree: RawTree) -> RawTree?? {
    descending { try tree.folder(atPath: path, read: $0) }
  }

  /// The folder `lookup` finds below a tree: `.some(nil)` when the tree has no folder there,
  /// nil when a tree on the way cannot be read.
  public func subtree(_ lookup: inout FolderLookup, in tree: RawTree) -> RawTree?? {
    descending { try lookup.folder(in: tree, read: $0) }
  }

  /// What `body` finds reading the trees on its way from the packs; nil when one of them
  /// cannot be read from there.
  private func descending<Found>(_ body: ((ObjectID) throws -> RawTree) throws -> Found) -> Found? {
    do {
      return .some(
        try body { id in
          guard let next = self.tree(id) else { throw Unreadable() }
          return next
        })
    } catch {
      return nil
    }
  }

  /// A tree the packs cannot give.
  private struct Unreadable: Error {}
}
