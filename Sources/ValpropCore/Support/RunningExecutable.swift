import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the running valprop binary is: what the installed hooks call, and what the score
/// cache is keyed by (`RevisionScores`).
public enum RunningExecutable {
  /// Its absolute path: `/proc/self/exe` resolved where there is one (Linux), else
  /// Foundation's `Bundle.main`, else the command's own name when it is absolute. On Linux
  /// `Bundle.main` first builds Foundation's whole bundle, 12 M instructions (3.5% of a warm
  /// `list`; docs/performance.md, session 17), for a path the kernel gives in one call.
  public static let path: String? = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if length > 0 {
      return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    if let bundled = Bundle.main.executablePath { return bundled }
    let first = CommandLine.arguments.first ?? ""
    return first.hasPrefix("/") ? first : nil
  }()
}
