import CLibGit2
import Foundation

/// One difference between two sequences of lines: the lines `old` were replaced by `new`.
public struct DiffHunk: Sendable, Equatable {
  /// The replaced range of the old sequence (empty for a pure insertion).
  public let old: Range<Int>
  /// The replacing range of the new sequence (empty for a pure deletion).
  public let new: Range<Int>

  /// Creates a hunk.
  public init(old: Range<Int>, new: Range<Int>) {
    self.old = old
    self.new = new
  }
}

/// Diffs sequences of lines with libgit2's xdiff, which bounds its own worst case: two
/// unrelated texts of tens of thousands of lines diff in milliseconds.
public enum LineDiff {
  /// The hunks that turn `old` into `new`, in order. Lines must not contain `\n`.
  public static func hunks(_ old: [String], _ new: [String]) throws -> [DiffHunk] {
    if old == new { return [] }
    if old.isEmpty || new.isEmpty {
      return [DiffHunk(old: 0..<old.count, new: 0..<new.count)]
    }
    return try hunks(lines: buffer(old), buffer(new))
  }

  /// The hunks between two texts of lines, each line ended by `\n` (as `buffer` joins them),
  /// for callers that hold their lines as bytes already.
  public static func hunks(lines oldBuffer: [UInt8], _ newBuffer: [UInt8]) throws -> [DiffHunk] {
    LibGit2.ensureInitialized()
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "cannot set up a diff")
    options.context_lines = 0
    options.interhunk_lines = 0
    options.flags = GIT_DIFF_FORCE_TEXT.rawValue
    final class Collector {
      var hunks: [DiffHunk] = []
    }
    let collector = Collector()
    let payload = Unmanaged.passUnretained(collector).toOpaque()
    let result = oldBuffer.withUnsafeBytes { oldBytes in
      newBuffer.withUnsafeBytes { newBytes in
        git_diff_buffers(
          oldBytes.baseAddress, oldBytes.count, nil, newBytes.baseAddress, newBytes.count, nil, &options, nil,
          nil,
          { _, hunk, payload in
            guard let hunk = hunk?.pointee, let payload else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
            // xdiff numbers lines from 1; a zero-length side's start is the line before it.
            let oldStart = hunk.old_lines == 0 ? Int(hunk.old_start) : Int(hunk.old_start) - 1
            let newStart = hunk.new_lines == 0 ? Int(hunk.new_start) : Int(hunk.new_start) - 1
            collector.hunks.append(
              DiffHunk(
                old: oldStart..<oldStart + Int(hunk.old_lines), new: newStart..<newStart + Int(hunk.new_lines)
              ))
            return 0
          }, nil, payload)
      }
    }
    try check(result, "cannot diff the texts")
    return collector.hunks
  }

  /// The lines' bytes, each followed by `\n`, copied once into a buffer of the right size
  /// (a word diff's sides are thousands of one-word lines).
  static func buffer(_ lines: [String]) -> [UInt8] {
    // No lines join into an empty text, still ended by a newline.
    if lines.isEmpty { return [0x0A] }
    var count = lines.count
    for line in lines { count += line.utf8.count }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for line in lines {
      bytes.append(contentsOf: line.utf8)
      bytes.append(0x0A)
    }
    return bytes
  }
}

extension LineDiff {
  /// The lines added and removed between two versions of a file, as `git diff --numstat`
  /// counts them (xdiff, no context); nil when either side is binary by git's own test, a
  /// NUL byte among the first 8,000, which `--numstat` shows as `-`.
  public static func counts(_ old: Data, _ new: Data) throws -> (added: Int, removed: Int)? {
    if isBinary(old) || isBinary(new) { return nil }
    if old == new { return (0, 0) }
    LibGit2.ensureInitialized()
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "cannot set up a diff")
    options.context_lines = 0
    options.interhunk_lines = 0
    options.flags = GIT_DIFF_FORCE_TEXT.rawValue
    final class Totals {
      var added = 0
      var removed = 0
    }
    let totals = Totals()
    let payload = Unmanaged.passUnretained(totals).toOpaque()
    let result = old.withUnsafeBytes { oldBytes in
      new.withUnsafeBytes { newBytes in
        git_diff_buffers(
          oldBytes.baseAddress, oldBytes.count, nil, newBytes.baseAddress, newBytes.count, nil, &options, nil,
          nil, nil,
          { _, _, line, payload in
            guard let line = line?.pointee, let payload else { return 0 }
            let totals = Unmanaged<Totals>.fromOpaque(payload).takeUnretainedValue()
            switch UInt8(bitPattern: line.origin) {
            case UInt8(ascii: "+"): totals.added += 1
            case UInt8(ascii: "-"): totals.removed += 1
            default: break
            }
            return 0
          }, payload)
      }
    }
    try check(result, "cannot diff the texts")
    return (totals.added, totals.removed)
  }

  /// git's test for a binary file: a NUL byte among the first 8,000.
  public static func isBinary(_ data: Data) -> Bool {
    // memchr, not `contains`: Data's byte iterator cost more than the diff itself (a
    // callgrind profile of drift's line counts, docs/performance.md).
    data.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return false }
      return memchr(base, 0, min(bytes.count, 8_000)) != nil
    }
  }
}
