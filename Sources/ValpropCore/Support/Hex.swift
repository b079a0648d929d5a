/// Bytes written as lowercase hexadecimal, two digits a byte: cache keys and build IDs.
enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  /// The bytes in hex.
  static func string(_ bytes: some Collection<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
