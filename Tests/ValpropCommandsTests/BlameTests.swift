import Foundation
import TestSupport
import Testing

/// Writes files, stages everything and commits as an author at a date.
private func commit(
  _ repo: GitFixture, _ message: String, files: [String: String] = [:], author: String, date: String
) throws {
  for (relative, text) in files { try repo.folder.write(relative, text) }
  try repo.git(["add", "-A"])
  try repo.git(
    ["commit", "-q", "--allow-empty", "-m", message],
    environment: [
      "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": "2026-04-01T00:00:00+00:00",
    ])
}

/// One line as `git blame --porcelain` attributes it.
private struct Attribution: Equatable, CustomStringConvertible {
  var line: Int
  var text: String
  var commit: String
  var author: String
  var date: String?

  var description: String {
    "\(line) \(commit.prefix(8)) \(author) \(date ?? "null") \(text.debugDescription)"
  }
}

/// An author time and `+hhmm` zone as ISO 8601 with that offset, as valprop prints dates.
private func isoDate(seconds: Int, zone: String) -> String {
  let digits = zone.dropFirst()
  let magnitude = (Int(digits.prefix(2)) ?? 0) * 3600 + (Int(digits.suffix(2)) ?? 0) * 60
  let formatter = DateFormatter()
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.timeZone = TimeZone(secondsFromGMT: zone.hasPrefix("-") ? -magnitude : magnitude)
  formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
  return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    + "\(zone.prefix(1))\(digits.prefix(2)):\(digits.suffix(2))"
}

/// `git blame --porcelain <path>` (the work tree's version), one attribution a line.
private func gitBlame(_ repo: GitFixture, _ path: String) throws -> [Attribution] {
  let output = try repo.git(["blame", "--porcelain", "--", path])
  var known: [String: (author: String, time: Int, zone: String)] = [:]
  var result: [Attribution] = []
  var current: (commit: String, line: Int)?
  var author = ""
  var time = 0
  var zone = "+0000"
  for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
    let line = String(raw)
    if line.hasPrefix("\t") {
      guard let (commit, number) = current else { continue }
      if known[commit] == nil { known[commit] = (author, time, zone) }
      let info = known[commit]!
      let uncommitted = commit == String(repeating: "0", count: 40)
      result.append(
        Attribution(
          line: number, text: String(line.dropFirst()), commit: commit, author: info.author,
          date: uncommitted ? nil : isoDate(seconds: info.time, zone: info.zone)))
      current = nil
      continue
    }
    let fields = line.split(separator: " ", maxSplits: 1).map(String.init)
    guard let key = fields.first else { continue }
    let value = fields.count > 1 ? fields[1] : ""
    if key.count == 40, key.allSatisfy(\.isHexDigit) {
      let numbers = value.split(separator: " ")
      current = (key, Int(numbers[1]) ?? 0)
      continue
    }
    switch key {
    case "author": author = value
    case "author-time": time = Int(value) ?? 0
    case "author-tz": zone = value
    default: break
    }
  }
  return result
}

/// valprop's `blame --format json` as attributions.
private func valpropBlame(_ repo: GitFixture, _ id: String) throws -> [Attribution] {
  let result = try valprop(["blame", id, "--format", "json"], in: repo.path)
  #expect(result.status == 0, "\(result)")
  #expect(result.stderr.isEmpty, "\(result)")
  return try jsonObjects(result).map { row in
    #expect(Set(row.keys).isSuperset(of: ["author", "commit", "date", "line", "text"]), "\(row)")
    return Attribution(
      line: row["line"] as? Int ?? -1, text: row["text"] as? String ?? "?",
      commit: row["commit"] as? String ?? "?",
      author: row["author"] as? String ?? "?", date: row["date"] as? String)
  }
}

/// The proposition's lines, numbered 1 to `count`, with some replaced.
private func text(_ replaced: [Int: String] = [:], count: Int = 10) -> String {
  (1...count).map { replaced[$0] ?? "Line \($0) of the proposition." }.joined(separator: "\n") + "\n"
}

/// `valprop blame`: who last changed each line, as `git blame` attributes it.
@Suite struct BlameTests {
  /// A file written by Ana, edited by Bo, moved by Di, edited again by Ed and renamed with an
  /// edit by Fay; each in another time zone.
  static func history() throws -> GitFixture {
    let repo = try GitFixture()
    let old = "propositions/ledger.md"
    let moved = "propositions/finance/ledger.md"
    let renamed = "propositions/finance/ledger-sync.md"
    try commit(repo, "add", files: [old: text()], author: "Ana Author", date: "2026-03-04T05:06:07+02:00")
    try commit(
      repo, "edit 5 and 6", files: [old: text([5: "Bo's fifth line.", 6: "Bo's sixth line."])],
      author: "Bo Builder", date: "2026-03-06T10:00:00-05:00")
    try repo.folder.makeFolder("propositions/finance")
    try repo.git(["mv", old, moved])
    try commit(repo, "move", author: "Di Designer", date: "2026-03-08T12:00:00+05:30")
    try commit(
      repo, "edit 9, add 11",
      files: [moved: text([5: "Bo's fifth line.", 6: "Bo's sixth line.", 9: "Ed's ninth line."], count: 11)],
      author: "Ed Editor", date: "2026-03-09T08:00:00+00:00")
    try repo.git(["mv", moved, renamed])
    try commit(
      repo, "rename and edit 2",
      files: [
        renamed: text(
          [2: "Fay's second line.", 5: "Bo's fifth line.", 6: "Bo's sixth line.", 9: "Ed's ninth line."],
          count: 11)
      ],
      author: "Fay Finch", date: "2026-03-10T23:59:59-09:30")
    return repo
  }

  @Test func eachLineAsGitBlameAttributesIt() throws {
    let repo = try Self.history()
    let path = "propositions/finance/ledger-sync.md"

    let expected = try gitBlame(repo, path)
    let actual = try valpropBlame(repo, "ledger-sync")

    #expect(expected.count == 11)
    #expect(
      Set(expected.map(\.author)) == ["Ana Author", "Bo Builder", "Ed Editor", "Fay Finch"],
      "the oracle follows the renames: \(expected)")
    #expect(actual == expected, "valprop:\n\(actual.map(\.description).joined(separator: "\n"))")
    #expect(expected.first?.date == "2026-03-04T05:06:07+02:00")
  }

  @Test func linesChangedInTheWorkTreeAreNotCommittedYet() throws {
    let repo = try Self.history()
    let path = "propositions/finance/ledger-sync.md"
    try repo.folder.write(
      path,
      text(
        [
          2: "Fay's second line.", 3: "Uncommitted third line.", 5: "Bo's fifth line.", 6: "Bo's sixth line.",
          9: "Ed's ninth line.", 12: "A new last line.",
        ], count: 12))

    let expected = try gitBlame(repo, path)
    let actual = try valpropBlame(repo, "ledger-sync")

    #expect(actual == expected, "valprop:\n\(actual.map(\.description).joined(separator: "\n"))")
    let uncommitted = actual.filter { $0.commit == String(repeating: "0", count: 40) }
    #expect(uncommitted.map(\.line) == [3, 12])
    #expect(uncommitted.allSatisfy { $0.author == "Not Committed Yet" && $0.date == nil })
  }

  @Test func anUncommittedPropositionIsNotCommittedYetThroughout() throws {
    let repo = try Self.history()
    try repo.folder.write("propositions/fresh.md", "# Fresh\n\nNew.\n")

    let actual = try valpropBlame(repo, "fresh")

    #expect(actual.map(\.line) == [1, 2, 3])
    #expect(actual.map(\.text) == ["# Fresh", "", "New."])
    #expect(
      actual.allSatisfy { $0.commit == String(repeating: "0", count: 40) && $0.author == "Not Committed Yet" }
    )
  }

  @Test func textShowsCommitAuthorDateAndLine() throws {
    let repo = try Self.history()
    let expected = try gitBlame(repo, "propositions/finance/ledger-sync.md")

    let result = try valprop(["blame", "ledger-sync"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == expected.count, "\(result)")
    for (line, attribution) in zip(lines, expected) {
      #expect(line.hasPrefix(String(attribution.commit.prefix(8))), "\(line)")
      #expect(line.contains(attribution.author), "\(line)")
      #expect(line.contains(String(attribution.date?.prefix(10) ?? "")), "\(line)")
      #expect(line.hasSuffix(") " + attribution.text), "\(line)")
    }
  }

  @Test func anUnknownIDExitsTwo() throws {
    let repo = try Self.history()

    let result = try valprop(["blame", "nobody"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("nobody"), "\(result)")
  }
}
