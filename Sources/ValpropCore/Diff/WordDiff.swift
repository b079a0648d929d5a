import Foundation
import GitKit

/// One piece of a word diff: text both sides share, or text only the old or new side has.
public struct DiffToken: Sendable, Equatable, Encodable {
  /// Which side the text belongs to.
  public enum Operation: String, Sendable, Encodable {
    /// On both sides.
    case equal
    /// Only on the new side.
    case insert
    /// Only on the old side.
    case delete
  }

  /// Which side.
  public let op: Operation
  /// The exact text, white space included.
  public let text: String

  /// Creates a token.
  public init(_ op: Operation, _ text: String) {
    self.op = op
    self.text = text
  }

  /// Whether the text is white space alone (`Character.isWhitespace`). Read on the bytes
  /// while they are ASCII, where tab, line feed, vertical tab, form feed, carriage return
  /// and space are the white space; from the first byte past ASCII, by Character. By
  /// Character alone it was a fifth of rendering the text of `diff --base HEAD~200` on
  /// swift-evolution, asked for every line of long tokens (docs/performance.md, session 25).
  public var isWhitespace: Bool {
    for byte in text.utf8 {
      // An ASCII byte before any byte past ASCII starts a Character of its own, or follows
      // a carriage return, so a byte that is not white space decides.
      if byte >= 0x80 { return isWhitespaceByCharacter }
      if byte != 0x20 && (byte < 0x09 || byte > 0x0D) { return false }
    }
    return true
  }

  /// The same, Character by Character: the reference.
  var isWhitespaceByCharacter: Bool { text.allSatisfy(\.isWhitespace) }
}

/// A word-level diff of two texts. Words are aligned ignoring white space, so a reflowed
/// paragraph has only white-space changes; joining the `equal` and `delete` tokens gives the
/// old text byte for byte, and `equal` and `insert` the new.
public enum WordDiff {
  /// Diffs two texts. `sides` keeps the words of the texts it diffed, for a caller that
  /// diffs a text again (a log, newest first, diffs each version as the old side of one
  /// revision, then as the new side of the one before).
  public static func diff(_ old: String, _ new: String, sides: Sides? = nil) -> [DiffToken] {
    if reference { return diffByStrings(old, new) }
    var old = old
    var new = new
    let tokens = old.withUTF8 { oldBytes in
      new.withUTF8 { newBytes in diffByBytes(oldBytes, newBytes, sides: sides) }
    }
    return tokens ?? diffByStrings(old, new)
  }

  /// The words of the last few texts a caller's diffs cut or read (and xdiff's input made
  /// of them), found again by the texts' bytes, the least recently used forgotten first:
  /// one caller's, not shared between threads.
  public final class Sides {
    private var kept: [(bytes: [UInt8], words: Words, lines: [UInt8]?)] = []
    private let capacity: Int
    /// How many texts' words were found kept.
    private(set) var hits = 0

    /// A memo of the words of at most `capacity` texts: a log whose revisions each change
    /// `k` sections finds a section's words again while `capacity` is at least `2k - 1`.
    public init(capacity: Int = 8) {
      precondition(capacity > 0, "a memo keeps at least one text")
      self.capacity = capacity
    }

    /// The index of the kept text with these bytes.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
      kept.firstIndex { entry in
        entry.bytes.count == bytes.count
          && (bytes.isEmpty
            || entry.bytes.withUnsafeBufferPointer {
              memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0
            })
      }
    }

    /// The words of a text, cut now if they were not kept (by `cut`, when it gives them);
    /// either way, the text is now the most recently used.
    func words(_ bytes: UnsafeBufferPointer<UInt8>, cut: () -> Words? = { nil }) -> Words {
      if let index = find(bytes) {
        hits += 1
        let entry = kept.remove(at: index)
        kept.append(entry)
        return entry.words
      }
      let words = cut() ?? Words(bytes)
      if kept.count >= capacity { kept.removeFirst() }
      kept.append((Array(bytes), words, nil))
      return words
    }

    /// xdiff's input for a text whose words were taken from here.
    func lines(_ bytes: UnsafeBufferPointer<UInt8>, _ words: Words) -> [UInt8] {
      guard let index = find(bytes) else { return words.lines(bytes) }
      if let lines = kept[index].lines { return lines }
      let lines = words.lines(bytes)
      kept[index].lines = lines
      return lines
    }
  }

  /// Whether the word diff goes as it was written first (`VALPROP_DIFF_ENGINE=reference`):
  /// every word and gap a String, lines with other bytes than ASCII cut into Characters whole.
  static let reference = ProcessEnvironment.value("VALPROP_DIFF_ENGINE") == "reference"

  /// `diffByStrings` on the bytes: words and gaps are ranges of the texts, xdiff's input is
  /// copied from them, and the tokens are built from runs of bytes. Nil when a gap or a word
  /// differs from its counterpart in bytes but not as a String (canonically equal text),
  /// which only `diffByStrings` answers as it always did.
  static func diffByBytes(
    _ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>, sides: Sides? = nil
  ) -> [DiffToken]? {
    // The new side first: in a log, newest first, it is the text the diff before kept.
    let newWords = sides?.words(new) ?? Words(new)
    // How many words both sides start and end with that the old side took from the new:
    // equal without comparing them.
    var shared = (prefix: 0, suffix: 0)
    func cutOld() -> Words {
      let cut = Words.sharing(old, linesWith: new, words: newWords)
      shared = cut.shared
      return cut.words
    }
    let oldWords = sides?.words(old, cut: cutOld) ?? cutOld()
    let oldCount = oldWords.count
    let newCount = newWords.count
    var hunks: [DiffHunk]
    if oldCount == newCount,
      let same = sameWords(
        oldWords, old, newWords, new, equalPrefix: shared.prefix, equalSuffix: shared.suffix)
    {
      guard same else { return nil }
      hunks = []
    } else if oldCount == 0 || newCount == 0 {
      hunks = [DiffHunk(old: 0..<oldCount, new: 0..<newCount)]
    } else if let forced = LineDiff.forcedHunks(
      oldCount: oldCount, newCount: newCount, equalPrefix: shared.prefix, equalSuffix: shared.suffix,
      oldLine: {
        UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: old[oldWords.starts[$0]..<oldWords.ends[$0]]))
      },
      newLine: {
        UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: new[newWords.starts[$0]..<newWords.ends[$0]]))
      })
    {
      // A typo fix or an added sentence: xdiff's answer, found without it.
      hunks = forced
    } else {
      do {
        hunks = try LineDiff.hunks(
          lines: sides?.lines(old, oldWords) ?? oldWords.lines(old),
          sides?.lines(new, newWords) ?? newWords.lines(new))
      } catch {
        hunks = [DiffHunk(old: 0..<oldCount, new: 0..<newCount)]
      }
    }
    var output = ByteOutput()
    var oldIndex = 0
    var newIndex = 0
    // Aligned words: the gap before each, then the word (the old side's bytes).
    func emitEqual(upTo oldEnd: Int) -> Bool {
      // Most stretches between hunks are the same bytes on both sides, cut at the same
      // places: then every gap is the same too, and the words and gaps are one run of the
      // old side's bytes (a long section's unchanged words were a word at a time).
      if oldIndex < oldEnd {
        let count = oldEnd - oldIndex
        let oldStart = oldWords.gap(before: oldIndex).lowerBound
        let newStart = newWords.gap(before: newIndex).lowerBound
        let oldStop = oldWords.ends[oldEnd - 1]
        let newStop = newWords.ends[newIndex + count - 1]
        if oldStop - oldStart == newStop - newStart,
          memcmp(old.baseAddress! + oldStart, new.baseAddress! + newStart, oldStop - oldStart) == 0,
          (0..<count).allSatisfy({ offset in
            oldWords.starts[oldIndex + offset] - oldStart == newWords.starts[newIndex + offset] - newStart
              && oldWords.ends[oldIndex + offset] - oldStart == newWords.ends[newIndex + offset] - newStart
          })
        {
          output.append(.equal, old, oldStart..<oldStop)
          oldIndex = oldEnd
          newIndex += count
          return true
        }
      }
      while oldIndex < oldEnd {
        let oldGap = oldWords.gap(before: oldIndex)
        let newGap = newWords.gap(before: newIndex)
        switch compare(old, oldGap, new, newGap) {
        case .sameBytes:
          output.append(.equal, old, oldGap.lowerBound..<oldWords.ends[oldIndex])
        case .different:
          output.append(.delete, old, oldGap)
          output.append(.insert, new, newGap)
          output.append(.equal, old, oldWords.starts[oldIndex]..<oldWords.ends[oldIndex])
        case .canonicallyEqual:
          return false
        }
        oldIndex += 1
        newIndex += 1
      }
      return true
    }
    for hunk in hunks {
      guard emitEqual(upTo: hunk.old.lowerBound) else { return nil }
      var deleted = oldWords.span(hunk.old)
      var inserted = newWords.span(hunk.new)
      // A gap both sides open with stays equal, so that only the words show as changed.
      if !hunk.old.isEmpty, !hunk.new.isEmpty {
        let oldGap = oldWords.gap(before: hunk.old.lowerBound)
        let newGap = newWords.gap(before: hunk.new.lowerBound)
        switch compare(old, oldGap, new, newGap) {
        case .sameBytes:
          output.append(.equal, old, oldGap)
          deleted = oldGap.upperBound..<deleted.upperBound
          inserted = newGap.upperBound..<inserted.upperBound
        case .different:
          break
        case .canonicallyEqual:
          return nil
        }
      }
      output.append(.delete, old, deleted)
      output.append(.insert, new, inserted)
      oldIndex = hunk.old.upperBound
      newIndex = hunk.new.upperBound
    }
    guard emitEqual(upTo: oldCount) else { return nil }
    let oldTrailing = oldWords.trailing(old.count)
    let newTrailing = newWords.trailing(new.count)
    switch compare(old, oldTrailing, new, newTrailing) {
    case .sameBytes:
      output.append(.equal, old, oldTrailing)
    case .different:
      output.append(.delete, old, oldTrailing)
      output.append(.insert, new, newTrailing)
    case .canonicallyEqual:
      return nil
    }
    return output.tokens
  }

  /// How two pieces of text compare: the same bytes, or not equal as Strings either, or
  /// canonically equal in other bytes.
  enum Comparison {
    case sameBytes, different, canonicallyEqual
  }

  static func compare(
    _ old: UnsafeBufferPointer<UInt8>, _ oldRange: Range<Int>, _ new: UnsafeBufferPointer<UInt8>,
    _ newRange: Range<Int>
  ) -> Comparison {
    let left = UnsafeBufferPointer(rebasing: old[oldRange])
    let right = UnsafeBufferPointer(rebasing: new[newRange])
    if left.count == right.count,
      left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
    {
      return .sameBytes
    }
    if left.allSatisfy({ $0 < 0x80 }) && right.allSatisfy({ $0 < 0x80 }) { return .different }
    return String(decoding: left, as: UTF8.self) == String(decoding: right, as: UTF8.self)
      ? .canonicallyEqual : .different
  }

  /// Whether the words of two sides are equal: true when all have the same bytes, false when
  /// some are canonically equal in other bytes (equal Strings, but not the same text), nil when
  /// some differ. The first `equalPrefix` and last `equalSuffix` words are known to be the
  /// same bytes and are not compared.
  static func sameWords(
    _ oldWords: Words, _ old: UnsafeBufferPointer<UInt8>, _ newWords: Words,
    _ new: UnsafeBufferPointer<UInt8>,
    equalPrefix: Int = 0, equalSuffix: Int = 0
  ) -> Bool? {
    var allSameBytes = true
    let first = min(equalPrefix, oldWords.count)
    for index in first..<max(first, oldWords.count - equalSuffix) {
      switch compare(
        old, oldWords.starts[index]..<oldWords.ends[index], new, newWords.starts[index]..<newWords.ends[index]
      )
      {
      case .sameBytes: continue
      case .different: return nil
      case .canonicallyEqual: allSameBytes = false
      }
    }
    return allSameBytes
  }

  /// Where the words of a text lie: word `i` is `starts[i]..<ends[i]`, the white space before
  /// it runs from the end of the word before.
  struct Words {
    var starts: [Int] = []
    var ends: [Int] = []

    /// The words of a text, cut whole.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      (starts, ends) = Cutter.words(of: bytes)
    }

    /// Words found already: word `i` is `starts[i]..<ends[i]`.
    init(starts: [Int], ends: [Int]) {
      self.starts = starts
      self.ends = ends
    }

    /// The words of `bytes`, those of the whole lines it starts and ends with in common with
    /// `other` taken from `otherWords` (`other`'s words) instead of cut again: the cutter
    /// cuts each line on its own, so equal lines have equal words (cutting both sides of a
    /// long section with one paragraph changed was a tenth of a `diff --base HEAD~200` on
    /// `long-documents`, docs/performance.md, session 30). Shared lines end at a line feed
    /// both texts hold in the bytes they share; the test holds this to cutting whole.
    /// `shared` says how many words the text starts and ends with that are the other's, the
    /// same bytes: they need no comparing. It holds against `other` alone, so it is handed
    /// back beside the words, never kept with them.
    static func sharing(
      _ bytes: UnsafeBufferPointer<UInt8>, linesWith other: UnsafeBufferPointer<UInt8>,
      words otherWords: Words
    ) -> (words: Words, shared: (prefix: Int, suffix: Int)) {
      let count = bytes.count
      let otherCount = other.count
      guard let base = bytes.baseAddress, let otherBase = other.baseAddress else {
        return (Words(bytes), (0, 0))
      }
      let same = ByteRuns(base, count, otherBase, otherCount)
      // The lines both start with: up to the last line feed of the bytes they start with.
      var prefix = same.prefix
      while prefix > 0, base[prefix - 1] != 0x0A { prefix -= 1 }
      // The lines both end with: from after the first line feed of the bytes they end with
      // (which never reach into the bytes they start with).
      var suffixStart = count - same.suffix
      while suffixStart < count, base[suffixStart] != 0x0A { suffixStart += 1 }
      suffixStart = min(suffixStart + 1, count)
      guard prefix > 0 || suffixStart < count else { return (Words(bytes), (0, 0)) }
      let shift = otherCount - count
      let firstMiddle = otherWords.starts.firstIndex(notBelow: prefix)
      let firstSuffix = otherWords.starts.firstIndex(notBelow: suffixStart + shift)
      let middle = Cutter.words(of: UnsafeBufferPointer(rebasing: bytes[prefix..<suffixStart]))
      let total = firstMiddle + middle.starts.count + (otherWords.count - firstSuffix)
      // The other text's words of the shared lines, this one's between, at their places.
      func joined(_ otherValues: [Int], _ cut: [Int]) -> [Int] {
        [Int](unsafeUninitializedCapacity: total) { joined, initialized in
          var at = 0
          for index in 0..<firstMiddle {
            joined[at] = otherValues[index]
            at += 1
          }
          for value in cut {
            joined[at] = value + prefix
            at += 1
          }
          for index in firstSuffix..<otherValues.count {
            joined[at] = otherValues[index] - shift
            at += 1
          }
          initialized = at
        }
      }
      let words = Words(
        starts: joined(otherWords.starts, middle.starts), ends: joined(otherWords.ends, middle.ends))
      return (words, (firstMiddle, otherWords.count - firstSuffix))
    }

    var count: Int { starts.count }

    func gap(before index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<starts[index] }

    func trailing(_ count: Int) -> Range<Int> { (ends.last ?? 0)..<count }

    /// The gaps and words of `range`, as one run of bytes.
    func span(_ range: Range<Int>) -> Range<Int> {
      range.isEmpty ? 0..<0 : gap(before: range.lowerBound).lowerBound..<ends[range.upperBound - 1]
    }

    /// xdiff's input: each word followed by a line break, copied into a buffer of its size.
    func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
      var total = count
      for index in 0..<count { total += ends[index] - starts[index] }
      guard let base = bytes.baseAddress else { return [] }
      return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
        var position = 0
        for index in 0..<count {
          let length = ends[index] - starts[index]
          memcpy(buffer.baseAddress! + position, base + starts[index], length)
          buffer[position + length] = 0x0A
          position += length + 1
        }
        initialized = position
      }
    }
  }

  /// Finds the words (words and punctuation) of a text: lines of ASCII byte by byte; in other
  /// lines, an ASCII byte between two boundaries of Characters is a piece of its own and the
  /// rest is cut into Characters a stretch at a time. Two ASCII bytes in a row always have a
  /// Character boundary between them (`\r\n` excepted, white space either way), so each
  /// stretch ends at one. With `reference`, lines with other bytes go into Characters whole.
  struct Cutter: ~Copyable {
    /// Where the words found start and end, written into room that doubles when it is full
    /// (appending each word to two arrays, each append checking uniqueness and capacity,
    /// was a quarter of cutting, docs/performance.md, session 30); freed with the cutter,
    /// which cannot be copied.
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var room: Int
    private var found = 0
    private var runKind: Token.Kind?
    private var runStart = 0

    /// The starts and ends of the words of a text.
    static func words(of bytes: UnsafeBufferPointer<UInt8>) -> (starts: [Int], ends: [Int]) {
      // About one word in six bytes of prose: grown once or twice, not a dozen times.
      var cutter = Cutter(room: bytes.count / 6 + 16)
      cutter.cut(bytes)
      return (
        Array(UnsafeBufferPointer(start: cutter.starts, count: cutter.found)),
        Array(UnsafeBufferPointer(start: cutter.ends, count: cutter.found))
      )
    }

    /// A cutter with room for `room` words.
    private init(room: Int) {
      self.room = room
      starts = .allocate(capacity: room)
      ends = .allocate(capacity: room)
    }

    deinit {
      starts.deallocate()
      ends.deallocate()
    }

    /// Records a word, making room first when there is none left.
    @inline(__always) private mutating func emit(_ start: Int, _ end: Int) {
      if found == room { grow() }
      starts[found] = start
      ends[found] = end
      found += 1
    }

    /// Doubles the room, keeping the words found.
    private mutating func grow() {
      let larger = room * 2
      let count = found
      func moved(_ old: UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
        let new = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        new.initialize(from: old, count: count)
        old.deallocate()
        return new
      }
      starts = moved(starts)
      ends = moved(ends)
      room = larger
    }

    private mutating func endRun(at position: Int) {
      if let kind = runKind, position > runStart, kind != .whitespace {
        emit(runStart, position)
      }
      runKind = nil
    }

    private mutating func add(_ kind: Token.Kind, _ start: Int, _ end: Int) {
      if kind == .punctuation {
        endRun(at: start)
        emit(start, end)
      } else if kind != runKind {
        endRun(at: start)
        runKind = kind
        runStart = start
      }
    }

    private mutating func cut(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let base = bytes.baseAddress else { return }
      let count = bytes.count
      var lineStart = 0
      while lineStart < count {
        let lineEnd =
          memchr(base + lineStart, 0x0A, count - lineStart).map {
            base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1
          } ?? count
        if LintPrefilter.isASCII(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])) {
          // White space is skipped, a run of letters and digits is a word, any other byte
          // is a piece of its own: `Tokenizer.kind(ofASCII:)`, tested once a byte (asking
          // it for every byte's kind and comparing kinds was a seventh of a `diff --base
          // HEAD~200` on `long-documents`, docs/performance.md, session 29).
          var start = lineStart
          while start < lineEnd {
            let byte = bytes[start]
            if Tokenizer.isASCIISpace(byte) {
              start += 1
              continue
            }
            var end = start + 1
            if Tokenizer.isASCIIWordByte(byte) {
              while end < lineEnd, Tokenizer.isASCIIWordByte(bytes[end]) { end += 1 }
            }
            emit(start, end)
            start = end
          }
        } else if WordDiff.reference {
          var offset = lineStart
          let line = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
          for token in Tokenizer.tokensByCharacter(line) {
            let length = token.text.utf8.count
            if token.kind != .whitespace { emit(offset, offset + length) }
            offset += length
          }
        } else {
          var index = lineStart
          while index < lineEnd {
            if bytes[index] < 0x80, index + 1 == lineEnd || bytes[index + 1] < 0x80 {
              add(Tokenizer.kind(ofASCII: bytes[index]), index, index + 1)
              index += 1
              continue
            }
            var stretchEnd = index + 1
            while stretchEnd < lineEnd, bytes[stretchEnd - 1] >= 0x80 || bytes[stretchEnd] >= 0x80 {
              stretchEnd += 1
            }
            var offset = index
            let stretch = String(
              decoding: UnsafeBufferPointer(rebasing: bytes[index..<stretchEnd]), as: UTF8.self)
            for character in stretch {
              let length = character.utf8.count
              add(Tokenizer.kind(of: character), offset, offset + length)
              offset += length
            }
            index = stretchEnd
          }
          endRun(at: lineEnd)
        }
        lineStart = lineEnd
      }
    }
  }

  /// Collects tokens from runs of bytes, merging neighbours of the same operation.
  struct ByteOutput {
    private var done: [DiffToken] = []
    private var pendingOp: DiffToken.Operation?
    private var pending: [UInt8] = []

    /// The tokens collected.
    var tokens: [DiffToken] {
      guard let pendingOp else { return done }
      return done + [DiffToken(pendingOp, String(decoding: pending, as: UTF8.self))]
    }

    mutating func append(_ op: DiffToken.Operation, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    {
      guard !range.isEmpty else { return }
      if op != pendingOp {
        if let pendingOp { done.append(DiffToken(pendingOp, String(decoding: pending, as: UTF8.self))) }
        pendingOp = op
        pending.removeAll(keepingCapacity: true)
      }
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }
  }

  /// Diffs two texts as it was written first, every word and gap a String: what
  /// `diffByBytes` must agree with.
  static func diffByStrings(_ old: String, _ new: String) -> [DiffToken] {
    let oldSide = Side(old)
    let newSide = Side(new)
    let hunks: [DiffHunk]
    do {
      hunks = try LineDiff.hunks(oldSide.words, newSide.words)
    } catch {
      // xdiff does not fail on text; should it, show the whole text replaced.
      hunks = [DiffHunk(old: 0..<oldSide.words.count, new: 0..<newSide.words.count)]
    }
    var output = Output()
    var oldIndex = 0
    var newIndex = 0
    func emitEqual(upTo oldEnd: Int) {
      while oldIndex < oldEnd {
        output.gap(oldSide.gaps[oldIndex], newSide.gaps[newIndex])
        output.append(.equal, oldSide.words[oldIndex])
        oldIndex += 1
        newIndex += 1
      }
    }
    for hunk in hunks {
      emitEqual(upTo: hunk.old.lowerBound)
      var deleted = ""
      var inserted = ""
      for index in hunk.old { deleted += oldSide.gaps[index] + oldSide.words[index] }
      for index in hunk.new { inserted += newSide.gaps[index] + newSide.words[index] }
      // A gap both sides open with stays equal, so that only the words show as changed.
      if !hunk.old.isEmpty, !hunk.new.isEmpty,
        oldSide.gaps[hunk.old.lowerBound] == newSide.gaps[hunk.new.lowerBound]
      {
        let gap = oldSide.gaps[hunk.old.lowerBound]
        output.append(.equal, gap)
        deleted.removeFirst(gap.count)
        inserted.removeFirst(gap.count)
      }
      output.append(.delete, deleted)
      output.append(.insert, inserted)
      oldIndex = hunk.old.upperBound
      newIndex = hunk.new.upperBound
    }
    emitEqual(upTo: oldSide.words.count)
    output.gap(oldSide.trailing, newSide.trailing)
    return output.tokens
  }

  /// A text cut into its words (words and punctuation), each with the white space before
  /// it, and the white space after the last, as Strings (`Cutter` finds them).
  struct Side {
    var words: [String] = []
    var gaps: [String] = []
    var trailing = ""

    init(_ text: String) {
      var text = text
      var words: [String] = []
      var gaps: [String] = []
      trailing = text.withUTF8 { bytes -> String in
        guard let base = bytes.baseAddress else { return "" }
        func string(_ start: Int, _ end: Int) -> String {
          String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        }
        let found = Words(bytes)
        for index in 0..<found.count {
          words.append(string(found.starts[index], found.ends[index]))
          gaps.append(string(found.gap(before: index).lowerBound, found.starts[index]))
        }
        return string(found.trailing(bytes.count).lowerBound, bytes.count)
      }
      self.words = words
      self.gaps = gaps
    }

    /// The side as cut from `Tokenizer.tokens` directly: what `init` must agree with.
    init(byTokens text: String) {
      var gap = ""
      for token in Tokenizer.tokens(text) {
        if token.kind == .whitespace {
          gap += token.text
        } else {
          words.append(token.text)
          gaps.append(gap)
          gap = ""
        }
      }
      trailing = gap
    }
  }

  /// Collects tokens, merging neighbours of the same operation (the last one is built in
  /// place, so a long run of equal words costs no copy per word).
  struct Output {
    private var done: [DiffToken] = []
    private var pendingOp: DiffToken.Operation?
    private var pending = ""

    /// The tokens collected.
    var tokens: [DiffToken] {
      guard let pendingOp else { return done }
      return done + [DiffToken(pendingOp, pending)]
    }

    mutating func append(_ op: DiffToken.Operation, _ text: String) {
      guard !text.isEmpty else { return }
      if op == pendingOp {
        pending += text
        return
      }
      if let pendingOp { done.append(DiffToken(pendingOp, pending)) }
      pendingOp = op
      pending = text
    }

    /// White space between two aligned words: equal when the same, else old out, new in.
    mutating func gap(_ old: String, _ new: String) {
      if old == new {
        append(.equal, old)
      } else {
        append(.delete, old)
        append(.insert, new)
      }
    }
  }
}
