import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Summaries of the work tree's propositions by path, valid while a file's size, change time
/// and inode stay the same (as git's index trusts them). Files changed within the last two
/// seconds are never stored, so a write in the same clock tick as the check cannot hide.
struct SummaryCache {
  static let magic = "valprop-summary-cache 4"
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
    return stamp(size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino))
  }

  /// A stamp from its four numbers, written as bytes: interpolating them was a third of
  /// looking 648 files up. An inode is unsigned: one of 2^63 or more (overlay and network
  /// file systems make them) is written as String writes it.
  static func stamp(size: Int64, modified: Int64, changed: Int64, inode: UInt64) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64)
    DecimalBytes.append(Int(size), to: &bytes)
    bytes.append(0x2E)
    DecimalBytes.append(Int(modified), to: &bytes)
    bytes.append(0x2E)
    DecimalBytes.append(Int(changed), to: &bytes)
    bytes.append(0x2E)
    if let inode = Int(exactly: inode) {
      DecimalBytes.append(inode, to: &bytes)
    } else {
      bytes += String(inode).utf8
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `stamp` as string interpolation wrote it: the reference the bytes are tested against.
  static func stampByInterpolation(size: Int64, modified: Int64, changed: Int64, inode: UInt64) -> String {
    "\(size).\(modified).\(changed).\(inode)"
  }

  /// Whether a stamp is older than two seconds (safe to trust later).
  static func isSettled(_ stamp: String, now: Date) -> Bool {
    let parts = stamp.split(separator: ".")
    guard parts.count == 4, let changed = Int64(parts[2]) else { return false }
    return Double(changed) / 1e9 < now.timeIntervalSince1970 - 2
  }

  func load() -> [String: (stamp: String, summary: PropositionSummary)] {
    loadWithLines().entries
  }

  /// The cached summaries, and each one's line as read: `save` copies the line of a summary
  /// kept as it was read instead of writing it again. Writing the 650 lines of a warm `list`
  /// after a commit was 7 M instructions, for one changed line. A copied line reads back as
  /// the same summary again, which is all a later run needs of it.
  func loadWithLines() -> (
    entries: [String: (stamp: String, summary: PropositionSummary)], lines: [String: ArraySlice<UInt8>]
  ) {
    guard let data = FileBytes.readIfPresent(path) else { return ([:], [:]) }
    let bytes = [UInt8](data)
    guard bytes.last == 0x0A else { return ([:], [:]) }
    let lines = HistoryCache.lines(bytes)
    func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self) }
    guard lines.count >= 2, text(lines[0]) == header else { return ([:], [:]) }
    let trailer = text(lines[lines.count - 1])
    let bodyLength = bytes.count - lines[lines.count - 1].count - 1
    guard trailer == "end " + HistoryCache.checksum(bytes[..<bodyLength]) else { return ([:], [:]) }
    var result: [String: (stamp: String, summary: PropositionSummary)] = [:]
    result.reserveCapacity(lines.count - 2)
    var linesRead: [String: ArraySlice<UInt8>] = [:]
    linesRead.reserveCapacity(lines.count - 2)
    // The fields of a line as byte ranges, cut with memchr into one array kept from line to
    // line, and each made a String straight from its bytes (13 Strings made and searched
    // for escapes a line, then an array of them, were most of a warm list's summaries).
    var cuts: [Range<Int>] = []
    cuts.reserveCapacity(14)
    for line in lines.dropFirst().dropLast() {
      let parsed = line.withUnsafeBufferPointer { bytes -> (String, String, PropositionSummary)? in
        HistoryCache.cut(bytes, into: &cuts)
        guard cuts.count == 14 else { return nil }
        func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
          UnsafeBufferPointer(rebasing: bytes[cuts[index]])
        }
        func text(_ index: Int) -> String { HistoryCache.unescaped(field(index)) }
        var contentID: ObjectID?
        if !cuts[13].isEmpty {
          guard let id = ObjectID(hexBytes: UnsafeRawBufferPointer(field(13))) else { return nil }
          contentID = id
        }
        guard let status = PropositionStatus(rawValue: text(4)), let framework = Framework(rawValue: text(5))
        else { return nil }
        func list(_ index: Int) -> [String] {
          cuts[index].isEmpty
            ? [] : text(index).split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
        }
        let path = text(0)
        var summary = PropositionSummary(
          id: text(2), path: path, title: text(3), status: status, framework: framework,
          owners: list(6), tags: list(7), reviewed: CalendarDate(text(8)),
          reviewEvery: ReviewInterval(text(9)))
        summary.supersededBy = cuts[10].isEmpty ? nil : text(10)
        summary.tracks = list(11)
        summary.drift = cuts[12].isEmpty ? nil : DriftThreshold(text(12))
        summary.contentID = contentID
        return (path, text(1), summary)
      }
      guard let (path, stamp, summary) = parsed else { return ([:], [:]) }
      result[path] = (stamp, summary)
      linesRead[path] = line
    }
    return (result, linesRead)
  }

  /// Writes the entries, sorted by path. An entry whose path `rewritten` does not name is
  /// exactly what `loadWithLines` read from its line in `linesRead`, and that line is copied.
  /// `order`, the paths as listed, spares sorting them when it is the entries' paths in
  /// order already.
  func save(
    _ entries: [String: (stamp: String, summary: PropositionSummary)],
    linesRead: [String: ArraySlice<UInt8>] = [:], rewritten: Set<String> = [], order: [String] = []
  ) {
    var bytes = Array((header + "\n").utf8)
    // Room for the lines copied as read and about as much again for each line written anew,
    // at once: grown by doubling, the cache of 650 files was ten buffers.
    let copied = linesRead.values.reduce(0) { $0 + $1.count + 1 }
    bytes.reserveCapacity(copied + max(0, entries.count - linesRead.count + rewritten.count + 1) * 256)
    for (path, entry) in entries.sortedByKey(knownOrder: order) {
      if !rewritten.contains(path), let line = linesRead[path] {
        bytes += line
        bytes.append(0x0A)
        continue
      }
      let summary = entry.summary
      let fields = [
        path, entry.stamp, summary.id, summary.title, summary.status.rawValue, summary.framework.rawValue,
        summary.owners.joined(separator: "\u{1}"), summary.tags.joined(separator: "\u{1}"),
        summary.reviewed?.description ?? "", summary.reviewEvery?.description ?? "",
        summary.supersededBy ?? "", summary.tracks.joined(separator: "\u{1}"),
        summary.drift?.description ?? "", summary.contentID?.hex ?? "",
      ]
      for (index, field) in fields.enumerated() {
        if index > 0 { bytes.append(0x09) }
        HistoryCache.appendEscaped(field, to: &bytes)
      }
      bytes.append(0x0A)
    }
    bytes += Array("end \(HistoryCache.checksum(bytes))\n".utf8)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: Data(bytes), displayPath: path, durable: false)
  }
}
