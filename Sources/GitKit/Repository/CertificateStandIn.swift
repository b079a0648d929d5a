#if VALPROP_STATIC_LIBGIT2
  /// Stands in for mbedTLS's certificate-file parser, for libgit2.
  ///
  /// `git_libgit2_init` parses every CA certificate of the system (about 6 ms, a tenth of a
  /// cold `list` of 300 propositions) for HTTPS, which valprop never uses: it reads and writes
  /// local repositories only. The static link (`VALPROP_STATIC_LIBGIT2=1`, see Package.swift) wraps libgit2's call (`--wrap`, see Package.swift), so
  /// that it lands here and the load does nothing. Were HTTPS ever used through libgit2, its
  /// certificate checks would fail for want of a trusted certificate: closed, not open.
  @_cdecl("__wrap_mbedtls_x509_crt_parse_file")
  public func skipCertificateFile(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { 0 }
#endif
