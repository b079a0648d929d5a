import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// A text built from pieces whose tokens are known in advance: each piece is the white space
/// before a word (or punctuation character) and the word; then the white space after the last.
private struct PieceText: CustomStringConvertible {
  struct Piece {
    var gap: String
    var word: String
    var isPunctuation: Bool
  }

  var pieces: [Piece] = []
  var trailing = ""

  var text: String { pieces.map { $0.gap + $0.word }.joined() + trailing }
  var words: [String] { pieces.map(\.word) }
  var description: String { text.debugDescription }

  /// Words: ASCII, digits, precomposed and combining accents, other scripts, number letters.
  static let vocabulary = [
    "the", "reconciliation", "hours", "week", "20", "25", "90", "SaaS", "month", "end", "close",
    "cafe\u{301}", "caf\u{E9}", "na\u{EF}ve", "Stra\u{DF}e", "e\u{301}\u{323}t\u{E9}", "x\u{308}y",
    "\u{395}\u{3BB}\u{3BB}\u{3AC}\u{3B4}\u{3B1}", "\u{65E5}\u{672C}\u{8A9E}",
    "\u{645}\u{631}\u{62D}\u{628}\u{627}",
    "\u{661}\u{662}\u{663}", "v2", "50", "500",
  ]
  /// Punctuation and symbols, emoji among them (ZWJ sequences, flags, skin tones).
  static let punctuation = [
    ".", ",", ";", ":", "!", "?", "(", ")", "-", "\u{2014}", "'", "\"", "%", "$", "\u{20AC}", "/", "*", "#",
    "<", "&", "|", "\u{1F600}", "\u{1F469}\u{200D}\u{1F4BB}", "\u{1F1EB}\u{1F1F7}", "\u{1F44D}\u{1F3FD}",
  ]
  /// White space: spaces, tabs, LF, CRLF, blank lines, no-break and ideographic spaces.
  static let gaps = [
    " ", " ", " ", " ", "  ", "\n", "\n", "\t", "\r\n", "\r\n", "\n\n", " \n", "\r\n\r\n", "\u{A0}",
    "\u{3000}",
    " \t ",
  ]

  static func randomWord(_ generator: inout SplitMix) -> String {
    vocabulary.randomElement(using: &generator)!
  }

  static func randomGap(_ generator: inout SplitMix) -> String {
    gaps.randomElement(using: &generator)!
  }

  /// A random text of up to `maximum` pieces. Two words never touch (they would be one word);
  /// punctuation may touch anything.
  static func random(_ generator: inout SplitMix, maximum: Int = 40) -> PieceText {
    var text = PieceText()
    let count = Int.random(in: 0...maximum, using: &generator)
    for index in 0..<count {
      let isPunctuation = Int.random(in: 0..<3, using: &generator) == 0
      let word =
        isPunctuation
        ? punctuation.randomElement(using: &generator)! : randomWord(&generator)
      let previousIsWord = index > 0 && !text.pieces[index - 1].isPunctuation
      let mayTouch = index == 0 || isPunctuation || !previousIsWord
      let gap = mayTouch && Bool.random(using: &generator) ? "" : randomGap(&generator)
      text.pieces.append(Piece(gap: gap, word: word, isPunctuation: isPunctuation))
    }
    text.trailing = Bool.random(using: &generator) ? "" : randomGap(&generator)
    return text
  }

  /// Whether the piece at `index` may lose its white space without merging two words.
  func mayTouch(_ index: Int) -> Bool {
    index == 0 || pieces[index].isPunctuation || pieces[index - 1].isPunctuation
  }

  /// The same words with the white space changed at random: line breaks moved, spaces
  /// doubled, CRLF for LF, white space added or removed next to punctuation.
  func reflowed(_ generator: inout SplitMix) -> PieceText {
    var copy = self
    for index in copy.pieces.indices where Bool.random(using: &generator) {
      if mayTouch(index), Bool.random(using: &generator) {
        copy.pieces[index].gap = copy.pieces[index].gap.isEmpty ? PieceText.randomGap(&generator) : ""
      } else if !copy.pieces[index].gap.isEmpty || mayTouch(index) {
        copy.pieces[index].gap = PieceText.randomGap(&generator)
      }
    }
    if Bool.random(using: &generator) {
      copy.trailing = Bool.random(using: &generator) ? "" : PieceText.randomGap(&generator)
    }
    return copy
  }

  /// A few random edits of every kind: words replaced, inserted, deleted; white space changed.
  func edited(_ generator: inout SplitMix) -> PieceText {
    var copy = self
    for _ in 0..<Int.random(in: 1...4, using: &generator) {
      switch Int.random(in: 0..<6, using: &generator) {
      case 0 where !copy.pieces.isEmpty:
        let index = Int.random(in: copy.pieces.indices, using: &generator)
        copy.pieces[index].word = PieceText.randomWord(&generator)
      case 1:
        let index = Int.random(in: 0...copy.pieces.count, using: &generator)
        copy.pieces.insert(
          Piece(
            gap: PieceText.randomGap(&generator), word: PieceText.randomWord(&generator), isPunctuation: false
          ),
          at: index)
      case 2 where !copy.pieces.isEmpty:
        copy.pieces.remove(at: Int.random(in: copy.pieces.indices, using: &generator))
      case 3 where !copy.pieces.isEmpty:
        let index = Int.random(in: copy.pieces.indices, using: &generator)
        copy.pieces[index].gap = PieceText.randomGap(&generator)
      case 4:
        copy.trailing = PieceText.randomGap(&generator)
      default:
        copy = PieceText(
          pieces: copy.pieces.map {
            Piece(
              gap: $0.gap.replacingOccurrences(of: "\r\n", with: "\n"), word: $0.word,
              isPunctuation: $0.isPunctuation)
          }, trailing: copy.trailing)
      }
    }
    return copy
  }
}

/// The old and new texts a diff describes, each joined byte for byte.
private func sides(_ tokens: [DiffToken]) -> (old: [UInt8], new: [UInt8]) {
  var old: [UInt8] = []
  var new: [UInt8] = []
  for token in tokens {
    if token.op != .insert { old += Array(token.text.utf8) }
    if token.op != .delete { new += Array(token.text.utf8) }
  }
  return (old, new)
}

/// The tokens that are not `equal`.
private func changed(_ tokens: [DiffToken]) -> [DiffToken] {
  tokens.filter { $0.op != .equal }
}

@Suite struct TokenizerTests {
  private func texts(_ text: String) -> [String] { Tokenizer.tokens(text).map(\.text) }
  private func kinds(_ text: String) -> [Token.Kind] { Tokenizer.tokens(text).map(\.kind) }

  @Test func wordsPunctuationAndWhiteSpaceAreSeparateTokens() {
    #expect(texts("20 hours.") == ["20", " ", "hours", "."])
    #expect(kinds("20 hours.") == [.word, .whitespace, .word, .punctuation])
  }

  @Test func eachPunctuationCharacterIsItsOwnToken() {
    #expect(texts("Really?!") == ["Really", "?", "!"])
    #expect(texts("50-500") == ["50", "-", "500"])
    #expect(texts("don't") == ["don", "'", "t"])
    #expect(texts("(90%)") == ["(", "90", "%", ")"])
  }

  @Test func aRunOfWhiteSpaceIsOneToken() {
    #expect(texts("a \t\r\n\n  b") == ["a", " \t\r\n\n  ", "b"])
    #expect(kinds("a \t\r\n\n  b") == [.word, .whitespace, .word])
    #expect(texts("a\u{A0}b\u{3000}c") == ["a", "\u{A0}", "b", "\u{3000}", "c"])
  }

  @Test func lettersAndDigitsMakeOneWord() {
    #expect(texts("v2 B2B 2026") == ["v2", " ", "B2B", " ", "2026"])
  }

  @Test func combiningMarksStayInTheirWord() {
    #expect(texts("cafe\u{301} cre\u{300}me.") == ["cafe\u{301}", " ", "cre\u{300}me", "."])
    #expect(kinds("cafe\u{301}") == [.word])
    #expect(texts("\u{301}a") == ["\u{301}a"], "a leading combining mark is part of the word")
    #expect(kinds("\u{301}") == [.word])
  }

  @Test func otherScriptsAreWords() {
    #expect(texts("\u{65E5}\u{672C}\u{8A9E} \u{645}\u{631}\u{62D}\u{628}\u{627}").count == 3)
    #expect(kinds("\u{661}\u{662}\u{663}") == [.word])
  }

  @Test func emojiArePunctuationOneGraphemeEach() {
    #expect(
      texts("ok\u{1F44D}\u{1F3FD}!") == ["ok", "\u{1F44D}\u{1F3FD}", "!"], "a skin tone stays with its emoji")
    #expect(
      texts("\u{1F469}\u{200D}\u{1F4BB}\u{1F1EB}\u{1F1F7}") == [
        "\u{1F469}\u{200D}\u{1F4BB}", "\u{1F1EB}\u{1F1F7}",
      ])
    #expect(kinds("\u{1F600}") == [.punctuation])
  }

  @Test func emptyTextHasNoTokens() {
    #expect(Tokenizer.tokens("").isEmpty)
    #expect(Tokenizer.wording("").isEmpty)
  }

  @Test func wordingIgnoresWhiteSpaceAndLineBreaks() {
    #expect(Tokenizer.wording("Costs  20\r\nhours.\n") == ["Costs", "20", "hours", "."])
    #expect(Tokenizer.wording("Costs 20 hours .") == Tokenizer.wording("Costs\n20\thours."))
  }

  @Test func joiningTheTokensGivesTheTextBackByteForByte() {
    var generator = SplitMix(seed: 7)
    for _ in 0..<500 {
      let random = PieceText.random(&generator)
      let text = random.text
      let tokens = Tokenizer.tokens(text)
      #expect(Array(tokens.map(\.text).joined().utf8) == Array(text.utf8), "\(random)")
      #expect(Tokenizer.wording(text) == random.words, "\(random)")
      #expect(
        tokens.filter { $0.kind == .whitespace }.map(\.text)
          == (random.pieces.map(\.gap) + [random.trailing]).filter { !$0.isEmpty }, "\(random)")
      for token in tokens where token.kind == .punctuation {
        #expect(token.text.count == 1, "one character per punctuation token: \(token.text.debugDescription)")
      }
    }
  }
}

@Suite struct WordDiffTests {
  @Test func aChangedNumberIsOneTokenReplaced() {
    #expect(
      WordDiff.diff("20 hours.", "25 hours.") == [
        DiffToken(.delete, "20"), DiffToken(.insert, "25"), DiffToken(.equal, " hours."),
      ])
    let tokens = WordDiff.diff(
      "Manual data reconciliation costs 20 hours per week.\n",
      "Manual data reconciliation costs 25 hours per week.\n")
    #expect(
      tokens == [
        DiffToken(.equal, "Manual data reconciliation costs "), DiffToken(.delete, "20"),
        DiffToken(.insert, "25"), DiffToken(.equal, " hours per week.\n"),
      ])
  }

  @Test func punctuationChangesAloneWithoutItsWord() {
    #expect(
      changed(WordDiff.diff("Costs 20 hours.", "Costs 20 hours!"))
        == [DiffToken(.delete, "."), DiffToken(.insert, "!")])
    #expect(changed(WordDiff.diff("Costs 20 hours", "Costs 20 hours.")) == [DiffToken(.insert, ".")])
  }

  @Test func equalTextsAreOneEqualToken() {
    #expect(WordDiff.diff("", "").isEmpty)
    #expect(WordDiff.diff("a  b\r\n", "a  b\r\n") == [DiffToken(.equal, "a  b\r\n")])
  }

  @Test func fromAndToNothing() {
    #expect(WordDiff.diff("", "New text.\n") == [DiffToken(.insert, "New text.\n")])
    #expect(WordDiff.diff("Old text.\n", "") == [DiffToken(.delete, "Old text.\n")])
    #expect(WordDiff.diff("  \n", "\n") == [DiffToken(.delete, "  \n"), DiffToken(.insert, "\n")])
  }

  @Test func aReflowedParagraphChangesOnlyWhiteSpace() {
    let old = "Finance teams at mid-market SaaS companies\nthat close the books monthly.\n"
    let new = "Finance teams at mid-market\nSaaS companies that close the\nbooks monthly.\n"
    let tokens = WordDiff.diff(old, new)
    #expect(!changed(tokens).isEmpty)
    #expect(changed(tokens).allSatisfy { $0.isWhitespace }, "\(tokens)")
    #expect(sides(tokens).old == Array(old.utf8))
    #expect(sides(tokens).new == Array(new.utf8))
  }

  @Test func joiningTheSidesGivesBothTextsBackByteForByte() {
    var generator = SplitMix(seed: 2026)
    for _ in 0..<1_000 {
      let old = PieceText.random(&generator)
      let new = Bool.random(using: &generator) ? old.edited(&generator) : PieceText.random(&generator)
      let tokens = WordDiff.diff(old.text, new.text)
      let (oldBytes, newBytes) = sides(tokens)
      #expect(oldBytes == Array(old.text.utf8), "old \(old) new \(new): \(tokens)")
      #expect(newBytes == Array(new.text.utf8), "old \(old) new \(new): \(tokens)")
      #expect(!tokens.contains { $0.text.isEmpty }, "no empty tokens: \(tokens)")
      for (previous, next) in zip(tokens, tokens.dropFirst()) {
        #expect(previous.op != next.op, "neighbours of one operation are merged: \(tokens)")
      }
      if Array(old.text.utf8) == Array(new.text.utf8) {
        #expect(changed(tokens).isEmpty)
      }
    }
  }

  @Test func replacingOneWordGivesOneDeleteAndOneInsert() {
    var generator = SplitMix(seed: 11)
    var tried = 0
    for round in 0..<1_000 {
      let old = PieceText.random(&generator)
      let candidates = old.pieces.indices.filter { !old.pieces[$0].isPunctuation }
      guard let index = candidates.randomElement(using: &generator) else { continue }
      tried += 1
      var new = old
      let replacement = "replaced\(round)"
      new.pieces[index].word = replacement
      let tokens = WordDiff.diff(old.text, new.text)
      #expect(
        changed(tokens) == [DiffToken(.delete, old.pieces[index].word), DiffToken(.insert, replacement)],
        "old \(old) new \(new): \(tokens)")
      #expect(sides(tokens).old == Array(old.text.utf8))
      #expect(sides(tokens).new == Array(new.text.utf8))
    }
    #expect(tried > 500)
  }

  @Test func insertingOrDeletingAWordChangesOnlyThatWord() {
    var generator = SplitMix(seed: 12)
    for _ in 0..<500 {
      let old = PieceText.random(&generator)
      var new = old
      let word = PieceText.randomWord(&generator)
      let index = Int.random(in: 0...old.pieces.count, using: &generator)
      new.pieces.insert(.init(gap: " ", word: word, isPunctuation: false), at: index)
      if index < old.pieces.count, new.pieces[index + 1].gap.isEmpty {
        new.pieces[index + 1].gap = " "  // Keeps the next word a word of its own.
      }
      for (before, after, added) in [(old, new, true), (new, old, false)] {
        let tokens = WordDiff.diff(before.text, after.text)
        let inserted = tokens.filter { $0.op == .insert }.map(\.text).joined()
        let deleted = tokens.filter { $0.op == .delete }.map(\.text).joined()
        #expect(Tokenizer.wording(added ? inserted : deleted) == [word], "\(before) -> \(after): \(tokens)")
        #expect(Tokenizer.wording(added ? deleted : inserted).isEmpty, "\(before) -> \(after): \(tokens)")
        #expect(sides(tokens).old == Array(before.text.utf8))
        #expect(sides(tokens).new == Array(after.text.utf8))
      }
    }
  }

  @Test func aPureReflowGivesOnlyWhiteSpaceChanges() {
    var generator = SplitMix(seed: 13)
    var reflowed = 0
    for _ in 0..<1_000 {
      let old = PieceText.random(&generator)
      let new = old.reflowed(&generator)
      #expect(Tokenizer.wording(new.text) == old.words, "the reflow kept the words: \(old) -> \(new)")
      let tokens = WordDiff.diff(old.text, new.text)
      #expect(
        changed(tokens).allSatisfy { $0.isWhitespace && !$0.text.isEmpty }, "old \(old) new \(new): \(tokens)"
      )
      #expect(sides(tokens).old == Array(old.text.utf8))
      #expect(sides(tokens).new == Array(new.text.utf8))
      if Array(old.text.utf8) != Array(new.text.utf8) {
        reflowed += 1
        #expect(!changed(tokens).isEmpty, "a white-space change still shows in the tokens")
      }
    }
    #expect(reflowed > 500)
  }

  @Test func largeUnrelatedTextsDiffQuickly() {
    var generator = SplitMix(seed: 99)
    func text(_ count: Int) -> String {
      (0..<count).map { index in
        let length = Int.random(in: 2...9, using: &generator)
        let word = String(
          (0..<length).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &generator)! })
        return word + (index % 17 == 16 ? ".\n" : " ")
      }.joined()
    }
    let old = text(20_000)
    let new = text(20_000)
    let clock = ContinuousClock()
    var tokens: [DiffToken] = []
    let elapsed = clock.measure { tokens = WordDiff.diff(old, new) }
    #expect(elapsed < TimeBound.seconds(5), "two unrelated 20,000-word texts took \(elapsed)")
    #expect(sides(tokens).old == Array(old.utf8))
    #expect(sides(tokens).new == Array(new.utf8))
  }

  @Test func largeNearlyEqualTextsDiffQuickly() {
    var generator = SplitMix(seed: 100)
    let words = (0..<20_000).map { _ in "w\(Int.random(in: 0..<5_000, using: &generator))" }
    let old = words.joined(separator: " ") + "\n"
    var edited = words
    edited[10_000] = "changed"
    let new = edited.joined(separator: " ") + "\n"
    let clock = ContinuousClock()
    var tokens: [DiffToken] = []
    var same: [DiffToken] = []
    let elapsed = clock.measure {
      tokens = WordDiff.diff(old, new)
      same = WordDiff.diff(old, old)
    }
    #expect(elapsed < TimeBound.seconds(5), "a 20,000-word text against itself and one edit took \(elapsed)")
    #expect(changed(tokens) == [DiffToken(.delete, words[10_000]), DiffToken(.insert, "changed")])
    #expect(same == [DiffToken(.equal, old)])
  }

  /// The byte tests the cutter uses give each ASCII byte the kind `Tokenizer.kind(of:)`
  /// gives its Character, and the words cut from ASCII lines are the tokens the Character
  /// cut gives, without white space.
  @Test func asciiLinesAreCutAsCharactersCutThem() {
    for byte in UInt8(0)..<0x80 {
      let kind = Tokenizer.kind(of: Character(Unicode.Scalar(byte)))
      #expect(Tokenizer.kind(ofASCII: byte) == kind, "\(byte)")
      #expect(Tokenizer.isASCIISpace(byte) == (kind == .whitespace), "\(byte)")
      #expect(Tokenizer.isASCIIWordByte(byte) == (kind == .word), "\(byte)")
    }
    var generator = SplitMix(seed: 103)
    let pieces = [
      "word", " ", "\t", "\n", "\r\n", "42", "a1", "--", ".", "(x)", "`code`", "_", "@", "~", "\u{0B}",
    ]
    for _ in 0..<2_000 {
      var text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      .joined()
      let cut = text.withUTF8 { WordDiff.Words($0) }
      let bytes = Array(text.utf8)
      let words = zip(cut.starts, cut.ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) }
      let reference = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
        Tokenizer.tokensByCharacter(String(line)).filter { $0.kind != .whitespace }.map(\.text)
      }
      #expect(words == reference, "\(text.debugDescription)")
    }
  }

  /// A text's words taken in part from another text's, for the lines they start and end
  /// with in common, are the words cutting it whole gives: on texts of many lines with one
  /// or a few changed bytes, lines or line breaks, past ASCII too.
  @Test func wordsSharedWithAnotherTextAreTheWordsOfCuttingWhole() {
    var generator = SplitMix(seed: 107)
    let pieces = [
      "word", " ", "\t", "\n", "\r\n", "42", ".", "(x)", "é", "e\u{301}", "\u{301}", "--", "\n\n",
    ]
    var shared = 0
    for round in 0..<3_000 {
      let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }
      var new = old
      for _ in 0..<(round % 4) {
        let at = Int.random(in: 0...new.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: new.insert(pieces.randomElement(using: &generator)!, at: at)
        case 1: if at < new.count { new.remove(at: at) }
        default: if at < new.count { new[at] = pieces.randomElement(using: &generator)! }
        }
      }
      var oldText = old.joined()
      var newText = new.joined()
      let oldBytes = Array(oldText.utf8)
      let newBytes = Array(newText.utf8)
      let (whole, newWords, sharing) = oldText.withUTF8 { o in
        newText.withUTF8 { n in
          let newWords = WordDiff.Words(n)
          return (WordDiff.Words(o), newWords, WordDiff.Words.sharing(o, linesWith: n, words: newWords))
        }
      }
      #expect(sharing.words.starts == whole.starts, "\(old) / \(new)")
      #expect(sharing.words.ends == whole.ends, "\(old) / \(new)")
      // The words said to be shared are the same bytes, counted from each end.
      let (prefix, suffix) = sharing.shared
      #expect(prefix + suffix <= min(whole.count, newWords.count), "\(old) / \(new)")
      func word(_ bytes: [UInt8], _ words: WordDiff.Words, _ index: Int) -> ArraySlice<UInt8> {
        bytes[words.starts[index]..<words.ends[index]]
      }
      for index in 0..<min(prefix, whole.count, newWords.count) {
        #expect(word(oldBytes, whole, index) == word(newBytes, newWords, index), "\(old) / \(new)")
      }
      for back in 0..<min(suffix, whole.count, newWords.count) {
        #expect(
          word(oldBytes, whole, whole.count - 1 - back)
            == word(newBytes, newWords, newWords.count - 1 - back),
          "\(old) / \(new)")
      }
      if prefix + suffix > 0 { shared += 1 }
    }
    #expect(shared > 1_000)
  }

  /// Texts with more words than the cutter first makes room for (a word in six bytes), past
  /// ASCII too, are cut as Characters cut them: the room grows and keeps what it held.
  @Test func denseTextsAreCutWhole() {
    for (piece, repeats) in [(".", 1_000), ("a,", 700), ("é.", 500), ("x\u{301}-", 400), (".\n", 300)] {
      var text = String(repeating: piece, count: repeats)
      let cut = text.withUTF8 { WordDiff.Words($0) }
      let bytes = Array(text.utf8)
      let words = zip(cut.starts, cut.ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) }
      let reference = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
        Tokenizer.tokensByCharacter(String(line)).filter { $0.kind != .whitespace }.map(\.text)
      }
      #expect(words.count > text.utf8.count / 6 + 16, "\(piece)")
      #expect(words == reference, "\(piece)")
    }
  }

  @Test func theByteEngineAgreesWithTheStringEngine() {
    var generator = SplitMix(seed: 101)
    var fellBack = 0
    for round in 0..<3_000 {
      let old = PieceText.random(&generator)
      // Edits, reflows, both, unrelated texts, and texts against themselves.
      let new: PieceText
      switch round % 5 {
      case 0: new = old.edited(&generator)
      case 1: new = old.reflowed(&generator)
      case 2: new = old.edited(&generator).reflowed(&generator)
      case 3: new = PieceText.random(&generator)
      default: new = old
      }
      var oldText = old.text
      var newText = new.text
      let bytes = oldText.withUTF8 { o in newText.withUTF8 { n in WordDiff.diffByBytes(o, n) } }
      let reference = WordDiff.diffByStrings(old.text, new.text)
      guard let bytes else {
        fellBack += 1
        continue
      }
      // Bytes, not Strings: canonically equal text in other bytes would compare equal.
      #expect(bytes.map(\.op) == reference.map(\.op), "\(old) -> \(new)")
      #expect(bytes.map { Array($0.text.utf8) } == reference.map { Array($0.text.utf8) }, "\(old) -> \(new)")
      #expect(
        WordDiff.diff(old.text, new.text).map { Array($0.text.utf8) } == reference.map { Array($0.text.utf8) }
      )
    }
    // Only canonically equal words or gaps in other bytes go the String way.
    #expect(fellBack < 300)
  }

  @Test func keptSidesDiffAsFreshOnes() {
    var generator = SplitMix(seed: 102)
    // A history of versions diffed as a log does, newest first: each step's older version
    // is the old side, and the next step's new side. The memo answers the text it kept,
    // forgets the least recently used past its capacity, and keeps empty texts and texts of
    // equal length apart.
    let sides = WordDiff.Sides(capacity: 2)
    var version = PieceText.random(&generator)
    var kept = 0
    for round in 0..<2_000 {
      let next: PieceText
      switch round % 6 {
      case 0: next = version.edited(&generator)
      case 1: next = version.reflowed(&generator)
      case 2: next = PieceText.random(&generator)
      case 3: next = PieceText(pieces: [])
      case 4:
        // The same length, one word's last letter changed: found only by comparing bytes.
        var same = version
        if let index = same.pieces.indices.randomElement(using: &generator),
          !same.pieces[index].isPunctuation,
          let last = same.pieces[index].word.last
        {
          same.pieces[index].word = String(same.pieces[index].word.dropLast()) + (last == "q" ? "z" : "q")
        }
        next = same
      default: next = version.edited(&generator).edited(&generator)
      }
      let fresh = WordDiff.diff(next.text, version.text)
      let memo = WordDiff.diff(next.text, version.text, sides: sides)
      #expect(memo.map(\.op) == fresh.map(\.op), "\(version) -> \(next)")
      #expect(memo.map { Array($0.text.utf8) } == fresh.map { Array($0.text.utf8) }, "\(version) -> \(next)")
      if memo.contains(where: { $0.op != .equal }) { kept += 1 }
      version = round % 7 == 0 ? PieceText.random(&generator) : next
    }
    #expect(kept > 1_000)
    #expect(sides.hits > 1_500, "each step's new side is the text the step before kept")
  }

  @Test func canonicallyEqualWordsGoTheStringWay() {
    let old = "un caf\u{E9} noir"
    let new = "un cafe\u{301} noir"
    var oldText = old
    var newText = new
    #expect(oldText.withUTF8 { o in newText.withUTF8 { n in WordDiff.diffByBytes(o, n) } } == nil)
    #expect(WordDiff.diff(old, new).map { Array($0.text.utf8) } == [Array(old.utf8)])
  }
}
