import Foundation

/// The matches of lint's patterns in the texts of a run of revisions, found once per text:
/// the revisions of a history leave most lines, sentences and list items as they were, and
/// matching the rules' patterns in them was most of linting the 163 revisions of an RFC
/// (docs/performance.md, session 15).
///
/// A pattern's matches depend only on the pattern and the text, so the key is the compiled
/// regular expression (one per pattern text, `LintPattern.compiled`) and the text's bytes.
/// Like `LintSectionMemo`, which carries it, it serves one thread at a time linting runs of
/// consecutive revisions, on the fast path only; `installed(_:)` makes it the one
/// `LintPattern` consults on that thread. It holds at most `capacity` answers and `budget`
/// bytes of their texts and answers, and starts afresh when full: a memo now outlives a run
/// of revisions (`RevisionScores.MemoShelf`), and without the bytes counted a history whose
/// every revision edits a long paragraph grew it by the paragraph at each revision.
final class LintMatchMemo {
  /// A match: its column (from 1, in characters), length and text.
  typealias Match = (column: Int, length: Int, text: String)
  /// A match of a raw regular expression, with its groups' texts.
  typealias GroupMatch = (column: Int, length: Int, text: String, groups: [String])

  /// What was asked of a pattern: every match, whether it matches, every match with groups,
  /// or the internal names (`Linter.Check.internalNames`: its matches, filtered); or of the
  /// text alone: its words, its quote in a message, the line with its code blanked
  /// (`LintSection.masked`) or all blank (`LintSection.blank`), or a paragraph's sentences
  /// (`LintSection.sentences`).
  enum Question: UInt8 {
    case matches, matchesAny, groupMatches, internalNames, wordCount, quote, masked, blank, sentences
  }

  /// Compared and hashed by bytes: Swift's `==` holds "é" and "e" with a combining accent
  /// equal, and the patterns read them apart.
  /// The pattern is held, not only its address, so that no other pattern made later at
  /// the same address can take its answers.
  private struct Key: Hashable {
    let pattern: AnyObject
    let question: Question
    let text: String

    static func == (left: Key, right: Key) -> Bool {
      left.pattern === right.pattern && left.question == right.question
        && left.text.hasSameBytes(as: right.text)
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(ObjectIdentifier(pattern))
      hasher.combine(question)
      hasher.combineBytes(of: text)
    }
  }

  /// What was found, by question.
  private enum Answer {
    case matches([Match])
    case matchesAny(Bool)
    case groupMatches([GroupMatch])
    case number(Int)
    case text(String)
    case sentences([LintSection.Sentence])

    /// About how many bytes it holds: its texts', and a word for each thing.
    var size: Int {
      switch self {
      case .matches(let found): return found.reduce(8) { $0 + 24 + $1.text.utf8.count }
      case .groupMatches(let found):
        return found.reduce(8) {
          $0 + 24 + $1.text.utf8.count + $1.groups.reduce(0) { $0 + 8 + $1.utf8.count }
        }
      case .sentences(let found): return found.reduce(8) { $0 + 24 + $1.text.utf8.count }
      case .text(let text): return 8 + text.utf8.count
      case .matchesAny, .number: return 8
      }
    }
  }

  /// What the key holds for questions about the text alone.
  private final class TextAlone: Sendable {}
  private static let textAlone = TextAlone()

  private var answers: [Key: Answer] = [:]
  private let capacity: Int
  private let budget: Int
  /// About how many bytes the kept keys and answers hold (`Answer.size`).
  private(set) var bytes = 0
  /// How many questions it answered from what it kept.
  private(set) var hits = 0

  /// A memo of at most `capacity` answers.
  init(capacity: Int = 1 << 17, budget: Int = 1 << 23) {
    self.capacity = capacity
    self.budget = budget
  }

  /// Every match of `regex` in `text`, found by `find` unless it was found before.
  func matches(_ regex: AnyObject, in text: String, find: () -> [Match]) -> [Match] {
    let key = Key(pattern: regex, question: .matches, text: text)
    if case .matches(let found)? = answers[key] { return hit(found) }
    return kept(find(), as: Answer.matches, for: key)
  }

  /// Whether `regex` matches `text`, as `find` says unless it was asked before.
  func matchesAny(_ regex: AnyObject, in text: String, find: () -> Bool) -> Bool {
    let key = Key(pattern: regex, question: .matchesAny, text: text)
    if case .matchesAny(let found)? = answers[key] { return hit(found) }
    return kept(find(), as: Answer.matchesAny, for: key)
  }

  /// Every match of `regex` in `text` with its groups, found by `find` unless found before.
  func groupMatches(
    _ regex: NSRegularExpression, in text: String, as question: Question = .groupMatches,
    find: () -> [GroupMatch]
  ) -> [GroupMatch] {
    let key = Key(pattern: regex, question: question, text: text)
    if case .groupMatches(let found)? = answers[key] { return hit(found) }
    return kept(find(), as: Answer.groupMatches, for: key)
  }

  /// The words of `text` as `count` counts them, unless counted before.
  func wordCount(of text: String, count: () -> Int) -> Int {
    let key = Key(pattern: LintMatchMemo.textAlone, question: .wordCount, text: text)
    if case .number(let found)? = answers[key] { return hit(found) }
    return kept(count(), as: Answer.number, for: key)
  }

  /// What `make` makes of `text` for a question about the text alone (its quote in a
  /// message, the line masked or blanked), unless made before.
  func text(_ question: Question, of text: String, make: () -> String) -> String {
    let key = Key(pattern: LintMatchMemo.textAlone, question: question, text: text)
    if case .text(let found)? = answers[key] { return hit(found) }
    return kept(make(), as: Answer.text, for: key)
  }

  /// The sentences of a paragraph (its lines' texts joined by newlines), their lines counted
  /// from its first, as `read` reads them unless read before.
  func sentences(of paragraph: String, read: () -> [LintSection.Sentence]) -> [LintSection.Sentence] {
    let key = Key(pattern: LintMatchMemo.textAlone, question: .sentences, text: paragraph)
    if case .sentences(let found)? = answers[key] { return hit(found) }
    return kept(read(), as: Answer.sentences, for: key)
  }

  /// A kept answer, counted.
  private func hit<Value>(_ value: Value) -> Value {
    hits += 1
    return value
  }

  /// An answer found now, kept as `answer` makes it.
  private func kept<Value>(_ value: Value, as answer: (Value) -> Answer, for key: Key) -> Value {
    keep(answer(value), for: key)
    return value
  }

  private func keep(_ answer: Answer, for key: Key) {
    let size = key.text.utf8.count + answer.size
    if answers.count >= capacity || bytes + size > budget {
      answers = [:]
      bytes = 0
    }
    answers[key] = answer
    bytes += size
  }

  // MARK: The memo of the current thread

  /// The thread's slot for the memo in use; a `pthread` key, since `LintPattern` asks for it
  /// on every match and a task-local value costs more to read.
  private static let slot: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "no thread-specific slot is left for lint's memo")
    return key
  }()

  /// The memo installed on this thread, if any.
  static var current: LintMatchMemo? {
    guard let pointer = pthread_getspecific(slot) else { return nil }
    return Unmanaged<LintMatchMemo>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// Runs `body` with this memo answering the patterns matched on this thread.
  func installed<Result>(_ body: () -> Result) -> Result {
    let previous = pthread_getspecific(Self.slot)
    pthread_setspecific(Self.slot, Unmanaged.passUnretained(self).toOpaque())
    defer { pthread_setspecific(Self.slot, previous) }
    return withExtendedLifetime(self) { body() }
  }
}
