import Foundation
import TestSupport
import Testing

/// `valprop review`: sets `reviewed:` to today, changing only that line, and commits that one
/// file through libgit2 without disturbing anything else in the work tree or the index.
@Suite struct ReviewTests {
  static let path = "propositions/autopilot.md"
  static let text = Propositions.text(frontMatter: [
    "status: active", "framework: core", "owner: \"@finance-pm\"", "reviewed: 2024-01-01", "tags: [finance]",
  ])
  static let unreviewedText = Propositions.text()

  /// A repository with the proposition and a few other files, all committed.
  static func workspace(_ proposition: String = text) throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        path: proposition,
        "propositions/pricing.md": Propositions.text(title: "Pricing"),
        "propositions/inbox.md": Propositions.text(title: "Inbox"),
        "notes.txt": "notes\n", "old.txt": "old\n", "gone.txt": "gone\n", "kept.txt": "kept\n",
      ], date: "2024-01-10T10:00:00+00:00")
    return repo
  }

  /// The days the review may have recorded: today when it started, and when it ended.
  static func run(_ arguments: [String], in repo: GitFixture) throws -> (ProcessResult, Set<String>) {
    let before = Day.today
    let result = try valprop(arguments, in: repo.path)
    return (result, [before, Day.today])
  }

  /// A file's lines, each with its line ending.
  static func lines(_ data: Data) -> [Data] {
    var lines: [Data] = []
    var start = data.startIndex
    for index in data.indices where data[index] == 0x0A {
      lines.append(data[start...index])
      start = index + 1
    }
    if start < data.endIndex { lines.append(data[start...]) }
    return lines
  }

  /// nil when `after` is `before` with only its `reviewed:` line set to one of `days` (or that
  /// line added inside the front matter, with the file's line ending); else what differs.
  static func onlyReviewedLineChanged(before: Data, after: Data, days: Set<String>) -> String? {
    let old = lines(before)
    let new = lines(after)
    let newline = String(decoding: before, as: UTF8.self).contains("\r\n") ? "\r\n" : "\n"
    func isReviewedLine(_ line: Data, ending: String) -> Bool {
      days.contains { Data("reviewed: \($0)\(ending)".utf8) == line }
    }
    if old.count == new.count {
      let changed = old.indices.filter { old[$0] != new[$0] }
      guard changed.count == 1, let index = changed.first else {
        return "lines \(changed.map { $0 + 1 }) changed"
      }
      let ending = old[index].last == 0x0A ? (old[index].dropLast().last == 0x0D ? "\r\n" : "\n") : ""
      guard String(decoding: old[index], as: UTF8.self).hasPrefix("reviewed:") else {
        return "line \(index + 1) changed, which is not the reviewed: line"
      }
      return isReviewedLine(new[index], ending: ending)
        ? nil : "line \(index + 1) became \(String(decoding: new[index], as: UTF8.self).debugDescription)"
    }
    guard new.count == old.count + 1 else { return "\(old.count) lines became \(new.count)" }
    guard
      let added = new.indices.first(where: {
        var rest = new
        rest.remove(at: $0)
        return rest == old
      })
    else { return "more than one line differs" }
    guard isReviewedLine(new[added], ending: newline) else {
      return "added line \(String(decoding: new[added], as: UTF8.self).debugDescription)"
    }
    // Inside the front matter: after the opening '---' and before the closing one.
    let closing = new.indices.dropFirst().first {
      String(decoding: new[$0], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "---"
    }
    guard added >= 1, let closing, added < closing else { return "reviewed: added outside the front matter" }
    return nil
  }

  // MARK: - What it writes and commits

  @Test func setsReviewedToTodayAndCommitsOnlyThatFile() throws {
    let repo = try Self.workspace()
    let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let before = try #require(repo.folder.data(Self.path))

    let (result, days) = try Self.run(
      ["review", "autopilot", "-m", "Re-checked the 90% claim against Q3 data"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = try #require(repo.folder.data(Self.path))
    let problem = Self.onlyReviewedLineChanged(before: before, after: after, days: days)
    #expect(problem == nil, "\(problem ?? "")\n\(String(decoding: after, as: UTF8.self))")
    #expect(try repo.git(["rev-parse", "HEAD~1"]).trimmingCharacters(in: .whitespacesAndNewlines) == head)
    #expect(repo.commitCount() == 2)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    let stat = try repo.git(["show", "--stat", "--format=", "HEAD"])
    #expect(stat.contains("1 file changed, 1 insertion(+), 1 deletion(-)"), "\(stat)")
    let message = try repo.git(["log", "-1", "--format=%B"])
    #expect(message.contains("autopilot"), "\(message)")
    #expect(message.contains("Re-checked the 90% claim against Q3 data"), "\(message)")
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == after)
    #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    #expect(try repo.fsckProblems().isEmpty)
  }

  /// A file layout for the byte-exactness cases.
  struct Layout: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: Data
    let hasFrontMatter: Bool
    var testDescription: String { name }

    init(_ name: String, _ text: String, crlf: Bool = false, bom: Bool = false, frontMatter: Bool = true) {
      self.name = name
      let body = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
      bytes = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(body.utf8)
      hasFrontMatter = frontMatter
    }
  }

  static let plain =
    "# Reconciliation autopilot\n\n## Problem\nManual reconciliation costs 20 hours per week.\n"
  static let layouts: [Layout] = [
    Layout("LF, reviewed: present", text),
    Layout("LF, reviewed: absent", unreviewedText),
    Layout("CRLF, reviewed: present", text, crlf: true),
    Layout("CRLF, reviewed: absent", unreviewedText, crlf: true),
    Layout("BOM, reviewed: present", text, bom: true),
    Layout("BOM, reviewed: absent", unreviewedText, bom: true),
    Layout("BOM and CRLF, reviewed: present", text, crlf: true, bom: true),
    Layout("no front matter", plain, frontMatter: false),
    Layout("no front matter, CRLF", plain, crlf: true, frontMatter: false),
    Layout("no front matter, BOM", plain, bom: true, frontMatter: false),
  ]

  @Test(arguments: layouts)
  func changesOnlyTheReviewedLine(_ layout: Layout) throws {
    let repo = try GitFixture()
    try repo.folder.write(Self.path, layout.bytes)
    try repo.commit("Start", date: "2024-01-10T10:00:00+00:00")

    let (result, days) = try Self.run(["review", "autopilot"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = try #require(repo.folder.data(Self.path))
    let shown = String(decoding: after, as: UTF8.self).debugDescription
    if layout.hasFrontMatter {
      let problem = Self.onlyReviewedLineChanged(before: layout.bytes, after: after, days: days)
      #expect(problem == nil, "\(problem ?? ""): \(shown)")
    } else {
      // A minimal front matter goes before the text; a byte-order mark stays first.
      let bom = Data([0xEF, 0xBB, 0xBF])
      let hadBOM = layout.bytes.starts(with: bom)
      let body = hadBOM ? layout.bytes.dropFirst(3) : layout.bytes[...]
      let newline = layout.name.contains("CRLF") ? "\r\n" : "\n"
      let matches = days.contains { day in
        let block = "---\(newline)reviewed: \(day)\(newline)---\(newline)"
        return [block, block + newline].contains { after == (hadBOM ? bom : Data()) + Data($0.utf8) + body }
      }
      #expect(matches, "\(shown)")
    }
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == after)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    let row = try #require(
      try listedByID(try valprop(["list", "--format", "json"], in: repo.path))["autopilot"])
    #expect(days.contains(row["lastReviewed"] as? String ?? "-"), "\(row)")
    #expect(row["title"] as? String == "Reconciliation autopilot", "\(row)")
  }

  @Test func everyOtherChangeInTheWorkTreeAndTheIndexStaysAsItWas() throws {
    let repo = try Self.workspace()
    // Staged and unstaged edits of one file, an unstaged edit, a staged new file, an untracked
    // file, a staged rename, an unstaged deletion, a staged deletion, another proposition staged.
    try repo.folder.write("kept.txt", "kept, staged\n")
    try repo.git(["add", "kept.txt"])
    try repo.folder.write("kept.txt", "kept, staged, then edited\n")
    try repo.folder.write("notes.txt", "notes, edited\n")
    try repo.folder.write("new.txt", "new\n")
    try repo.git(["add", "new.txt"])
    try repo.folder.write("scratch.txt", "scratch\n")
    try repo.git(["mv", "old.txt", "renamed.txt"])
    try FileManager.default.removeItem(atPath: repo.path + "/gone.txt")
    try repo.folder.write("propositions/pricing.md", Propositions.text(title: "Pricing", problem: "Changed."))
    try repo.git(["add", "propositions/pricing.md"])
    try repo.git(["rm", "-q", "--cached", "propositions/inbox.md"])
    let status = try repo.git(["status", "--porcelain", "--untracked-files=all"])
    let unstaged = try repo.gitData(["diff"])
    let staged = try repo.gitData(["diff", "--cached"])
    let entries = try repo.git(["ls-files", "--stage"]).split(separator: "\n").filter {
      !$0.hasSuffix(Self.path)
    }
    let head = try repo.git(["rev-parse", "HEAD"])
    var files = repo.folder.snapshot().contents.filter { !$0.key.hasPrefix(".git/") }
    files[Self.path] = nil

    let result = try valprop(["review", "autopilot", "-m", "Checked"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == status)
    #expect(try repo.gitData(["diff"]) == unstaged)
    #expect(try repo.gitData(["diff", "--cached"]) == staged)
    #expect(
      try repo.git(["ls-files", "--stage"]).split(separator: "\n").filter { !$0.hasSuffix(Self.path) }
        == entries)
    var filesAfter = repo.folder.snapshot().contents.filter { !$0.key.hasPrefix(".git/") }
    filesAfter[Self.path] = nil
    #expect(filesAfter == files)
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain", "--", Self.path]).isEmpty, "the reviewed file is clean")
    #expect(try repo.gitData(["show", "HEAD:" + Self.path]) == repo.folder.data(Self.path))
    #expect(try repo.fsckProblems().isEmpty)
  }

  @Test func noCommitOnlyEditsTheFile() throws {
    let repo = try Self.workspace()
    let head = try repo.git(["rev-parse", "HEAD"])
    let before = repo.folder.snapshot()

    let (result, days) = try Self.run(["review", "autopilot", "--no-commit"], in: repo)

    #expect(result.status == 0, "\(result)")
    let after = repo.folder.snapshot()
    #expect(before.changes(to: after) == "changed: \(Self.path)", "\(before.changes(to: after))")
    let problem = Self.onlyReviewedLineChanged(
      before: Data(Self.text.utf8), after: try #require(repo.folder.data(Self.path)), days: days)
    #expect(problem == nil, "\(problem ?? "")")
    #expect(try repo.git(["rev-parse", "HEAD"]) == head)
    #expect(try repo.git(["diff", "--cached"]).isEmpty)
    #expect(try repo.git(["status", "--porcelain"]) == " M \(Self.path)\n")
  }

  @Test func aDetachedHeadGetsTheCommit() throws {
    let repo = try Self.workspace()
    try repo.git(["checkout", "-q", "--detach"])
    let head = try repo.git(["rev-parse", "HEAD"])

    let result = try valprop(["review", "autopilot"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try repo.git(["rev-parse", "HEAD~1"]) == head)
    #expect(try repo.git(["rev-parse", "main"]) == head, "main stays where it was")
    let symbolic = try git(["symbolic-ref", "-q", "HEAD"], in: repo.path)
    #expect(symbolic.status != 0, "HEAD is still detached: \(symbolic)")
    #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == Self.path + "\n")
    #expect(try repo.git(["status", "--porcelain"]).isEmpty)
  }

  // MARK: - Refusals

  /// A situation in which review must refuse, changing nothing.
  struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let id: String
    /// Words the message must contain one of.
    let mentions: [String]
    var testDescription: String { name }
  }

  static let refusals: [Refusal] = [
    Refusal(name: "the file has unstaged changes", id: "autopilot", mentions: ["autopilot"]),
    Refusal(name: "the file has staged changes", id: "autopilot", mentions: ["autopilot"]),
    Refusal(
      name: "the file has staged changes undone in the work tree", id: "autopilot", mentions: ["autopilot"]),
    Refusal(name: "the file is untracked", id: "fresh", mentions: ["fresh"]),
    Refusal(name: "the index is locked", id: "autopilot", mentions: ["index.lock", "locked"]),
    Refusal(name: "the index is split", id: "autopilot", mentions: ["git update-index --no-split-index"]),
    Refusal(
      name: "the index is sparse", id: "autopilot", mentions: ["git sparse-checkout init --no-sparse-index"]),
    Refusal(name: "the repository is empty", id: "autopilot", mentions: ["commit"]),
    Refusal(name: "no such proposition", id: "nope", mentions: ["nope"]),
  ]

  @Test(arguments: refusals)
  func refusesChangingNothing(_ refusal: Refusal) throws {
    let repo: GitFixture
    switch refusal.name {
    case "the repository is empty":
      repo = try repository([Self.path: Self.text])
      try repo.git(["add", "-A"])
    default:
      repo = try Self.workspace()
    }
    switch refusal.name {
    case "the file has unstaged changes":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
    case "the file has staged changes":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
      try repo.git(["add", Self.path])
    case "the file has staged changes undone in the work tree":
      try repo.folder.write(Self.path, Self.text + "More words.\n")
      try repo.git(["add", Self.path])
      try repo.folder.write(Self.path, Self.text)
    case "the file is untracked":
      try repo.folder.write("propositions/fresh.md", Propositions.text(title: "Fresh"))
    case "the index is locked":
      try repo.folder.write(".git/index.lock", "")
    case "the index is split":
      try repo.git(["update-index", "--split-index"])
    case "the index is sparse":
      try repo.git(["sparse-checkout", "set", "--cone", "--sparse-index", "propositions"])
    default:
      break
    }
    let before = repo.folder.snapshot()

    let result = try valprop(["review", refusal.id, "-m", "note"], in: repo.path)

    #expect(result.status >= 2, "\(result)")
    #expect(refusal.mentions.contains { result.stderr.contains($0) }, "\(result)")
    let after = repo.folder.snapshot()
    #expect(before == after, "\(before.changes(to: after))")
  }
}
