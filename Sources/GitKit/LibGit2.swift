import CLibGit2

/// Starts libgit2 once per process; every wrapper calls `LibGit2.ensureInitialized()` first.
enum LibGit2 {
  /// Runs `git_libgit2_init` exactly once, the first time it is read. libgit2 is never shut
  /// down: the process ends first.
  private static let initialized: Int32 = git_libgit2_init()

  /// Makes sure libgit2 is initialised before any other call into it.
  static func ensureInitialized() {
    _ = initialized
  }
}
