// Stands in for libssh2's start-up, for libgit2.
//
// `git_libgit2_init` starts libssh2 for its SSH transport, which valprop never uses: it reads
// and writes local repositories only. On Debian 12 libssh2 is built on OpenSSL, and starting
// it starts OpenSSL: 1.0 M of the 2.4 M instructions of `git_libgit2_init`, which every
// command waits for before it opens the repository (docs/performance.md, session 27). So the
// call lands here and does nothing. Were SSH ever used through libgit2, libssh2's own
// functions would find it not started and fail: closed, not open.
//
// The same two ways in as the certificate stand-in (CertificateStandIn.swift):
// - the static link (`VALPROP_STATIC_LIBGIT2=1`) wraps libgit2's call (`--wrap`, see
//   Package.swift) to `__wrap_libssh2_init`;
// - a plain Linux build exports a function of libssh2's own name, which the dynamic linker
//   finds in the executable first. A libgit2 without libssh2 never calls it, and Darwin's
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
