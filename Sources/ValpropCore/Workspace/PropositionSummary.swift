import Foundation
import GitKit

/// What `list`, `stale` and `index` need of a proposition, without its text: small enough to
/// keep in a cache, so that a repeated run need not parse every file's YAML again.
public struct PropositionSummary: Sendable, Equatable {
  /// The id.
  public let id: String
  /// The path relative to the workspace root.
  public let path: String
  /// The title.
  public let title: String
  /// The status.
  public let status: PropositionStatus
  /// The framework.
  public let framework: Framework
  /// The owners.
  public let owners: [String]
  /// The tags.
  public let tags: [String]
  /// `reviewed:`.
  public let reviewed: CalendarDate?
  /// `review-every:`.
  public let reviewEvery: ReviewInterval?
  /// `superseded-by:`, the successor's id.
  public var supersededBy: String? = nil
  /// `tracks:`, the pathspecs of the code it describes.
  public var tracks: [String] = []
  /// `drift:`, its own drift threshold.
  public var drift: DriftThreshold? = nil
  /// The git blob id of the bytes the summary was read from, only when the caller asked for
  /// it (`list --format json` keys its score cache by it); nil otherwise.
  public var contentID: ObjectID? = nil

  /// The summary of a parsed proposition.
  public init(_ proposition: Proposition) {
    id = proposition.id
    path = proposition.path
    title = proposition.title
    status = proposition.status
    framework = proposition.framework
    owners = proposition.frontMatter.owners
    tags = proposition.frontMatter.tags
    reviewed = proposition.frontMatter.reviewed
    reviewEvery = proposition.frontMatter.reviewEvery
    supersededBy = proposition.frontMatter.supersededBy
    tracks = proposition.frontMatter.tracks
    drift = proposition.frontMatter.drift
  }

  /// The summary of a proposition file, read from its bytes: equal to the summary of
  /// `Proposition(id:path:data:)`, and throwing what it throws, but reading only the front
  /// matter and, when it names no title, the lines that may be the `# ` heading.
  public init(id: String, path: String, data: Data, adoption: Adoption = .none) throws {
    var text = try SourceText.decode(data, path: path)
    let (frontMatter, title) = try text.withUTF8 { bytes in
      try PropositionSummary.read(bytes, path: path, adoption: adoption)
    }
    self.init(
      id: id, path: path, title: title ?? id, status: frontMatter.status ?? .active,
      framework: frontMatter.framework ?? .core, owners: frontMatter.owners, tags: frontMatter.tags,
      reviewed: frontMatter.reviewed, reviewEvery: frontMatter.reviewEvery)
    supersededBy = frontMatter.supersededBy
    tracks = frontMatter.tracks
    drift = frontMatter.drift
  }

  /// The front matter and the title (nil when there is neither `title:` nor a heading) of a
  /// proposition's text, found as `Proposition` finds them.
  private static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String, adoption: Adoption) throws -> (
    FrontMatter, String?
  ) {
    var lines = SourceText.lineRanges(bytes)
    if lines.isEmpty { lines.append(0..<0) }
    func string(_ line: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[line]), as: UTF8.self)
    }
    /// The first byte that is not a space or tab: lines the parser can treat specially
    /// (fences, headings, front-matter markers) start with one of a few bytes there.
    func lead(_ line: Range<Int>) -> UInt8? {
      Proposition.leadByte(bytes[line])
    }
    var frontMatter = FrontMatter()
    var bodyStart = 0
    let close = try Proposition.frontMatterEnd(lines, in: bytes, path: path)
    if let close {
      frontMatter = try FrontMatter(
        yaml: lines[1..<close].map(string).joined(separator: "\n"), path: path, firstLine: 2,
        adoption: adoption)
      bodyStart = close + 1
    }
    if let title = frontMatter.title { return (frontMatter, title) }
    // The first `# ` heading before any `## ` one, outside fenced code (`Proposition.outline`).
    var fence = CodeFence()
    for line in lines[bodyStart...] {
      guard let lead = lead(line), lead == 0x23 || lead == 0x60 || lead == 0x7E else { continue }
      let text = string(line)
      if fence.isCode(text.trimmedSpaces) { continue }
      if Proposition.atxHeading(text, level: 2) != nil {
        break
      } else if let heading = Proposition.atxHeading(text, level: 1) {
        return (frontMatter, heading)
      }
    }
    return (frontMatter, nil)
  }

  init(
    id: String, path: String, title: String, status: PropositionStatus, framework: Framework,
    owners: [String],
    tags: [String], reviewed: CalendarDate?, reviewEvery: ReviewInterval?
  ) {
    self.id = id
    self.path = path
    self.title = title
    self.status = status
    self.framework = framework
    self.owners = owners
    self.tags = tags
    self.reviewed = reviewed
    self.reviewEvery = reviewEvery
  }
}
