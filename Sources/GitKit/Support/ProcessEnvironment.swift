import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's environment variables, read from the C library's `environ` with the answers
/// `ProcessInfo.processInfo.environment` gives, at a fraction of the cost.
///
/// Foundation builds its dictionary by splitting each `NAME=value` entry on the first "="
/// Character, breaking every value (a long `PATH`, `LS_COLORS`) into grapheme clusters: 1.4 M
/// instructions of a warm `list`'s 88 M went there, on the thread every command waits for,
/// and each `environment[...]` lookup built the whole dictionary again (docs/performance.md,
/// session 32). Here an entry is split on its first "=" byte, which is the first "=" Character
/// whenever the bytes either side are ASCII (no Unicode rule then joins the "=" to a
/// neighbour); an entry where they are not is split by Character, as Foundation splits it.
public enum ProcessEnvironment {
  /// Every variable, as `ProcessInfo.processInfo.environment` has them: an entry without "="
  /// is left out, and of two entries with the same name the later wins.
  /// Elsewhere than glibc, Foundation's own dictionary.
  public static func current() -> [String: String] {
    #if canImport(Glibc)
      var variables: [String: String] = [:]
      let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
      guard var entry = table else { return variables }
      while let text = entry.pointee {
        if let (name, value) = split(text) {
          variables[name] = value
        }
        entry += 1
      }
      return variables
    #else
      return ProcessInfo.processInfo.environment
    #endif
  }

  /// The value of one variable, or nil when it is not set; `getenv`'s answer, without making
  /// a dictionary of them all.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// One entry's name and value, split where Foundation splits it; nil without "=".
  static func split(_ text: UnsafePointer<CChar>) -> (name: String, value: String)? {
    let bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
    guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
    let before = equals == 0 || bytes[equals - 1] < 0x80
    let after = equals + 1 == bytes.count || bytes[equals + 1] < 0x80
    guard before && after else { return splitByCharacter(String(decoding: bytes, as: UTF8.self)) }
    return (
      String(decoding: bytes[..<equals], as: UTF8.self),
      String(decoding: bytes[(equals + 1)...], as: UTF8.self)
    )
  }

  /// An entry split on its first "=" Character, as Foundation splits every entry: the path
  /// for an "=" with other than ASCII beside it, and the reference the byte path is tested
  /// against.
  static func splitByCharacter(_ text: String) -> (name: String, value: String)? {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
  }
}
