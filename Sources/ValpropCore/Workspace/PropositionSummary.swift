import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
      bytes[line].first { $0 != 0x20 && $0 != 0x09 }
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
    var fence: String?
    for line in lines[bodyStart...] {
      guard let lead = lead(line), lead == 0x23 || lead == 0x60 || lead == 0x7E else { continue }
      let text = string(line)
      let trimmed = text.trimmedSpaces
      if let open = fence {
        if trimmed.hasPrefix(open) { fence = nil }
      } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = String(trimmed.prefix(3))
      } else if Proposition.atxHeading(text, level: 2) != nil {
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

/// Summaries of the work tree's propositions by path, valid while a file's size, change time
/// and inode stay the same (as git's index trusts them). Files changed within the last two
/// seconds are never stored, so a write in the same clock tick as the check cannot hide.
struct SummaryCache {
  static let magic = "valprop-summary-cache 3"
  let path: String
  /// The first line: the format, and the adoption mapping the summaries were read with.
  let header: String

  init(repository: Repository, adoption: Adoption = .none) {
    path = repository.gitDirectory + "/valprop/summaries.cache"
    header =
      adoption.fingerprint.isEmpty ? SummaryCache.magic : SummaryCache.magic + " " + adoption.fingerprint
  }

  /// The stamp of a file: size, modification and change times in nanoseconds, inode.
  static func stamp(_ file: String) -> String? {
    var info = stat()
    guard lstat(file, &info) == 0 else { return nil }
    let modified = Int64(info.modificationTime.tv_sec) * 1_000_000_000 + Int64(info.modificationTime.tv_nsec)
    let changed = Int64(info.statusChangeTime.tv_sec) * 1_000_000_000 + Int64(info.statusChangeTime.tv_nsec)
    return "\(info.st_size).\(modified).\(changed).\(info.st_ino)"
  }

  /// Whether a stamp is older than two seconds (safe to trust later).
  static func isSettled(_ stamp: String, now: Date) -> Bool {
    let parts = stamp.split(separator: ".")
    guard parts.count == 4, let changed = Int64(parts[2]) else { return false }
    return Double(changed) / 1e9 < now.timeIntervalSince1970 - 2
  }

  func load() -> [String: (stamp: String, summary: PropositionSummary)] {
    guard let data = FileBytes.readIfPresent(path) else { return [:] }
    let bytes = [UInt8](data)
    guard bytes.last == 0x0A else { return [:] }
    let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
    func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self) }
    guard lines.count >= 2, text(lines[0]) == header else { return [:] }
    let trailer = text(lines[lines.count - 1])
    let bodyLength = bytes.count - lines[lines.count - 1].count - 1
    guard trailer == "end " + HistoryCache.checksum(Data(bytes[..<bodyLength])) else { return [:] }
    var result: [String: (stamp: String, summary: PropositionSummary)] = [:]
    for line in lines.dropFirst().dropLast() {
      let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
        HistoryCache.unescape(text($0))
      }
      guard fields.count == 13, let status = PropositionStatus(rawValue: fields[4]),
        let framework = Framework(rawValue: fields[5])
      else { return [:] }
      func list(_ field: String) -> [String] {
        field.isEmpty
          ? [] : field.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
      }
      var summary = PropositionSummary(
        id: fields[2], path: fields[0], title: fields[3], status: status, framework: framework,
        owners: list(fields[6]), tags: list(fields[7]), reviewed: CalendarDate(fields[8]),
        reviewEvery: ReviewInterval(fields[9]))
      summary.supersededBy = fields[10].isEmpty ? nil : fields[10]
      summary.tracks = list(fields[11])
      summary.drift = fields[12].isEmpty ? nil : DriftThreshold(fields[12])
      result[fields[0]] = (fields[1], summary)
    }
    return result
  }

  func save(_ entries: [String: (stamp: String, summary: PropositionSummary)]) {
    var text = header + "\n"
    for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
      let summary = entry.summary
      let fields = [
        path, entry.stamp, summary.id, summary.title, summary.status.rawValue, summary.framework.rawValue,
        summary.owners.joined(separator: "\u{1}"), summary.tags.joined(separator: "\u{1}"),
        summary.reviewed?.description ?? "", summary.reviewEvery?.description ?? "",
        summary.supersededBy ?? "", summary.tracks.joined(separator: "\u{1}"),
        summary.drift?.description ?? "",
      ]
      text += fields.map(HistoryCache.escape).joined(separator: "\t") + "\n"
    }
    text += "end \(HistoryCache.checksum(Data(text.utf8)))\n"
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: Data(text.utf8), displayPath: path, durable: false)
  }
}

extension Workspace {
  /// The summaries of every proposition, from the cache where a file is unchanged, else by
  /// parsing it; files that cannot be read come back as problems, each naming its file.
  public func summaries() throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    try summaries(now: Date())
  }

  /// The summaries, trusting the cache only for files changed before `now` minus two seconds.
  func summaries(now: Date) throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    let catalog = try catalog()
    guard let root else {
      let (propositions, problems) = Workspace.loadAll(
        from: source, catalog: catalog, adoption: config.adoption)
      return (propositions.map(PropositionSummary.init), problems)
    }
    let cache = SummaryCache(repository: repository, adoption: config.adoption)
    let cached = cache.load()
    var fresh: [String: (stamp: String, summary: PropositionSummary)] = [:]
    let (summaries, problems) = Workspace.readEach(catalog) { entry -> PropositionSummary in
      let stamp = entry.isSymlink ? nil : SummaryCache.stamp(root + "/" + entry.path)
      if let stamp, let hit = cached[entry.path], hit.stamp == stamp, hit.summary.id == entry.id {
        fresh[entry.path] = hit
        return hit.summary
      }
      let summary = try Workspace.loadSummary(entry, from: source, adoption: config.adoption)
      if let stamp, SummaryCache.isSettled(stamp, now: now) { fresh[entry.path] = (stamp, summary) }
      return summary
    }
    if fresh.count != cached.count || fresh.contains(where: { cached[$0.key]?.stamp != $0.value.stamp }) {
      cache.save(fresh)
    }
    return (summaries, problems)
  }
}

extension Workspace {
  /// The summaries of every proposition and the histories of every file of the catalog, the
  /// two computed side by side: reading the files and walking history need different cores.
  public func summariesAndHistories() throws -> (
    summaries: [PropositionSummary], problems: [ValpropError], histories: [String: FileHistory]
  ) {
    let paths = try catalog().entries.filter { !$0.isSymlink }.map(\.path)
    // libgit2 lets one thread at a time use a repository handle. In a bare repository the
    // summaries are read from HEAD's blobs through libgit2, so their thread opens its own.
    let reader = root == nil ? try Workspace(at: repository.gitDirectory) : self
    let box = ResultBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      box.set(Result { try reader.summaries() })
    }
    let histories: [String: FileHistory]
    do {
      histories = try self.histories(of: paths)
    } catch {
      group.wait()
      throw error
    }
    group.wait()
    let (summaries, problems) = try box.get()
    return (summaries, problems, histories)
  }
}

/// Hands a result from a background thread to the waiting one.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<(summaries: [PropositionSummary], problems: [ValpropError]), Error>?

  func set(_ value: Result<(summaries: [PropositionSummary], problems: [ValpropError]), Error>) {
    lock.withLock { result = value }
  }

  func get() throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    try lock.withLock { result }!.get()
  }
}
