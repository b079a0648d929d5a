import ValpropCommands

/// Stands in for mbedTLS's certificate-file parser in this executable.
///
/// `git_libgit2_init` parses every CA certificate of the system (about 6 ms, a tenth of a
/// cold `list` of 300 propositions) for HTTPS, which valprop never uses: it reads and writes
/// local repositories only. The dynamic linker binds libgit2's call to this definition, so
/// the load does nothing. Were HTTPS ever used through libgit2, its certificate checks would
/// fail for want of a trusted certificate: closed, not open.
@_cdecl("mbedtls_x509_crt_parse_file")
public func skipCertificateFile(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { 0 }

Valprop.main()
