import Foundation

/// The modification and status-change times of a `stat` result, which Linux names `st_mtim`
/// and `st_ctim` and Darwin names `st_mtimespec` and `st_ctimespec`.
extension stat {
  /// When the file's contents last changed.
  public var modificationTime: timespec {
    #if canImport(Darwin)
      st_mtimespec
    #else
      st_mtim
    #endif
  }

  /// When the file's contents or metadata (permissions, links) last changed.
  public var statusChangeTime: timespec {
    #if canImport(Darwin)
      st_ctimespec
    #else
      st_ctim
    #endif
  }
}
