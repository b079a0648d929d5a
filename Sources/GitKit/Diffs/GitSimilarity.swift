import CLibGit2
import Foundation

/// The similarity of two files as git itself estimates it for rename detection, plugged into
/// libgit2's rename finder so that valprop agrees with `git diff -M` and `git log`: libgit2's
/// own metric (sampled hashes) calls some edited files renamed that git does not.
///
/// git cuts each file into chunks that end at a line feed or after 64 bytes (a carriage
/// return before a line feed is skipped in text), counts the bytes of each distinct chunk,
/// and calls the bytes both files share, divided by the larger file's size, the similarity.
/// git tells chunks apart by a hash of their bytes, this count by the bytes themselves: the
/// two can differ only where git's hash makes two different chunks collide.
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
    /// Each distinct chunk with the bytes it covers, in the order of the chunks' hashes, so
    /// that two signatures are compared by walking both side by side. Looking every chunk of
    /// one up in the other's table was a ninth of the walk of a cold `list` of
    /// rust-lang/rfcs, whose renames compare each added file with every deleted one
    /// (docs/performance.md, session 22).
    let entries: [(chunk: Chunk, count: Int)]
    let size: Int
    /// The file's bytes as chunked (a carriage return before a line feed dropped in text):
    /// the chunks point into them, so they live as long as the signature.
    private let chunked: UnsafeMutableRawBufferPointer

    /// A chunk: where its bytes lie in a signature's copy, with their hash worked out once,
    /// in one pass over the bytes. Each signature is compared with many others, and a chunk
    /// was an array of its own, appended a byte at a time (most of signing the 95 RFCs added
    /// across `diff --base HEAD~200` on rust-lang/rfcs, docs/performance.md, session 21).
    /// Equal chunks are equal bytes.
    struct Chunk: Equatable {
      let start: UnsafeRawPointer
      let count: Int
      let hash: Int

      init(_ bytes: UnsafeRawBufferPointer, hash: (UnsafeRawBufferPointer) -> Int) {
        start = bytes.baseAddress!
        count = bytes.count
        self.hash = hash(bytes)
      }

      /// The hash chunks are told by: the process's byte digest (SipHash over every byte,
      /// and again for a table's buckets, was most of signing a file).
      static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        Int(truncatingIfNeeded: ByteDigest.of(bytes))
      }

      /// Chunks ordered by hash, then by their bytes, so that equal chunks are neighbours.
      static func precedes(_ left: Chunk, _ right: Chunk) -> Bool {
        if left.hash != right.hash { return left.hash < right.hash }
        if left.count != right.count { return left.count < right.count }
        return memcmp(left.start, right.start, left.count) < 0
      }

      static func == (left: Chunk, right: Chunk) -> Bool {
        left.hash == right.hash && left.count == right.count
          && memcmp(left.start, right.start, left.count) == 0
      }
    }

    /// Signs a file's bytes; `hash` is for tests, which make chunks collide.
    init(_ bytes: UnsafeRawBufferPointer, hash: (UnsafeRawBufferPointer) -> Int = Chunk.hash) {
      chunked = .allocate(byteCount: max(bytes.count, 1), alignment: 1)
      let kept = Self.copy(bytes, to: chunked, droppingCarriageReturns: !bytes.prefix(8000).contains(0))
      // A chunk runs through a line feed, or 64 bytes, whichever comes first.
      var chunks: [Chunk] = []
      chunks.reserveCapacity(kept / 32 + 1)
      let base = UnsafeRawPointer(chunked.baseAddress!)
      var start = 0
      while start < kept {
        let limit = min(start + 64, kept)
        let end =
          memchr(base + start, 0x0A, limit - start).map { base.distance(to: UnsafeRawPointer($0)) + 1 }
          ?? limit
        chunks.append(Chunk(UnsafeRawBufferPointer(start: base + start, count: end - start), hash: hash))
        start = end
      }
      // Equal chunks sorted together count once, with all the bytes they cover.
      chunks.sort(by: Chunk.precedes)
      var entries: [(chunk: Chunk, count: Int)] = []
      entries.reserveCapacity(chunks.count)
      for chunk in chunks {
        if let last = entries.last, last.chunk == chunk {
          entries[entries.count - 1].count += chunk.count
        } else {
          entries.append((chunk, chunk.count))
        }
      }
      self.entries = entries
      self.size = bytes.count
    }

    deinit {
      chunked.deallocate()
    }

    /// Copies a file's bytes, without each carriage return that a line feed follows when
    /// `droppingCarriageReturns` (text), a run at a time; the count copied.
    static func copy(
      _ bytes: UnsafeRawBufferPointer, to target: UnsafeMutableRawBufferPointer, droppingCarriageReturns: Bool
    ) -> Int {
      guard let source = bytes.baseAddress, let destination = target.baseAddress else { return 0 }
      guard droppingCarriageReturns else {
        destination.copyMemory(from: source, byteCount: bytes.count)
        return bytes.count
      }
      var kept = 0
      var from = 0
      while from < bytes.count {
        // The next carriage return, or the end.
        let found = memchr(source + from, 0x0D, bytes.count - from).map {
          source.distance(to: UnsafeRawPointer($0))
        }
        let end = found ?? bytes.count
        (destination + kept).copyMemory(from: source + from, byteCount: end - from)
        kept += end - from
        guard let at = found else { break }
        if at + 1 < bytes.count && bytes[at + 1] == 0x0A {
          from = at + 1
        } else {
          destination.storeBytes(of: 0x0D, toByteOffset: kept, as: UInt8.self)
          kept += 1
          from = at + 1
        }
      }
      return kept
    }

    /// 0 to 100: the shared bytes over the larger size, rounded down.
    func similarity(to other: Signature) -> Int32 {
      let larger = max(size, other.size)
      guard larger > 0, min(size, other.size) > 0 else { return 0 }
      let mine = entries
      let theirs = other.entries
      var shared = 0
      var i = 0
      var j = 0
      while i < mine.count && j < theirs.count {
        let hash = mine[i].chunk.hash
        if hash < theirs[j].chunk.hash {
          i += 1
        } else if hash > theirs[j].chunk.hash {
          j += 1
        } else {
          // The chunks of one hash on each side (more than one only when different bytes
          // share a hash): each of mine meets its equal, if the other has it.
          var iEnd = i + 1
          while iEnd < mine.count && mine[iEnd].chunk.hash == hash { iEnd += 1 }
          var jEnd = j + 1
          while jEnd < theirs.count && theirs[jEnd].chunk.hash == hash { jEnd += 1 }
          for x in i..<iEnd {
            if let y = (j..<jEnd).first(where: { theirs[$0].chunk == mine[x].chunk }) {
              shared += min(mine[x].count, theirs[y].count)
            }
          }
          i = iEnd
          j = jEnd
        }
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
