import Foundation
import TestSupport
import Testing

@testable import GitKit

/// A folder looked up commit after commit, keeping what it found under an unchanged parent
/// folder, answers as a lookup from the root does.
@Suite struct FolderLookupTests {
  @Test func answersAsALookupFromTheRoot() throws {
    var generator = SplitMix(seed: 2_828)
    let fixture = try GitFixture()
    // Folders that come and go, change or stay, and become files, across the commits.
    let places = ["a", "a/b", "a/b/c", "a/d", "e", "a/b/c/f.md", "top.md"]
    var commits: [String] = []
    /// Removes what stands where a folder on the way to `place`, or `place` itself, must go.
    func clearing(_ place: String, keepingFolder: Bool) throws {
      let parts = place.split(separator: "/").map(String.init)
      for depth in 1...parts.count {
        let path = fixture.path + "/" + parts.prefix(depth).joined(separator: "/")
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else { return }
        if !folder.boolValue || (depth == parts.count && !keepingFolder) {
          try FileManager.default.removeItem(atPath: path)
          return
        }
      }
    }
    for step in 0..<40 {
      let place = places.randomElement(using: &generator)!
      switch Int.random(in: 0..<4, using: &generator) {
      case 0:
        try clearing(place, keepingFolder: false)
      case 1:
        // A file where the folder may have been.
        try clearing(place, keepingFolder: false)
        try fixture.folder.write(place, "a file now \(step)\n")
      default:
        try clearing(place + "/n\(step % 3).md", keepingFolder: true)
        try fixture.folder.write(place + "/n\(step % 3).md", "step \(step)\n")
      }
      commits.append(try fixture.commit("step \(step)"))
    }
    let repository = try #require(try Repository.discover(from: fixture.path, libGit2Only: false))
    let paths = ["", "a", "a/b", "a/b/c", "a/d", "e", "top.md", "a/b/c/f.md", "missing", "a/missing/c"]
    var lookups = paths.map(FolderLookup.init)
    var found = 0
    // Newest first, as a walk goes, then oldest first; each commit twice in a row.
    for commit in commits.reversed() + commits {
      let root = try repository.rawTree(repository.commit(ObjectID(hex: commit)!).treeID)
      for round in 0..<2 {
        for index in lookups.indices {
          let fromRoot = try repository.subtree(atPath: paths[index], in: root)
          var reads = 0
          let kept = try lookups[index].folder(in: root) { id in
            reads += 1
            return try repository.rawTree(id)
          }
          #expect(kept?.id == fromRoot?.id, "\(paths[index]) at \(commit)")
          if kept != nil { found += 1 }
          // Again in the same tree: only the trees above the one holding the folder are read.
          if round == 1 {
            #expect(
              reads <= max(0, lookups[index].path.path.split(separator: "/").count - 2), "\(paths[index])")
          }
        }
      }
    }
    // Folders were found, and missed.
    #expect(found > 200 && found < 2 * 2 * 40 * paths.count, "\(found)")
  }
}
