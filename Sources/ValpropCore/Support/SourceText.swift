import Foundation

/// Turns the bytes of a file valprop reads into text, or into a clear error: propositions,
/// templates and the config must be non-empty UTF-8 text.
public enum SourceText {
  /// The largest file valprop reads as text (propositions, templates, the config).
  public static let maximumSize = 2_000_000

  /// Decodes UTF-8 text, dropping a leading byte-order mark. Throws for an empty file, a file
  /// with NUL bytes (binary) and bytes that are not UTF-8, naming the line.
  public static func decode(_ data: Data, path: String) throws -> String {
    do {
      return try text(of: data)
    } catch {
      throw ValpropError.invalidProposition(
        error.location(path: path), problem: error.problem, hint: error.hint)
    }
  }

  /// Decodes UTF-8 text, dropping a leading byte-order mark; the error says why the bytes
  /// are not text valprop reads, for callers that treat some of those cases differently.
  public static func text(of data: Data) throws(UnreadableText) -> String {
    if data.count > maximumSize { throw .tooLarge(bytes: data.count) }
    // On the bytes where they are: every file a command reads goes through here (a copy
    // and a byte-by-byte search for NUL were a tenth of `lint --staged` on long files).
    let decoded = data.withUnsafeBytes { raw -> Result<String, UnreadableText> in
      let bytes = raw.bindMemory(to: UInt8.self)
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
        return .failure(.empty)
      }
      if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
        let offset = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
        return .failure(.binary(line: line(ofOffset: offset, in: Array(bytes[..<offset]))))
      }
      var body = bytes[...]
      if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
      guard let text = String(validating: body, as: UTF8.self) else {
        // The first line that does not decode on its own holds the first bad byte.
        let badLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
          .firstIndex { String(validating: $0, as: UTF8.self) == nil }
        return .failure(.notUTF8(line: (badLine ?? 0) + 1))
      }
      return .success(text)
    }
    return try decoded.get()
  }

  /// The lines of a text, without their `\n` or `\r\n` endings; a final line ending does not
  /// start another line.
  public static func lines(_ text: String) -> [String] {
    // Split on bytes: Swift treats "\r\n" as one Character, so a Character split would miss it.
    var text = text
    return text.withUTF8 { bytes in
      lineRangesOfLines(bytes).map {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
      }
    }
  }

  /// The byte ranges of `lines(_:)`'s lines in UTF-8 bytes: one empty line for no bytes.
  static func lineRangesOfLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    linesOfPieces(lineRanges(bytes), of: bytes)
  }

  /// `lineRangesOfLines` and `lineStarts` of the same bytes from one pass over them: the
  /// lines `lineRanges` finds start where `eachLine`'s lines start, each running up to its
  /// line feed. The two passes were 27 M of the 65 M instructions of parsing both versions
  /// of the documents a `diff --base HEAD~200` on `long-documents` compares
  /// (docs/performance.md, session 30).
  static func lineLayout(_ bytes: UnsafeBufferPointer<UInt8>) -> (lines: [Range<Int>], starts: [Int]) {
    let pieces = lineRanges(bytes)
    return (linesOfPieces(pieces, of: bytes), pieces.map(\.lowerBound))
  }

  /// `lineRanges`' pieces as lines, as a split would make them: the piece after a final line
  /// break is empty and is no line, nor is a last piece that is empty for another reason (a
  /// lone "\r"); no bytes are one empty line.
  private static func linesOfPieces(_ pieces: [Range<Int>], of bytes: UnsafeBufferPointer<UInt8>)
    -> [Range<Int>]
  {
    guard bytes.count > 0 else { return [0..<0] }
    var lines = pieces
    if bytes[bytes.count - 1] != 0x0A, lines.count > 1, lines[lines.count - 1].isEmpty { lines.removeLast() }
    return lines
  }

  /// `lines` as it was written first, on the String's UTF-8 view: what `lines` must agree with.
  static func linesBySplitting(_ text: String) -> [String] {
    var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
    }
    if lines.count > 1, lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The lines of UTF-8 bytes from `start`, as `lines(_:)` splits a text: the byte ranges
  /// without their `\n` and a final `\r`.
  static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    // About a line in forty bytes of Markdown prose: grown once or twice at most.
    lines.reserveCapacity(max(0, bytes.count - start) / 40 + 1)
    var from = start
    while from < bytes.count {
      let end =
        memchr(bytes.baseAddress! + from, 0x0A, bytes.count - from).map {
          bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
        } ?? bytes.count
      lines.append(from..<(end > from && bytes[end - 1] == 0x0D ? end - 1 : end))
      from = end + 1
    }
    return lines
  }

  /// The lines of a text with their line endings kept; joining them gives the text back.
  public static func linesWithEndings(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      var lines: [String] = []
      eachLine(bytes) { start, end, _ in
        lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
      }
      return lines
    }
  }

  /// Where each of `linesWithEndings`' lines starts in the text's UTF-8 bytes: a line runs
  /// to the next one's start, the last to the end.
  static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var starts: [Int] = []
    eachLine(bytes) { start, _, _ in starts.append(start) }
    return starts
  }

  /// Calls `body` with each line of UTF-8 bytes, its line ending kept: where the line
  /// starts, where the next one starts, and where its first byte after spaces and tabs lies
  /// (`end` for a line of blanks). Lines are found with `memchr`.
  static func eachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int, _ first: Int) -> Void
  ) {
    guard let base = bytes.baseAddress else { return }
    var start = 0
    while start < bytes.count {
      let end =
        memchr(base + start, 0x0A, bytes.count - start).map {
          base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1
        } ?? bytes.count
      var first = start
      while first < end, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
      body(start, end, first)
      start = end
    }
  }

  /// `linesWithEndings` as it was written first: what it must agree with.
  static func linesWithEndingsByIndex(_ text: String) -> [String] {
    var lines: [String] = []
    var start = text.utf8.startIndex
    for index in text.utf8.indices where text.utf8[index] == 0x0A {
      let end = text.utf8.index(after: index)
      lines.append(String(decoding: text.utf8[start..<end], as: UTF8.self))
      start = end
    }
    if start != text.utf8.endIndex { lines.append(String(decoding: text.utf8[start...], as: UTF8.self)) }
    return lines
  }

  /// The 1-based line of a byte offset.
  static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
    bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  }
}
