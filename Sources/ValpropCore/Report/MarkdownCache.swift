import Foundation
import GitKit

/// The sanitised HTML of the Markdown texts an earlier report rendered, kept in the git
/// directory (`.git/valprop/markdown.cache`) so that a report renders again only the texts
/// that changed: Ink parses Markdown one `Character` at a time (about 3,000 instructions a
/// byte), which made it the report's largest cost of its own once the history was cached.
///
/// Entries are keyed by the SHA-256 of the heading shift and the text, and the file by the
/// valprop binary (as the score cache is), so another build, with another Ink or sanitiser,
/// never reads this build's HTML. A missing, foreign, torn or edited file reads as empty: the
/// cache only saves time. `VALPROP_MARKDOWN_CACHE=off` renders every text anew.
public final class MarkdownCache: @unchecked Sendable {
  /// The format's first line; a file that does not start with it is foreign.
  static let magic = "valprop-markdown-cache 1"

  /// Where the cache lives; nil when nothing is cached (a bare repository, or switched off).
  public let path: String?
  /// What the HTML depends on besides the text: the binary.
  let settings: String
  private let lock = NSLock()
  private var known: [String: String]
  /// The entries this run rendered or read, which are what the next run keeps.
  private var used: [String: String] = [:]
  /// How many texts were rendered anew (not found in the cache).
  public private(set) var rendered = 0

  /// The cache of a repository; `environment` is the workspace's, for the switch.
  public init(repository: Repository, environment: [String: String]) {
    let off = environment["VALPROP_MARKDOWN_CACHE"] == "off"
    path = repository.isBare || off ? nil : repository.commonDirectory + "/valprop/markdown.cache"
    settings = "binary " + RevisionScores.binaryIdentity()
    known = [:]
    if let path, let data = FileBytes.readIfPresent(path) {
      known = MarkdownCache.decode([UInt8](data), settings: settings) ?? [:]
    }
  }

  /// The safe HTML of `markdown` as `MarkdownRenderer.html` renders it: from the cache when an
  /// earlier run rendered the same text with the same shift, else rendered. Safe to call from
  /// several threads at once.
  public func html(_ markdown: String, headingShift: Int) -> String {
    let key = MarkdownCache.key(markdown, headingShift: headingShift)
    let cached: String? = lock.withLock {
      guard let html = known[key] else { return nil }
      used[key] = html
      return html
    }
    if let cached { return cached }
    let html = MarkdownRenderer.html(markdown, headingShift: headingShift)
    lock.withLock {
      used[key] = html
      rendered += 1
    }
    return html
  }

  /// Writes the entries this run used, when they differ from what was read; failures are
  /// ignored (the cache is only an accelerator).
  public func save() {
    guard let path else { return }
    let entries = lock.withLock { used }
    guard entries.count != known.count || rendered > 0 else { return }
    let data = Data(MarkdownCache.encode(entries, settings: settings))
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: data, displayPath: path, durable: false)
  }

  /// The key of a text rendered with a heading shift: the SHA-256 of both, in hex.
  static func key(_ markdown: String, headingShift: Int) -> String {
    Hex.string(SHA256.digest(Array("\(headingShift)\n".utf8) + Array(markdown.utf8)))
  }

  /// The file's bytes: the magic, the settings (escaped as the history cache escapes), then
  /// for each entry a line `<key> <byte count>` and that many bytes of HTML and a newline,
  /// and last `end <checksum of everything before>`.
  static func encode(_ entries: [String: String], settings: String) -> [UInt8] {
    var bytes = Array((magic + "\n" + HistoryCache.escape(settings) + "\n").utf8)
    for key in entries.keys.sorted() {
      let html = Array(entries[key]!.utf8)
      bytes += Array("\(key) \(html.count)\n".utf8)
      bytes += html
      bytes.append(0x0A)
    }
    bytes += Array("end \(HistoryCache.checksum(bytes))\n".utf8)
    return bytes
  }

  /// The entries of a file, or nil when any of it does not match the format, the settings or
  /// the checksum.
  static func decode(_ bytes: [UInt8], settings: String) -> [String: String]? {
    var position = 0
    func line() -> String? {
      guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
      defer { position = end + 1 }
      return String(decoding: bytes[position..<end], as: UTF8.self)
    }
    guard line() == magic, let stored = line(), HistoryCache.unescape(stored) == settings else { return nil }
    var entries: [String: String] = [:]
    while true {
      let start = position
      guard let header = line() else { return nil }
      if header.hasPrefix("end ") {
        guard position == bytes.count, header == "end " + HistoryCache.checksum(bytes[..<start]) else {
          return nil
        }
        return entries
      }
      let parts = header.split(separator: " ")
      guard parts.count == 2, parts[0].utf8.count == 64, let count = Int(parts[1]), count >= 0,
        position + count < bytes.count, bytes[position + count] == 0x0A
      else { return nil }
      entries[String(parts[0])] = String(decoding: bytes[position..<(position + count)], as: UTF8.self)
      position += count + 1
    }
  }
}
