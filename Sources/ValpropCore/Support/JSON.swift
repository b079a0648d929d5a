import Foundation

/// Encodes the JSON output of commands and renderers: pretty-printed, keys sorted, slashes
/// unescaped, ending with a newline (one setup for every JSON valprop writes).
public enum JSON {
  /// The JSON text of a value.
  public static func encode<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
