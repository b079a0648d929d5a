import Foundation

/// A section's text prepared for lint rules: its lines with file line numbers, HTML
/// comments blanked out (so rules never read hints or suppressions, and columns stay
/// true), and the comments themselves.
struct LintSection {
  /// One line of wording.
  struct Line {
    /// The file line.
    let number: Int
    /// The text with comments replaced by spaces.
    let text: String
  }

  /// One HTML comment.
  struct Comment {
    /// The file line where it starts.
    let line: Int
    /// Its column, from 1.
    let column: Int
    /// The text between `<!--` and `-->`, trimmed.
    let body: String
    /// Whether it is the only thing on its line(s).
    let standsAlone: Bool
    /// The file line where it ends.
    let endLine: Int
  }

  /// The heading ("" for the text before the first section).
  let heading: String
  /// The heading's line (the first body line for the preamble).
  let line: Int
  /// The lines after the heading.
  let lines: [Line]
  /// The HTML comments.
  let comments: [Comment]
  /// Whether the section holds no wording.
  let isEmpty: Bool

  init(heading: String, line: Int, firstContentLine: Int, rawLines: [String]) {
    self.heading = heading
    self.line = line
    var lines: [Line] = []
    var comments: [Comment] = []
    var open: (line: Int, column: Int, body: String, alone: Bool)?
    for (offset, raw) in rawLines.enumerated() {
      let number = firstContentLine + offset
      var characters = Array(raw)
      var index = 0
      var startedAlone = raw.trimmedSpaces.hasPrefix("<!--")
      while index < characters.count {
        if var comment = open {
          if index + 2 < characters.count, characters[index] == "-", characters[index + 1] == "-",
            characters[index + 2] == ">"
          {
            for blank in index..<(index + 3) { characters[blank] = " " }
            index += 3
            let rest = String(characters[index...]).trimmedSpaces
            comments.append(
              Comment(
                line: comment.line, column: comment.column,
                body: comment.body.trimmingCharacters(in: .whitespacesAndNewlines),
                standsAlone: comment.alone && rest.isEmpty, endLine: number))
            open = nil
            continue
          }
          comment.body.append(characters[index])
          open = comment
          characters[index] = " "
          index += 1
        } else if characters[index] == "<", index + 3 < characters.count, characters[index + 1] == "!",
          characters[index + 2] == "-", characters[index + 3] == "-"
        {
          open = (number, index + 1, "", startedAlone)
          startedAlone = false
          for blank in index..<(index + 4) { characters[blank] = " " }
          index += 4
        } else {
          index += 1
        }
      }
      if open != nil { open?.body.append("\n") }
      lines.append(Line(number: number, text: String(characters)))
    }
    self.lines = lines
    self.comments = comments
    isEmpty = lines.allSatisfy { line in
      let trimmed = line.text.trimmedSpaces
      return trimmed.isEmpty || trimmed == "-" || trimmed == "*" || trimmed == "+"
    }
  }

  /// The wording as one text, lines joined by spaces.
  var wording: String {
    lines.map(\.text).joined(separator: " ")
  }

  /// The lines that hold wording (not blank, not a bare bullet).
  var wordingLines: [Line] {
    lines.filter { line in
      let trimmed = line.text.trimmedSpaces
      return !trimmed.isEmpty && trimmed != "-" && trimmed != "*" && trimmed != "+"
    }
  }

  /// The items of the section: each list item, or each paragraph line when there is no list.
  var items: [Line] {
    let bullets = wordingLines.filter { LintSection.isListItem($0.text) }
    return bullets.isEmpty ? wordingLines : bullets
  }

  static func isListItem(_ text: String) -> Bool {
    let trimmed = text.trimmedSpaces
    return trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ")
      || trimmed.range(of: #"^\d+[.)]\s"#, options: .regularExpression) != nil
  }
}

/// A case-insensitive pattern over wording, matched on word boundaries.
struct LintPattern: @unchecked Sendable {
  let regex: NSRegularExpression

  /// Matches any of the phrases as whole words (spaces in a phrase match any white space).
  init(phrases: [String]) {
    let alternatives = phrases.sorted { ($0.count, $1) > ($1.count, $0) }.map { phrase in
      NSRegularExpression.escapedPattern(for: phrase).replacingOccurrences(of: "\\ ", with: "\\s+")
        .replacingOccurrences(of: " ", with: "\\s+")
    }
    self.init(#"(?<![\w-])(?:"# + alternatives.joined(separator: "|") + #")(?![\w-])"#)
  }

  /// A raw regular expression, matched without case. Compiled once per pattern and kept:
  /// compiling is costly, and Foundation's regex objects are never fully freed.
  init(_ pattern: String) {
    regex = LintPattern.compiled.regex(pattern)
  }

  /// The compiled patterns, shared by every lint run of the process.
  static let compiled = PatternCache()

  /// A lock-protected store of compiled regular expressions by pattern.
  final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var regexes: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression {
      lock.withLock {
        if let known = regexes[pattern] { return known }
        // Every pattern is valprop's own or built from escaped words, so it always compiles.
        let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        regexes[pattern] = regex
        return regex
      }
    }
  }

  /// Every match in a text: its column (from 1, in characters), length and text.
  func matches(in text: String) -> [(column: Int, length: Int, text: String)] {
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
      guard let found = Range(match.range, in: text) else { return nil }
      return (
        text.distance(from: text.startIndex, to: found.lowerBound) + 1, text[found].count, String(text[found])
      )
    }
  }

  /// The first match, if any.
  func firstMatch(in text: String) -> (column: Int, length: Int, text: String)? {
    matches(in: text).first
  }

  /// Whether the text matches.
  func matches(_ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}
