import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the running valprop binary is: what the installed hooks call, and what the score
/// cache is keyed by (`RevisionScores`).
public enum RunningExecutable {
  /// Its absolute path: `/proc/self/exe` resolved where there is one (Linux), else the
  /// command's own name when it is absolute; nil otherwise (the hooks then call `valprop`
  /// from the PATH). Foundation's `Bundle.main` is not asked: on Linux its first use builds
  /// the whole bundle, 12 M instructions (3.5% of a warm `list`; docs/performance.md,
  /// session 17), for a path the kernel gives in one call.
  public static let path: String? = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if length > 0, length < buffer.count - 1 {
      return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    let first = CommandLine.arguments.first ?? ""
    return first.hasPrefix("/") ? first : nil
  }()
}
