// Stands in for libssh2's start-up, for libgit2.
//
// `git_libgit2_init` starts libssh2 for its SSH transport, which valprop never uses: it reads
// and writes local repositories only. On Debian 12 libssh2 is built on OpenSSL, and starting
// it starts OpenSSL: 1.0 M of the 2.4 M instructions of `git_libgit2_init`, which every
// command waits for before it opens the repository (docs/performance.md, session 27). So
// libgit2's call lands here and does nothing. Nothing in valprop uses SSH (no remote, clone
// or fetch), and the two builds differ should anything ever do so:
// - the static link (`VALPROP_STATIC_LIBGIT2=1`) wraps libgit2's call only (`--wrap`, see
//   Package.swift) to `__wrap_libssh2_init`; libssh2's own call, made when a session first
//   starts, still reaches the real start-up;
// - a plain Linux build exports a function of libssh2's own name, which the dynamic linker
//   finds in the executable first, for libssh2's own call as well: an SSH session would run
//   without libssh2's crypto set-up. A libgit2 without libssh2 never calls it, and Darwin's
//   two-level namespaces never bind to it.
#if VALPROP_STATIC_LIBGIT2
  /// Does not start libssh2 (the static link's name).
  @_cdecl("__wrap_libssh2_init")
  public func skipSSHStart(_ flags: Int32) -> Int32 { 0 }
#elseif os(Linux)
  /// Does not start libssh2 (the shared link's name).
  @_cdecl("libssh2_init")
  public func skipSSHStart(_ flags: Int32) -> Int32 { 0 }
#endif
