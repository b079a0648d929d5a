import Foundation
import TestSupport
import Testing

@testable import ValpropCore

@Suite struct CalendarDateTests {
  @Test(arguments: ["2026-09-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
  func parsesRealDays(_ text: String) throws {
    let date = try #require(CalendarDate(text))
    #expect(date.description == text)
  }

  @Test(arguments: [
    "2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01",
    "2026-9-1", "2026-09-01T10:00:00", "", "yesterday", "2026/09/01", " 2026-09-01", "２０２６-09-01",
  ])
  func rejectsAnythingElse(_ text: String) {
    #expect(CalendarDate(text) == nil)
  }

  @Test func addingDaysAgreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    var generator = SplitMix(seed: 42)
    for _ in 0..<2_000 {
      let start = try #require(
        CalendarDate(
          year: Int.random(in: 1900...2200, using: &generator),
          month: Int.random(in: 1...12, using: &generator),
          day: Int.random(in: 1...28, using: &generator)))
      let days = Int.random(in: -20_000...20_000, using: &generator)
      let startMoment = calendar.date(
        from: DateComponents(year: start.year, month: start.month, day: start.day))!
      let expected = CalendarDate(utc: calendar.date(byAdding: .day, value: days, to: startMoment)!)
      #expect(start.adding(days: days) == expected, "\(start) + \(days) days")
      #expect(expected.days(since: start) == days)
    }
  }

  @Test func addingMonthsClampsToTheMonthsLength() {
    let january31 = CalendarDate(year: 2026, month: 1, day: 31)!
    #expect(january31.adding(months: 1)?.description == "2026-02-28")
    #expect(CalendarDate(year: 2024, month: 1, day: 31)!.adding(months: 1)?.description == "2024-02-29")
    #expect(january31.adding(months: 12)?.description == "2027-01-31")
    #expect(january31.adding(months: -1)?.description == "2025-12-31")
    #expect(CalendarDate(year: 9999, month: 12, day: 1)!.adding(months: 1) == nil)
  }

  @Test func ordersChronologically() {
    #expect(CalendarDate("2026-01-31")! < CalendarDate("2026-02-01")!)
    #expect(CalendarDate("2025-12-31")! < CalendarDate("2026-01-01")!)
  }
}
