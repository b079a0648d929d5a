import Foundation
import GitKit

/// The walks of `valprop log` at the current HEAD, kept in `.git/valprop/log.cache`: which
/// commits changed a file, under which paths, and its blobs before and after. A walk of one
/// RFC's history reads the trees of all 8,140 commits of rust-lang/rfcs, a sixth of a `log`
/// whose scores are cached (docs/performance.md, session 16); at the same HEAD its answer
/// cannot change, so a repeated `log` reads it back. The versions, diffs and scores are made
/// from the blobs as before.
///
/// Walks at another HEAD are dropped when one is kept. The file ends with a checksum;
/// anything that does not read back whole is ignored and rewritten. Nothing is kept for a
/// shallow clone (deepening it changes the walk) or a bare repository.
public struct LogWalkCache: Sendable {
  static let magic = "valprop-log-cache 1"
  /// At most this many files' walks are kept: the last ones walked (a walk read back is not
  /// kept again, so it does not move up).
  static let capacity = 64
  let path: String

  /// The cache of a repository; nil when nothing may be kept there.
  public init?(repository: Repository) {
    guard !repository.isShallow, !repository.isBare else { return nil }
    path = repository.gitDirectory + "/valprop/log.cache"
  }

  /// The walk of `path` kept at `head`, if any.
  func walk(head: ObjectID, path: String, simplify: Bool) -> PropositionLog.Walk? {
    let key = Key(path: path, simplify: simplify)
    return parse(head: head)?.first { $0.0 == key }?.1
  }

  /// Keeps a walk made at `head`, newest first, with the others kept at that HEAD (at most
  /// `capacity` in all).
  func keep(_ walk: PropositionLog.Walk, head: ObjectID, path: String, simplify: Bool) {
    let key = Key(path: path, simplify: simplify)
    let others = (parse(head: head) ?? []).filter { $0.0 != key }
    save(head: head, walks: Array(([(key, walk)] + others).prefix(Self.capacity)))
  }

  struct Key: Hashable {
    let path: String
    let simplify: Bool
  }

  // MARK: The file

  /// The walks kept at `head`, newest first; nil when the file is missing, foreign,
  /// corrupt or made at another HEAD.
  private func parse(head: ObjectID) -> [(Key, PropositionLog.Walk)]? {
    guard let data = FileBytes.readIfPresent(path), let text = String(data: data, encoding: .utf8) else {
      return nil
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.last == "" else { return nil }
    lines.removeLast()
    guard lines.count >= 2, lines[0] == Self.magic + " " + head.hex else { return nil }
    let body = lines.dropLast().joined(separator: "\n") + "\n"
    guard lines[lines.count - 1] == "end " + HistoryCache.checksum(body.utf8) else { return nil }
    var result: [(Key, PropositionLog.Walk)] = []
    var index = 1
    while index < lines.count - 1 {
      let fields = lines[index].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 5, fields[0] == "walk", let count = Int(fields[4]), count >= 0,
        count < lines.count,
        index + count < lines.count - 1
      else { return nil }
      var revisions: [PropositionLog.Revision] = []
      for line in lines[(index + 1)..<(index + 1 + count)] {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, let commit = ObjectID(hex: parts[0]),
          let change = LogEntry.Change(rawValue: parts[1]),
          !parts[2].isEmpty
        else { return nil }
        // An empty field is no blob; anything else must be an id.
        func optionalID(_ field: String) -> ObjectID?? {
          field.isEmpty ? .some(nil) : ObjectID(hex: field).map { .some($0) }
        }
        guard let blob = optionalID(parts[4]), let oldBlob = optionalID(parts[5]) else { return nil }
        revisions.append(
          PropositionLog.Revision(
            commit: commit, change: change, path: HistoryCache.unescape(parts[2]),
            oldPath: parts[3].isEmpty ? nil : HistoryCache.unescape(parts[3]), blob: blob, oldBlob: oldBlob))
      }
      guard fields[1] == "0" || fields[1] == "1", fields[2] == "0" || fields[2] == "1" else { return nil }
      result.append(
        (
          Key(path: HistoryCache.unescape(fields[3]), simplify: fields[1] == "1"),
          PropositionLog.Walk(revisions: revisions, truncated: fields[2] == "1")
        ))
      index += count + 1
    }
    return result
  }

  private func save(head: ObjectID, walks: [(Key, PropositionLog.Walk)]) {
    var body = Self.magic + " " + head.hex + "\n"
    for (key, walk) in walks {
      body += "walk\t\(key.simplify ? 1 : 0)\t\(walk.truncated ? 1 : 0)\t\(HistoryCache.escape(key.path))\t"
      body += "\(walk.revisions.count)\n"
      for revision in walk.revisions {
        body +=
          [
            revision.commit.hex, revision.change.rawValue, HistoryCache.escape(revision.path),
            revision.oldPath.map(HistoryCache.escape) ?? "", revision.blob?.hex ?? "",
            revision.oldBlob?.hex ?? "",
          ].joined(separator: "\t") + "\n"
      }
    }
    body += "end \(HistoryCache.checksum(body.utf8))\n"
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: Data(body.utf8), displayPath: path, durable: false)
  }
}
