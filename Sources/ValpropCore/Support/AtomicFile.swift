import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a reader, or a crash, sees the old content or the new, never a part:
/// the bytes go to a temporary file in the same folder, are flushed to disk (unless the file
/// is a cache), then take the file's name in one step.
public enum AtomicFile {
  /// Creates a file that must not exist yet; throws `ValpropError.fileExists` without
  /// touching an existing file, even one created meanwhile by someone else.
  public static func create(_ path: String, contents: Data, displayPath: String) throws {
    let temporary = try writeTemporary(near: path, contents: contents, displayPath: displayPath)
    defer { unlink(temporary) }
    // link(2) fails with EEXIST instead of replacing: the check and the write are one step.
    if link(temporary, path) != 0 {
      let code = errno
      if code == EEXIST {
        throw ValpropError.fileExists(path: displayPath)
      }
      throw ValpropError.fileSystem(
        path: displayPath, problem: "cannot be created (\(String(cString: strerror(code))))")
    }
    syncFolder(of: path)
  }

  /// Replaces a file's content in one step, keeping its permissions. `durable` flushes the
  /// new content and the folder to disk first; caches, which are checked on reading and
  /// rebuilt when damaged, skip it (a flush costs milliseconds on many disks).
  public static func replace(_ path: String, contents: Data, displayPath: String, durable: Bool = true) throws
  {
    try prepare(path, contents: contents, displayPath: displayPath, durable: durable).install()
  }

  /// A new content written and flushed beside its file, waiting to take the file's place:
  /// what can fail for lack of space fails before `install`, which only renames.
  public struct PreparedReplacement {
    let path: String
    let temporary: String
    let displayPath: String
    let durable: Bool

    /// Puts the new content in place in one step.
    public func install() throws {
      if rename(temporary, path) != 0 {
        let code = errno
        unlink(temporary)
        throw ValpropError.fileSystem(
          path: displayPath, problem: "cannot be replaced (\(String(cString: strerror(code))))")
      }
      if durable { AtomicFile.syncFolder(of: path) }
    }

    /// Drops the new content; the file stays as it was.
    public func discard() {
      unlink(temporary)
    }
  }

  /// Writes a file's new content beside it (keeping its permissions), ready to `install`.
  public static func prepare(_ path: String, contents: Data, displayPath: String, durable: Bool = true) throws
    -> PreparedReplacement
  {
    var info = stat()
    let mode: mode_t? = stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    let temporary = try writeTemporary(
      near: path, contents: contents, displayPath: displayPath, durable: durable)
    if let mode { chmod(temporary, mode) }
    return PreparedReplacement(path: path, temporary: temporary, displayPath: displayPath, durable: durable)
  }

  /// Writes and flushes a temporary file next to `path`; returns its path.
  private static func writeTemporary(
    near path: String, contents: Data, displayPath: String, durable: Bool = true
  ) throws -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    removeAbandonedTemporaries(of: name, in: folder)
    let temporary = folder + "/.\(name).valprop-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw ValpropError.fileSystem(
        path: displayPath, problem: "cannot write next to it (\(String(cString: strerror(errno))))")
    }
    var failure: Int32 = 0
    contents.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == 0 && durable && fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    if failure != 0 {
      unlink(temporary)
      throw ValpropError.fileSystem(
        path: displayPath, problem: "cannot be written (\(String(cString: strerror(failure))))")
    }
    return temporary
  }

  /// Removes the temporary files a killed writer of the same file left behind: those named
  /// `.<name>.valprop-<pid>-<n>.tmp` whose process no longer runs.
  static func removeAbandonedTemporaries(of name: String, in folder: String) {
    let prefix = ".\(name).valprop-"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
      let pidText = entry.dropFirst(prefix.count).prefix { $0.isNumber }
      guard let pid = Int32(pidText), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
    }
  }

  /// Flushes a folder so that a new name in it survives a crash.
  static func syncFolder(of path: String) {
    let descriptor = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}
