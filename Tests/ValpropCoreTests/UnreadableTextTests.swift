import Foundation
import Testing

@testable import ValpropCore

/// Why bytes are not text valprop reads, as a typed reason each caller can act on.
@Suite struct UnreadableTextTests {
  /// Bytes, and why they are not text: made afresh for each use, since LeakSanitizer counts
  /// a static array of them (a 2 MB buffer among them) as leaked.
  static var unreadable: [(Data, UnreadableText)] {
    var cases: [(Data, UnreadableText)] = [
      (Data("  \n\t\r\n".utf8), UnreadableText.empty),
      (Data("# Title\n\nok\u{0}\n".utf8), .binary(line: 3)),
      (Data("# Title\nline two\n".utf8) + Data([0x63, 0x61, 0x66, 0xE9, 0x0A]), .notUTF8(line: 3)),
      (
        Data(repeating: 0x61, count: SourceText.maximumSize + 1), .tooLarge(bytes: SourceText.maximumSize + 1)
      ),
    ]
    cases.append((Data(), .empty))
    cases.append((Data([0x00, 0x0A, 0x61]), .binary(line: 1)))
    // Slices of larger buffers: their bytes are read from where the slice starts.
    let withNUL = Data("\u{0}\n\u{0}# T\n\nx\u{0}".utf8)
    cases.append((withNUL.dropFirst(3), .binary(line: 3)))
    let notUTF8 = Data("\u{0}# T\n".utf8).dropFirst(1) + Data([0xFF])
    cases.append((notUTF8, .notUTF8(line: 2)))
    return cases
  }

  @Test(arguments: unreadable)
  func eachReasonIsTyped(bytes: Data, reason: UnreadableText) throws {
    #expect(throws: reason) { try SourceText.text(of: bytes) }
    // Proposition readers get the same reason as a located error with its hint.
    let error = try #require(throws: ValpropError.self) { try SourceText.decode(bytes, path: "p/x.md") }
    #expect(
      error
        == .invalidProposition(reason.location(path: "p/x.md"), problem: reason.problem, hint: reason.hint))
  }

  @Test func aByteOrderMarkIsDroppedAndTextKept() throws {
    #expect(try SourceText.text(of: Data([0xEF, 0xBB, 0xBF]) + Data("# Café\n".utf8)) == "# Café\n")
  }

  /// The config treats an empty file as the defaults and every other reason as a config error.
  @Test func anEmptyConfigIsTheDefaultsAndABinaryOneAnError() throws {
    #expect(try WorkspaceConfig(data: Data("\n\n".utf8)) == WorkspaceConfig())
    let error = try #require(throws: ValpropError.self) {
      try WorkspaceConfig(data: Data("directory: x\n\u{0}\n".utf8))
    }
    #expect(
      error
        == .invalidConfig(
          SourceLocation(path: ".valprop.yml", line: 2), problem: UnreadableText.binary(line: 2).problem,
          hint: UnreadableText.binary(line: 2).hint))
  }
}
