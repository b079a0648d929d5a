import CLibGit2
import Foundation

/// A git object id (SHA-1), a plain value that is safe to pass between threads.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
  /// The raw libgit2 id.
  let raw: git_oid

  init(_ raw: git_oid) {
    self.raw = raw
  }

  init(_ pointer: UnsafePointer<git_oid>) {
    self.raw = pointer.pointee
  }

  /// Parses a full 40-digit hexadecimal id; nil for anything else.
  public init?(hex: String) {
    guard hex.utf8.count == 40 else { return nil }
    LibGit2.ensureInitialized()
    var oid = git_oid()
    guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
    self.raw = oid
  }

  /// The id git gives a file of these bytes (`git hash-object`), computed without storing it.
  public static func blob(of data: Data) -> ObjectID {
    LibGit2.ensureInitialized()
    var oid = git_oid()
    _ = data.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
    return ObjectID(oid)
  }

  /// The full 40-digit lowercase hexadecimal form.
  public var hex: String {
    String(unsafeUninitializedCapacity: 40) { text in
      writeHex(into: UnsafeMutableRawBufferPointer(text))
      return 40
    }
  }

  /// Appends the bytes of `hex`, without making a String of them: into 40 bytes on the
  /// stack, then appended at once (an append per digit cost a thousand instructions an id).
  public func appendHex(to bytes: inout [UInt8]) {
    var text: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &text) { writeHex(into: $0) }
    withUnsafeBytes(of: &text) { bytes.append(contentsOf: $0) }
  }

  /// Writes the 40 lowercase hexadecimal digits into the first 40 bytes of `out`.
  public func writeHex(into out: UnsafeMutableRawBufferPointer) {
    withUnsafeBytes(of: raw.id) { id in
      for index in 0..<20 {
        let high = id[index] >> 4
        let low = id[index] & 0x0F
        out[index * 2] = high < 10 ? 0x30 + high : 0x57 + high
        out[index * 2 + 1] = low < 10 ? 0x30 + low : 0x57 + low
      }
    }
  }

  /// The full hexadecimal form.
  public var description: String { hex }

  /// Compares the 20 bytes of two ids.
  public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
    withUnsafeBytes(of: lhs.raw.id) { left in
      withUnsafeBytes(of: rhs.raw.id) { right in
        left.loadUnaligned(as: UInt64.self) == right.loadUnaligned(as: UInt64.self)
          && left.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            == right.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
          && left.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            == right.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      }
    }
  }

  /// Hashes the first eight bytes of the id: SHA-1 spreads them evenly already.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(withUnsafeBytes(of: raw.id) { $0.loadUnaligned(as: UInt64.self) })
  }
}
