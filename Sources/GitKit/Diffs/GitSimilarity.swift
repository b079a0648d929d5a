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

    /// A chunk's bytes with their hash worked out once, in one pass over the bytes: each
    /// signature is compared with many others, and hashing a `[UInt8]` key byte by byte at
    /// every lookup was a sixth of a cold `list` of rust-lang/rfcs (docs/performance.md,
    /// session 17). Equal chunks are equal bytes, as before; only the hashing is faster.
    struct Chunk: Hashable {
      let bytes: [UInt8]
      let hash: Int

      init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
      }

      static func == (left: Chunk, right: Chunk) -> Bool {
        left.hash == right.hash && left.bytes == right.bytes
      }

      func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
      }
    }

    init(_ bytes: UnsafeRawBufferPointer) {
      var counts: [Chunk: Int] = [:]
      let isText = !bytes.prefix(8000).contains(0)
      var chunk: [UInt8] = []
      chunk.reserveCapacity(64)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if isText && byte == 0x0D && index < bytes.count && bytes[index] == 0x0A { continue }
        chunk.append(byte)
        if chunk.count < 64 && byte != 0x0A { continue }
        counts[Chunk(chunk), default: 0] += chunk.count
        chunk.removeAll(keepingCapacity: true)
      }
      if !chunk.isEmpty { counts[Chunk(chunk), default: 0] += chunk.count }
      self.counts = counts
      self.size = bytes.count
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
