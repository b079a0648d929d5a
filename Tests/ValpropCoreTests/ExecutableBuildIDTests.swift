import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// The caches name the binary that wrote them by its GNU build ID: the one `readelf` shows,
/// the same for a copy elsewhere, and none for a file that is not an ELF executable.
@Suite struct ExecutableBuildIDTests {
  @Test func readsTheBuildIDReadelfShows() throws {
    let executable = try #require(Bundle.main.executablePath)
    let readelf = try Shell.run(Shell.which("readelf"), ["-n", executable])
    #expect(readelf.status == 0, "\(readelf)")
    let line = try #require(
      readelf.stdout.split(separator: "\n").first { $0.contains("Build ID:") }, "no build ID: \(readelf)")
    let expected = line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
    #expect(ExecutableBuildID.read(executable) == expected)
    #expect(RevisionScores.binaryIdentity() == "build-id " + expected)

    // A copy (another inode, another time) is the same build.
    let folder = try TemporaryFolder()
    let copy = folder.path + "/copy"
    try FileManager.default.copyItem(atPath: executable, toPath: copy)
    #expect(ExecutableBuildID.read(copy) == expected)
  }

  @Test func noBuildIDInWhatIsNotAnELFFileWithOne() throws {
    let folder = try TemporaryFolder()
    for (name, bytes) in [
      ("text", Array("#!/bin/sh\necho hi\n".utf8)), ("empty", []),
      ("short", [0x7F, 0x45, 0x4C, 0x46, 2, 1]),
      ("header only", [0x7F, 0x45, 0x4C, 0x46, 2, 1] + [UInt8](repeating: 0, count: 58)),
    ] as [(String, [UInt8])] {
      try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/" + name))
      #expect(ExecutableBuildID.read(folder.path + "/" + name) == nil, "\(name)")
    }
    #expect(ExecutableBuildID.read(folder.path + "/missing") == nil)
  }

  @Test func findsTheGNUNoteAmongOthers() {
    func note(_ name: [UInt8], type: UInt32, _ description: [UInt8]) -> [UInt8] {
      func word(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
      func pad(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
      }
      return word(name.count) + word(description.count) + word(Int(type)) + pad(name) + pad(description)
    }
    let gnu: [UInt8] = [0x47, 0x4E, 0x55, 0x00]
    let other = note(Array("Go\0".utf8), type: 4, [1, 2, 3, 4, 5])
    let abi = note(gnu, type: 1, [0, 0, 0, 0, 3, 0, 0, 0])
    let id = note(gnu, type: 3, [0xAB, 0x01, 0xFF])
    #expect(ExecutableBuildID.buildID(inNotes: other + abi + id) == "ab01ff")
    #expect(ExecutableBuildID.buildID(inNotes: other + abi) == nil)
    // A note claiming more than there is ends the search.
    #expect(ExecutableBuildID.buildID(inNotes: Array((other + id).dropLast(2))) == nil)
  }
}
