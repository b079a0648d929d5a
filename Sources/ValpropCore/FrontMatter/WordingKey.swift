import Foundation
import GitKit

/// What decides whether two versions of a proposition have the same wording, computed as
/// cheaply as possible: the words of the body (everything after the front matter), and the
/// front matter's text. Bodies are compared first; only when they match and the front matter
/// differs is the YAML parsed, to compare the title and audience.
final class WordingKey {
  /// The body's words and punctuation, white space left out, joined by U+0001 (one string
  /// holds less memory than thousands of small ones).
  let body: String
  /// The front matter's text (between the `---` lines), "" without one.
  let frontMatter: String
  /// The whole file, parsed only when the bodies match and the front matter differs.
  let data: Data
  /// The path, for the parse.
  let path: String
  /// Where the body starts in `data`.
  private var bodyStart = 0
  /// Where in `body` each line opening with a heading mark of two to six `#`s begins, and
  /// its number of `#`s.
  private(set) var headings: [(start: Int, marks: Int)] = []

  /// Splits a file into its front matter and body without parsing YAML, on the bytes: the
  /// fences are found by the proposition parser's own rule (`Proposition.frontMatterEnd`).
  init(data: Data, path: String) {
    self.path = path
    var headings: [(start: Int, marks: Int)]? = []
    let parts: (front: String, body: String, start: Int)? = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let layout = Self.layout(bytes, path: path) else { return nil }
      return (
        String(decoding: UnsafeBufferPointer(rebasing: bytes[layout.front]), as: UTF8.self),
        Tokenizer.joinedWording(
          anyBytes: UnsafeBufferPointer(rebasing: bytes[layout.body...]), headings: &headings),
        layout.body
      )
    }
    guard let parts else {
      // Binary or oversized: any change of bytes counts, and nothing is tokenised.
      body = "\u{2}\(data.count):" + HistoryCache.checksum(data)
      frontMatter = ""
      self.data = Data()
      return
    }
    frontMatter = parts.front
    self.data = data
    body = parts.body
    bodyStart = parts.start
    self.headings = headings ?? []
  }

  /// Where a file's front matter text (between the `---` lines; empty without front matter)
  /// and its body lie; nil for a binary file (one with a NUL byte) or one too large to read,
  /// which are never tokenised. Without front matter, or with front matter never closed,
  /// the whole file (after a byte order mark) is body.
  static func layout(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> (front: Range<Int>, body: Int)? {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return (0..<0, 0) }
    guard bytes.count <= SourceText.maximumSize, memchr(base, 0, bytes.count) == nil else { return nil }
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let lines = SourceText.lineRanges(bytes, from: start)
    guard let close = try? Proposition.frontMatterEnd(lines, in: bytes, path: path) else {
      return (start..<start, start)
    }
    let bodyStart = close + 1 < lines.count ? lines[close + 1].lowerBound : bytes.count
    let front = lines[1].lowerBound
    return (min(front, lines[close].lowerBound)..<lines[close].lowerBound, bodyStart)
  }

  /// Whether two versions of a file have the same wording: what `sameWording(as:)` says of
  /// their keys, keying only the lines where their bodies differ. A key is made line by line
  /// and its tokens never span lines, so two bodies that share their first and last lines
  /// have equal keys exactly when the keys of the lines between are equal, and the same holds
  /// of the keys with one heading mark. Two versions of a long document usually differ in a
  /// few lines; keying both whole was two fifths of the walk of a cold `list` of
  /// rust-lang/rfcs (docs/performance.md, session 22). Binary files, bodies whose heading
  /// marks cannot be cut from their keys, and `VALPROP_DIFF_ENGINE=reference` take the keys
  /// whole.
  static func sameWording(_ one: Data, _ other: Data, paths: (String, String)) -> Bool {
    func whole() -> Bool {
      WordingKey(data: one, path: paths.0).sameWording(as: WordingKey(data: other, path: paths.1))
    }
    if WordDiff.reference { return whole() }
    // The front matter's texts when the bodies have the same wording, nil when they do not.
    let compared: (body: Bool, fronts: (String, String)?)? = one.withUnsafeBytes { oneRaw in
      other.withUnsafeBytes { otherRaw in
        let left = oneRaw.bindMemory(to: UInt8.self)
        let right = otherRaw.bindMemory(to: UInt8.self)
        guard let leftLayout = layout(left, path: paths.0), let rightLayout = layout(right, path: paths.1),
          let body = sameBodyWording(
            UnsafeBufferPointer(rebasing: left[leftLayout.body...]),
            UnsafeBufferPointer(rebasing: right[rightLayout.body...]))
        else { return nil }
        guard body, !left[leftLayout.front].elementsEqual(right[rightLayout.front]) else {
          return (body, nil)
        }
        return (
          body,
          (
            String(decoding: UnsafeBufferPointer(rebasing: left[leftLayout.front]), as: UTF8.self),
            String(decoding: UnsafeBufferPointer(rebasing: right[rightLayout.front]), as: UTF8.self)
          )
        )
      }
    }
    guard let compared else { return whole() }
    // As `sameWording(as:)` goes on once the bodies match.
    guard compared.body, let fronts = compared.fronts, fronts.0 != fronts.1 else { return compared.body }
    return titleAndAudience(frontMatter: fronts.0, data: one, path: paths.0)
      == titleAndAudience(frontMatter: fronts.1, data: other, path: paths.1)
  }

  /// Whether two runs of lines pair up line by line, each pair the same bytes once a
  /// heading's marks are written as one `#` (as `bodyWithOneHeadingMarkByRewriting` writes
  /// them): then their keys with one heading mark are equal. A heading sweep, which moves
  /// every heading of a document a level, is told this way without keying it.
  static func sameLinesApartFromHeadingMarks(
    _ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>
  )
    -> Bool
  {
    /// The line with a heading's marks as one `#`.
    func oneMark(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
      guard let marks = Tokenizer.headingMarks(line) else { return Array(line) }
      let spaces = line.prefix { $0 == 0x20 }.count
      return Array(line[..<spaces]) + [0x23] + Array(line[(spaces + marks)...])
    }
    let leftStarts = SourceText.lineStarts(left)
    let rightStarts = SourceText.lineStarts(right)
    guard leftStarts.count == rightStarts.count else { return false }
    for index in leftStarts.indices {
      let last = index + 1 == leftStarts.count
      let one = UnsafeBufferPointer(
        rebasing: left[leftStarts[index]..<(last ? left.count : leftStarts[index + 1])])
      let other = UnsafeBufferPointer(
        rebasing: right[rightStarts[index]..<(last ? right.count : rightStarts[index + 1])])
      // Lines are never empty, so each has an address.
      let same = one.count == other.count && memcmp(one.baseAddress!, other.baseAddress!, one.count) == 0
      if !same, oneMark(one) != oneMark(other) { return false }
    }
    return true
  }

  /// Whether two bodies' keys are equal, or equal with one mark for each heading; nil when
  /// that cannot be told from the differing lines alone.
  static func sameBodyWording(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>)
    -> Bool?
  {
    let runs = ByteRuns(left, right)
    let (prefix, suffix) = (runs.prefix, runs.suffix)
    if prefix == left.count && prefix == right.count { return true }
    // Whole lines: from the start of the line where they first differ, to the end of the
    // line where they last differ, counted from the ends, which both share.
    let start = left[..<prefix].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let tail = left[(left.count - suffix)...].firstIndex(of: 0x0A).map { left.count - $0 - 1 } ?? 0
    let leftLines = UnsafeBufferPointer(rebasing: left[start..<(left.count - tail)])
    let rightLines = UnsafeBufferPointer(rebasing: right[start..<(right.count - tail)])
    if sameLinesApartFromHeadingMarks(leftLines, rightLines) { return true }
    var leftHeadings: [(start: Int, marks: Int)]? = []
    var rightHeadings: [(start: Int, marks: Int)]? = []
    let leftKey = Tokenizer.joinedWording(anyBytes: leftLines, headings: &leftHeadings)
    let rightKey = Tokenizer.joinedWording(anyBytes: rightLines, headings: &rightHeadings)
    if leftKey == rightKey { return true }
    guard sameApartFromHashes(leftKey, rightKey) else { return false }
    guard let leftMarked = collapsingHeadingMarks(leftKey, at: leftHeadings ?? []),
      let rightMarked = collapsingHeadingMarks(rightKey, at: rightHeadings ?? [])
    else { return nil }
    return leftMarked == rightMarked
  }

  /// The body's key with each heading's run of `#`s as one `#`: a heading moved up or down
  /// a level is layout, as the wording diff treats it. Made only when two bodies differ, from
  /// the body's key: each such line's marks are its first tokens, `#` joined by U+0001, and
  /// are cut to one. Keying the rewritten text again was a sixth of a cold `list` of
  /// rust-lang/rfcs, whose heading sweep touched every file (docs/performance.md, session 17).
  lazy var bodyWithOneHeadingMark: String = {
    guard !data.isEmpty else { return body }
    return Self.collapsingHeadingMarks(body, at: headings) ?? bodyWithOneHeadingMarkByRewriting
  }()

  /// `body` with the `#`s of each heading at `headings` cut to one; nil if a place does not
  /// hold them (the key would then be made from the rewritten text).
  static func collapsingHeadingMarks(_ body: String, at headings: [(start: Int, marks: Int)]) -> String? {
    guard !headings.isEmpty else { return body }
    var body = body
    return body.withUTF8 { key -> String? in
      var out: [UInt8] = []
      out.reserveCapacity(key.count)
      var copied = 0
      for (start, marks) in headings {
        // The line's first token follows a separator unless it is the key's first.
        let first = start > 0 ? start + 1 : start
        let end = first + 2 * marks - 1
        guard start >= copied, end <= key.count, start == 0 || key[start] == 0x01 else { return nil }
        for offset in 0..<(2 * marks - 1) where key[first + offset] != (offset % 2 == 0 ? 0x23 : 0x01) {
          return nil
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: key[copied...first]))
        copied = end
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: key[copied...]))
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The same key made from the body's text with each heading's marks rewritten as one: the
  /// reference `bodyWithOneHeadingMark` is tested against.
  var bodyWithOneHeadingMarkByRewriting: String {
    guard !data.isEmpty else { return body }
    return data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      let count = bytes.count - bodyStart
      guard count > 0 else {
        return Tokenizer.joinedWording(anyBytes: UnsafeBufferPointer(start: nil, count: 0))
      }
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { kept in
        var written = 0
        // Each line as it is, but a heading's marks (`Tokenizer.headingMarks`, the rule the
        // key's own record uses) written as one `#`.
        Tokenizer.forEachLine(UnsafeBufferPointer(rebasing: bytes[bodyStart...])) { line, _ in
          var from = 0
          if let marks = Tokenizer.headingMarks(line) {
            while line[from] == 0x20 {
              kept[written] = 0x20
              written += 1
              from += 1
            }
            kept[written] = 0x23
            written += 1
            from += marks
          }
          for position in from..<line.count {
            kept[written] = line[position]
            written += 1
          }
        }
        return Tokenizer.joinedWording(anyBytes: UnsafeBufferPointer(rebasing: kept[..<written]))
      }
    }
  }

  /// Whether two body keys are equal once every `#` and every token separator is left out:
  /// true whenever their `bodyWithOneHeadingMark` keys are equal, so false spares making
  /// those. (Making one keys the body a second time; on rust-lang/rfcs that was a tenth of a
  /// cold `list`, because nearly every edit changes a body. Why it is safe: the heading marks
  /// that key drops are standalone `#` characters between white space or a line's start and
  /// white space, so dropping them changes no other token, and both keys keep every other
  /// character that is not white space, in order.)
  static func sameApartFromHashes(_ one: String, _ other: String) -> Bool {
    var one = one
    var other = other
    return one.withUTF8 { left in
      other.withUTF8 { right in
        // Leaving bytes out commutes with cutting: a prefix and a suffix the two share
        // leave the same bytes on both sides, so only the middles need the filtered
        // comparison. Two versions of a long document usually differ in a few places; the
        // filter over all of both was 8% of the walk of a cold `list` of rust-lang/rfcs
        // (docs/performance.md, session 22).
        let runs = ByteRuns(left, right)
        let (prefix, suffix) = (runs.prefix, runs.suffix)
        return sameApartFromHashes(
          UnsafeBufferPointer(rebasing: left[prefix..<(left.count - suffix)]),
          UnsafeBufferPointer(rebasing: right[prefix..<(right.count - suffix)]))
      }
    }
  }

  /// The filtered comparison itself, byte by byte: the reference the cut one is tested
  /// against.
  static func sameApartFromHashes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    var i = 0
    var j = 0
    while true {
      while i < left.count, left[i] == 0x23 || left[i] == 0x01 { i += 1 }
      while j < right.count, right[j] == 0x23 || right[j] == 0x01 { j += 1 }
      guard i < left.count, j < right.count else { return i == left.count && j == right.count }
      if left[i] != right[j] { return false }
      i += 1
      j += 1
    }
  }

  /// The title and audience words, from the parsed front matter (or the heading, as the
  /// proposition's title falls back to it); parsed once, when first compared.
  lazy var titleAndAudience: [String] = Self.titleAndAudience(
    frontMatter: frontMatter, data: data, path: path)

  /// The title and audience words of a file whose front matter's text is `frontMatter`.
  static func titleAndAudience(frontMatter: String, data: Data, path: String) -> [String] {
    // Front matter that parses and names a title is all that is needed; parsing the whole
    // proposition (its lines, heading and sections) cost four times as much.
    if !frontMatter.isEmpty, let parsed = try? FrontMatter(yaml: frontMatter, path: path, firstLine: 2),
      let title = parsed.title
    {
      return titleAndAudience(title: title, audience: parsed.audience)
    }
    let proposition = Proposition.lenient(id: "", path: path, data: data)
    return titleAndAudience(title: proposition.title, audience: proposition.frontMatter.audience)
  }

  static func titleAndAudience(title: String, audience: String?) -> [String] {
    Tokenizer.wording(title) + ["\u{1}"] + Tokenizer.wording(audience ?? "")
  }

  /// Whether two versions have the same wording.
  func sameWording(as other: WordingKey) -> Bool {
    guard
      body == other.body
        || (Self.sameApartFromHashes(body, other.body)
          && bodyWithOneHeadingMark == other.bodyWithOneHeadingMark)
    else { return false }
    if frontMatter == other.frontMatter { return true }
    return titleAndAudience == other.titleAndAudience
  }
}
