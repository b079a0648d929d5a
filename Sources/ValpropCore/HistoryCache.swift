import Foundation
import GitKit

/// A persistent record of earlier history walks, kept inside the git directory, so the next
/// walk stops where an earlier one started: answers for a commit never change, because the
/// history below a commit is immutable. It is never trusted blindly: a file whose header,
/// settings or checksum do not match is ignored (and rewritten), rewritten history simply
/// never reaches the cached commits, and writes go to a temporary file renamed into place, so
/// concurrent runs never leave a torn file.
public struct HistoryCache {
  /// The format's first line; a file that does not start with it is foreign.
  static let magic = "valprop-history-cache 1"
  /// How many commits' answers are kept.
  public static let capacity = 4

  /// Where the cache lives.
  public let path: String
  /// What else the answers depend on (ignore-revs), as a fingerprint.
  public let settings: String

  /// A cache for a repository and the settings answers depend on.
  public init(repository: Repository, ignoreRevs: IgnoreRevs) {
    path = repository.commonDirectory + "/valprop/history.cache"
    settings = "ignore-revs " + ignoreRevs.commits.map(\.hex).sorted().joined(separator: ",")
  }

  /// The cached answers by commit, newest first; empty when the file is missing, foreign,
  /// truncated, corrupt or made with other settings.
  public func load() -> [(commit: ObjectID, answers: [String: FileHistory])] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return HistoryCache.decode(data, settings: settings) ?? []
  }

  /// Records the answers for a commit on top of the newest earlier ones; failures to write
  /// are ignored (the cache is only an accelerator).
  public func save(
    commit: ObjectID, answers: [String: FileHistory],
    previous: [(commit: ObjectID, answers: [String: FileHistory])]
  ) {
    var entries = [(commit, answers)] + previous.filter { $0.commit != commit }
    entries = Array(entries.prefix(HistoryCache.capacity))
    let data = HistoryCache.encode(entries, settings: settings)
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: data, displayPath: path)
  }

  // MARK: Format

  /// Text lines: the magic, the settings, then per commit `commit <id> <count>` and one line
  /// per path, then `end <checksum of everything before>`.
  static func encode(_ entries: [(commit: ObjectID, answers: [String: FileHistory])], settings: String)
    -> Data
  {
    var text = magic + "\n" + escape(settings) + "\n"
    for (commit, answers) in entries {
      text += "commit \(commit.hex) \(answers.count)\n"
      for (path, history) in answers.sorted(by: { $0.key < $1.key }) {
        text +=
          [
            escape(path), stamp(history.lastChanged), stamp(history.lastEdited),
            history.historyTruncated ? "1" : "0",
          ]
          .joined(separator: "\t") + "\n"
      }
    }
    text += "end \(checksum(Data(text.utf8)))\n"
    return Data(text.utf8)
  }

  static func decode(_ data: Data, settings: String) -> [(commit: ObjectID, answers: [String: FileHistory])]?
  {
    guard let text = String(data: data, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // The last line is empty (the file ends with a newline); the one before is the trailer.
    guard lines.count >= 4, lines.last == "", lines[0] == magic, unescape(String(lines[1])) == settings else {
      return nil
    }
    let trailer = lines[lines.count - 2]
    guard trailer.hasPrefix("end ") else { return nil }
    let bodyLength = text.utf8.count - trailer.utf8.count - 1
    let body = Data(text.utf8.prefix(bodyLength))
    guard trailer.dropFirst(4) == checksum(body) else { return nil }
    var entries: [(commit: ObjectID, answers: [String: FileHistory])] = []
    var index = 2
    while index < lines.count - 2 {
      let header = lines[index].split(separator: " ")
      guard header.count == 3, header[0] == "commit", let commit = ObjectID(hex: String(header[1])),
        let count = Int(header[2]), index + count < lines.count - 1
      else { return nil }
      var answers: [String: FileHistory] = [:]
      for line in lines[(index + 1)...(index + count)] {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let changed = parseStamp(fields[1]), let edited = parseStamp(fields[2])
        else { return nil }
        answers[unescape(fields[0])] = FileHistory(
          lastChanged: changed.value, lastEdited: edited.value, historyTruncated: fields[3] == "1")
      }
      entries.append((commit, answers))
      index += count + 1
    }
    return entries
  }

  /// `-` or `<id> <seconds> <offset> <author>` (the author escaped).
  static func stamp(_ stamp: CommitStamp?) -> String {
    guard let stamp else { return "-" }
    return
      "\(stamp.commit.hex) \(Int64(stamp.date.timeIntervalSince1970)) \(stamp.offsetMinutes) \(escape(stamp.author))"
  }

  static func parseStamp(_ text: String) -> (value: CommitStamp?, ok: Bool)? {
    if text == "-" { return (nil, true) }
    let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, let id = ObjectID(hex: String(parts[0])), let seconds = Int64(parts[1]),
      let offset = Int(parts[2])
    else { return nil }
    return (
      CommitStamp(
        commit: id, date: Date(timeIntervalSince1970: TimeInterval(seconds)), offsetMinutes: offset,
        author: unescape(String(parts[3]))), true
    )
  }

  /// Percent-escapes the characters the format uses as separators.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text.unicodeScalars {
      switch character {
      case "%": out += "%25"
      case "\t": out += "%09"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
      .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
  }

  /// FNV-1a 64 over the bytes, in hex: enough to catch a torn or edited file.
  static func checksum(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
