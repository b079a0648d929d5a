import Foundation

/// A front-matter key whose value differs between two versions.
public struct FieldChange: Sendable, Equatable, Encodable {
  /// The key.
  public let name: String
  /// The old value as one line of text; nil when the key was absent.
  public let old: String?
  /// The new value; nil when the key is gone.
  public let new: String?

  /// Encodes the stable JSON shape of docs/commands.md.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(old, forKey: .old)
    try container.encode(new, forKey: .new)
  }

  enum CodingKeys: String, CodingKey { case name, old, new }
}

/// How one `## ` section changed.
public struct SectionChange: Sendable, Equatable, Encodable {
  /// Whether the section is new, gone or changed.
  public enum Kind: String, Sendable, Encodable {
    /// Only the new version has it.
    case added
    /// Only the old version has it.
    case removed
    /// Both have it, with different text.
    case modified
  }

  /// The heading; "" for the text before the first `## ` heading.
  public let heading: String
  /// What happened to it.
  public let change: Kind
  /// The word diff of its text.
  public let tokens: [DiffToken]

  /// Whether a word or punctuation changed (not only white space): what people are shown.
  public var wordingChanged: Bool {
    tokens.contains { $0.op != .equal && !$0.isWhitespace }
  }

  /// Words (letters and digits) only the new side has.
  public var wordsAdded: Int { count(.insert) }
  /// Words only the old side has.
  public var wordsRemoved: Int { count(.delete) }

  private func count(_ op: DiffToken.Operation) -> Int {
    tokens.filter { $0.op == op }.reduce(0) { total, token in
      total + Tokenizer.tokens(token.text).filter { $0.kind == .word }.count
    }
  }
}

/// The difference between two versions of a proposition: front-matter fields and sections.
public struct PropositionDiff: Sendable, Equatable {
  /// Front-matter keys that changed, in the new file's order, then removed keys.
  public let fields: [FieldChange]
  /// Sections that changed, in the new file's order; removed ones after the section that
  /// preceded them.
  public let sections: [SectionChange]

  /// Every section's heading, in the new file's order (the old file's when there is no new
  /// one); "" for the text before the first section.
  public let headings: [String]

  /// Whether any word changed (fields or sections), ignoring white space.
  public var wordingChanged: Bool { !fields.isEmpty || sections.contains(where: \.wordingChanged) }

  /// Compares two versions; either may be nil (added or deleted proposition).
  public init(old: Proposition?, new: Proposition?) {
    fields = PropositionDiff.fieldChanges(old?.frontMatter, new?.frontMatter)
    var result: [SectionChange] = []
    let oldParts = old.map(PropositionDiff.parts) ?? []
    let newParts = new.map(PropositionDiff.parts) ?? []
    headings = (new == nil ? oldParts : newParts).map(\.heading)
    var unmatchedOld = Array(oldParts.indices)
    var pendingRemovals: [Int: [SectionChange]] = [:]  // keyed by new index to emit after
    var matches: [Int: Int] = [:]  // new index -> old index
    for (newIndex, part) in newParts.enumerated() {
      if let position = unmatchedOld.firstIndex(where: {
        PropositionDiff.sameHeading(oldParts[$0].heading, part.heading)
      }) {
        matches[newIndex] = unmatchedOld.remove(at: position)
      }
    }
    for oldIndex in unmatchedOld {
      // Emit a removed section after the new section matched to its nearest earlier sibling.
      let anchor = matches.filter { $0.value < oldIndex }.max { $0.value < $1.value }?.key ?? -1
      pendingRemovals[anchor, default: []].append(
        SectionChange(
          heading: oldParts[oldIndex].heading, change: .removed,
          tokens: [DiffToken(.delete, oldParts[oldIndex].text)]))
    }
    result += pendingRemovals[-1] ?? []
    for (newIndex, part) in newParts.enumerated() {
      if let oldIndex = matches[newIndex] {
        // An unchanged section (most of a long document's) has no change to find. Bytes are
        // compared, not Strings: canonically equal text in other bytes is still a change.
        if PropositionDiff.sameBytes(oldParts[oldIndex].text, part.text) {
          result += pendingRemovals[newIndex] ?? []
          continue
        }
        let tokens = WordDiff.diff(oldParts[oldIndex].text, part.text)
        if tokens.contains(where: { $0.op != .equal }) {
          result.append(SectionChange(heading: part.heading, change: .modified, tokens: tokens))
        }
      } else {
        result.append(
          SectionChange(
            heading: part.heading, change: .added,
            tokens: part.text.isEmpty ? [] : [DiffToken(.insert, part.text)]))
      }
      result += pendingRemovals[newIndex] ?? []
    }
    sections = result
  }

  /// The preamble (heading "") when it has text, then each section.
  static func parts(_ proposition: Proposition) -> [(heading: String, text: String)] {
    var parts: [(heading: String, text: String)] = []
    if !proposition.preamble.isEmpty { parts.append(("", proposition.preamble)) }
    parts += proposition.sections.map { ($0.heading, $0.text) }
    return parts
  }

  static func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a
    var b = b
    return a.withUTF8 { left in
      b.withUTF8 { right in left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
      }
    }
  }

  static func sameHeading(_ a: String, _ b: String) -> Bool {
    a.caseInsensitiveCompare(b) == .orderedSame
  }

  static func fieldChanges(_ old: FrontMatter?, _ new: FrontMatter?) -> [FieldChange] {
    let oldValues = old?.values ?? []
    let newValues = new?.values ?? []
    let oldMap = Dictionary(oldValues.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    let newMap = Dictionary(newValues.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    var changes: [FieldChange] = []
    for (key, value) in newValues where oldMap[key] != value {
      changes.append(FieldChange(name: key, old: oldMap[key], new: value))
    }
    for (key, value) in oldValues where newMap[key] == nil {
      changes.append(FieldChange(name: key, old: value, new: nil))
    }
    return changes
  }
}

extension Proposition {
  /// Reads any bytes as a proposition for comparing history: the strict parse when it works,
  /// else the text decoded leniently with its front matter read as plain body text. Old
  /// revisions may hold files valprop would reject today; their wording still counts.
  public static func lenient(id: String, path: String, data: Data) -> Proposition {
    let hasZero = data.withUnsafeBytes { bytes in
      bytes.count > 0 && memchr(bytes.baseAddress!, 0, bytes.count) != nil
    }
    if data.count > SourceText.maximumSize || hasZero {
      // Binary or oversized bytes are never diffed word by word: one line stands for them.
      let note = "(valprop does not read this file: binary, or larger than 2 MB)\n"
      return (try? Proposition(id: id, path: path, text: note))
        ?? (try! Proposition(id: id, path: path, text: "\n"))
    }
    if let parsed = try? Proposition(id: id, path: path, data: data) { return parsed }
    let text = String(decoding: data, as: UTF8.self)
    if let parsed = try? Proposition(id: id, path: path, text: text) { return parsed }
    // Unparseable front matter: keep all of it as body so nothing is lost.
    return (try? Proposition(id: id, path: path, text: "\n" + text))
      ?? (try! Proposition(id: id, path: path, text: "\n"))
  }

  /// The words and punctuation of the title, the audience and the body, white space
  /// ignored: two versions with equal wording differ only in metadata or layout.
  public var wording: [String] {
    Tokenizer.wording(title) + ["\u{1}"] + Tokenizer.wording(frontMatter.audience ?? "") + ["\u{1}"]
      + Tokenizer.wording(bodyLines.joined(separator: "\n"))
  }
}
