import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif

/// The files of a report, and writing them as one folder all at once.
///
/// The site is written into a new folder beside the target and then renamed into place, so
/// the target holds either the previous report or the whole new one, never half a site. A
/// report folder carries a marker file; a folder that exists, is not empty and has no marker
/// is refused rather than replaced, so `--output` pointed at the wrong folder loses nothing.
public struct ReportSite: Sendable {
  /// The marker file's name, in the site's top folder.
  public static let marker = ".valprop-report"

  /// The files, by path relative to the site's folder, with their text.
  public var files: [String: String]

  /// A site of these files.
  public init(files: [String: String]) {
    self.files = files
  }

  /// Writes the site to `folder` (an absolute path), replacing a previous report there.
  public func write(to folder: String) throws {
    try ReportSite.write(to: folder) { staging in
      for (path, text) in files { try staging.write(path, text) }
    }
  }

  /// The new folder a site is written into before it replaces the target: `fill` writes the
  /// files into it, from any number of threads at once.
  public struct Staging: Sendable {
    /// The staging folder's absolute path.
    public let path: String

    /// Writes one file of the site, `relative` to the site's folder, creating its folder.
    public func write(_ relative: String, _ text: String) throws {
      let file = path + "/" + relative
      if relative.contains("/") {
        try FileManager.default.createDirectory(
          atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      }
      try ReportSite.writeNew(file, text)
    }
  }

  /// Writes a site to `folder` (an absolute path), replacing a previous report there, with
  /// the files `fill` writes into the staging folder: the pages go to the disk as they are
  /// rendered instead of all being held until the end. The target is checked before `fill`
  /// runs, so a refused folder costs no rendering.
  public static func write(to folder: String, filling fill: (Staging) throws -> Void) throws {
    let manager = FileManager.default
    let target = (folder as NSString).standardizingPath
    let parent = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    var isFolder: ObjCBool = false
    let exists = manager.fileExists(atPath: target, isDirectory: &isFolder)
    if exists && !isFolder.boolValue {
      throw ValpropError.refused(
        problem: "\(folder) is a file, not a folder", hint: "give --output a folder for the report")
    }
    if exists {
      let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? []
      if !contents.isEmpty && !contents.contains(ReportSite.marker) {
        throw ValpropError.refused(
          problem:
            "\(folder) is not empty and does not hold a valprop report (it has no \(ReportSite.marker) file)",
          hint:
            "give --output an empty or new folder; valprop replaces only a folder holding an earlier report")
      }
    }
    do {
      try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw ValpropError.fileSystem(path: parent, problem: "cannot be created: \(error.localizedDescription)")
    }
    ReportSite.removeAbandonedStaging(in: parent, name: name)
    let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let staging = parent + "/.\(name).new-\(suffix)"
    do {
      try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
      try fill(Staging(path: staging))
      try ReportSite.writeNew(
        staging + "/" + ReportSite.marker,
        "This folder is a report written by valprop report; valprop replaces it as a whole.\n")
      if exists {
        let old = parent + "/.\(name).old-\(suffix)"
        try manager.moveItem(atPath: target, toPath: old)
        do {
          try manager.moveItem(atPath: staging, toPath: target)
        } catch {
          try? manager.moveItem(atPath: old, toPath: target)
          throw error
        }
        try? manager.removeItem(atPath: old)
      } else {
        try manager.moveItem(atPath: staging, toPath: target)
      }
    } catch let error as ValpropError {
      try? manager.removeItem(atPath: staging)
      throw error
    } catch {
      try? manager.removeItem(atPath: staging)
      throw ValpropError.fileSystem(
        path: folder, problem: "the report cannot be written: \(error.localizedDescription)")
    }
  }

  /// Removes the staging folders of runs that were killed (`.<name>.new-<pid>-<n>` beside
  /// the target, whose process is gone): they hold part of a site and nothing else. A
  /// folder whose process still runs, or with another name, is left alone, and so is a
  /// `.old-` folder, which can hold the only copy of the previous report.
  static func removeAbandonedStaging(in parent: String, name: String) {
    let prefix = ".\(name).new-"
    let manager = FileManager.default
    for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
      let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? manager.removeItem(atPath: parent + "/" + entry)
    }
  }

  /// Writes a new file in the staging folder. Not flushed to disk one by one (thousands of
  /// pages would each wait for the disk): the site is rebuilt whole by the next run.
  static func writeNew(_ path: String, _ text: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    var text = text
    try text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        offset += written
      }
    }
  }
}
