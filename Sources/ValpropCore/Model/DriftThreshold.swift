/// How much the tracked code may change before a proposition is `drifted`: `drift:` in
/// `.valprop.yml`, overridden per proposition by `drift:` in its front matter
/// (docs/configuration.md).
public struct DriftThreshold: Sendable, Equatable, CustomStringConvertible {
  /// A proposition is drifted at this many drift commits; nil: commits alone never make it so.
  public var commits: Int?
  /// Or at this many lines added and removed together; nil: lines alone never do.
  public var lines: Int?

  /// The default: 10 commits or 500 lines (docs/configuration.md says why).
  public static let standard = DriftThreshold(commits: 10, lines: 500)
  /// Never drifted (`drift: off`).
  public static let off = DriftThreshold(commits: nil, lines: nil)

  /// A threshold.
  public init(commits: Int?, lines: Int?) {
    self.commits = commits
    self.lines = lines
  }

  /// Whether a drift passes the threshold.
  public func isPassed(by drift: Drift) -> Bool {
    if let commits, drift.commits >= commits { return true }
    if let lines, drift.added + drift.removed >= lines { return true }
    return false
  }

  /// `off`, or `commits=N,lines=N` (for caches).
  public var description: String {
    if self == .off { return "off" }
    return [commits.map { "commits=\($0)" }, lines.map { "lines=\($0)" }].compactMap { $0 }.joined(
      separator: ",")
  }

  /// Reads what `description` writes.
  public init?(_ text: String) {
    if text == "off" {
      self = .off
      return
    }
    var commits: Int?
    var lines: Int?
    for part in text.split(separator: ",") {
      let pair = part.split(separator: "=")
      guard pair.count == 2, let value = Int(pair[1]) else { return nil }
      switch pair[0] {
      case "commits": commits = value
      case "lines": lines = value
      default: return nil
      }
    }
    self.init(commits: commits, lines: lines)
  }

  /// The hint for a value that cannot be read.
  static let formatHint = "write drift: {commits: 10, lines: 500} (either key alone is fine), or drift: off"
}
