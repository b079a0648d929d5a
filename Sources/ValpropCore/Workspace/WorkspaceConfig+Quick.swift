import Foundation

extension WorkspaceConfig {
  /// The settings of a config that only gives `directory`, `review-every`, `due-soon` or
  /// `index` plain or quoted values, each valid, read with `QuickYAML`; nil for anything
  /// else, which the full reader reads and, when it is wrong, reports. Most configs are a
  /// line or two of these, and every command reads the config first: Yams took 2.2 M
  /// instructions to read `directory: text` (docs/performance.md, session 25).
  init?(quick text: String, path: String) {
    guard let pairs = QuickYAML.pairs(text) else { return nil }
    self.init()
    for (key, value) in pairs {
      guard case .scalar(let scalar) = value else { return nil }
      // What YAMLReader.optionalText gives a scalar: nil for a null.
      let given = scalar.isNull ? "" : scalar.text
      switch key.text {
      case "directory":
        guard let folder = Self.insidePath(given.trimmedWhitespace) else { return nil }
        directory = folder
        directorySetting = SourceLocation(path: path, line: key.line)
      case "review-every":
        guard let interval = ReviewInterval(given) else { return nil }
        reviewEvery = interval
      case "due-soon":
        guard let interval = ReviewInterval(given) else { return nil }
        dueSoon = interval
      case "index":
        guard let file = Self.insidePath(given.trimmedWhitespace) else { return nil }
        index = file
      default:
        return nil
      }
    }
  }
}
