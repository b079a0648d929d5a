import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// valprop's SHA-256, which names the report's script in its Content-Security-Policy.
@Suite struct SHA256Tests {
  static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

  @Test func matchesTheStandardsVectors() {
    #expect(Self.hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      Self.hex(SHA256.digest(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Self.hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.base64Digest(of: "abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
  }

  /// Lengths around the padding boundaries (55, 56, 63, 64 bytes) and a long text, against
  /// the system's sha256sum.
  @Test func agreesWithSha256sumAtEveryPaddingBoundary() throws {
    let folder = try TemporaryFolder()
    for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 70_000] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      try folder.write("input", Data(bytes))
      let result = try Shell.run(Shell.which("sha256sum"), [folder.path + "/input"], in: folder.path)
      #expect(result.status == 0, "\(result)")
      #expect(Self.hex(SHA256.digest(bytes)) == String(result.stdout.prefix(64)), "length \(length)")
    }
  }
}
