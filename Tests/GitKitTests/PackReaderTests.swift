import CLibGit2
import Foundation
import TestSupport
import Testing

@testable import GitKit

/// The pack reader against git itself: every object of a packed repository, read with
/// `git cat-file --batch-all-objects --batch` as the oracle, whichever way git chained the
/// deltas; and damaged packs, which must never crash or give other bytes.
@Suite struct PackReaderTests {
  /// How a repository's objects get packed.
  enum Packing: String, CaseIterable, Sendable {
    /// git's own packing: deltas on an earlier offset, newer versions whole.
    case offsetDeltas
    /// Deltas naming their base by id (`repack.useDeltaBaseOffset=false`).
    case idDeltas
    /// Two packs and some loose objects, as a repository between two `git gc`s holds them.
    case severalPacksAndLoose
  }

  /// A repository where files went through many versions (so that packs hold long delta
  /// chains), packed as asked.
  static func packedRepository(_ packing: Packing) throws -> GitFixture {
    let fixture = try GitFixture()
    var generator = SplitMix(seed: 5)
    var lines = (0..<60).map { "line \($0) of the listing" }
    for round in 0..<45 {
      for _ in 0..<3 { lines[Int.random(in: 0..<lines.count, using: &generator)] = "changed in \(round)" }
      var files = ["propositions/a.md": lines.joined(separator: "\n") + "\n"]
      files["propositions/b\(round % 7).md"] = "round \(round)\n" + lines.shuffled(using: &generator).joined()
      files["empty.md"] = ""
      try fixture.commit("round \(round)", files: files)
      if packing == .severalPacksAndLoose && round == 20 { try fixture.git(["repack", "-q", "-d"]) }
    }
    switch packing {
    case .offsetDeltas:
      try fixture.git(["repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50"])
    case .idDeltas:
      try fixture.git([
        "-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f", "--depth=50",
      ])
    case .severalPacksAndLoose:
      try fixture.git(["repack", "-q", "-d"])
      try fixture.commit("loose", files: ["propositions/a.md": "a loose version\n"])
    }
    return fixture
  }

  /// Every object of the repository as git reads it: id, kind and bytes.
  static func allObjects(_ fixture: GitFixture) throws -> [(id: String, kind: String, bytes: Data)] {
    let result = try Shell.run(
      Shell.which("git"), ["cat-file", "--batch-all-objects", "--batch"], in: fixture.path,
      environment: GitFixture.environment)
    #expect(result.status == 0)
    var objects: [(String, String, Data)] = []
    let data = result.stdoutData
    var position = data.startIndex
    while position < data.endIndex {
      let newline = try #require(data[position...].firstIndex(of: 0x0A))
      let header = String(decoding: data[position..<newline], as: UTF8.self).split(separator: " ")
      let size = try #require(Int(header[2]))
      let start = newline + 1
      objects.append((String(header[0]), String(header[1]), data[start..<start + size]))
      position = start + size + 1
    }
    return objects
  }

  static func objectFolder(_ fixture: GitFixture) -> String { fixture.path + "/.git/objects" }

  /// The paths of the repository's pack indexes.
  static func indexes(_ fixture: GitFixture) throws -> [String] {
    let folder = objectFolder(fixture) + "/pack"
    return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".idx") }.map {
      folder + "/" + $0
    }
  }

  static func kindName(_ kind: ObjectKind) -> String {
    switch kind {
    case .commit: "commit"
    case .tree: "tree"
    case .blob: "blob"
    case .tag: "tag"
    }
  }

  @Test(arguments: Packing.allCases)
  func readsEveryPackedObjectAsGitDoes(_ packing: Packing) throws {
    let fixture = try Self.packedRepository(packing)
    let objects = try Self.allObjects(fixture)
    let loose = Set(
      try fixture.git(["rev-list", "--objects", "--all", "--unpacked"]).split(separator: "\n").map {
        String($0.prefix(40))
      })
    let reader = try #require(PackReader(objectFolder: Self.objectFolder(fixture)))
    var packed = 0
    // Twice: once rebuilding chains, once from what the first pass kept.
    for pass in 0..<2 {
      for object in objects {
        let id = try #require(ObjectID(hex: object.id))
        #expect(id.hex == object.id)
        guard let read = reader.object(id) else {
          #expect(loose.contains(object.id), "\(object.id) is in a pack but was not read (pass \(pass))")
          continue
        }
        #expect(Self.kindName(read.kind) == object.kind, "\(object.id)")
        #expect(Data(read.buffer.bytes) == object.bytes, "\(object.id) (\(object.kind), pass \(pass))")
        packed += 1
      }
    }
    #expect(packed > 200, "the packs hold the repository's objects")
    let verified = try fixture.git(["verify-pack", "-v"] + Self.indexes(fixture))
    let deltas = verified.split(separator: "\n").filter { $0.split(separator: " ").count >= 7 }.count
    #expect(deltas > 60, "the packs chain deltas")
    if packing == .severalPacksAndLoose { #expect(!loose.isEmpty, "some objects are loose") }
    // The repository reads loose objects through libgit2, packed ones through the reader.
    let repository = try #require(try Repository.discover(from: fixture.path))
    for object in objects where object.kind == "blob" {
      let id = try #require(ObjectID(hex: object.id))
      #expect(try repository.blobData(id) == object.bytes)
    }
  }

  @Test func aSmallBudgetForgetsButStillReadsEverything() throws {
    let fixture = try Self.packedRepository(.offsetDeltas)
    let objects = try Self.allObjects(fixture)
    let reader = try #require(PackReader(objectFolder: Self.objectFolder(fixture), budget: 4096))
    for object in objects.reversed() {
      let id = try #require(ObjectID(hex: object.id))
      let read = try #require(reader.object(id))
      #expect(Data(read.buffer.bytes) == object.bytes)
    }
  }

  @Test func anObjectOfAnotherKindIsAnError() throws {
    let fixture = try Self.packedRepository(.offsetDeltas)
    let repository = try #require(try Repository.discover(from: fixture.path))
    let head = try #require(
      ObjectID(hex: fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .newlines)))
    #expect(throws: GitError.self) { try repository.rawObject(head, kind: .tree) }
    #expect(throws: GitError.self) { try repository.blobData(head) }
  }

  @Test func noPacksMeansNoReader() throws {
    let fixture = try GitFixture()
    try fixture.commit("one", files: ["a.md": "a\n"])
    #expect(PackReader(objectFolder: Self.objectFolder(fixture)) == nil)
    #expect(PackReader(objectFolder: fixture.path + "/missing") == nil)
  }

  /// Damage anywhere in a pack: every read gives git's bytes or nothing (libgit2 then reads
  /// and reports), never other bytes and never a crash.
  @Test func damagedPacksGiveTheRightBytesOrNothing() throws {
    let fixture = try Self.packedRepository(.offsetDeltas)
    let objects = try Self.allObjects(fixture)
    let packFolder = Self.objectFolder(fixture) + "/pack"
    let pack = try #require(
      try FileManager.default.contentsOfDirectory(atPath: packFolder).first { $0.hasSuffix(".pack") })
    let path = packFolder + "/" + pack
    let original = try Shell.contents(of: path)
    chmod(path, 0o644)
    var generator = SplitMix(seed: 3)
    var refused = 0
    for round in 0..<24 {
      var damaged = original
      if round % 4 == 3 {
        damaged = damaged.prefix(Int.random(in: 12..<original.count, using: &generator))
      } else {
        for _ in 0..<(1 + round % 3) {
          let at = Int.random(in: 12..<original.count - 20, using: &generator)
          damaged[at] ^= UInt8.random(in: 1...255, using: &generator)
        }
      }
      try damaged.write(to: URL(fileURLWithPath: path))
      guard let reader = PackReader(objectFolder: Self.objectFolder(fixture)) else {
        refused += 1
        continue
      }
      for object in objects {
        let id = try #require(ObjectID(hex: object.id))
        #expect(id.hex == object.id)
        guard let read = reader.object(id) else { continue }
        if Self.kindName(read.kind) == object.kind {
          #expect(Data(read.buffer.bytes) == object.bytes, "\(object.id) after damage round \(round)")
        }
      }
    }
    #expect(refused < 24, "damaged packs are still opened and read where they are sound")
  }

  /// A pack of one blob whose header claims `size`, with its index, written by hand; the
  /// index may give the blob a 64-bit offset, and name another pack.
  static func handMadePack(
    claiming size: [UInt8], in folder: String, largeOffset: UInt64? = nil, otherPack: Bool = false,
    name: String = "pack-1", idByte: UInt8 = 0x42
  ) throws -> ObjectID {
    var id = git_oid()
    withUnsafeMutableBytes(of: &id.id) { $0[0] = idByte }
    let pack =
      Data("PACK".utf8) + Data([0, 0, 0, 2, 0, 0, 0, 1]) + Data(size) + Data([0x78, 0x9c, 3, 0, 0, 0, 0, 1])
      + Data(repeating: 0, count: 20)
    var index = Data([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2])
    for byte in 0..<256 { index += Data([0, 0, 0, byte >= idByte ? 1 : 0]) }
    index += withUnsafeBytes(of: id.id) { Data($0) } + Data(repeating: 0, count: 4)
    if let largeOffset {
      index += Data([0x80, 0, 0, 0]) + withUnsafeBytes(of: largeOffset.bigEndian) { Data($0) }
    } else {
      index += Data([0, 0, 0, 12])
    }
    index += Data([otherPack ? 1 : 0]) + Data(repeating: 0, count: 39)
    try FileManager.default.createDirectory(atPath: folder + "/pack", withIntermediateDirectories: true)
    try pack.write(to: URL(fileURLWithPath: folder + "/pack/\(name).pack"))
    try index.write(to: URL(fileURLWithPath: folder + "/pack/\(name).idx"))
    return ObjectID(id)
  }

  @Test func aClaimedSizeBeyondTheDataIsRefused() throws {
    let folder = try TemporaryFolder()
    // A blob (type 3) of 2^55 bytes, then of 4 bytes where the stream holds none.
    let absurd = try Self.handMadePack(
      claiming: [0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], in: folder.path + "/a")
    #expect(PackReader(objectFolder: folder.path + "/a")?.object(absurd) == nil)
    let short = try Self.handMadePack(claiming: [0x34], in: folder.path + "/b")
    #expect(PackReader(objectFolder: folder.path + "/b")?.object(short) == nil)
    let empty = try Self.handMadePack(claiming: [0x30], in: folder.path + "/c")
    #expect(PackReader(objectFolder: folder.path + "/c")?.object(empty)?.buffer.count == 0)
    // The same blob through a 64-bit offset, right and wrong.
    let far = try Self.handMadePack(claiming: [0x30], in: folder.path + "/d", largeOffset: 12)
    #expect(PackReader(objectFolder: folder.path + "/d")?.object(far)?.buffer.count == 0)
    // An offset beyond its pack, which as a cache key names the second pack's first object:
    // that object, once read and kept, must not be what the first pack's id gets.
    let kept = try Self.handMadePack(claiming: [0x30], in: folder.path + "/e", name: "pack-old", idByte: 0x10)
    let beyond = try Self.handMadePack(
      claiming: [0x30], in: folder.path + "/e", largeOffset: 1 << 48 | 12, name: "pack-new")
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
      ofItemAtPath: folder.path + "/e/pack/pack-old.pack")
    let reader = try #require(PackReader(objectFolder: folder.path + "/e"))
    #expect(reader.object(kept)?.buffer.count == 0)
    #expect(reader.object(beyond) == nil)
  }

  @Test func anIndexOfAnotherPackIsNotUsed() throws {
    let folder = try TemporaryFolder()
    _ = try Self.handMadePack(claiming: [0x30], in: folder.path, otherPack: true)
    #expect(PackReader(objectFolder: folder.path) == nil)
  }

  /// A delta in git's format built by hand.
  static func delta(source: Int, target: Int, _ operations: [UInt8]) -> [UInt8] {
    func size(_ value: Int) -> [UInt8] {
      var value = value
      var bytes: [UInt8] = []
      repeat {
        var byte = UInt8(value & 0x7f)
        value >>= 7
        if value > 0 { byte |= 0x80 }
        bytes.append(byte)
      } while value > 0
      return bytes
    }
    return size(source) + size(target) + operations
  }

  static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    delta.withUnsafeBytes { delta in
      base.withUnsafeBytes { base in PackReader.apply(delta, to: base).map { Array($0.bytes) } }
    }
  }

  @Test func appliesCopiesAndInsertions() {
    let base = Array("the quick brown fox".utf8)
    // Copy 4 bytes from offset 4 ("quick "), insert "red ", copy "fox" from 16.
    let delta = Self.delta(
      source: base.count, target: 13,
      [0x91, 4, 6, 4] + Array("red ".utf8) + [0x91, 16, 3])
    #expect(Self.apply(delta, to: base).map { String(decoding: $0, as: UTF8.self) } == "quick red fox")
    // A copy of size 0 means 65,536 bytes.
    let large = [UInt8](repeating: 7, count: 70_000)
    #expect(Self.apply(Self.delta(source: large.count, target: 65_536, [0x80]), to: large)?.count == 65_536)
  }

  @Test(arguments: [
    ("wrong source size", [UInt8]([5, 3, 0x91, 0, 3])),
    ("copy past the base", [19, 3, 0x91, 18, 3]),
    ("result longer than declared", [19, 2, 0x91, 0, 3]),
    ("result shorter than declared", [19, 9, 0x91, 0, 3]),
    ("reserved operation 0", [19, 3, 0]),
    ("insertion past the delta", [19, 5, 5, 0x41]),
    ("copy arguments cut off", [19, 3, 0x91, 0]),
    ("size never ends", [0x80, 0x80, 0x80]),
    ("absurd result size", [19, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x91, 0, 3]),
    ("result larger than the delta can make", [19, 0x80, 0x80, 0x40, 0x91, 0, 3]),
  ])
  func refusesDamagedDeltas(_ name: String, _ delta: [UInt8]) {
    #expect(Self.apply(delta, to: Array("the quick brown fox".utf8)) == nil, "\(name)")
  }

  /// Random well-formed deltas rebuild exactly what they describe; with one byte changed,
  /// they give nothing or a result of the size their header declares, never a crash.
  @Test func randomDeltasRebuildWhatTheyDescribe() {
    var generator = SplitMix(seed: 9)
    let base = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    var refused = 0
    for round in 0..<2000 {
      var operations: [UInt8] = []
      var expected: [UInt8] = []
      for _ in 0..<Int.random(in: 0..<8, using: &generator) {
        if Bool.random(using: &generator) {
          // Copy: two offset bytes, one or two length bytes.
          let from = Int.random(in: 0..<base.count, using: &generator)
          let length = Int.random(in: 1...(base.count - from), using: &generator)
          var operation: UInt8 = 0x80 | 0x01 | 0x02 | 0x10
          var arguments = [UInt8(from & 0xff), UInt8(from >> 8), UInt8(length & 0xff)]
          if length > 255 {
            operation |= 0x20
            arguments.append(UInt8(length >> 8))
          }
          operations += [operation] + arguments
          expected += base[from..<from + length]
        } else {
          let inserted = (0..<Int.random(in: 1...127, using: &generator)).map { _ in
            UInt8.random(in: 0...255, using: &generator)
          }
          operations += [UInt8(inserted.count)] + inserted
          expected += inserted
        }
      }
      let delta = Self.delta(source: base.count, target: expected.count, operations)
      #expect(Self.apply(delta, to: base) == expected, "round \(round)")
      var damaged = delta
      damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(
        in: 0...255, using: &generator)
      if let result = Self.apply(damaged, to: base) {
        #expect(result.count == Self.declaredTarget(damaged), "round \(round)")
      } else {
        refused += 1
      }
    }
    #expect(refused > 100, "damaged deltas refused: \(refused)")
  }

  /// The result size a delta's header declares (its second number).
  static func declaredTarget(_ delta: [UInt8]) -> Int {
    var position = 0
    func number() -> Int {
      var value = 0
      var shift = 0
      while position < delta.count {
        let byte = delta[position]
        position += 1
        value |= Int(byte & 0x7f) << shift
        if byte & 0x80 == 0 { break }
        shift += 7
      }
      return value
    }
    _ = number()
    return number()
  }
}
