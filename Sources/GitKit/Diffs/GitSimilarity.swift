import CLibGit2
import Foundation

/// The similarity of two files as git itself estimates it for rename detection, plugged into
/// libgit2's rename finder so that valprop agrees with `git diff -M` and `git log`: libgit2's
/// own metric (sampled hashes) calls some edited files renamed that git does not.
///
/// git cuts each file into chunks that end at a line feed or after 64 bytes (a carriage
/// return before a line feed is skipped in text), counts the bytes of each distinct chunk,
/// and calls the bytes both files share, divided by the larger file's size, the similarity.
public enum GitSimilarity {
  /// The similarity of two files, 0 to 100, as `git diff -M` scores it (50 makes a rename).
  public static func score(_ a: Data, _ b: Data) -> Int {
    if a == b { return 100 }
    let left = a.withUnsafeBytes { Signature($0) }
    let right = b.withUnsafeBytes { Signature($0) }
    return Int(left.similarity(to: right))
  }

  /// The chunk counts and size of one file.
  final class Signature {
    let counts: [Chunk: Int]
    let size: Int
    /// The file's bytes as chunked (a carriage return before a line feed dropped in text):
    /// the chunks point into them, so they live as long as the signature.
    private let chunked: UnsafeMutableRawBufferPointer

    /// A chunk: where its bytes lie in a signature's copy, with their hash worked out once,
    /// in one pass over the bytes. Each signature is compared with many others, and a chunk
    /// was an array of its own, appended a byte at a time (most of signing the 95 RFCs added
    /// across `diff --base HEAD~200` on rust-lang/rfcs, docs/performance.md, session 21).
    /// Equal chunks are equal bytes.
    struct Chunk: Hashable {
      let start: UnsafeRawPointer
      let count: Int
      let hash: Int

      init(_ bytes: UnsafeRawBufferPointer) {
        start = bytes.baseAddress!
        count = bytes.count
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        hash = hasher.finalize()
      }

      static func == (left: Chunk, right: Chunk) -> Bool {
        left.hash == right.hash && left.count == right.count
          && memcmp(left.start, right.start, left.count) == 0
      }

      func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
      }
    }

    init(_ bytes: UnsafeRawBufferPointer) {
      let isText = !bytes.prefix(8000).contains(0)
      chunked = .allocate(byteCount: max(bytes.count, 1), alignment: 1)
      var kept = 0
      for (index, byte) in bytes.enumerated() {
        if isText && byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { continue }
        chunked[kept] = byte
        kept += 1
      }
      // A chunk runs through a line feed, or 64 bytes, whichever comes first.
      var counts: [Chunk: Int] = [:]
      let base = UnsafeRawPointer(chunked.baseAddress!)
      var start = 0
      while start < kept {
        let limit = min(start + 64, kept)
        let end =
          memchr(base + start, 0x0A, limit - start).map { base.distance(to: UnsafeRawPointer($0)) + 1 }
          ?? limit
        counts[Chunk(UnsafeRawBufferPointer(start: base + start, count: end - start)), default: 0] +=
          end - start
        start = end
      }
      self.counts = counts
      self.size = bytes.count
    }

    deinit {
      chunked.deallocate()
    }

    /// 0 to 100: the shared bytes over the larger size, rounded down.
    func similarity(to other: Signature) -> Int32 {
      let larger = max(size, other.size)
      guard larger > 0, min(size, other.size) > 0 else { return 0 }
      let (small, large) =
        counts.count <= other.counts.count ? (counts, other.counts) : (other.counts, counts)
      var shared = 0
      for (chunk, count) in small {
        if let otherCount = large[chunk] { shared += min(count, otherCount) }
      }
      return Int32(shared * 100 / larger)
    }
  }

  /// The metric handed to `git_diff_find_similar`.
  static func metric() -> git_diff_similarity_metric {
    var metric = git_diff_similarity_metric()
    metric.file_signature = { out, _, path, _ in
      guard let out, let path, let data = FileBytes.readIfPresent(String(cString: path)) else {
        return -1
      }
      let signature = data.withUnsafeBytes { Signature($0) }
      out.pointee = Unmanaged.passRetained(signature).toOpaque()
      return 0
    }
    metric.buffer_signature = { out, _, buffer, length, _ in
      guard let out else { return -1 }
      let signature = Signature(UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length))
      out.pointee = Unmanaged.passRetained(signature).toOpaque()
      return 0
    }
    metric.free_signature = { signature, _ in
      guard let signature else { return }
      Unmanaged<Signature>.fromOpaque(signature).release()
    }
    metric.similarity = { score, first, second, _ in
      guard let score, let first, let second else { return -1 }
      let a = Unmanaged<Signature>.fromOpaque(first).takeUnretainedValue()
      let b = Unmanaged<Signature>.fromOpaque(second).takeUnretainedValue()
      score.pointee = a.similarity(to: b)
      return 0
    }
    return metric
  }
}
