/// One folder looked up below root tree after root tree, as a walk of history asks it of
/// commit after commit: the path is cut once, and the folder found in one tree is kept with
/// the id of the tree that holds it, so that a commit whose path leads to the same holding
/// tree (the parent folder unchanged, as it is in most commits) is answered without reading
/// that tree or the folder again. A walk of dotnet/csharplang, whose propositions lie in 16
/// folders of `proposals`, looked up each folder in each commit and parent from the root:
/// 60,000 lookups, three fifths of its main thread (docs/performance.md, session 28). Its
/// answers are those of `RawTree.folder(atPath:read:)`.
public struct FolderLookup: Sendable {
  /// The folder's path, cut.
  public let path: TreePath
  /// The tree that held the folder when it was last looked up, and the folder there.
  private var holder: ObjectID?
  private var found: RawTree?

  /// A lookup of the folder at a slash-separated path ("" is the root itself).
  public init(_ path: String) {
    self.path = TreePath(path)
  }

  /// The folder below `root`, each tree on the way read by `read`; nil when there is no
  /// folder there.
  public mutating func folder(in root: RawTree, read: (ObjectID) throws -> RawTree) throws -> RawTree? {
    if path.path.isEmpty { return root }
    var current = root
    var currentID = root.id
    for (index, component) in path.folders.enumerated() {
      guard let entry = try current.entry(named: component), entry.kind == .tree else { return nil }
      currentID = entry.id
      // The holding tree, by its id in its parent: unread when it is the one last seen.
      if index == path.folders.count - 1, currentID == holder { return found }
      current = try read(entry.id)
    }
    if path.folders.isEmpty, currentID == holder { return found }
    let entry = try current.entry(named: path.name)
    let tree = try entry.flatMap { $0.kind == .tree ? try read($0.id) : nil }
    holder = currentID
    found = tree
    return tree
  }
}
