import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a workspace reads front matter that was written before valprop: foreign key names
/// read as valprop's keys (`last_reviewed` as `reviewed`, `owners` as `owner`), foreign status
/// values read as valprop's (`Final` as `active`), from `adopt:` in `.valprop.yml`.
public struct Adoption: Sendable, Equatable {
  /// Foreign key → valprop key.
  public var keys: [String: String] = [:]
  /// Foreign status value → valprop status.
  public var statuses: [String: PropositionStatus] = [:]

  /// No mapping: valprop's own keys and values only.
  public static let none = Adoption()

  /// Creates a mapping.
  public init(keys: [String: String] = [:], statuses: [String: PropositionStatus] = [:]) {
    self.keys = keys
    self.statuses = statuses
  }

  /// The status a written value stands for: valprop's own names first, then the mapping
  /// (exactly, then without case); nil when neither knows it.
  public func status(_ text: String) -> PropositionStatus? {
    if let own = PropositionStatus(rawValue: text) { return own }
    if let mapped = statuses[text] { return mapped }
    return statuses.first { $0.key.caseInsensitiveCompare(text) == .orderedSame }?.value
  }

  /// A fingerprint of the mapping, so caches of parsed files change when it does.
  public var fingerprint: String {
    let keyText = keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    let statusText = statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
      .joined(separator: ",")
    return keys.isEmpty && statuses.isEmpty ? "" : keyText + ";" + statusText
  }
}

/// The `exclude:` globs of `.valprop.yml`: files in the propositions folder that are not
/// propositions (a README, supplementary files). A pattern without `/` matches a file name
/// at any depth; one with `/` matches the path below the propositions folder; `*` and `?`
/// match across `/` there, so `assets/**` and `assets/*` both cover everything below.
public struct ExcludeRules: Sendable, Equatable {
  /// The patterns as written.
  public var patterns: [String]
  /// Paths relative to the workspace root that are always excluded (the register `index`
  /// writes into the folder).
  public var paths: Set<String>

  /// Creates rules.
  public init(patterns: [String] = [], paths: Set<String> = []) {
    self.patterns = patterns
    self.paths = paths
  }

  /// Whether a file (path relative to the workspace root) below `directory` is excluded.
  public func excludes(_ path: String, below directory: String) -> Bool {
    if paths.contains(path) { return true }
    guard !patterns.isEmpty else { return false }
    let relative = path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    let name = relative.split(separator: "/").last.map(String.init) ?? relative
    return patterns.contains { pattern in
      let target = pattern.contains("/") ? relative : name
      return fnmatch(pattern.replacingOccurrences(of: "**", with: "*"), target, 0) == 0
    }
  }
}
