import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The strength score of each revision `valprop log` lists, as `Linter.lint` gives it on the
/// revision's own day. Linting a long document costs far more than reading it, so a score is
/// computed once per file version, day, id and path: versions already scored are taken from
/// a cache in the git directory (`.git/valprop/scores.cache`), and the rest are linted on
/// every core. The cache is keyed by the lint settings and by the valprop binary itself (its
/// size, time and inode), so a build with other rules never reads another build's scores.
public struct RevisionScores: Sendable {
  /// The format's first line; a file that does not start with it is foreign.
  static let magic = "valprop-score-cache 2"
  /// How many scores are kept; the oldest are dropped first.
  public static let capacity = 50_000

  /// Where the cache lives; nil when nothing is cached (a bare repository).
  public let path: String?
  /// What the scores depend on besides the key: the lint settings and the binary.
  public let settings: String
  private let linter: Linter

  /// Whether new scores are written to the cache (it is always read).
  public let saves: Bool
  /// Where the cache is written on another thread instead of before `scores` returns: the
  /// caller waits for this group before it exits (the report writes it while it renders).
  public var savesBeside: DispatchGroup?

  /// Scores for a repository with a workspace's lint settings; `saves: false` only reads the
  /// cache (a repository with no commits yet, which a listing must leave untouched).
  public init(repository: Repository, linter: Linter, saves: Bool = true) {
    self.saves = saves
    path = repository.isBare ? nil : repository.commonDirectory + "/valprop/scores.cache"
    self.linter = linter
    settings = RevisionScores.fingerprint(linter) + " binary " + RevisionScores.binaryIdentity()
  }

  /// The score of each entry, in order (nil for a deletion).
  public func scores(_ entries: [LogEntry]) -> [LintScore?] {
    let keys = entries.map { entry in
      entry.blob.map { RevisionScores.key($0, entry.stamp.day, entry.proposition?.id ?? "", entry.path) }
    }
    // The revisions of a file share most of their sections: each is prepared for lint once.
    return scores(keys: keys, days: entries.map(\.stamp.day), sharesSections: true) {
      entries[$0].proposition
    }
  }

  /// The score of each revision a log being built announces to `feed`, in order, as
  /// `scores(_:)` gives them for its entries; empty when the feed closes before it announces
  /// any (the log failed). Versions not cached are linted as the feed hands them over.
  ///
  /// With `priming` (the file's version at HEAD, which a history's revisions share most of
  /// their sections with), the memos the first two linting threads start with (one on a
  /// single core) are filled by linting it while the log is still walked, unless the cache
  /// already holds that version's scores: a long RFC's first revision on each thread was
  /// prepared whole, while the core the walk leaves idle waited. More primed memos would
  /// outlast the walk on this one thread.
  func scores(of feed: LogVersionFeed, id: String, priming: (version: Proposition, blob: ObjectID)?)
    -> [LintScore?]
  {
    let known = cached()
    let shelf = MemoShelf()
    if let priming, !RevisionScores.holds(priming.blob, known.scores) {
      for _ in 0..<min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        let memo = LintSectionMemo()
        _ = linter.lint(priming.version, asOf: CalendarDate(utc: Date()), sections: memo)
        shelf.put(memo)
      }
    }
    guard let planned = feed.waitForPlan() else { return [] }
    let keys = planned.map { revision in
      revision.blob.map { RevisionScores.key($0, revision.day, id, revision.path) }
    }
    return scores(keys: keys, days: planned.map(\.day), sharesSections: true, known: known, shelf: shelf) {
      feed.version(at: $0)
    }
  }

  /// Whether the cache holds a score of the version `blob` (on any day, for any id).
  static func holds(_ blob: ObjectID, _ known: [String: LintScore]) -> Bool {
    let prefix = blob.hex + " "
    return known.keys.contains { $0.hasPrefix(prefix) }
  }

  /// A version to score that is parsed only if its score is not cached.
  public struct Unparsed: Sendable {
    /// The proposition's id, part of the cache key.
    public let id: String
    /// The day the score is judged on.
    public let day: CalendarDate
    /// The id of the file's bytes, part of the cache key (nil: not cached).
    public let blob: ObjectID?
    /// The file's path, part of the cache key.
    public let path: String
    /// Parses the version; nil when it cannot be (no score). Called on the linting threads,
    /// several at once: it must not use a repository handle (one serves one thread).
    public let parse: @Sendable () -> Proposition?

    /// A version to score, parsed by `parse` when needed.
    public init(
      id: String, day: CalendarDate, blob: ObjectID?, path: String,
      parse: @escaping @Sendable () -> Proposition?
    ) {
      self.id = id
      self.day = day
      self.blob = blob
      self.path = path
      self.parse = parse
    }
  }

  /// The score of each version, parsing only those whose score is not cached: a warm
  /// `list --format json` of rust-lang/rfcs spent half its 1.1 G instructions parsing every
  /// file again to look up scores it had.
  /// With `known`, the cache as `cached()` read it earlier: `list` reads it while the
  /// summaries are still being read.
  public func scores(parsing versions: [Unparsed], known: Cached? = nil) -> [LintScore?] {
    let keys = versions.map { version in
      version.blob.map { RevisionScores.key($0, version.day, version.id, version.path) }
    }
    return scores(keys: keys, days: versions.map(\.day), sharesSections: false, known: known) {
      versions[$0].parse()
    }
  }

  /// The cache as read: the scores by key, and the lines that hold them in the file's order,
  /// oldest first, which a write copies as they are.
  public struct Cached: Sendable {
    /// The scores by key.
    var scores: [String: LintScore]
    /// The file's score lines, without their line feeds.
    var lines: [ArraySlice<UInt8>]

    /// Nothing cached.
    static let empty = Cached(scores: [:], lines: [])
  }

  /// The cache key of a version: its bytes, day, id and path, written as bytes (interpolated,
  /// the 650 keys of a warm `list` took 2 M instructions).
  static func key(_ blob: ObjectID, _ day: CalendarDate, _ id: String, _ path: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(53 + id.utf8.count + path.utf8.count)
    blob.appendHex(to: &bytes)
    bytes.append(0x20)
    bytes.append(contentsOf: day.description.utf8)
    bytes.append(0x20)
    bytes.append(contentsOf: id.utf8)
    bytes.append(0x20)
    bytes.append(contentsOf: path.utf8)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The scores of versions by cache key (nil: not cached) and day; `proposition` is asked
  /// only for the first version of each key not cached, and a version it gives none has no
  /// score. It is asked on the linting threads: taking 20,000 revisions out of their entries
  /// (or parsing them) one after another left the other cores idle.
  private func scores(
    keys: [String?], days: [CalendarDate], sharesSections: Bool, known cached: Cached? = nil,
    shelf: MemoShelf? = nil, proposition: @escaping @Sendable (Int) -> Proposition?
  ) -> [LintScore?] {
    let read = cached ?? self.cached()
    var known = read.scores
    var asked = Set<String>()
    let missing = keys.indices.filter { index in
      guard let key = keys[index], known[key] == nil else { return false }
      return asked.insert(key).inserted
    }
    if !missing.isEmpty {
      let computed = lintConcurrently(count: missing.count, sharesSections: sharesSections, shelf: shelf) {
        turn in
        proposition(missing[turn]).map { ($0, days[missing[turn]]) }
      }
      var newest: [String] = []
      for (turn, index) in missing.enumerated() {
        guard let score = computed[turn], let key = keys[index] else { continue }
        known[key] = score
        newest.append(key)
      }
      save(known, newest: newest, kept: read.lines)
    }
    return keys.map { key in key.flatMap { known[$0] } }
  }

  /// Lints `count` propositions, each as of its day, spread over the machine's cores; nil
  /// where `item` gives no proposition. With `sharesSections` (the revisions of a history,
  /// a file's consecutive ones next to each other), runs of `run` consecutive items go to
  /// one thread each with a memo of the sections it prepared.
  private func lintConcurrently(
    count: Int, sharesSections: Bool, shelf: MemoShelf?,
    item: @escaping @Sendable (Int) -> (proposition: Proposition, day: CalendarDate)?
  ) -> [LintScore?] {
    let results = ResultSlots<LintScore?>(count: count)
    let linter = linter
    let run = sharesSections ? Self.run : 1
    let memos = shelf ?? MemoShelf()
    DispatchQueue.concurrentPerform(iterations: (count + run - 1) / run) { chunk in
      let memo = sharesSections ? memos.take() : nil
      defer { memo.map(memos.put) }
      for turn in (chunk * run)..<min(count, (chunk + 1) * run) {
        // Each revision is scored as of its own day, so old evidence is judged as it was then.
        results.set(
          turn, item(turn).map { linter.lint($0.proposition, asOf: $0.day, sections: memo).scores })
      }
    }
    return results.values()
  }

  /// How many consecutive revisions one thread lints with one memo of sections: enough that
  /// most sections are prepared once, few enough that `log` of one file still spreads over
  /// every core.
  static let run = 16

  /// The memos of sections the runs linted so far, for the next runs: a run that starts
  /// with a memo of the revisions a run or two before it prepares only what changed since,
  /// where a fresh memo prepared all of its first revision (a tenth of a cold `log` of a
  /// long RFC, docs/performance.md, session 20). A memo answers any text it holds, so which
  /// one a run takes changes nothing but the time; one run uses it at a time.
  final class MemoShelf: @unchecked Sendable {
    private var memos: [LintSectionMemo] = []
    private let lock = NSLock()

    /// The memo put back last, or a new one.
    func take() -> LintSectionMemo {
      lock.withLock { memos.popLast() } ?? LintSectionMemo()
    }

    /// Puts a memo back for the next run.
    func put(_ memo: LintSectionMemo) {
      lock.withLock { memos.append(memo) }
    }
  }

  // MARK: The cache file

  /// The cached scores by key; empty when the file is missing, foreign, corrupt or made with
  /// other settings.
  func load() -> [String: LintScore] { cached().scores }

  /// The same, with the lines that hold them, for `scores(parsing:known:)`.
  public func cached() -> Cached {
    guard let path, let data = FileBytes.readIfPresent(path) else { return .empty }
    return RevisionScores.decodeCached([UInt8](data), settings: settings) ?? .empty
  }

  /// Writes the cache: the lines `kept` as they were read (the oldest first), then the
  /// newest keys' scores, so that the oldest are the first to be dropped; failures are
  /// ignored (the cache is only an accelerator). Copying the lines read, where all were
  /// sorted and written again, made writing the cache after a commit a tenth of the work.
  /// With `savesBeside`, the file is written on another thread in that group.
  func save(_ scores: [String: LintScore], newest: [String], kept: [ArraySlice<UInt8>]) {
    guard saves, let path else { return }
    let settings = settings
    guard let group = savesBeside else {
      return RevisionScores.write(scores, newest: newest, kept: kept, to: path, settings: settings)
    }
    DispatchQueue.global().async(group: group) {
      RevisionScores.write(scores, newest: newest, kept: kept, to: path, settings: settings)
    }
  }

  /// Writes the cache to the file at `path`, on any thread: the `kept` lines, then a line for
  /// each of the `newest` keys with its score in `scores`, at most `capacity` lines.
  static func write(
    _ scores: [String: LintScore], newest: [String], kept: [ArraySlice<UInt8>], to path: String,
    settings: String
  ) {
    let dropped = max(0, kept.count + newest.count - RevisionScores.capacity)
    var bytes = Array((RevisionScores.magic + "\n" + HistoryCache.escape(settings) + "\n").utf8)
    bytes.reserveCapacity(bytes.count + kept.reduce(0) { $0 + $1.count + 1 } + newest.count * 128)
    for line in kept.dropFirst(dropped) {
      bytes += line
      bytes.append(0x0A)
    }
    let characteristics = Characteristic.allCases
    for key in newest.dropFirst(max(0, dropped - kept.count)) {
      guard let score = scores[key] else { continue }
      DecimalBytes.append(score.total, to: &bytes)
      for characteristic in characteristics {
        bytes.append(0x20)
        DecimalBytes.append(score[characteristic], to: &bytes)
      }
      bytes.append(0x09)
      HistoryCache.appendEscaped(key, to: &bytes)
      bytes.append(0x0A)
    }
    bytes += Array("end \(HistoryCache.checksum(bytes))\n".utf8)
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? AtomicFile.replace(path, contents: Data(bytes), displayPath: path, durable: false)
  }

  /// Reads the file's lines: the magic, the settings, `<total> <part>…\t<key>` lines (the
  /// parts in `Characteristic`'s order), then `end <checksum of everything before>`; nil when
  /// any of it does not match.
  static func decode(_ bytes: [UInt8], settings: String) -> [String: LintScore]? {
    decodeCached(bytes, settings: settings)?.scores
  }

  /// The same, with the score lines as read.
  static func decodeCached(_ bytes: [UInt8], settings: String) -> Cached? {
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count >= 4, lines.last?.isEmpty == true else { return nil }
    func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self) }
    guard text(lines[0]) == magic, HistoryCache.unescape(text(lines[1])) == settings else { return nil }
    let trailer = lines[lines.count - 2]
    let body = bytes[..<trailer.startIndex]
    guard text(trailer) == "end " + HistoryCache.checksum(body) else { return nil }
    // The numbers of a line, on its bytes (a String per line and Int parsing were a tenth of
    // a warm report's own work); nil unless they are digits separated by single spaces.
    let parts = Characteristic.allCases.count
    func numbers(_ bytes: ArraySlice<UInt8>) -> [Int]? {
      var numbers: [Int] = []
      numbers.reserveCapacity(1 + parts)
      var value: Int?
      for byte in bytes {
        if byte == 0x20 {
          guard let finished = value else { return nil }
          numbers.append(finished)
          value = nil
        } else if byte >= 0x30, byte <= 0x39, (value ?? 0) < 100_000 {
          value = (value ?? 0) * 10 + Int(byte - 0x30)
        } else {
          return nil
        }
      }
      guard let last = value else { return nil }
      numbers.append(last)
      return numbers
    }
    var scores: [String: LintScore] = [:]
    scores.reserveCapacity(lines.count - 4)
    for line in lines[2..<(lines.count - 2)] {
      guard let tab = line.firstIndex(of: 0x09), let numbers = numbers(line[..<tab]),
        numbers.count == 1 + parts
      else { return nil }
      scores[HistoryCache.unescape(text(line[(tab + 1)...]))] = LintScore(
        values: Array(numbers.dropFirst()), total: numbers[0])
    }
    return Cached(scores: scores, lines: Array(lines[2..<(lines.count - 2)]))
  }

  /// The lint settings that change scores, as one line.
  static func fingerprint(_ linter: Linter) -> String {
    let severities = linter.severities.sorted { $0.key < $1.key }.map {
      "\($0.key)=\($0.value?.rawValue ?? "off")"
    }
    return "disabled \(linter.disabled.sorted()) severities \(severities) jargon \(linter.jargon) "
      + "team \(linter.teamRules.map { "\($0)" }) "
      + "headline \(linter.headlineWords) statement \(linter.statementWords) review \(linter.reviewEvery)"
      // Scores made on lint's reference path are kept apart, so that comparing the two paths
      // through log or report compares linting, not the cache.
      + (LintEngine.environment == .reference ? " engine reference" : "")
  }

  /// The running binary's identity: its GNU build ID (a hash of the linked program, the same
  /// in a copy on another machine, so a CI job that restores the caches and the binary from
  /// an earlier run reads its scores), else its size, modification time and inode. Another
  /// build (other rules) never reads this build's scores.
  static func binaryIdentity() -> String { identity }

  private static let identity: String = {
    guard let executable = RunningExecutable.path ?? Bundle.main.executablePath else { return "unknown" }
    if let id = ExecutableBuildID.read(executable) { return "build-id " + id }
    var status = stat()
    guard stat(executable, &status) == 0 else { return "unknown" }
    let modified = status.modificationTime
    return "\(status.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(status.st_ino)"
  }()
}
