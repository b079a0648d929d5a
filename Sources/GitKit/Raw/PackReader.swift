import CDeflate
import CLibGit2
import Foundation

/// An object's bytes held in memory this process owns, shared between the pack reader's
/// cache and the objects it hands out.
final class ObjectBuffer: @unchecked Sendable {
  /// The bytes; written only while the buffer is being built.
  let pointer: UnsafeMutableRawPointer
  /// How many bytes there are.
  let count: Int

  init(count: Int) {
    self.count = count
    pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 8)
  }

  deinit {
    pointer.deallocate()
  }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }
}

/// Reads objects straight from a repository's pack files, for history walks.
///
/// libgit2 1.5.1 keeps only the bottom of each delta chain in its base cache, so every
/// version of a folder listing or a proposition stored 40 deltas deep was rebuilt from the
/// bottom: 40 inflates and 40 copies of the whole object, on every read. This reader keeps
/// every object it rebuilds, as git does, so reading the versions of one file one after the
/// other costs one delta each, in whichever direction the pack chains them. The newest 2 MiB
/// are kept: a walk needs the objects it read last, and memory first touched is not free
/// (64 MiB cost a cold `list` of 300 propositions 10 % more in page faults; since the thread
/// reading ahead reads the folder listings, 2 MiB did as well as 8 on 300 propositions and
/// better on 2,000: 0.54 s against 0.61).
///
/// It answers only what it can read whole and consistent: an object it does not find (a
/// loose object, one in an alternate object store, a pack written after it opened) or
/// cannot read (a damaged or unfamiliar pack) is nil, and the caller asks libgit2, which
/// reads everything and reports damage properly.
final class PackReader: @unchecked Sendable {
  /// One pack and its index, mapped into memory.
  struct Pack {
    let index: MappedFile
    let data: MappedFile
    /// How many objects the pack holds.
    let count: Int
  }

  private let packs: [Pack]
  private let lock = NSLock()
  /// libdeflate's decompressor, made at the first inflate.
  private var decompressor: OpaquePointer?
  /// Objects rebuilt or inflated, by pack and offset, within `budget` bytes in all.
  private var cache: [Int: (kind: ObjectKind, buffer: ObjectBuffer)] = [:]
  private var cacheOrder: [Int] = []
  private var cacheOrderStart = 0
  private var cached = 0
  private let budget: Int

  /// Opens every pack in `objects/pack` of the object folder at `path`; nil when there is
  /// none that can be read.
  init?(objectFolder path: String, budget: Int = 2 << 20) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path + "/pack") else { return nil }
    var opened: [(pack: Pack, modified: Int)] = []
    for name in names where name.hasPrefix("pack-") && name.hasSuffix(".idx") {
      let stem = path + "/pack/" + name.dropLast(4)
      guard let index = MappedFile(path: stem + ".idx"), let data = MappedFile(path: stem + ".pack"),
        let count = PackReader.validate(index: index, data: data)
      else { continue }
      opened.append((Pack(index: index, data: data, count: count), data.modified))
    }
    guard !opened.isEmpty else { return nil }
    // Newest first, as git searches them: a repacked object is found in the newest pack.
    packs = opened.sorted { $0.modified > $1.modified }.map(\.pack)
    self.budget = budget
  }

  deinit {
    if let decompressor { libdeflate_free_decompressor(decompressor) }
  }

  /// The number of objects an index lists when the index and its pack look sound (version 2
  /// index, version 2 or 3 pack, the same count in both); nil otherwise.
  private static func validate(index: MappedFile, data: MappedFile) -> Int? {
    let bytes = index.bytes
    guard bytes.count >= 8 + 1024 + 40, bytes.load(as: UInt32.self) == UInt32(0xff74_4f63).bigEndian,
      UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == 2
    else { return nil }
    let count = Int(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 + 255 * 4, as: UInt32.self)))
    guard bytes.count >= 8 + 1024 + count * 28 + 40 else { return nil }
    let pack = data.bytes
    guard pack.count >= 32, pack.load(as: UInt32.self) == UInt32(0x5041_434b).bigEndian else { return nil }
    let version = UInt32(bigEndian: pack.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
    guard version == 2 || version == 3,
      Int(UInt32(bigEndian: pack.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) == count,
      // The index names its pack by the pack's trailing checksum, as libgit2 checks.
      memcmp(bytes.baseAddress! + bytes.count - 40, pack.baseAddress! + pack.count - 20, 20) == 0
    else { return nil }
    return count
  }

  /// The object's kind and bytes, or nil when this reader cannot give them (see the type).
  func object(_ id: ObjectID) -> (kind: ObjectKind, buffer: ObjectBuffer)? {
    lock.lock()
    defer { lock.unlock() }
    guard let (pack, offset) = locate(id) else { return nil }
    return resolve(pack: pack, offset: offset)
  }

  /// Which pack holds the object, and where.
  private func locate(_ id: ObjectID) -> (pack: Int, offset: Int)? {
    for position in packs.indices {
      if let offset = offset(of: id, in: packs[position]) { return (position, offset) }
    }
    return nil
  }

  /// The object's offset in one pack, found through the index's fan-out table and a binary
  /// search of its sorted ids.
  private func offset(of id: ObjectID, in pack: Pack) -> Int? {
    let index = pack.index.bytes
    let count = pack.count
    return withUnsafeBytes(of: id.raw.id) { wanted -> Int? in
      let first = Int(wanted[0])
      let fanout = 8
      var low =
        first == 0
        ? 0
        : Int(
          UInt32(bigEndian: index.loadUnaligned(fromByteOffset: fanout + (first - 1) * 4, as: UInt32.self)))
      var high = Int(
        UInt32(bigEndian: index.loadUnaligned(fromByteOffset: fanout + first * 4, as: UInt32.self)))
      guard low <= high, high <= count else { return nil }
      let ids = index.baseAddress! + fanout + 1024
      while low < high {
        let middle = (low + high) / 2
        let order = memcmp(ids + middle * 20, wanted.baseAddress!, 20)
        if order == 0 {
          let offsets = fanout + 1024 + count * 24
          let small = UInt32(
            bigEndian: index.loadUnaligned(fromByteOffset: offsets + middle * 4, as: UInt32.self))
          var offset = UInt64(small)
          if small & 0x8000_0000 != 0 {
            let large = offsets + count * 4 + Int(small & 0x7fff_ffff) * 8
            guard large + 8 <= index.count - 40 else { return nil }
            offset = UInt64(bigEndian: index.loadUnaligned(fromByteOffset: large, as: UInt64.self))
          }
          // Inside the pack, before its trailer: a damaged offset must not reach another
          // pack's cached objects (the cache key holds the pack above bit 48).
          guard offset >= 12, offset < UInt64(pack.data.bytes.count - 20) else { return nil }
          return Int(offset)
        }
        if order < 0 { low = middle + 1 } else { high = middle }
      }
      return nil
    }
  }

  /// What an entry of a pack says about itself.
  private struct Entry {
    /// 1–4 for whole objects, 6 for a delta on an earlier offset, 7 for a delta on an id.
    let type: UInt8
    /// The inflated size.
    let size: Int
    /// Where the compressed data starts.
    let dataStart: Int
    /// A delta's base, as a pack and offset.
    var base: (pack: Int, offset: Int)?
  }

  /// Parses the entry header at `offset`; nil when it is damaged or out of bounds.
  private func entry(pack: Int, offset: Int) -> Entry? {
    let data = packs[pack].data.bytes
    let end = data.count - 20
    guard offset >= 12, offset < end else { return nil }
    var position = offset
    var byte = data[position]
    position += 1
    let type = (byte >> 4) & 7
    var size = Int(byte & 0x0f)
    var shift = 4
    while byte & 0x80 != 0 {
      guard position < end, shift <= 56 else { return nil }
      byte = data[position]
      position += 1
      size |= Int(byte & 0x7f) << shift
      shift += 7
    }
    switch type {
    case 1, 2, 3, 4:
      return Entry(type: type, size: size, dataStart: position)
    case 6:
      guard position < end else { return nil }
      byte = data[position]
      position += 1
      var distance = Int(byte & 0x7f)
      while byte & 0x80 != 0 {
        guard position < end, distance < 1 << 48 else { return nil }
        byte = data[position]
        position += 1
        distance = ((distance + 1) << 7) | Int(byte & 0x7f)
      }
      guard distance > 0, distance <= offset - 12 else { return nil }
      return Entry(type: type, size: size, dataStart: position, base: (pack, offset - distance))
    case 7:
      guard position + 20 < end else { return nil }
      var raw = git_oid()
      withUnsafeMutableBytes(of: &raw.id) {
        $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[position..<position + 20]))
      }
      guard let base = locate(ObjectID(raw)) else { return nil }
      return Entry(type: type, size: size, dataStart: position + 20, base: base)
    default:
      return nil
    }
  }

  /// Inflates an entry's data into a new buffer of its declared size.
  private func inflate(_ entry: Entry, pack: Int) -> ObjectBuffer? {
    if decompressor == nil { decompressor = libdeflate_alloc_decompressor() }
    guard let decompressor else { return nil }
    let data = packs[pack].data.bytes
    // A damaged header can claim any size: deflate never inflates more than 1,032 times
    // its input, and what is larger than `largest` is left to libgit2.
    let available = data.count - entry.dataStart
    guard entry.size <= PackReader.largest, entry.size / 1032 <= available else { return nil }
    let buffer = ObjectBuffer(count: entry.size)
    // With no room for the actual size, libdeflate fails unless the stream inflates to
    // exactly the size the pack declares; the bytes after the stream are other objects.
    let status = libdeflate_zlib_decompress(
      decompressor, data.baseAddress! + entry.dataStart, data.count - entry.dataStart, buffer.pointer,
      entry.size,
      nil)
    return status == LIBDEFLATE_SUCCESS ? buffer : nil
  }

  /// Rebuilds the object at `offset`: follows its delta chain down to a whole or cached
  /// object, then applies the deltas upwards, keeping each result.
  private func resolve(pack: Int, offset: Int) -> (kind: ObjectKind, buffer: ObjectBuffer)? {
    var deltas: [(pack: Int, offset: Int, entry: Entry)] = []
    var current = (pack: pack, offset: offset)
    var base: (kind: ObjectKind, buffer: ObjectBuffer)
    while true {
      if let hit = cache[key(current.pack, current.offset)] {
        base = hit
        break
      }
      // git writes chains of at most 4,095; a longer one is a loop in a damaged pack.
      guard deltas.count < 10_000, let entry = entry(pack: current.pack, offset: current.offset) else {
        return nil
      }
      if let next = entry.base {
        deltas.append((current.pack, current.offset, entry))
        current = next
        continue
      }
      guard let kind = PackReader.kind(entry.type), let buffer = inflate(entry, pack: current.pack) else {
        return nil
      }
      base = (kind, buffer)
      if !deltas.isEmpty || kind != .commit { remember(base, at: key(current.pack, current.offset)) }
      break
    }
    for delta in deltas.reversed() {
      guard let instructions = inflate(delta.entry, pack: delta.pack),
        let result = withExtendedLifetime(
          (instructions, base.buffer), { PackReader.apply(instructions.bytes, to: base.buffer.bytes) })
      else { return nil }
      base = (base.kind, result)
      if base.kind != .commit || delta.offset != offset { remember(base, at: key(delta.pack, delta.offset)) }
    }
    return base
  }

  private func key(_ pack: Int, _ offset: Int) -> Int { pack << 48 | offset }

  /// The largest object this reader inflates (1 GiB); libgit2 reads larger ones.
  static let largest = 1 << 30

  private static func kind(_ type: UInt8) -> ObjectKind? {
    switch type {
    case 1: return .commit
    case 2: return .tree
    case 3: return .blob
    case 4: return .tag
    default: return nil
    }
  }

  /// Keeps an object for later reads and for the deltas based on it, forgetting the oldest
  /// kept objects beyond the budget.
  private func remember(_ object: (kind: ObjectKind, buffer: ObjectBuffer), at key: Int) {
    guard object.buffer.count <= budget / 8, cache[key] == nil else { return }
    cache[key] = object
    cacheOrder.append(key)
    cached += object.buffer.count
    while cached > budget, cacheOrderStart < cacheOrder.count {
      let oldest = cacheOrder[cacheOrderStart]
      cacheOrderStart += 1
      if let dropped = cache.removeValue(forKey: oldest) { cached -= dropped.buffer.count }
    }
    if cacheOrderStart > 4096, cacheOrderStart * 2 > cacheOrder.count {
      cacheOrder.removeFirst(cacheOrderStart)
      cacheOrderStart = 0
    }
  }

  /// Applies git's delta format (the base's size, the result's size, then copies from the
  /// base and inserted bytes) to `base`; nil when the delta does not fit the base or is damaged.
  static func apply(_ delta: UnsafeRawBufferPointer, to base: UnsafeRawBufferPointer) -> ObjectBuffer? {
    var position = 0
    func size() -> Int? {
      var result = 0
      var shift = 0
      while position < delta.count, shift <= 56 {
        let byte = delta[position]
        position += 1
        result |= Int(byte & 0x7f) << shift
        if byte & 0x80 == 0 { return result }
        shift += 7
      }
      return nil
    }
    // Each byte of a delta adds at most a copy of the whole base or 127 new bytes, so a
    // damaged delta cannot make the result's allocation absurd.
    guard let sourceSize = size(), sourceSize == base.count, let targetSize = size(), targetSize >= 0,
      targetSize <= PackReader.largest, targetSize / max(base.count, 127) <= delta.count
    else { return nil }
    let result = ObjectBuffer(count: targetSize)
    var written = 0
    while position < delta.count {
      let operation = delta[position]
      position += 1
      if operation & 0x80 != 0 {
        var from = 0
        var length = 0
        for bit in 0..<7 where operation & (1 << bit) != 0 {
          guard position < delta.count else { return nil }
          if bit < 4 {
            from |= Int(delta[position]) << (8 * bit)
          } else {
            length |= Int(delta[position]) << (8 * (bit - 4))
          }
          position += 1
        }
        if length == 0 { length = 0x10000 }
        guard from + length <= base.count, written + length <= targetSize else { return nil }
        (result.pointer + written).copyMemory(from: base.baseAddress! + from, byteCount: length)
        written += length
      } else if operation != 0 {
        let length = Int(operation)
        guard position + length <= delta.count, written + length <= targetSize else { return nil }
        (result.pointer + written).copyMemory(from: delta.baseAddress! + position, byteCount: length)
        position += length
        written += length
      } else {
        return nil
      }
    }
    return written == targetSize ? result : nil
  }
}

/// A file mapped read-only into memory for as long as this value lives.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  /// The file's modification time, in seconds.
  let modified: Int

  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
      let address = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else { return nil }
    bytes = UnsafeRawBufferPointer(start: address, count: Int(status.st_size))
    modified = Int(status.modificationTime.tv_sec)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
  }
}
