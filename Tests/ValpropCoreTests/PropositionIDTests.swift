import Testing

@testable import ValpropCore

@Suite struct PropositionIDTests {
  @Test(arguments: [
    "a", "reconciliation-autopilot", "0546-self-sized", "x1-", String(repeating: "a", count: 64),
  ])
  func acceptsValidIDs(_ id: String) throws {
    try PropositionID.validate(id)
  }

  @Test(arguments: [
    ("", "empty"), ("a/b", "slash"), ("../x", "slash"), ("..", "'..'"), ("a..b", "'..'"),
    ("has space", "space"),
    ("Upper", "upper case"), ("-lead", "starts with '-'"), ("/etc/passwd", "absolute"),
    (String(repeating: "a", count: 65), "more than 64"), ("x.md", ".md"), ("a_b", "'_'"), ("é", "'é'"),
    ("a\nb", "U+A"), ("a\\b", "slash"),
  ])
  func rejectsWithTheRuleBroken(_ id: String, _ reason: String) {
    #expect {
      try PropositionID.validate(id)
    } throws: { error in
      guard case ValpropError.invalidID(let rejected, let problem) = error else { return false }
      return rejected == id && problem.contains(reason)
    }
  }

  @Test func makesATitleFromTheID() {
    #expect(PropositionID.defaultTitle(for: "reconciliation-autopilot") == "Reconciliation autopilot")
    #expect(PropositionID.defaultTitle(for: "x") == "X")
  }
}
