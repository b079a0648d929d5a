import Foundation
import TestSupport
import Testing

/// `valprop show`: a proposition's bytes, now or at any revision git understands.
@Suite struct ShowTests {
  static let first =
    "---\ntitle: Ledger sync\nstatus: draft\n---\n\n# Ledger sync\n\n## Problem\nManual matching.\n"
  static let second = first.replacingOccurrences(
    of: "Manual matching.", with: "20 hours a week of manual matching.")
  static let third = second.replacingOccurrences(of: "status: draft", with: "status: active")

  /// A repository where `propositions/ledger.md` has three versions, the first tagged `v1`.
  static func history() throws -> GitFixture {
    let repo = try GitFixture()
    try repo.commit("first", files: ["propositions/ledger.md": first])
    try repo.git(["tag", "v1"])
    try repo.commit("second", files: ["propositions/ledger.md": second])
    try repo.commit("third", files: ["propositions/ledger.md": third])
    return repo
  }

  @Test func printsTheFileByteForByte() throws {
    // A byte-order mark, CRLF line ends, trailing spaces, tabs, non-ASCII text, no final newline.
    let bytes =
      [0xEF, 0xBB, 0xBF]
      + Array("---\r\ntitle: Café crème  \r\n---\r\n\r\n# Café\t crème\r\n\r\nlast line".utf8)
    let repo = try GitFixture()
    try repo.folder.write("propositions/cafe.md", Data(bytes))

    let result = try valprop(["show", "cafe"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdoutData == Data(bytes))
  }

  @Test func showsTheWorkTreeNotHEAD() throws {
    let repo = try Self.history()
    let edited = Self.third + "\n## Evidence\n- uncommitted\n"
    try repo.folder.write("propositions/ledger.md", edited)

    let result = try valprop(["show", "ledger"], in: repo.path + "/propositions")

    #expect(result.status == 0, "\(result)")
    #expect(result.stdoutData == Data(edited.utf8))
  }

  @Test(arguments: ["HEAD~1", "HEAD~2", "HEAD", "main~1", "HEAD^"])
  func atARevisionEqualsGitShow(_ revision: String) throws {
    let repo = try Self.history()

    let result = try valprop(["show", "ledger", "--at", revision], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdoutData == (try repo.gitData(["show", "\(revision):propositions/ledger.md"])))
  }

  @Test func atATagAndAShortHash() throws {
    let repo = try Self.history()
    try repo.git(["tag", "-a", "v2", "-m", "annotated", "HEAD~1"])
    let short = try repo.git(["rev-parse", "--short", "HEAD~1"]).trimmingCharacters(
      in: .whitespacesAndNewlines)

    let tagged = try valprop(["show", "ledger", "--at", "v1"], in: repo.path)
    let annotated = try valprop(["show", "ledger", "--at", "v2"], in: repo.path)
    let hashed = try valprop(["show", "ledger", "--at", short], in: repo.path)

    #expect(tagged.status == 0, "\(tagged)")
    #expect(tagged.stdout == Self.first)
    #expect(annotated.status == 0, "\(annotated)")
    #expect(annotated.stdout == Self.second)
    #expect(hashed.status == 0, "\(hashed)")
    #expect(hashed.stdout == Self.second)
  }

  @Test func anExistingFileKeepsItsNameAsIDWhateverItIs() throws {
    let repo = try repository([
      "propositions/Q3 Pricing Notes.md": "# Q3 pricing\n",
      "propositions/0546-Self-not-sized-by-default.md": "x\n",
    ])
    try repo.commit("adopt")

    let spaced = try valprop(["show", "Q3 Pricing Notes"], in: repo.path)
    let numbered = try valprop(["show", "0546-Self-not-sized-by-default", "--at", "HEAD"], in: repo.path)

    #expect(spaced.status == 0, "\(spaced)")
    #expect(spaced.stdout == "# Q3 pricing\n")
    #expect(numbered.status == 0, "\(numbered)")
    #expect(numbered.stdout == "x\n")
  }

  @Test func aMovedPropositionIsFoundByIDAtTheOldRevision() throws {
    let repo = try Self.history()
    try repo.folder.makeFolder("propositions/finance")
    try repo.git(["mv", "propositions/ledger.md", "propositions/finance/ledger.md"])
    let moved = Self.third + "\n## Evidence\n- moved and edited\n"
    try repo.commit("move", files: ["propositions/finance/ledger.md": moved])

    let now = try valprop(["show", "ledger"], in: repo.path)
    let before = try valprop(["show", "ledger", "--at", "HEAD~1"], in: repo.path)

    #expect(now.status == 0, "\(now)")
    #expect(now.stdout == moved)
    #expect(before.status == 0, "\(before)")
    #expect(before.stdoutData == (try repo.gitData(["show", "HEAD~1:propositions/ledger.md"])))
  }

  @Test func aDeletedPropositionIsShownAtARevisionThatHasIt() throws {
    let repo = try Self.history()
    try repo.git(["rm", "-q", "propositions/ledger.md"])
    try repo.commit("remove")

    let now = try valprop(["show", "ledger"], in: repo.path)
    let then = try valprop(["show", "ledger", "--at", "HEAD~1"], in: repo.path)
    let gone = try valprop(["show", "ledger", "--at", "HEAD"], in: repo.path)

    #expect(now.status == 2, "\(now)")
    #expect(now.stderr.contains("no proposition 'ledger'"), "\(now)")
    #expect(then.status == 0, "\(then)")
    #expect(then.stdout == Self.third)
    #expect(gone.status == 2, "\(gone)")
    #expect(gone.stderr.contains("no proposition 'ledger'"), "\(gone)")
    #expect(gone.stderr.contains("HEAD"), "\(gone)")
  }

  @Test(arguments: [
    "no-such-branch", "HEAD~9", "0123456789abcdef0123456789abcdef01234567", "HEAD:propositions",
  ])
  func anUnknownRevisionFails(_ revision: String) throws {
    let repo = try Self.history()

    let result = try valprop(["show", "ledger", "--at", revision], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("unknown revision '\(revision)'"), "\(result)")
    #expect(result.stderr.contains("hint:"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  @Test func anUnknownIDFailsWithAHint() throws {
    let repo = try Self.history()

    let result = try valprop(["show", "ledgr"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no proposition 'ledgr'"), "\(result)")
    #expect(result.stderr.contains("hint:"), "\(result)")
    #expect(result.stderr.contains("valprop list"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  @Test(arguments: [
    "../.valprop", "propositions/ledger", "ledger.md", "/etc/passwd", "../../../etc/hostname",
  ])
  func anIDIsLookedUpNeverJoinedIntoAPath(_ id: String) throws {
    let repo = try Self.history()
    try repo.commit("config", files: [".valprop.yml": "review-every: 30d\n"])

    let now = try valprop(["show", id], in: repo.path)
    let then = try valprop(["show", id, "--at", "HEAD"], in: repo.path)

    for result in [now, then] {
      #expect(result.status == 2, "\(result)")
      #expect(result.stdout.isEmpty, "\(result)")
      #expect(result.stderr.contains("no proposition"), "\(result)")
    }
  }

  @Test func anAmbiguousIDNamesBothFiles() throws {
    let repo = try repository(["propositions/a/ledger.md": "# A\n", "propositions/b/ledger.md": "# B\n"])

    let result = try valprop(["show", "ledger"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("propositions/a/ledger.md"), "\(result)")
    #expect(result.stderr.contains("propositions/b/ledger.md"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }
}
