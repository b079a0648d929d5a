import CLibGit2
import Foundation

/// What a history walk needs of a commit, read from its stored bytes: its tree, its parents,
/// the committer time that orders the walk, and the author line, parsed only when asked for.
public struct CommitHeader: Sendable {
  /// The commit's id.
  public let id: ObjectID
  /// The id of its root tree.
  public let treeID: ObjectID
  /// The ids of its parents, first parent first.
  public let parentIDs: [ObjectID]
  /// The committer time, in seconds since 1970 (git's walk order).
  public let time: Int64
  /// The author: the line after `author ` (NUL-terminated for libgit2's signature parser),
  /// or a signature libgit2 already parsed.
  private let authorSource: AuthorSource

  enum AuthorSource: Sendable {
    case line([CChar])
    case parsed(Signature)
  }

  init(id: ObjectID, treeID: ObjectID, parentIDs: [ObjectID], time: Int64, author: AuthorSource) {
    self.id = id
    self.treeID = treeID
    self.parentIDs = parentIDs
    self.time = time
    self.authorSource = author
  }

  /// The header of a commit libgit2 read.
  init(_ commit: Commit) {
    self.init(
      id: commit.id, treeID: commit.treeID, parentIDs: commit.parentIDs,
      time: Int64(git_commit_time(commit.pointer)), author: .parsed(commit.author))
  }

  /// The author, parsed by libgit2's own signature parser, as `Commit.author` is.
  public func author() throws -> Signature {
    switch authorSource {
    case .parsed(let signature):
      return signature
    case .line(let line):
      var signature: UnsafeMutablePointer<git_signature>?
      try check(git_signature_from_buffer(&signature, line), "cannot read the author of commit \(id)")
      defer { git_signature_free(signature) }
      return Signature(signature!)
    }
  }

  /// Reads the header lines `tree`, `parent`…, `author` and `committer` from a commit's
  /// bytes; nil for anything but git's usual shape (header order, signatures of the form
  /// `Name <email> 1600000000 +0200`, lines ending in a newline), so that libgit2's own
  /// parser decides every unusual commit.
  static func parse(_ bytes: UnsafeRawBufferPointer, id: ObjectID) -> CommitHeader? {
    var treeID: ObjectID?
    var parents: [ObjectID] = []
    var author: [CChar]?
    var offset = 0
    // Lines are found with memchr and the author kept with one copy: through the buffer's
    // generic collection methods, a commit's header took 7,700 instructions to read, on the
    // thread a cold `log` waits for (docs/performance.md, session 29).
    guard let base = bytes.baseAddress else { return nil }
    while offset < bytes.count {
      guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
      let end = UnsafeRawPointer(found) - base
      let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
      offset = end + 1
      if line.isEmpty { break }
      if treeID == nil {
        guard let value = line.value(after: "tree "), let tree = ObjectID(hexBytes: value) else { return nil }
        treeID = tree
      } else if author == nil, let value = line.value(after: "parent ") {
        guard let parent = ObjectID(hexBytes: value) else { return nil }
        parents.append(parent)
      } else if author == nil {
        guard let value = line.value(after: "author "), signatureTime(value) != nil else { return nil }
        var line = [CChar](repeating: 0, count: value.count + 1)
        line.withUnsafeMutableBytes { $0.copyMemory(from: value) }
        author = line
      } else {
        guard let value = line.value(after: "committer "), let time = signatureTime(value) else { return nil }
        return CommitHeader(id: id, treeID: treeID!, parentIDs: parents, time: time, author: .line(author!))
      }
    }
    return nil
  }

  /// The summary libgit2's `git_commit_summary` gives, read from a commit's bytes when its
  /// message opens in git's usual shape: a one-line first paragraph (then a blank line or the
  /// end) that starts with no white space and holds no tab, carriage return, vertical tab,
  /// form feed or NUL. Its trailing spaces are dropped, as libgit2 drops them. Nil for any
  /// other message, and for bytes with no blank line after the header, so that libgit2
  /// decides those. Only for bytes `parse` accepted: the message is taken to start at the
  /// first empty line, which holds only when the header lines before it are whole.
  static func plainSummary(_ bytes: UnsafeRawBufferPointer) -> String? {
    // The message starts after the first empty line (git_commit_message skips the newlines
    // that open it).
    var offset = 0
    while true {
      guard offset < bytes.count, let end = bytes[offset...].firstIndex(of: 0x0A) else { return nil }
      if end == offset { break }
      offset = end + 1
    }
    var start = offset + 1
    while start < bytes.count, bytes[start] == 0x0A { start += 1 }
    guard start < bytes.count else { return "" }
    let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
    if lineEnd < bytes.count {
      // A paragraph of one line: the end of the bytes or a blank line follows.
      guard lineEnd + 1 == bytes.count || bytes[lineEnd + 1] == 0x0A else { return nil }
    }
    let line = UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd])
    guard line[0] != 0x20,
      !line.contains(where: { $0 == 0 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C })
    else { return nil }
    var kept = line.count
    while kept > 0, line[kept - 1] == 0x20 { kept -= 1 }
    return String(decoding: UnsafeRawBufferPointer(rebasing: line[..<kept]), as: UTF8.self)
  }

  /// The time of a signature in git's usual form, `Name <email> 1600000000 +0200`: a `<`
  /// before the last `>`, then one space, 1 to 18 digits, one space, a sign and four
  /// digits, and no NUL byte. Nil for any other form.
  static func signatureTime(_ line: UnsafeRawBufferPointer) -> Int64? {
    guard let base = line.baseAddress, memchr(base, 0, line.count) == nil,
      let close = line.lastIndex(of: 0x3E), memchr(base, 0x3C, close) != nil
    else {
      return nil
    }
    let rest = UnsafeRawBufferPointer(rebasing: line[(close + 1)...])
    guard rest.count >= 8, rest[0] == 0x20 else { return nil }
    let digits = rest[1..<(rest.count - 6)]
    let zone = rest[(rest.count - 6)...]
    let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
    guard (1...18).contains(digits.count), digits.allSatisfy(isDigit),
      zone.first == 0x20, zone.dropFirst().first == 0x2B || zone.dropFirst().first == 0x2D,
      zone.dropFirst(2).allSatisfy(isDigit)
    else { return nil }
    return digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
  }
}

extension UnsafeRawBufferPointer {
  /// The bytes after `prefix` when the buffer starts with it.
  fileprivate func value(after prefix: StaticString) -> UnsafeRawBufferPointer? {
    let length = prefix.utf8CodeUnitCount
    guard count >= length, memcmp(baseAddress!, prefix.utf8Start, length) == 0 else { return nil }
    return UnsafeRawBufferPointer(rebasing: self[length...])
  }
}

extension ObjectID {
  /// Parses 40 hexadecimal digits (either case); nil for anything else.
  public init?(hexBytes: UnsafeRawBufferPointer) {
    guard hexBytes.count == 40 else { return nil }
    var raw = git_oid()
    let valid = withUnsafeMutableBytes(of: &raw.id) { target -> Bool in
      for index in 0..<20 {
        guard let high = ObjectID.nibble(hexBytes[2 * index]),
          let low = ObjectID.nibble(hexBytes[2 * index + 1])
        else { return false }
        target[index] = high << 4 | low
      }
      return true
    }
    guard valid else { return nil }
    self.init(raw)
  }

  private static func nibble(_ byte: UInt8) -> UInt8? {
    let value = hexValues[Int(byte)]
    return value == 0xFF ? nil : value
  }

  /// The value of each byte as a hexadecimal digit, 0xFF for bytes that are none.
  private static let hexValues: [UInt8] = (0...255).map { byte in
    switch byte {
    case 0x30...0x39: return UInt8(byte - 0x30)
    case 0x61...0x66: return UInt8(byte - 0x61 + 10)
    case 0x41...0x46: return UInt8(byte - 0x41 + 10)
    default: return 0xFF
    }
  }
}

extension Repository {
  /// A commit's header, read exactly as `commitHeader` reads it, and the one-line summary of
  /// its message (as `Commit.summary`), read from its stored bytes when it is of git's usual
  /// shape, else through libgit2: a walk describes thousands of revisions, and libgit2's
  /// lookup (zlib, its own parse) was 3% of a cold report (docs/performance.md, session 14).
  public func commitSummary(_ id: ObjectID) throws -> (header: CommitHeader, summary: String) {
    if !readsThroughLibGit2Only {
      let object = try rawObject(id, kind: .commit)
      let (header, summary) = withExtendedLifetime(object) {
        (CommitHeader.parse(object.bytes, id: id), CommitHeader.plainSummary(object.bytes))
      }
      if let header { return (header, try summary ?? commit(id).summary) }
    }
    let commit = try commit(id)
    return (CommitHeader(commit), commit.summary)
  }

  /// Reads what a history walk needs of a commit from its stored bytes, falling back to
  /// libgit2's parser for a commit whose header is out of the usual order (and for every
  /// commit when the repository reads through libgit2 only).
  public func commitHeader(_ id: ObjectID) throws -> CommitHeader {
    if !readsThroughLibGit2Only {
      let object = try rawObject(id, kind: .commit)
      // The bytes belong to the object: keep it alive while they are parsed.
      if let header = withExtendedLifetime(object, { CommitHeader.parse(object.bytes, id: id) }) {
        return header
      }
    }
    return CommitHeader(try commit(id))
  }
}
