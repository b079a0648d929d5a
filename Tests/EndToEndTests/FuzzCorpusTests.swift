import Foundation
import TestSupport
import Testing

/// The fuzz seed corpus (Tests/Fuzz/corpus) replays cleanly through every fuzz target, so
/// a crash once found and added there stays fixed. `Tests/Fuzz/run.sh` does the fuzzing.
@Suite struct FuzzCorpusTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test(arguments: [
    "proposition", "lint", "config", "worddiff", "linediff", "frontmatter", "commit", "tree", "delta",
  ])
  func theSeedCorpusReplaysWithoutACrash(_ target: String) throws {
    let replay = (Binary.path as NSString).deletingLastPathComponent + "/ValpropFuzz"
    let corpus = Self.root + "/Tests/Fuzz/corpus/" + target
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus)
    #expect(!files.isEmpty, "the \(target) corpus has seeds")
    let result = try Shell.run(replay, [corpus], environment: ["VALPROP_FUZZ_TARGET": target])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "replayed \(files.count) inputs through \(target)\n", "\(result)")
  }
}
