import Foundation
@_spi(Fuzzing) import GitKit
import TestSupport
import Testing

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

  @Test func aDeltaRebuildsWhatItDeclares() {
    // Base "hello world"; copy its first 6 bytes, insert "there".
    let good = Data("hello world".utf8) + Data([0, 0x0b, 0x0b, 0x90, 0x06, 0x05]) + Data("there".utf8)
    #expect(ParserProbe.delta(good) == nil)
    // A delta that claims another base size is refused, not applied.
    let wrongBase = Data("hello world".utf8) + Data([0, 0x0c, 0x0b, 0x90, 0x06, 0x05]) + Data("there".utf8)
    #expect(ParserProbe.delta(wrongBase) == nil)
  }
}
