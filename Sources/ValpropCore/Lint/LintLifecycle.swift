import Foundation

extension Linter.Check {
  /// Merge conflict markers left in the file: a `<<<<<<< ` line, and the `=======`, `|||||||`
  /// and `>>>>>>> ` lines of the same conflict. A line of `=` alone elsewhere is Markdown's
  /// heading underline, and markers shown inside a fenced code block are an example.
  func conflictMarkers(_ out: inout Linter.Collector) {
    // Every finding follows a line that starts with `<<<<<<<`: without those bytes anywhere,
    // splitting the text into lines finds nothing (a tenth of scoring a short revision).
    if LintEngine.isFast, !Self.holdsConflictStart(proposition.text) { return }
    var fence: Substring?
    var open = false
    for (index, line) in SourceText.lines(proposition.text).enumerated() {
      let trimmed = line.drop { $0 == " " }
      if let marker = fence {
        if trimmed.hasPrefix(marker) { fence = nil }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = trimmed.prefix(3)
        continue
      }
      let starts = line.hasPrefix("<<<<<<<")
      let middle = open && (line == "=======" || line.hasPrefix("|||||||"))
      let ends = open && line.hasPrefix(">>>>>>>")
      guard starts || middle || ends else { continue }
      open = starts || middle
      out.add(
        .conflictMarkers, line: index + 1,
        message:
          "'\(Self.quote(line))' is a merge conflict marker; finish the merge and delete the marker lines")
    }
  }

  /// Whether the bytes `<<<<<<<` occur anywhere in the text.
  static func holdsConflictStart(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      var start = 0
      while bytes.count - start >= 7, let found = memchr(base + start, 0x3C, bytes.count - start) {
        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        guard bytes.count - at >= 7 else { return false }
        if (at..<(at + 7)).allSatisfy({ bytes[$0] == 0x3C }) { return true }
        start = at + 1
      }
      return false
    }
  }
}

extension Linter {
  /// A file that could not be linted (a symbolic link, an id another file also has, bytes
  /// that are not text), as an `unreadable-file` finding on its first line.
  public func unreadable(id: String, path: String, message: String) -> LintResult {
    var collector = Collector(linter: self, id: id, path: path, lines: [])
    collector.add(.unreadableFile, line: 1, message: message)
    return LintResult(id: id, path: path, findings: collector.findings, scores: .unreadable)
  }

  /// The lifecycle links of the linted propositions, checked against every proposition of
  /// the workspace (`all`, by id): a `superseded-by:` or `supersedes:` id that names no
  /// proposition, a link the other side does not return, and a chain of `superseded-by:`
  /// that comes back to where it started. Each finding goes to the result of its file.
  public func checkLinks(_ results: [LintResult], all: [String: Proposition]) -> [LintResult] {
    results.map { result in
      guard let proposition = all[result.id], proposition.path == result.path else { return result }
      let front = proposition.frontMatter
      var collector = Collector(
        linter: self, id: result.id, path: result.path, lines: SourceText.lines(proposition.text))
      let successorLine = front.line(of: "superseded-by") ?? 1
      if let successor = front.supersededBy {
        if let other = all[successor] {
          if !other.frontMatter.supersedes.contains(proposition.id) {
            collector.add(
              .brokenLink, line: successorLine,
              message:
                "'superseded-by: \(successor)', but \(other.path) does not list '\(proposition.id)' under 'supersedes:'"
            )
          }
          var seen: Set<String> = [proposition.id]
          var next: String? = successor
          while let id = next, let step = all[id] {
            if seen.contains(id) {
              collector.add(
                .brokenLink, line: successorLine,
                message:
                  "'superseded-by:' links go round in a cycle through '\(id)'; one of them must stay active")
              break
            }
            seen.insert(id)
            next = step.frontMatter.supersededBy
          }
        } else {
          collector.add(
            .brokenLink, line: successorLine,
            message: "'superseded-by: \(successor)' names no proposition")
        }
      }
      let predecessorsLine = front.line(of: "supersedes") ?? 1
      for predecessor in front.supersedes {
        guard let other = all[predecessor] else {
          collector.add(
            .brokenLink, line: predecessorsLine,
            message: "'supersedes:' names '\(predecessor)', which names no proposition")
          continue
        }
        if other.frontMatter.supersededBy != proposition.id {
          collector.add(
            .brokenLink, line: predecessorsLine,
            message:
              "'supersedes:' names '\(predecessor)', but \(other.path) says 'superseded-by: \(other.frontMatter.supersededBy ?? "")'"
          )
        }
      }
      guard !collector.findings.isEmpty else { return result }
      let findings = (result.findings + collector.findings).sorted {
        ($0.line, $0.column, $0.rule.id.rawValue) < ($1.line, $1.column, $1.rule.id.rawValue)
      }
      return LintResult(id: result.id, path: result.path, findings: findings, scores: LintScore(findings))
    }
  }
}

extension Linter {
  /// The `tracks:` patterns of the linted propositions checked against the files of HEAD
  /// (`files`, paths from the repository root): a pattern that selects none is a typo, or
  /// code that moved, which a pathspec does not follow.
  public func checkTracks(_ results: [LintResult], all: [String: Proposition], files: [String])
    -> [LintResult]
  {
    results.map { result in
      guard let proposition = all[result.id], proposition.path == result.path,
        !proposition.frontMatter.tracks.isEmpty, let pathspec = try? Pathspec(proposition.frontMatter.tracks)
      else { return result }
      var collector = Collector(
        linter: self, id: result.id, path: result.path, lines: SourceText.lines(proposition.text))
      let line = proposition.frontMatter.line(of: "tracks") ?? 1
      for item in pathspec.items where !item.exclude {
        let single = Pathspec(items: [item])
        if !files.contains(where: single.matches) {
          collector.add(
            .tracksMatchNothing, line: line,
            message:
              "'tracks:' pattern '\(item.source)' matches no file at HEAD; fix the pattern, or name the code where it moved (a pattern does not follow renames)"
          )
        }
      }
      guard !collector.findings.isEmpty else { return result }
      let findings = (result.findings + collector.findings).sorted {
        ($0.line, $0.column, $0.rule.id.rawValue) < ($1.line, $1.column, $1.rule.id.rawValue)
      }
      return LintResult(id: result.id, path: result.path, findings: findings, scores: LintScore(findings))
    }
  }
}
