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

  /// Whether the text is white space alone.
  public var isWhitespace: Bool { text.allSatisfy(\.isWhitespace) }
}

/// A word-level diff of two texts. Words are aligned ignoring white space, so a reflowed
/// paragraph has only white-space changes; joining the `equal` and `delete` tokens gives the
/// old text byte for byte, and `equal` and `insert` the new.
public enum WordDiff {
  /// Diffs two texts.
  public static func diff(_ old: String, _ new: String) -> [DiffToken] {
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
  /// it, and the white space after the last. Lines of ASCII are cut byte by byte, others by
  /// Characters as `Tokenizer` cuts them (a test holds the two to the same answer).
  struct Side {
    var words: [String] = []
    var gaps: [String] = []
    var trailing = ""

    init(_ text: String) {
      // Words and the white space between them cover the text without a gap, so each
      // piece is cut from the bytes: a word where it lies, a gap from the last word's end.
      var text = text
      var words: [String] = []
      var gaps: [String] = []
      trailing = text.withUTF8 { bytes -> String in
        guard let base = bytes.baseAddress else { return "" }
        func string(_ start: Int, _ end: Int) -> String {
          String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        }
        let count = bytes.count
        var gapStart = 0
        var lineStart = 0
        while lineStart < count {
          let lineEnd =
            memchr(base + lineStart, 0x0A, count - lineStart).map {
              base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1
            } ?? count
          var ascii = true
          for index in lineStart..<lineEnd where bytes[index] >= 0x80 {
            ascii = false
            break
          }
          if ascii {
            var start = lineStart
            while start < lineEnd {
              let kind = Tokenizer.kind(ofASCII: bytes[start])
              var end = start + 1
              if kind != .punctuation {
                while end < lineEnd, Tokenizer.kind(ofASCII: bytes[end]) == kind { end += 1 }
              }
              if kind != .whitespace {
                words.append(string(start, end))
                gaps.append(string(gapStart, start))
                gapStart = end
              }
              start = end
            }
          } else {
            var offset = lineStart
            for token in Tokenizer.tokensByCharacter(string(lineStart, lineEnd)) {
              let length = token.text.utf8.count
              if token.kind != .whitespace {
                words.append(token.text)
                gaps.append(string(gapStart, offset))
                gapStart = offset + length
              }
              offset += length
            }
          }
          lineStart = lineEnd
        }
        return string(gapStart, count)
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
