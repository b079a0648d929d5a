import CLibGit2
import Dispatch

/// Starts libgit2 once per process; every wrapper calls `LibGit2.ensureInitialized()` first.
public enum LibGit2 {
  /// Runs `git_libgit2_init` exactly once, the first time it is read, and sizes the object
  /// cache. libgit2 is never shut down: the process ends first.
  private static let initialized: Int32 = {
    let result = git_libgit2_init()
    // By default libgit2 caches no tree over 4 KiB, so a folder of 2,000 propositions (an
    // 80 KiB tree) was inflated again for every path looked up in it. Cache trees up to
    // 4 MiB, within 32 MiB in all, so memory stays bounded on any history.
    _ = valprop_set_cache_object_limit(GIT_OBJECT_TREE, 4 << 20)
    _ = valprop_set_cache_max_size(32 << 20)
    // Pack windows mapped at once, also bounded: history walks touch every part of a pack.
    _ = valprop_set_mapped_limit(96 << 20)
    // Re-hashing every object read was half of a cold history walk; git log does not either.
    _ = valprop_set_strict_hash_verification(0)
    return result
  }()

  /// Makes sure libgit2 is initialised before any other call into it.
  static func ensureInitialized() {
    _ = initialized
  }

  /// Starts libgit2 on another thread, for a process that will use it after other work:
  /// `git_libgit2_init` (its TLS library, SSH stood in for) costs 1.4 M instructions, which then
  /// overlap with parsing the command line. A call into libgit2 meanwhile waits for it. The
  /// caller waits for the returned group before the process exits, so that no thread is
  /// still starting libgit2 while the process tears down.
  public static func startInBackground() -> DispatchGroup {
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { ensureInitialized() }
    return group
  }
}
