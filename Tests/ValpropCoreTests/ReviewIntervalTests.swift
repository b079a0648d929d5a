import Testing

@testable import ValpropCore

@Suite struct ReviewIntervalTests {
  @Test(arguments: [
    ("90d", 90, "d"), ("12w", 12, "w"), ("6m", 6, "m"), ("1y", 1, "y"), ("100000d", 100_000, "d"),
  ])
  func parsesCountAndUnit(_ text: String, _ count: Int, _ unit: Character) throws {
    let interval = try #require(ReviewInterval(text))
    #expect(interval.count == count)
    #expect(interval.unit.rawValue == unit)
    #expect(interval.description == text)
  }

  @Test(arguments: [
    "90x", "-3d", "0d", "d", "1.5m", " 90d", "90 d", "90D", "", "+3d", "1000001d", "٣d", "90dd",
  ])
  func rejectsBadIntervals(_ text: String) {
    #expect(ReviewInterval(text) == nil)
  }

  @Test func addsCalendarUnits() {
    let start = CalendarDate("2026-01-31")!
    #expect(ReviewInterval("90d")!.added(to: start)?.description == "2026-05-01")
    #expect(ReviewInterval("2w")!.added(to: start)?.description == "2026-02-14")
    #expect(ReviewInterval("1m")!.added(to: start)?.description == "2026-02-28")
    #expect(ReviewInterval("1y")!.added(to: CalendarDate("2024-02-29")!)?.description == "2025-02-28")
  }
}
