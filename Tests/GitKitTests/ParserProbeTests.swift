import Foundation
import TestSupport
import Testing

@_spi(Fuzzing) @testable import GitKit

/// The fuzz targets' differential checks agree with libgit2 on every commit and tree of a real
/// history, merges and renames included, and on deltas git itself wrote.
@Suite struct ParserProbeTests {
  @Test func everyCommitAndTreeOfAHistoryReadsAsLibGit2ReadsIt() throws {
    let fixture = try GitFixture()
    try HistoryGenerator(files: 12, commits: 40, seed: 3).generate(into: fixture)
    let listing = try fixture.git([
      "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)",
    ])
    var checked = 0
    for line in listing.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 2, parts[1] == "commit" || parts[1] == "tree" else { continue }
      let bytes = try Shell.run(
        Shell.which("git"), ["cat-file", String(parts[1]), String(parts[0])], in: fixture.path,
        environment: GitFixture.environment
      ).stdoutData
      let problem = parts[1] == "commit" ? ParserProbe.commit(bytes) : ParserProbe.tree(bytes)
      #expect(problem == nil, "\(parts[0]): \(problem ?? "")")
      checked += 1
    }
    #expect(checked > 80)
  }

  /// The summary reader gives libgit2's summary wherever it answers, and leaves to libgit2
  /// the messages whose first paragraph is off git's usual shape.
  @Test func commitSummariesReadAsLibGit2ReadsThem() throws {
    let header =
      "tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
      + "author A <a@example.com> 1600000000 +0100\ncommitter C <c@example.com> 1600000002 -0300\n"
    func commit(_ message: String, extraHeader: String = "") -> Data {
      Data((header + extraHeader + "\n" + message).utf8)
    }
    let plain: [(message: String, summary: String)] = [
      ("subject\n", "subject"), ("subject", "subject"), ("subject  \n\nbody\nmore\n", "subject"),
      ("two  spaces inside\n", "two  spaces inside"), ("\n\nafter blank lines\n", "after blank lines"),
      ("", ""), ("\n", ""), ("Zoë \u{1F600} ünïcode\n\n", "Zoë \u{1F600} ünïcode"),
    ]
    for (message, summary) in plain {
      let data = commit(message)
      #expect(
        data.withUnsafeBytes { CommitHeader.plainSummary($0) } == summary, "\(message.debugDescription)")
      #expect(ParserProbe.commit(data) == nil, "\(message.debugDescription)")
    }
    // A signed commit: the signature's lines are one header, and the message follows them.
    let signed = commit(
      "signed\n", extraHeader: "gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n"
    )
    #expect(signed.withUnsafeBytes { CommitHeader.plainSummary($0) } == "signed")
    #expect(ParserProbe.commit(signed) == nil)
    let declined = [
      " leading space\n", "\tleading tab\n", "first line\nsecond line of the paragraph\n", "carriage\r\n",
      "tab\tinside\n", "nul\u{0}inside\n", "line\n\u{0}\n",
    ]
    for message in declined {
      let data = commit(message)
      #expect(data.withUnsafeBytes { CommitHeader.plainSummary($0) } == nil, "\(message.debugDescription)")
      #expect(ParserProbe.commit(data) == nil, "\(message.debugDescription)")
    }
    #expect(Data(header.utf8).withUnsafeBytes { CommitHeader.plainSummary($0) } == nil, "no blank line")
    // Messages from an alphabet of the bytes that matter, compared with libgit2.
    var generator = SplitMix(seed: 14)
    let alphabet: [String] = ["a", "b", " ", " ", "\n", "\n", "\t", "\r", "é", "\u{0}", "\u{0B}", "\u{0C}"]
    var answered = 0
    for _ in 0..<3000 {
      let length = Int.random(in: 0..<14, using: &generator)
      let message = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
      let data = commit(message)
      #expect(ParserProbe.commit(data) == nil, "\(message.debugDescription)")
      if data.withUnsafeBytes({ CommitHeader.plainSummary($0) }) != nil { answered += 1 }
    }
    #expect(answered > 300, "the reader answers for a good share of the messages, not only for none")
  }

  @Test func aDeltaRebuildsWhatItDeclares() {
    // Base "hello world"; copy its first 6 bytes, insert "there".
    let good = Data("hello world".utf8) + Data([0, 0x0b, 0x0b, 0x90, 0x06, 0x05]) + Data("there".utf8)
    #expect(ParserProbe.delta(good) == nil)
    // A delta that claims another base size is refused, not applied.
    let wrongBase = Data("hello world".utf8) + Data([0, 0x0c, 0x0b, 0x90, 0x06, 0x05]) + Data("there".utf8)
    #expect(ParserProbe.delta(wrongBase) == nil)
  }
}
