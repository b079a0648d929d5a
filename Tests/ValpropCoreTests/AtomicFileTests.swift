import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Atomic writes leave the old file or the new one, and clean up after killed writers.
@Suite struct AtomicFileTests {
  @Test func replaceSwapsTheWholeFileAndKeepsItsMode() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "old\n")
    chmod(folder.path + "/a.md", 0o640)
    try AtomicFile.replace(folder.path + "/a.md", contents: Data("new\n".utf8), displayPath: "a.md")
    #expect(folder.read("a.md") == "new\n")
    let mode =
      (try FileManager.default.attributesOfItem(atPath: folder.path + "/a.md")[.posixPermissions] as? Int)
    #expect(mode == 0o640)
    #expect(folder.listing() == ["a.md"], "no temporary file is left")
  }

  @Test func createNeverOverwrites() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "mine\n")
    #expect(throws: ValpropError.self) {
      try AtomicFile.create(folder.path + "/a.md", contents: Data("theirs\n".utf8), displayPath: "a.md")
    }
    #expect(folder.read("a.md") == "mine\n")
    #expect(folder.listing() == ["a.md"])
  }

  @Test func temporariesOfDeadWritersAreRemovedOthersKept() throws {
    let folder = try TemporaryFolder()
    // A process that has certainly ended: its pid names an abandoned temporary file.
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let dead = finished.processIdentifier
    try folder.write(".a.md.valprop-\(dead)-1.tmp", "cut off\n")
    try folder.write(".a.md.valprop-\(getpid())-2.tmp", "ours, in progress\n")
    try folder.write(".b.md.valprop-\(dead)-3.tmp", "another file's\n")
    try AtomicFile.replace(folder.path + "/a.md", contents: Data("new\n".utf8), displayPath: "a.md")
    #expect(folder.listing() == [".a.md.valprop-\(getpid())-2.tmp", ".b.md.valprop-\(dead)-3.tmp", "a.md"])
  }
}
