import Foundation
import GitKit
import TestSupport
import Testing

/// GitKit's file reader, which every file read of valprop goes through.
@Suite struct FileBytesTests {
  @Test func readsWholeFilesOfEverySize() throws {
    let folder = try TemporaryFolder()
    for size in [0, 1, 4_095, 65_536, 200_001] {
      let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
      try folder.write("f\(size)", bytes)
      #expect(try FileBytes.read(folder.path + "/f\(size)") == bytes, "\(size) bytes")
    }
    #expect(try FileBytes.read(folder.path + "/missing") == nil)
    #expect(throws: FileBytes.Failure.self) { try FileBytes.readExisting(folder.path + "/missing") }
  }

  @Test func refusesWhatIsNoRegularFileAtOnce() throws {
    let folder = try TemporaryFolder()
    #expect(mkfifo(folder.path + "/fifo", 0o644) == 0)
    try FileManager.default.createDirectory(atPath: folder.path + "/dir", withIntermediateDirectories: true)
    try folder.write("target", "words\n")
    #expect(symlink(folder.path + "/target", folder.path + "/link") == 0)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      // A FIFO with no writer: opening it to read would wait for ever.
      #expect(throws: FileBytes.Failure.self) { try FileBytes.read(folder.path + "/fifo") }
    }
    #expect(elapsed < TimeBound.seconds(5))
    #expect(FileBytes.readIfPresent(folder.path + "/fifo") == nil)
    #expect(throws: FileBytes.Failure.self) { try FileBytes.read(folder.path + "/dir") }
    #expect(throws: FileBytes.Failure.self) { try FileBytes.read(folder.path + "/link", followLinks: false) }
    #expect(try FileBytes.read(folder.path + "/link") == Data("words\n".utf8))
  }
}
