import Foundation

/// Reads whole files with open(2) and read(2).
///
/// Foundation's readers (`Data(contentsOf:)`, `FileManager.contents(atPath:)`) leak a 4 KiB
/// buffer for every empty file they read on Linux, which LeakSanitizer reports; and they
/// cannot refuse to follow a symbolic link.
public enum FileBytes {
  /// Why a file could not be read: the system's message (`Permission denied`, …).
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// The path asked for.
    public let path: String
    /// `errno` after the failing call.
    public let code: Int32
    /// The system's message for `code`.
    public var description: String { String(cString: strerror(code)) }
  }

  /// The bytes of the regular file at `path`; nil when there is no such file. With
  /// `followLinks` false, a final symbolic link is not followed: reading one fails (`ELOOP`).
  /// Anything but a regular file (a FIFO, a device, a folder) fails at once (`EINVAL`),
  /// instead of blocking or reading without end.
  public static func read(_ path: String, followLinks: Bool = true) throws -> Data? {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer. Regular files ignore it.
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else {
      if errno == ENOENT { return nil }
      throw Failure(path: path, code: errno)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Failure(path: path, code: errno) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(path: path, code: EINVAL) }
    // Room for the size fstat reports plus one byte, so one read usually finds the end; the
    // buffer grows if the file grew meanwhile.
    let expected = max(Int(info.st_size), 0)
    var data = Data(count: expected + 1)
    var total = 0
    while true {
      if total == data.count { data.count = data.count * 2 }
      let count = data.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, code: errno)
      }
      if count == 0 { break }
      total += count
    }
    data.count = total
    return data
  }

  /// The bytes of a file that must exist: a missing one fails like an unreadable one.
  public static func readExisting(_ path: String, followLinks: Bool = true) throws -> Data {
    guard let data = try read(path, followLinks: followLinks) else { throw Failure(path: path, code: ENOENT) }
    return data
  }

  /// The bytes of a file, or nil when it is missing or unreadable: for caches and
  /// comparisons, where an unreadable file counts as absent.
  public static func readIfPresent(_ path: String) -> Data? {
    (try? read(path)) ?? nil
  }
}

/// read(2), named apart from the many `read` methods in scope.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
  #else
    return Darwin.read(descriptor, buffer, count)
  #endif
}
