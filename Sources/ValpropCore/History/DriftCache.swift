import Foundation
import GitKit

/// A proposition's drift as the drift cache keeps it: the drift, and the paths its commits
/// changed, so that a later HEAD can add its own commits' paths to `files`.
public struct DriftRecord: Sendable, Equatable {
  /// The drift.
  public let drift: Drift
  /// The distinct tracked paths the drift's commits changed, sorted.
  public let paths: [String]
}

/// A persistent record of the drifts measured at the last few HEAD commits, kept beside the
/// history cache (`.git/valprop/drift.cache`), so that a run at the same HEAD walks nothing
/// and a run after HEAD moved by plain commits walks only those (`DriftWalk.extend`).
///
/// A drift is keyed by what it depends on besides HEAD: the commit it is measured from, the
/// basis and the patterns. The file is never trusted blindly: one whose header, shallow
/// boundary or checksum does not match is ignored (and rewritten), and writes go to a
/// temporary file renamed into place, so concurrent runs never leave a torn file.
public struct DriftCache {
  /// The format's first line; its number versions the fields and the rules of the answers.
  static let magic = "valprop-drift-cache 1"
  /// How many HEAD commits' drifts are kept.
  public static let capacity = 3

  /// Where the cache lives.
  public let path: String
  /// What else the answers depend on (a shallow clone's boundary), as a fingerprint.
  public let settings: String

  /// A cache for a repository.
  public init(repository: Repository) {
    path = repository.commonDirectory + "/valprop/drift.cache"
    settings = "shallow " + repository.shallowBoundary().map(\.hex).sorted().joined(separator: ",")
  }

  /// What a drift depends on besides HEAD.
  public struct Key: Hashable, Sendable {
    /// The commit it is measured from.
    public let since: ObjectID
    /// Whether that commit is an edit or a review.
    public let basis: Drift.Basis
    /// The `tracks:` patterns as written.
    public let patterns: [String]
  }

  /// The drifts measured at one HEAD commit.
  public struct Block: Sendable {
    /// The HEAD commit they were measured at.
    public let head: ObjectID
    /// The drifts.
    public let records: [Key: DriftRecord]
  }

  /// The cached blocks, newest first; empty when the file is missing, foreign, truncated,
  /// corrupt or made for another shallow boundary.
  public func load() -> [Block] {
    guard let data = FileBytes.readIfPresent(path) else { return [] }
    return DriftCache.decode(String(decoding: data, as: UTF8.self), settings: settings) ?? []
  }

  /// Records the drifts at `head` ahead of the newest earlier blocks for other commits;
  /// failures to write are ignored (the cache is only an accelerator).
  public func save(head: ObjectID, records: [Key: DriftRecord], previous: [Block]) {
    let blocks =
      [Block(head: head, records: records)]
      + previous.filter { $0.head != head }.prefix(DriftCache.capacity - 1)
    let bytes = Data(DriftCache.encode(blocks, settings: settings).utf8)
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: bytes, displayPath: path, durable: false)
  }

  // MARK: Format

  /// Text lines: the magic, the settings, then per block `head <id> <count>` and one line per
  /// drift, then `end <checksum of everything before>`.
  static func encode(_ blocks: [Block], settings: String) -> String {
    var text = magic + "\n" + HistoryCache.escape(settings) + "\n"
    for block in blocks {
      text += "head \(block.head.hex) \(block.records.count)\n"
      let lines = block.records.map { line($0.key, $0.value) }.sorted()
      text += lines.joined()
    }
    return text + "end \(HistoryCache.checksum(Data(text.utf8)))\n"
  }

  private static let separator: Character = "\u{1}"

  private static func list(_ items: [String]) -> String {
    items.map(HistoryCache.escape).joined(separator: String(separator))
  }

  private static func commit(_ commit: DriftCommit?) -> String {
    guard let commit else { return "-" }
    return list([commit.commit.hex, commit.date.description, commit.author, commit.subject])
  }

  static func line(_ key: Key, _ record: DriftRecord) -> String {
    let drift = record.drift
    return [
      key.since.hex, key.basis.rawValue, list(key.patterns), String(drift.commits), String(drift.files),
      String(drift.added), String(drift.removed), drift.since.description, commit(drift.first),
      commit(drift.last), list(record.paths),
    ].joined(separator: "\t") + "\n"
  }

  static func decode(_ text: String, settings: String) -> [Block]? {
    guard text.hasSuffix("\n") else { return nil }
    let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count >= 3, lines[0] == magic, HistoryCache.unescape(String(lines[1])) == settings,
      let trailer = lines.last, trailer.hasPrefix("end ")
    else { return nil }
    let body = text.utf8.count - trailer.utf8.count - 1
    guard trailer.dropFirst(4) == HistoryCache.checksum(Data(text.utf8.prefix(body))) else { return nil }
    var blocks: [Block] = []
    var k = 2
    while k < lines.count - 1 {
      let header = lines[k].split(separator: " ")
      guard header.count == 3, header[0] == "head", let head = ObjectID(hex: String(header[1])),
        let count = Int(header[2]), count >= 0, k + count < lines.count - 1
      else { return nil }
      var records: [Key: DriftRecord] = [:]
      for line in lines[(k + 1)..<(k + 1 + count)] {
        guard let (key, record) = parse(line) else { return nil }
        records[key] = record
      }
      blocks.append(Block(head: head, records: records))
      k += count + 1
    }
    return blocks
  }

  private static func parseList(_ field: Substring) -> [String] {
    field.isEmpty
      ? []
      : field.split(separator: separator, omittingEmptySubsequences: false).map {
        HistoryCache.unescape(String($0))
      }
  }

  /// `.some(nil)` for `-`, nil for a damaged field.
  private static func parseCommit(_ field: Substring) -> DriftCommit?? {
    if field == "-" { return .some(nil) }
    let parts = parseList(field)
    guard parts.count == 4, let id = ObjectID(hex: parts[0]), let date = CalendarDate(parts[1]) else {
      return nil
    }
    return DriftCommit(commit: id, date: date, author: parts[2], subject: parts[3])
  }

  static func parse(_ line: Substring) -> (Key, DriftRecord)? {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count == 11, let since = ObjectID(hex: String(fields[0])),
      let basis = Drift.Basis(rawValue: String(fields[1])), let commits = Int(fields[3]),
      let files = Int(fields[4]), let added = Int(fields[5]), let removed = Int(fields[6]),
      let sinceDay = CalendarDate(String(fields[7])), let first = parseCommit(fields[8]),
      let last = parseCommit(fields[9])
    else { return nil }
    let patterns = parseList(fields[2])
    let paths = parseList(fields[10])
    guard !patterns.isEmpty, paths.count == files, (commits == 0) == (first == nil),
      (first == nil) == (last == nil)
    else { return nil }
    let drift = Drift(
      commits: commits, files: files, added: added, removed: removed, sinceCommit: since, since: sinceDay,
      basis: basis, first: first, last: last)
    return (Key(since: since, basis: basis, patterns: patterns), DriftRecord(drift: drift, paths: paths))
  }
}
