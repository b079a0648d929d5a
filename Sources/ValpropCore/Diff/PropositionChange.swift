import Foundation
import GitKit

/// How one proposition changed between two versions of the workspace.
public struct PropositionChange: Sendable, Encodable {
  /// The kind of change.
  public enum Kind: String, Sendable, Encodable {
    /// New on the head side.
    case added
    /// Same file, different content.
    case modified
    /// Moved or renamed, possibly with edits.
    case renamed
    /// Gone on the head side.
    case deleted
  }

  /// The id on the head side (the base side's for a deletion).
  public let id: String
  /// The path on the head side (the base side's for a deletion).
  public let path: String
  /// The path on the base side; nil for an addition.
  public let oldPath: String?
  /// What happened.
  public let change: Kind
  /// Field and section changes.
  public let diff: PropositionDiff

  /// Creates a change.
  public init(id: String, path: String, oldPath: String?, change: Kind, diff: PropositionDiff) {
    self.id = id
    self.path = path
    self.oldPath = oldPath
    self.change = change
    self.diff = diff
  }

  /// Encodes the stable JSON shape of docs/commands.md.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(path, forKey: .path)
    try container.encode(oldPath, forKey: .oldPath)
    try container.encode(change, forKey: .change)
    try container.encode(diff.fields, forKey: .fields)
    try container.encode(diff.sections, forKey: .sections)
  }

  enum CodingKeys: String, CodingKey { case id, path, oldPath, change, fields, sections }

  /// A change found, with the versions that are still to be parsed and compared.
  private struct Pending: Sendable {
    let id: String
    let path: String
    let oldPath: String?
    let change: Kind
    let old: Version?
    let new: Version?
  }

  /// A file's catalog entry and bytes on one side.
  private typealias Version = (entry: PropositionCatalog.Entry, data: Data)

  /// Every proposition added, modified, renamed or deleted between two sources. Files keep
  /// their identity by id first (a file moved between folders keeps its id); the rest are
  /// paired as renames by `renames` (old path to new path, from git's rename detection) or,
  /// without it, by git's own similarity score (at least 50%, as `git diff -M`).
  public static func between(
    base: PropositionSource, head: PropositionSource, directory: String, renames: [String: String]? = nil
  ) throws -> [PropositionChange] {
    try between(base: base, head: head, directory: directory, renames: renames.map { found in { found } })
  }

  /// The same, with renames that `renames` gives when the pairing needs them, after the files
  /// that keep their id were read and handed to be compared: a caller can find them on
  /// another thread meanwhile.
  public static func between(
    base: PropositionSource, head: PropositionSource, directory: String,
    renames: (() throws -> [String: String])?
  ) throws -> [PropositionChange] {
    let baseCatalog = try PropositionCatalog(source: base, directory: directory)
    let headCatalog = try PropositionCatalog(source: head, directory: directory)
    // Bytes are read for every file whose blob is not the same on both sides (between two
    // commits, most files' are); only files that changed are parsed.
    func read(_ entry: PropositionCatalog.Entry, _ source: PropositionSource) throws -> Data {
      try source.read(entry.path) ?? Data()
    }
    @Sendable func parse(_ version: Version) -> Proposition {
      Proposition.lenient(id: version.entry.id, path: version.entry.path, data: version.data)
    }
    // The changes are found here, in order, and each is parsed and compared on another
    // thread as soon as its versions are read, while this one reads the next (parsing and
    // comparing both versions of hundreds of long documents is most of a `diff` across a
    // sweep; reading them, where a pack chains each version to the one before, the rest).
    // Once all are read, this thread compares too.
    var found: [(id: String, path: String, oldPath: String?, change: Kind)] = []
    let diffs = ResultSlots<PropositionDiff>(count: baseCatalog.entries.count + headCatalog.entries.count)
    let comparing = SharedJobs()
    func compare(_ job: Pending) {
      let index = found.count
      found.append((job.id, job.path, job.oldPath, job.change))
      comparing.add {
        diffs.set(index, PropositionDiff(old: job.old.map(parse), new: job.new.map(parse)))
      }
    }
    // A read that fails ends the comparisons before the error goes out.
    defer { comparing.wait() }
    var removed: [Version] = []
    var added: [Version] = []
    let headByID = Dictionary(grouping: headCatalog.entries, by: \.id)
    let baseByID = Dictionary(grouping: baseCatalog.entries, by: \.id)
    for entry in baseCatalog.entries where !entry.isSymlink {
      let match = headByID[entry.id]
      if let match, match.count == 1, baseByID[entry.id]?.count == 1, !match[0].isSymlink,
        match[0].path == entry.path, let id = try entry.blobID ?? base.blobID(entry.path),
        try (match[0].blobID ?? head.blobID(entry.path)) == id
      {
        continue
      }
      let data = try read(entry, base)
      if let match, match.count == 1, baseByID[entry.id]?.count == 1, !match[0].isSymlink {
        let newData = try read(match[0], head)
        if match[0].path != entry.path {
          compare(
            Pending(
              id: entry.id, path: match[0].path, oldPath: entry.path, change: .renamed, old: (entry, data),
              new: (match[0], newData)))
        } else if newData != data {
          compare(
            Pending(
              id: entry.id, path: entry.path, oldPath: entry.path, change: .modified, old: (entry, data),
              new: (match[0], newData)))
        }
      } else {
        removed.append((entry, data))
      }
    }
    for entry in headCatalog.entries where !entry.isSymlink {
      if let match = baseByID[entry.id], match.count == 1, headByID[entry.id]?.count == 1, !match[0].isSymlink
      {
        continue
      }
      added.append((entry, try read(entry, head)))
    }
    // Pair what is left as renames.
    let renames = try renames?()
    var pairedRemoved = Set<Int>()
    for new in added {
      var partner: Int?
      if let renames {
        partner = removed.indices.first {
          !pairedRemoved.contains($0) && renames[removed[$0].entry.path] == new.entry.path
        }
      } else {
        let scores = removed.indices.filter { !pairedRemoved.contains($0) }.map {
          ($0, GitSimilarity.score(removed[$0].data, new.data))
        }
        if let best = scores.max(by: { $0.1 < $1.1 }), best.1 >= 50 { partner = best.0 }
      }
      if let partner {
        pairedRemoved.insert(partner)
        let old = removed[partner]
        compare(
          Pending(
            id: new.entry.id, path: new.entry.path, oldPath: old.entry.path, change: .renamed, old: old,
            new: new))
      } else {
        compare(
          Pending(id: new.entry.id, path: new.entry.path, oldPath: nil, change: .added, old: nil, new: new))
      }
    }
    for (index, old) in removed.enumerated() where !pairedRemoved.contains(index) {
      compare(
        Pending(
          id: old.entry.id, path: old.entry.path, oldPath: old.entry.path, change: .deleted, old: old,
          new: nil))
    }
    comparing.helpUntilDone()
    let changes = found.indices.map { index in
      let job = found[index]
      return PropositionChange(
        id: job.id, path: job.path, oldPath: job.oldPath, change: job.change, diff: diffs.take(index))
    }
    return changes.sorted { $0.path < $1.path }
  }
}
