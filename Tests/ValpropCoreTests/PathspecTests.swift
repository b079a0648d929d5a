import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Pathspecs against git: `git ls-files -- <pathspec>` lists what each pattern selects.
@Suite struct PathspecTests {
  static let files = [
    "Sources/Reconciliation/Engine.swift", "Sources/Reconciliation/Rules/Match.swift",
    "Sources/Reconciliation/README.md", "Sources/Billing/Invoice.swift", "Sources/Billing.swift",
    "pricing/plans.yml", "pricing/plans.yml.bak", "docs/a b.md", "docs/[x].md", "Tests/EngineTests.swift",
    "top.swift", "Makefile",
  ]

  static let patterns: [[String]] = [
    ["Sources/Reconciliation"], ["Sources/Reconciliation/"], ["Sources/Reconciliation/**"],
    ["Sources/*.swift"], [":(glob)Sources/*.swift"], [":(glob)Sources/**/*.swift"], [":(glob)**/*.md"],
    ["*.swift"], ["pricing/plans.yml"], ["Sources", ":(exclude)Sources/Billing"], [":!Sources"],
    [":^*.md", ":(top)Sources"], ["Sources/Rec?nciliation/*"], ["docs/[x].md"], [":(literal)docs/[x].md"],
    ["docs/[a-c]*"], [":(icase)sources/billing"], [":/top.swift"], ["Source"], [":(glob)Sources/Re*"],
    ["Sources/Re*"], [":(glob)Sources/**"], [":(glob)**/Engine*"], ["docs/[[:space:]]*", "docs/a?b.md"],
  ]

  @Test func agreesWithGitLsFiles() throws {
    let fixture = try GitFixture()
    for file in PathspecTests.files { try fixture.folder.write(file, "x\n") }
    try fixture.git(["add", "-A"])
    for patterns in PathspecTests.patterns {
      let expected = try fixture.git(["-c", "core.quotePath=false", "ls-files", "--"] + patterns).split(
        separator: "\n"
      ).map(String.init)
      let pathspec = try Pathspec(patterns)
      let found = PathspecTests.files.filter(pathspec.matches).sorted()
      #expect(found == expected.sorted(), "\(patterns)")
    }
  }

  @Test func refusesWhatItCannotRead() {
    for bad in [":(attr:foo)x", ":(glob", "../outside", ":(glob,literal)x", ""] {
      #expect(throws: Pathspec.Problem.self, "\(bad)") { try Pathspec([bad]) }
    }
  }

  @Test func baseFolderHoldsEverythingItSelects() throws {
    #expect(try Pathspec(["Sources/Reconciliation/**"]).baseFolder == "Sources/Reconciliation")
    #expect(try Pathspec(["Sources/Reconciliation"]).baseFolder == "Sources")
    #expect(try Pathspec(["Sources/Rec*", "Sources/Billing/a.swift"]).baseFolder == "Sources")
    #expect(try Pathspec(["Sources/a", "docs/b"]).baseFolder == "")
    #expect(try Pathspec([":!Sources"]).baseFolder == "")
    #expect(try Pathspec([":(icase)Sources/x/y"]).baseFolder == "")
    #expect(try Pathspec(["*.swift"]).baseFolder == "")
    // Every file a pattern selects lies below its base.
    for patterns in PathspecTests.patterns {
      let pathspec = try Pathspec(patterns)
      let base = pathspec.baseFolder
      for file in PathspecTests.files where pathspec.matches(file) {
        #expect(base.isEmpty || file.hasPrefix(base + "/"), "\(patterns): \(file) outside \(base)")
      }
    }
  }

  @Test func prunesFoldersNoPatternReaches() throws {
    let pathspec = try Pathspec(["Sources/Reconciliation/**", "pricing/plans.yml"])
    #expect(pathspec.mayMatch(inside: "Sources"))
    #expect(pathspec.mayMatch(inside: "Sources/Reconciliation/Rules"))
    #expect(!pathspec.mayMatch(inside: "Sources/Billing"))
    #expect(!pathspec.mayMatch(inside: "docs"))
    #expect(pathspec.mayMatch(inside: "pricing"))
  }
}
