import Testing
import ValpropCore

/// "Did you mean", owner matching and `exclude:` globs.
@Suite struct SuggestionsTests {
  @Test(arguments: [
    ("lsit", ["list", "lint", "init"], ["list"]), ("stael", ["stale", "show"], ["stale"]),
    ("autopilto", ["autopilot", "ledger"], ["autopilot"]), ("zzz", ["list", "lint"], []),
    ("finance", ["@finance-pm", "@growth"], ["@finance-pm"]),
  ])
  func nearestNames(_ word: String, _ candidates: [String], _ expected: [String]) {
    #expect(Suggestions.nearest(to: word, in: candidates) == expected)
  }

  @Test func ownersMatchWithoutCaseOrAt() {
    for spelling in ["finance-pm", "@finance-pm", "Finance-PM", " @FINANCE-pm "] {
      #expect(OwnerMatch.matches(spelling, ["@finance-pm"]), "\(spelling)")
    }
    #expect(!OwnerMatch.matches("finance", ["@finance-pm"]))
  }

  @Test(arguments: [
    ("props/README.md", true), ("props/sub/README.md", true), ("props/assets/x.md", true),
    ("props/assets/deep/y.md", true), ("props/a.md", false), ("props/INDEX.md", true),
    ("props/readme.md", false),
  ])
  func excludeGlobs(_ path: String, _ excluded: Bool) {
    let rules = ExcludeRules(patterns: ["README.md", "assets/*"], paths: ["props/INDEX.md"])
    #expect(rules.excludes(path, below: "props") == excluded)
  }

  @Test func adoptionMapsStatusValuesExactlyThenWithoutCase() {
    let adoption = Adoption(statuses: ["Final": .active, "Last Call": .draft])
    #expect(adoption.status("Final") == .active)
    #expect(adoption.status("last call") == .draft)
    #expect(adoption.status("retired") == .retired)
    #expect(adoption.status("Withdrawn") == nil)
  }
}
