/// valprop's version, as `valprop --version` prints it.
enum ValpropVersion {
  /// The current release.
  static let current = "0.1.0"
}
