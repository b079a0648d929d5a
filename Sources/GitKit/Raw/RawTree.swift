import CLibGit2
import Foundation

/// A tree read from its stored bytes. Entries are found by scanning the listing
/// (`<octal mode> <name>\0<20-byte id>`, sorted as git sorts), not by building a list, so
/// comparing two versions of a wide folder costs one pass of byte comparisons.
public struct RawTree: @unchecked Sendable {
  /// The stored tree.
  public let object: RawObject

  /// The tree's id.
  public var id: ObjectID { object.id }

  /// One entry, as offsets into the tree's bytes.
  struct Slot {
    /// Where the entry starts (its mode) and ends (after its id).
    let start: Int
    let end: Int
    /// Where its name lies.
    let nameStart: Int
    let nameEnd: Int
    /// The mode as written.
    let mode: UInt32

    var isTree: Bool { mode & 0o170000 == 0o040000 }
  }

  /// The tree's bytes as a typed pointer, and their count.
  private var base: UnsafePointer<UInt8> { object.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) }
  private var count: Int { object.bytes.count }

  /// The entry starting at `offset`, or nil at the end; a damaged listing throws.
  func slot(at offset: Int) throws -> Slot? {
    let count = count
    if offset >= count { return nil }
    let base = base
    var position = offset
    var mode: UInt32 = 0
    while position < count {
      let digit = base[position] &- 0x30
      if digit >= 8 { break }
      mode = mode &<< 3 | UInt32(digit)
      position += 1
    }
    guard position > offset, position - offset <= 7, position < count, base[position] == 0x20 else {
      throw damaged(at: offset)
    }
    let nameStart = position + 1
    guard let nameEnd = terminator(from: nameStart), nameEnd > nameStart, nameEnd + 21 <= count else {
      throw damaged(at: offset)
    }
    return Slot(start: offset, end: nameEnd + 21, nameStart: nameStart, nameEnd: nameEnd, mode: mode)
  }

  /// The offset of the NUL that ends the name searched from `offset`; nil when there is none.
  @inline(__always)
  private func terminator(from offset: Int) -> Int? {
    guard offset < count, let found = memchr(base + offset, 0, count - offset) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  /// Where the entry starting at `offset` ends, found without parsing its mode: names hold
  /// no NUL, so the entry ends 20 bytes after the first one.
  @inline(__always)
  private func end(of offset: Int) -> Int? {
    guard let nul = terminator(from: offset), nul + 21 <= count else { return nil }
    return nul + 21
  }

  private func damaged(at offset: Int) -> GitError {
    GitError(operation: "cannot read tree \(id)", message: "the listing is damaged at byte \(offset)")
  }

  /// The entry's name, decoded leniently.
  func name(_ slot: Slot) -> String {
    String(
      decoding: UnsafeBufferPointer(start: base + slot.nameStart, count: slot.nameEnd - slot.nameStart),
      as: UTF8.self)
  }

  /// The entry's object id.
  func objectID(_ slot: Slot) -> ObjectID {
    var raw = git_oid()
    withUnsafeMutableBytes(of: &raw.id) { target in
      target.copyMemory(from: UnsafeRawBufferPointer(start: base + slot.nameEnd + 1, count: 20))
    }
    return ObjectID(raw)
  }

  /// The entry as a value.
  func entry(_ slot: Slot) -> TreeEntry {
    TreeEntry(name: name(slot), id: objectID(slot), mode: slot.mode)
  }

  /// The entry with a name directly in this folder; nil when there is none.
  public func entry(named name: String) throws -> TreeEntry? {
    var wanted = name
    return try wanted.withUTF8 { wanted -> TreeEntry? in
      var offset = 0
      while offset < count {
        // The name starts after the mode's space, the sixth or seventh byte.
        guard let space = memchr(base + offset, 0x20, min(8, count - offset)) else {
          throw damaged(at: offset)
        }
        let nameStart = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(space)) + 1
        if nameStart + wanted.count < count, base[nameStart + wanted.count] == 0,
          memcmp(base + nameStart, wanted.baseAddress!, wanted.count) == 0
        {
          return try slot(at: offset).map(entry)
        }
        guard let next = end(of: nameStart) else { throw damaged(at: offset) }
        offset = next
      }
      return nil
    }
  }

  /// Every entry, in git's order.
  public func entries() throws -> [TreeEntry] {
    var result: [TreeEntry] = []
    var offset = 0
    while let slot = try slot(at: offset) {
      result.append(entry(slot))
      offset = slot.end
    }
    return result
  }

  /// git's order of two entries: names compared byte by byte, a folder's name as if it
  /// ended in "/".
  func order(_ lhs: Slot, _ rhs: Slot, in other: RawTree) -> Int32 {
    let leftLength = lhs.nameEnd - lhs.nameStart
    let rightLength = rhs.nameEnd - rhs.nameStart
    let common = min(leftLength, rightLength)
    let prefix = memcmp(base + lhs.nameStart, other.base + rhs.nameStart, common)
    if prefix != 0 { return prefix }
    let leftNext: UInt8 = leftLength > common ? base[lhs.nameStart + common] : (lhs.isTree ? 0x2F : 0)
    let rightNext: UInt8 = rightLength > common ? other.base[rhs.nameStart + common] : (rhs.isTree ? 0x2F : 0)
    return Int32(leftNext) - Int32(rightNext)
  }

  /// The names whose entries differ between this folder and another (content or kind of
  /// file changed, added or removed), each with the entry `entry(named:)` finds under that name in the other
  /// folder (nil where it has none).
  public func changes(comparedTo other: RawTree?) throws -> [String: TreeEntry?] {
    guard let other else {
      return Dictionary(try entries().map { ($0.name, nil) }, uniquingKeysWith: { a, _ in a })
    }
    var changes: [String: TreeEntry?] = [:]
    try forEachDifference(from: other) { mine, theirs in
      if let theirs {
        // The other folder's entry of the name (both sides are given only for one name).
        changes[other.name(theirs)] = .some(other.entry(theirs))
      } else if let mine {
        // Only this folder lists the name as a file, or as a folder: the other may still
        // list it as the other kind.
        let listed = self.name(mine)
        if changes[listed] == nil { changes[listed] = .some(try other.entry(named: listed)) }
      }
    }
    return changes
  }

  /// Calls `body` for each pair of entries that differ, walking both sorted listings side by
  /// side: the two entries of one name whose content or kind of file differs, or an entry
  /// only one listing has (the other side nil). Modes are compared as libgit2 reports them
  /// (`TreeEntry.normalized`), or as stored with `exactModes`.
  func forEachDifference(from other: RawTree, exactModes: Bool = false, _ body: (Slot?, Slot?) throws -> Void)
    throws
  {
    if id == other.id { return }
    let shared = ByteRuns(base, count, other.base, other.count)
    // Whole entries inside the shared start are identical in both listings.
    var start = 0
    while start < shared.prefix, let next = end(of: start), next <= shared.prefix { start = next }
    var mine = try slot(at: start)
    var theirs = try other.slot(at: start)
    while true {
      // Both at an entry boundary inside the shared end, with as much left: the rest is equal.
      let left = mine?.start ?? count
      let right = theirs?.start ?? other.count
      if count - left == other.count - right, count - left <= shared.suffix { return }
      switch (mine, theirs) {
      case (nil, nil):
        return
      case (let a?, nil):
        try body(a, nil)
        mine = try slot(at: a.end)
      case (nil, let b?):
        try body(nil, b)
        theirs = try other.slot(at: b.end)
      case (let a?, let b?):
        let order = order(a, b, in: other)
        if order == 0 {
          if memcmp(base + a.nameEnd + 1, other.base + b.nameEnd + 1, 20) != 0
            || (exactModes ? a.mode != b.mode : TreeEntry.normalized(a.mode) != TreeEntry.normalized(b.mode))
          {
            try body(a, b)
          }
          mine = try slot(at: a.end)
          theirs = try other.slot(at: b.end)
        } else if order < 0 {
          try body(a, nil)
          mine = try slot(at: a.end)
        } else {
          try body(nil, b)
          theirs = try other.slot(at: b.end)
        }
      }
    }
  }
}

/// A slash-separated path below a tree, cut at its "/" bytes once for a walk that looks it
/// up in thousands of trees: cutting it again for each was a tenth of the lookups of a cold
/// `log` (docs/performance.md, session 26).
public struct TreePath: Sendable, Equatable {
  /// The path as given.
  public let path: String
  /// The folders on the way, outermost first.
  let folders: [String]
  /// The last component.
  let name: String

  /// Cuts `path` at "/" bytes, as git cuts: a combining mark after a "/" makes one
  /// `Character` of the two, which a split by `Character` would not cut.
  public init(_ path: String) {
    self.path = path
    var components = path.utf8.split(separator: 0x2F, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    name = components.removeLast()
    folders = components
  }
}

extension RawTree {
  /// The entry at a slash-separated path below this tree, each folder on the way read by
  /// `read`; nil when there is none.
  func entry(atPath path: String, read: (ObjectID) throws -> RawTree) throws -> TreeEntry? {
    try entry(at: TreePath(path), read: read)
  }

  /// The same, for a path cut already.
  func entry(at path: TreePath, read: (ObjectID) throws -> RawTree) throws -> TreeEntry? {
    var current = self
    for component in path.folders {
      guard let entry = try current.entry(named: component), entry.kind == .tree else { return nil }
      current = try read(entry.id)
    }
    return try current.entry(named: path.name)
  }

  /// The folder at a slash-separated path below this tree ("" is the tree itself), read by
  /// `read`; nil when there is no folder there.
  func folder(atPath path: String, read: (ObjectID) throws -> RawTree) throws -> RawTree? {
    if path.isEmpty { return self }
    guard let entry = try entry(atPath: path, read: read), entry.kind == .tree else { return nil }
    return try read(entry.id)
  }
}

extension Repository {
  /// Reads a tree's stored bytes.
  public func rawTree(_ id: ObjectID) throws -> RawTree {
    RawTree(object: try rawObject(id, kind: .tree))
  }

  /// The entry at a slash-separated path below `tree`; nil when there is none.
  public func entry(atPath path: String, in tree: RawTree) throws -> TreeEntry? {
    try tree.entry(atPath: path, read: rawTree)
  }

  /// The same, for a path cut already.
  public func entry(at path: TreePath, in tree: RawTree) throws -> TreeEntry? {
    try tree.entry(at: path, read: rawTree)
  }

  /// The folder at a slash-separated path below `tree` ("" is the tree itself); nil when
  /// there is no folder there.
  public func subtree(atPath path: String, in tree: RawTree) throws -> RawTree? {
    try tree.folder(atPath: path, read: rawTree)
  }
}
