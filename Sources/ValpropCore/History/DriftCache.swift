import Foundation
import GitKit

/// A proposition's drift as the drift cache keeps it: the drift, and the paths its commits
/// changed, so that a later HEAD can add its own commits' paths to `files`.
public struct DriftRecord: Sendable, Equatable {
  /// The drift.
  public let drift: Drift
  /// The paths as the cache writes them, escaped and joined by U+0001: they are read only
  /// when a drift is extended, and a drift answered at the same HEAD never splits them.
  let encodedPaths: String

  /// A record of a drift and the distinct tracked paths its commits changed.
  public init(drift: Drift, paths: [String]) {
    self.drift = drift
    encodedPaths = DriftCache.list(paths.sorted())
  }

  init(drift: Drift, encodedPaths: String) {
    self.drift = drift
    self.encodedPaths = encodedPaths
  }

  /// The distinct tracked paths the drift's commits changed, sorted.
  public var paths: [String] { DriftCache.parseList(Substring(encodedPaths)) }
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
  /// What else the answers depend on (a shallow clone's boundary, the valprop binary), as a
  /// fingerprint.
  public let settings: String

  /// A cache for a repository.
  public init(repository: Repository) {
    path = repository.commonDirectory + "/valprop/drift.cache"
    // The binary that measured the drifts is part of the key, as for the score cache, so a
    // build that counts lines or matches patterns differently never reads another's answers
    // (extending a drift would carry them forward).
    settings =
      "shallow " + repository.shallowBoundary().map(\.hex).sorted().joined(separator: ",") + " binary "
      + RevisionScores.binaryIdentity()
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

  /// The drifts measured at one HEAD commit, kept as the bytes read and parsed only when
  /// asked for (a run needs the block of its HEAD, and an older one only when that lacks a
  /// drift).
  public final class Block: @unchecked Sendable {
    /// The HEAD commit they were measured at.
    public let head: ObjectID
    /// The encoded lines, one per drift, each ending with a line feed.
    let block: [UInt8]
    /// How many lines `block` holds.
    let count: Int
    private var parsed: [Key: DriftRecord]??

    init(head: ObjectID, block: [UInt8], count: Int) {
      self.head = head
      self.block = block
      self.count = count
    }

    /// A block of drifts just measured.
    convenience init(head: ObjectID, records: [Key: DriftRecord]) {
      let lines = records.map { DriftCache.line($0.key, $0.value) }.sorted()
      self.init(head: head, block: Array(lines.joined().utf8), count: lines.count)
      parsed = .some(records)
    }

    /// The drifts by key; nil when a line is damaged (then the block is ignored).
    public var records: [Key: DriftRecord]? {
      if let parsed { return parsed }
      var records: [Key: DriftRecord]? = [:]
      for line in block.split(separator: 0x0A) {
        guard let (key, record) = DriftCache.parse(line) else {
          records = nil
          break
        }
        records?[key] = record
      }
      parsed = .some(records)
      return records
    }
  }

  /// The cached blocks, newest first; empty when the file is missing, foreign, truncated,
  /// corrupt or made for another shallow boundary.
  public func load() -> [Block] {
    guard let data = FileBytes.readIfPresent(path) else { return [] }
    return DriftCache.decode([UInt8](data), settings: settings) ?? []
  }

  /// Records the drifts at `head` ahead of the newest earlier blocks for other commits;
  /// failures to write are ignored (the cache is only an accelerator).
  public func save(head: ObjectID, records: [Key: DriftRecord], previous: [Block]) {
    let blocks =
      [Block(head: head, records: records)]
      + previous.filter { $0.head != head }.prefix(DriftCache.capacity - 1)
    let bytes = Data(DriftCache.encode(blocks, settings: settings))
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: bytes, displayPath: path, durable: false)
  }

  // MARK: Format

  /// Text lines: the magic, the settings, then per block `head <id> <count>` and one line per
  /// drift, then `end <checksum of everything before>`.
  static func encode(_ blocks: [Block], settings: String) -> [UInt8] {
    var bytes = Array((magic + "\n" + HistoryCache.escape(settings) + "\n").utf8)
    for block in blocks {
      bytes += Array("head \(block.head.hex) \(block.count)\n".utf8) + block.block
    }
    return bytes + Array("end \(HistoryCache.checksum(bytes))\n".utf8)
  }

  private static let separator: Character = "\u{1}"

  static func list(_ items: [String]) -> String {
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
      commit(drift.last), record.encodedPaths,
    ].joined(separator: "\t") + "\n"
  }

  static func decode(_ bytes: [UInt8], settings: String) -> [Block]? {
    guard bytes.last == 0x0A else { return nil }
    var lineStarts: [Int] = [0]
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
    // lineStarts.last == bytes.count; line k spans lineStarts[k]..<lineStarts[k+1]-1.
    let lineCount = lineStarts.count - 1
    func text(_ k: Int) -> String {
      String(decoding: bytes[lineStarts[k]..<(lineStarts[k + 1] - 1)], as: UTF8.self)
    }
    guard lineCount >= 3, text(0) == magic, HistoryCache.unescape(text(1)) == settings else { return nil }
    let trailer = text(lineCount - 1)
    guard trailer.hasPrefix("end "),
      trailer.dropFirst(4) == HistoryCache.checksum(bytes[..<lineStarts[lineCount - 1]])
    else { return nil }
    var blocks: [Block] = []
    var k = 2
    while k < lineCount - 1 {
      let header = text(k).split(separator: " ")
      guard header.count == 3, header[0] == "head", let head = ObjectID(hex: String(header[1])),
        let count = Int(header[2]), count >= 0, k + count < lineCount - 1
      else { return nil }
      blocks.append(
        Block(head: head, block: Array(bytes[lineStarts[k + 1]..<lineStarts[k + 1 + count]]), count: count))
      k += count + 1
    }
    return blocks
  }

  static func parseList(_ field: Substring) -> [String] {
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

  static func parse(_ line: ArraySlice<UInt8>) -> (Key, DriftRecord)? {
    let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
      Substring(String(decoding: $0, as: UTF8.self))
    }
    guard fields.count == 11, let since = ObjectID(hex: String(fields[0])),
      let basis = Drift.Basis(rawValue: String(fields[1])), let commits = Int(fields[3]),
      let files = Int(fields[4]), let added = Int(fields[5]), let removed = Int(fields[6]),
      let sinceDay = CalendarDate(String(fields[7])), let first = parseCommit(fields[8]),
      let last = parseCommit(fields[9])
    else { return nil }
    let patterns = parseList(fields[2])
    let paths = fields[10]
    let pathCount = paths.isEmpty ? 0 : paths.utf8.reduce(1) { $0 + ($1 == 0x01 ? 1 : 0) }
    guard !patterns.isEmpty, pathCount == files, (commits == 0) == (first == nil),
      (first == nil) == (last == nil)
    else { return nil }
    let drift = Drift(
      commits: commits, files: files, added: added, removed: removed, sinceCommit: since, since: sinceDay,
      basis: basis, first: first, last: last)
    return (
      Key(since: since, basis: basis, patterns: patterns),
      DriftRecord(drift: drift, encodedPaths: String(paths))
    )
  }
}
