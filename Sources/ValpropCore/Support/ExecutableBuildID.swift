import Foundation

/// The GNU build ID the linker writes into an ELF executable (`readelf -n` shows it): a hash
/// of the linked program, the same in every copy of one build and different in another
/// build. It names a build across machines, where a file's size, time and inode do not: a
/// copy restored from a CI cache has a new inode (and may have a new time).
enum ExecutableBuildID {
  /// The build ID of the ELF file at `path`, in hex; nil for a file that is not a 64-bit
  /// little-endian ELF file or has no GNU build ID note.
  static func read(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
      guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count),
        data.count == count
      else { return nil }
      return [UInt8](data)
    }
    // The ELF header: magic, 64-bit, little-endian; where the program headers are.
    guard let header = bytes(at: 0, count: 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2,
      header[5] == 1
    else { return nil }
    let programHeaders = number(header, at: 0x20, size: 8)
    let entrySize = Int(number(header, at: 0x36, size: 2))
    let entries = Int(number(header, at: 0x38, size: 2))
    guard entrySize >= 56, entries > 0, entries <= 256,
      let table = bytes(at: programHeaders, count: entrySize * entries)
    else { return nil }
    for index in 0..<entries {
      let entry = index * entrySize
      // PT_NOTE segments hold the notes; the build ID is the note of type 3 named "GNU".
      guard number(table, at: entry, size: 4) == 4 else { continue }
      let size = Int(min(number(table, at: entry + 32, size: 8), 65_536))
      guard let notes = bytes(at: number(table, at: entry + 8, size: 8), count: size) else { continue }
      if let id = buildID(inNotes: notes) { return id }
    }
    return nil
  }

  /// The GNU build ID among ELF notes (each: name size, description size, type, then the
  /// name and the description, each padded to 4 bytes), in hex.
  static func buildID(inNotes notes: [UInt8]) -> String? {
    var offset = 0
    func padded(_ size: Int) -> Int { (size + 3) & ~3 }
    while offset + 12 <= notes.count {
      let nameSize = Int(number(notes, at: offset, size: 4))
      let descriptionSize = Int(number(notes, at: offset + 4, size: 4))
      let type = number(notes, at: offset + 8, size: 4)
      let name = offset + 12
      let description = name + padded(nameSize)
      guard nameSize <= notes.count, descriptionSize <= notes.count,
        description + descriptionSize <= notes.count
      else { return nil }
      if type == 3, nameSize == 4, notes[name..<(name + 4)] == [0x47, 0x4E, 0x55, 0x00], descriptionSize > 0 {
        return Hex.string(notes[description..<(description + descriptionSize)])
      }
      offset = description + padded(descriptionSize)
    }
    return nil
  }

  /// A little-endian unsigned number of `size` bytes at `offset`.
  static func number(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    return value
  }
}
