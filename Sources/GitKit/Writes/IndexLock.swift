import CLibGit2
import Foundation

/// Proof that the index lock is held, and what may be done while holding it.
public struct IndexLock {
  let repository: Repository

  /// Stages the work tree's version of some files (as `git add` would), leaving every other
  /// entry as it is: the current index is read fresh from disk, updated, written to a new
  /// file, and renamed over the index, as git itself does.
  public func stage(_ paths: [String]) throws {
    guard let root = repository.workingDirectory else { return }
    let indexPath = repository.gitDirectory + "/index"
    let scratch = repository.gitDirectory + "/valprop-index-\(getpid())"
    // Under the lock no other valprop is staging: any scratch index left is a killed run's.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: repository.gitDirectory)) ?? []
    where name.hasPrefix("valprop-index-") {
      unlink(repository.gitDirectory + "/" + name)
    }
    defer { unlink(scratch) }
    if FileManager.default.fileExists(atPath: indexPath) {
      do {
        try FileManager.default.copyItem(atPath: indexPath, toPath: scratch)
      } catch {
        throw GitError(operation: "cannot copy the index", message: error.localizedDescription)
      }
    }
    var index: OpaquePointer?
    try check(git_index_open(&index, scratch), "cannot read the index")
    defer { git_index_free(index) }
    try check(git_index_read(index, 1), "cannot read the index")
    for path in paths {
      var info = stat()
      guard lstat(root + "/" + path, &info) == 0 else {
        throw GitError(operation: "cannot stat \(path)", message: String(cString: strerror(errno)))
      }
      // A file that cannot be read is an error, never an empty blob in the index.
      let data: Data
      do {
        data = try FileBytes.readExisting(root + "/" + path, followLinks: false)
      } catch {
        throw GitError(operation: "cannot read \(path) to stage it", message: "\(error)")
      }
      var blob = git_oid()
      try check(
        data.withUnsafeBytes {
          git_blob_create_from_buffer(&blob, repository.pointer, $0.baseAddress, $0.count)
        },
        "cannot store \(path)")
      var entry = git_index_entry()
      entry.ctime = git_index_time(
        seconds: Int32(truncatingIfNeeded: info.statusChangeTime.tv_sec),
        nanoseconds: UInt32(info.statusChangeTime.tv_nsec))
      entry.mtime = git_index_time(
        seconds: Int32(truncatingIfNeeded: info.modificationTime.tv_sec),
        nanoseconds: UInt32(info.modificationTime.tv_nsec))
      entry.dev = UInt32(truncatingIfNeeded: info.st_dev)
      entry.ino = UInt32(truncatingIfNeeded: info.st_ino)
      entry.mode =
        (info.st_mode & 0o111) != 0 ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
      entry.uid = info.st_uid
      entry.gid = info.st_gid
      entry.file_size = UInt32(truncatingIfNeeded: info.st_size)
      entry.id = blob
      let result = path.withCString { pathPointer -> Int32 in
        entry.path = pathPointer
        return git_index_add(index, &entry)
      }
      try check(result, "cannot stage \(path)")
    }
    try check(git_index_write(index), "cannot write the index")
    guard rename(scratch, indexPath) == 0 else {
      throw GitError(operation: "cannot replace the index", message: String(cString: strerror(errno)))
    }
  }
}
