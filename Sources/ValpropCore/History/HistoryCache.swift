import Foundation
import GitKit

/// A persistent record of earlier history walks, kept inside the git directory, so the next
/// walk stops where an earlier one started: answers for a commit never change, because the
/// history below a commit is immutable. It is never trusted blindly: a file whose header,
/// settings or checksum do not match is ignored (and rewritten), rewritten history simply
/// never reaches the cached commits, and writes go to a temporary file renamed into place, so
/// concurrent runs never leave a torn file.
public struct HistoryCache: Sendable {
  /// The format's first line; a file that does not start with it is foreign. Its number
  /// also versions the rules and fields of the answers: 2 since a heading's level is no
  /// edit, 3 since each answer carries the commit that brought its `reviewed:` date.
  static let magic = "valprop-history-cache 3"
  /// How many commits' answers are kept.
  public static let capacity = 3

  /// Where the cache lives.
  public let path: String
  /// What else the answers depend on (ignore-revs), as a fingerprint.
  public let settings: String

  /// A cache for a repository and the settings answers depend on: the commits ignored, and
  /// the `adopt:` mapping (which key brings the `reviewed:` date).
  public init(repository: Repository, ignoreRevs: IgnoreRevs, adoption: Adoption = .none) {
    path = repository.commonDirectory + "/valprop/history.cache"
    settings =
      "ignore-revs " + ignoreRevs.commits.map(\.hex).sorted().joined(separator: ",")
      + (adoption.fingerprint.isEmpty ? "" : " adopt " + adoption.fingerprint)
  }

  /// One commit's cached answers, kept as the bytes read and parsed only when a walk reaches
  /// that commit (a walk usually reaches one of them, or none).
  public final class Entry: @unchecked Sendable {
    /// The commit the answers are for.
    public let commit: ObjectID
    /// The encoded answer lines, one per path, each ending with a line feed.
    let block: [UInt8]
    private var parsed: [String: FileHistory]??

    init(commit: ObjectID, block: [UInt8]) {
      self.commit = commit
      self.block = block
    }

    /// The answers by path; nil when a line is corrupt (then the whole cache is rebuilt).
    public var answers: [String: FileHistory]? {
      if let parsed { return parsed }
      let value = HistoryCache.parseAnswers(block)
      parsed = .some(value)
      return value
    }
  }

  /// The cached commits, newest first; empty when the file is missing, foreign, truncated,
  /// corrupt or made with other settings.
  public func load() -> [Entry] {
    guard let data = FileBytes.readIfPresent(path) else { return [] }
    return HistoryCache.decode([UInt8](data), settings: settings) ?? []
  }

  /// Records the answers for a commit on top of the newest earlier ones (copied as read);
  /// failures to write are ignored (the cache is only an accelerator).
  /// `order`, the paths as listed, spares sorting them when they are the answers' paths in
  /// order already.
  public func save(commit: ObjectID, answers: [String: FileHistory], previous: [Entry], order: [String] = [])
  {
    var bytes = Array((HistoryCache.magic + "\n" + HistoryCache.escape(settings) + "\n").utf8)
    bytes += Array("commit \(commit.hex) \(answers.count)\n".utf8)
    for (path, history) in answers.sortedByKey(knownOrder: order) {
      HistoryCache.appendLine(path, history, to: &bytes)
    }
    for entry in previous.filter({ $0.commit != commit }).prefix(HistoryCache.capacity - 1) {
      let count = HistoryCache.lines(entry.block).count
      bytes += Array("commit \(entry.commit.hex) \(count)\n".utf8) + entry.block
    }
    bytes += Array("end \(HistoryCache.checksum(bytes))\n".utf8)
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: Data(bytes), displayPath: path, durable: false)
  }

  // MARK: Format

  /// Text lines: the magic, the settings, then per commit `commit <id> <count>` and one line
  /// per path, then `end <checksum of everything before>`. (The caches write `appendLine`'s
  /// bytes; this is the reference they are tested against.)
  static func line(_ path: String, _ history: FileHistory) -> String {
    [
      escape(path), stamp(history.lastChanged), stamp(history.lastEdited),
      history.historyTruncated ? "1" : "0", stamp(history.lastReviewed),
    ]
    .joined(separator: "\t") + "\n"
  }

  static func decode(_ bytes: [UInt8], settings: String) -> [Entry]? {
    // Bytes, not Characters: splitting a megabyte String by Character was a quarter of `list`.
    guard bytes.last == 0x0A else { return nil }
    var lineStarts: [Int] = [0]
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
    // lineStarts.last == bytes.count; line k spans lineStarts[k]..<lineStarts[k+1]-1.
    let lineCount = lineStarts.count - 1
    func text(_ k: Int) -> String {
      String(decoding: bytes[lineStarts[k]..<(lineStarts[k + 1] - 1)], as: UTF8.self)
    }
    guard lineCount >= 3, text(0) == magic, unescape(text(1)) == settings else { return nil }
    let trailer = text(lineCount - 1)
    guard trailer.hasPrefix("end "),
      trailer.dropFirst(4) == checksum(bytes[..<lineStarts[lineCount - 1]])
    else { return nil }
    var entries: [Entry] = []
    var k = 2
    while k < lineCount - 1 {
      let header = text(k).split(separator: " ")
      guard header.count == 3, header[0] == "commit", let commit = ObjectID(hex: String(header[1])),
        let count = Int(header[2]), k + count < lineCount - 1
      else { return nil }
      entries.append(
        Entry(commit: commit, block: Array(bytes[lineStarts[k + 1]..<lineStarts[k + 1 + count]])))
      k += count + 1
    }
    return entries
  }

  static func parseAnswers(_ block: [UInt8]) -> [String: FileHistory]? {
    var answers: [String: FileHistory] = [:]
    let lines = HistoryCache.lines(block)
    answers.reserveCapacity(lines.count)
    // Fields as byte ranges cut with memchr, the path made a String once from its bytes.
    var cuts: [Range<Int>] = []
    cuts.reserveCapacity(5)
    for line in lines where !line.isEmpty {
      let parsed = line.withUnsafeBufferPointer { bytes -> (String, FileHistory)? in
        cut(bytes, into: &cuts)
        func field(_ index: Int) -> ArraySlice<UInt8> {
          line[line.startIndex + cuts[index].lowerBound..<line.startIndex + cuts[index].upperBound]
        }
        guard cuts.count == 5, let changed = parseStamp(field(1)), let edited = parseStamp(field(2)),
          let reviewed = parseStamp(field(4))
        else { return nil }
        let history = FileHistory(
          lastChanged: changed, lastEdited: edited, historyTruncated: bytes[cuts[3]].first == 0x31,
          lastReviewed: reviewed)
        return (unescaped(UnsafeBufferPointer(rebasing: bytes[cuts[0]])), history)
      }
      guard let (path, history) = parsed else { return nil }
      answers[path] = history
    }
    return answers
  }

  /// Cuts a line of the caches into its tab-separated fields, as ranges of its bytes, into
  /// an array the caller keeps from line to line (a new array a line was a tenth of reading
  /// a cache), found with memchr.
  static func cut(_ bytes: UnsafeBufferPointer<UInt8>, into cuts: inout [Range<Int>]) {
    cuts.removeAll(keepingCapacity: true)
    guard let base = bytes.baseAddress else {
      cuts.append(0..<0)
      return
    }
    var start = 0
    while start <= bytes.count, let found = memchr(base + start, 0x09, bytes.count - start) {
      let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
      cuts.append(start..<end)
      start = end + 1
    }
    cuts.append(start..<bytes.count)
  }

  /// `-` or `<id> <seconds> <offset> <author>` (the author escaped).
  static func stamp(_ stamp: CommitStamp?) -> String {
    guard let stamp else { return "-" }
    return
      "\(stamp.commit.hex) \(Int64(stamp.date.timeIntervalSince1970)) \(stamp.offsetMinutes) \(escape(stamp.author))"
  }

  /// Reads what `stamp` wrote, on the bytes (splitting the text by Characters was most of
  /// reading the cache, and making a String of each part then most of what was left):
  /// `.some(nil)` for `-`, nil for a damaged field.
  static func parseStamp(_ field: ArraySlice<UInt8>) -> CommitStamp?? {
    if field.elementsEqual([0x2D]) { return .some(nil) }
    return field.withUnsafeBytes { bytes -> CommitStamp?? in
      // The id, the seconds and the offset end at the first three spaces; the author is the rest.
      // Found one after another: an array of the cuts was a tenth of reading the cache.
      let space: UInt8 = 0x20
      guard let first = bytes.firstIndex(of: space),
        let second = bytes[(first + 1)...].firstIndex(of: space),
        let third = bytes[(second + 1)...].firstIndex(of: space),
        let id = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[..<first])),
        let seconds = decimal(UnsafeRawBufferPointer(rebasing: bytes[(first + 1)..<second])),
        let offset = decimal(UnsafeRawBufferPointer(rebasing: bytes[(second + 1)..<third]))
      else { return nil }
      return CommitStamp(
        commit: id, date: Date(timeIntervalSince1970: TimeInterval(seconds)), offsetMinutes: Int(offset),
        author: unescaped(
          UnsafeRawBufferPointer(rebasing: bytes[(third + 1)...]).assumingMemoryBound(to: UInt8.self)))
    }
  }

  /// A decimal integer as `Int64(String)` reads one: an optional sign, then one digit or
  /// more, nothing else; nil past the type's range.
  static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int64? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == 0x2B || first == 0x2D {
      negative = first == 0x2D
      index = 1
    }
    guard index < bytes.count else { return nil }
    // Accumulated on the negative side, which holds Int64.min.
    var value: Int64 = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
      let (next, under) = times.subtractingReportingOverflow(Int64(byte - 0x30))
      guard !overflowed, !under else { return nil }
      value = next
      index += 1
    }
    if negative { return value }
    return value == .min ? nil : -value
  }

  /// Percent-escapes the characters the format uses as separators.
  static func escape(_ text: String) -> String {
    // Most paths and names hold none of the five: no copy, scalar by scalar, for them.
    var bytes = text
    let plain = bytes.withUTF8 { utf8 in
      !utf8.contains { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x01 }
    }
    guard !plain else { return text }
    var out = ""
    for character in text.unicodeScalars {
      switch character {
      case "%": out += "%25"
      case "\t": out += "%09"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      case "\u{1}": out += "%01"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  /// The lines of bytes that end in a line feed, each without it, found with `memchr`:
  /// splitting a cache through a closure for every byte cost 40 instructions a byte.
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var start = 0
      while start < buffer.count,
        let found = memchr(base + start, 0x0A, buffer.count - start)
      {
        let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
        lines.append(bytes[start..<end])
        start = end + 1
      }
      if start < buffer.count { lines.append(bytes[start...]) }
    }
    return lines
  }

  /// Appends `escape(text)`'s bytes: the five separators are ASCII, so no other character's
  /// bytes can hold theirs. The caches are written as bytes, not built up as Strings (that
  /// was most of writing them, three times in a warm `list` after a commit; session 17).
  static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      for index in 0..<utf8.count {
        let code: (UInt8, UInt8)
        switch utf8[index] {
        case 0x25: code = (0x32, 0x35)
        case 0x09: code = (0x30, 0x39)
        case 0x0A: code = (0x30, 0x41)
        case 0x0D: code = (0x30, 0x44)
        case 0x01: code = (0x30, 0x31)
        default: continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        bytes.append(0x25)
        bytes.append(code.0)
        bytes.append(code.1)
        runStart = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
  }

  /// Appends a String's bytes as they are.
  static func append(_ text: String, to bytes: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Appends what `stamp` writes.
  static func appendStamp(_ stamp: CommitStamp?, to bytes: inout [UInt8]) {
    guard let stamp else { return bytes.append(0x2D) }
    stamp.commit.appendHex(to: &bytes)
    bytes.append(0x20)
    DecimalBytes.append(Int(Int64(stamp.date.timeIntervalSince1970)), to: &bytes)
    bytes.append(0x20)
    DecimalBytes.append(stamp.offsetMinutes, to: &bytes)
    bytes.append(0x20)
    appendEscaped(stamp.author, to: &bytes)
  }

  /// Appends what `line` writes.
  static func appendLine(_ path: String, _ history: FileHistory, to bytes: inout [UInt8]) {
    appendEscaped(path, to: &bytes)
    bytes.append(0x09)
    appendStamp(history.lastChanged, to: &bytes)
    bytes.append(0x09)
    appendStamp(history.lastEdited, to: &bytes)
    bytes.append(0x09)
    bytes.append(history.historyTruncated ? 0x31 : 0x30)
    bytes.append(0x09)
    appendStamp(history.lastReviewed, to: &bytes)
    bytes.append(0x0A)
  }

  /// `unescape` of a field's bytes, made a String once: a field without `%` is decoded as it
  /// is, without first making a String to search.
  static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if bytes.isEmpty { return "" }
    guard let base = bytes.baseAddress, memchr(base, 0x25, bytes.count) != nil else {
      return String(decoding: bytes, as: UTF8.self)
    }
    return unescape(String(decoding: bytes, as: UTF8.self))
  }

  static func unescape(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 -> String? in
      // Most fields hold no escape: the String is returned as it is.
      guard utf8.contains(0x25) else { return nil }
      // Decoded on the bytes, in one pass. Foundation's replacingOccurrences compared
      // Characters, so an escape followed by a combining mark ("%09" then U+0301) was not
      // found, and a warm run showed the code where a cold one showed the character.
      var out: [UInt8] = []
      out.reserveCapacity(utf8.count)
      var index = 0
      while index < utf8.count {
        let byte = utf8[index]
        if byte == 0x25, index + 2 < utf8.count, let decoded = decode(utf8[index + 1], utf8[index + 2]) {
          out.append(decoded)
          index += 3
        } else {
          out.append(byte)
          index += 1
        }
      }
      return String(decoding: out, as: UTF8.self)
    } ?? text
  }

  /// The byte a two-digit code of `escape` stands for; nil for any other two bytes.
  private static func decode(_ first: UInt8, _ second: UInt8) -> UInt8? {
    switch (first, second) {
    case (0x30, 0x39): 0x09
    case (0x30, 0x41): 0x0A
    case (0x30, 0x44): 0x0D
    case (0x30, 0x31): 0x01
    case (0x32, 0x35): 0x25
    default: nil
    }
  }

  /// A 64-bit hash of the bytes (`checksumValue`), in hex: enough to catch a torn or edited
  /// file.
  static func checksum<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    // Read where the bytes are: the caches were copied into a Data of their own to be
    // checked, on loading and on saving (docs/performance.md, session 27).
    let hash =
      bytes.withContiguousStorageIfAvailable { checksumValue(UnsafeRawBufferPointer($0)) }
      ?? Array(bytes).withUnsafeBytes { checksumValue($0) }
    return String(hash, radix: 16)
  }

  /// FNV-1a's steps taken eight bytes at a time (little-endian words), each followed by a
  /// rotation, then a byte at a time for the rest, then the count. A byte at a time, each
  /// step waiting on the one before, checking the caches a warm `list` reads and writes
  /// (800 KB) took 3 M cycles (docs/performance.md, session 27). A multiplication carries
  /// bits only upward, so without the rotation a word's last byte would reach only the top
  /// of the result. Each step is one-to-one in what it takes, so any one changed word or
  /// byte changes the result, and so does a changed length.
  static func checksumValue(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func step(_ value: UInt64) {
      let mixed = (hash ^ value) &* 0x100_0000_01b3
      hash = mixed << 29 | mixed >> 35
    }
    var index = 0
    while index + 8 <= bytes.count {
      step(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
      index += 8
    }
    while index < bytes.count {
      step(UInt64(bytes[index]))
      index += 1
    }
    step(UInt64(bytes.count))
    return hash
  }
}
