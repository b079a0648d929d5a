// Stands in for mbedTLS's certificate-file parser, for libgit2.
//
// `git_libgit2_init` of a libgit2 built on mbedTLS (Debian 12's) parses every CA certificate
// of the system for HTTPS, which valprop never uses: it reads and writes local repositories
// only. Measured with callgrind on the demo workspace, that parse was 54.6 M of the 103 M
// instructions of a `list`. So the call lands here and the load does nothing. Were HTTPS ever
// used through libgit2, its certificate checks would fail for want of a trusted certificate:
// closed, not open.
//
// - The static link (`VALPROP_STATIC_LIBGIT2=1`) wraps libgit2's call (`--wrap`, see
//   Package.swift) to `__wrap_mbedtls_x509_crt_parse_file`.
// - A plain Linux build links the shared libgit2, which calls the parser through the dynamic
//   linker; the executable exports a function of the parser's own name, which the dynamic
//   linker finds first. A libgit2 built on OpenSSL (Debian unstable's) never calls it, and
//   Darwin's two-level namespaces never bind to it.
#if VALPROP_STATIC_LIBGIT2
  /// Does not load the certificates libgit2 asks mbedTLS to parse (the static link's name).
  @_cdecl("__wrap_mbedtls_x509_crt_parse_file")
  public func skipCertificateFile(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { 0 }
#elseif os(Linux)
  /// Does not load the certificates libgit2 asks mbedTLS to parse (the shared link's name).
  @_cdecl("mbedtls_x509_crt_parse_file")
  public func skipCertificateFile(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { 0 }
#endif
