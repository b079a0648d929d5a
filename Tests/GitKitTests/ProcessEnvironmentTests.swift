import Foundation
import TestSupport
import Testing

@testable import GitKit

/// valprop reads its environment without Foundation's dictionary; the answers must be
/// Foundation's.
@Suite struct ProcessEnvironmentTests {
  /// This test process's whole environment, read both ways.
  @Test func currentIsFoundationsDictionary() {
    #expect(ProcessEnvironment.current() == ProcessInfo.processInfo.environment)
  }

  /// Each variable one by one, and one that is not set.
  @Test func valueIsTheVariablesValue() {
    for (name, value) in ProcessInfo.processInfo.environment {
      #expect(ProcessEnvironment.value(name) == value, "\(name)")
    }
    #expect(ProcessEnvironment.value("VALPROP_TEST_NEVER_SET_\(UUID().uuidString)") == nil)
  }

  /// Entries split on bytes answer as entries split on Characters, as Foundation splits them:
  /// "=" at either end, twice, beside combining marks and prepended characters (which join
  /// the "=" into one Character), beside other UTF-8 and beside bytes that are not UTF-8.
  @Test func entriesSplitAsFoundationSplitsThem() {
    var generator = SplitMix(seed: 32)
    let pieces: [[UInt8]] = [
      Array("=".utf8), Array("a".utf8), Array("PATH".utf8), Array("/usr/bin:".utf8), Array(" ".utf8),
      Array("\u{301}".utf8), Array("\u{600}".utf8), Array("é".utf8), Array("価".utf8), Array("\u{200D}".utf8),
      [0xC3], [0xFF], [0x80], Array("\r".utf8), Array("\n".utf8),
    ]
    var checked = 0
    var byCharacter = 0
    for _ in 0..<5_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...6, using: &generator) {
        bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
      }
      let expected = ProcessEnvironment.splitByCharacter(String(decoding: bytes, as: UTF8.self))
      let split = Self.split(bytes)
      #expect(split?.name == expected?.name && split?.value == expected?.value, "\(bytes)")
      if expected != nil { checked += 1 }
      if let equals = bytes.firstIndex(of: UInt8(ascii: "=")),
        bytes[max(equals - 1, 0)] >= 0x80 || bytes[min(equals + 1, bytes.count - 1)] >= 0x80
      {
        byCharacter += 1
      }
    }
    // Both paths ran often: entries with an "=", and "=" beside other bytes than ASCII.
    #expect(checked > 500 && byCharacter > 100, "\(checked) \(byCharacter)")
  }

  /// The Character split is Foundation's own: an "=" followed by a combining mark is no "=".
  @Test func anEqualsSignJoinedToAMarkIsNoSeparator() {
    #expect(ProcessEnvironment.splitByCharacter("A=\u{301}B=C")?.name == "A=\u{301}B")
    let split = Self.split(Array("A=\u{301}B=C".utf8))
    #expect(split?.name == "A=\u{301}B" && split?.value == "C")
    #expect(ProcessEnvironment.splitByCharacter("NO_EQUALS") == nil)
  }

  /// `ProcessEnvironment.split` of these bytes, as an entry of `environ` holds them.
  static func split(_ bytes: [UInt8]) -> (name: String, value: String)? {
    (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
      ProcessEnvironment.split($0.baseAddress!)
    }
  }
}
