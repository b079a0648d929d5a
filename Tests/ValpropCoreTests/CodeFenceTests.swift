import Testing

@testable import ValpropCore

/// Fenced code as the parser, the summary reader and the diff read it.
@Suite struct CodeFenceTests {
  /// Which of `lines` (trimmed) a reader takes for fence or code.
  private func code(_ lines: [String]) -> [Bool] {
    var fence = CodeFence()
    return lines.map { fence.isCode($0) }
  }

  @Test func aBlockIsClosedOnlyByTheMarkerThatOpenedIt() {
    #expect(
      code(["text", "```swift", "# not a heading", "~~~", "```", "# heading"])
        == [false, true, true, true, true, false])
    #expect(code(["~~~~", "```", "~~~ end", "after"]) == [true, true, true, false])
  }

  @Test func twoMarkersOrAMarkedThirdOneOpenNothing() {
    #expect(code(["``", "`` x", "``\u{301}`", "#"]) == [false, false, false, false])
    // A combining mark on the third backtick makes another Character: no fence.
    #expect(code(["``" + "`\u{301}", "# heading"]) == [false, false])
  }
}
