import Foundation

/// Encodes the JSON output of commands: pretty-printed, keys sorted, slashes unescaped,
/// ending with a newline.
enum JSON {
  /// The JSON text of a value.
  static func encode<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
