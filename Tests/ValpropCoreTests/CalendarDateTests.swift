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
      let parts = calendar.dateComponents(
        [.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: startMoment)!)
      let expected = try #require(CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!))
      #expect(start.adding(days: days) == expected, "\(start) + \(days) days")
      #expect(expected.days(since: start) == days)
    }
  }

  /// The day of a moment is Foundation's calendar's answer in UTC from 1583 on (Foundation
  /// turns Julian before the Gregorian reform; valprop's days stay Gregorian, as day
  /// arithmetic counts them), and the first or last day beyond years 1 to 9999.
  @Test func theDayOfAMomentAgreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let epoch = try #require(CalendarDate(year: 1970, month: 1, day: 1))
    var generator = SplitMix(seed: 1970)
    var moments: [Double] = [0, -1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 4_107_542_399]
    for _ in 0..<3_000 {
      moments.append(Double(Int64.random(in: -12_212_553_600...253_402_300_799, using: &generator)))
    }
    for seconds in moments {
      let moment = Date(timeIntervalSince1970: seconds)
      let parts = calendar.dateComponents([.year, .month, .day], from: moment)
      let expected = try #require(CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!))
      #expect(CalendarDate(utc: moment) == expected, "\(seconds)")
    }
    for _ in 0..<3_000 {
      let days = Int.random(in: -719_162...2_932_896, using: &generator)
      #expect(CalendarDate(daysSince1970: days) == epoch.adding(days: days), "\(days) days")
      #expect(CalendarDate(daysSince1970: days)?.days(since: epoch) == days)
    }
    #expect(CalendarDate(daysSince1970: -719_162)?.description == "0001-01-01")
    #expect(CalendarDate(daysSince1970: 2_932_896)?.description == "9999-12-31")
    #expect(CalendarDate(daysSince1970: -719_163) == nil)
    #expect(CalendarDate(daysSince1970: 2_932_897) == nil)
    #expect(CalendarDate(daysSince1970: .max) == nil)
    #expect(CalendarDate(daysSince1970: .min) == nil)
    #expect(CalendarDate(clampedDaysSince1970: .max).description == "9999-12-31")
    #expect(CalendarDate(utc: Date(timeIntervalSince1970: 1e15)).description == "9999-12-31")
    #expect(CalendarDate(utc: Date(timeIntervalSince1970: -1e15)).description == "0001-01-01")
    #expect(CalendarDate(utc: Date(timeIntervalSince1970: .nan)).description == "1970-01-01")
    // A commit dated beyond year 9999 shows the last day, in its ISO date as in its day.
    let far = Date(timeIntervalSince1970: 253_402_300_800)
    #expect(CommitStamp.isoDate(far, offsetMinutes: 0).hasPrefix("9999-12-31T"))
  }

  @Test func addingMonthsClampsToTheMonthsLength() {
    let january31 = CalendarDate(year: 2026, month: 1, day: 31)!
    #expect(january31.adding(months: 1)?.description == "2026-02-28")
    #expect(CalendarDate(year: 2024, month: 1, day: 31)!.adding(months: 1)?.description == "2024-02-29")
    #expect(january31.adding(months: 12)?.description == "2027-01-31")
    #expect(january31.adding(months: -1)?.description == "2025-12-31")
    #expect(CalendarDate(year: 9999, month: 12, day: 1)!.adding(months: 1) == nil)
  }

  @Test func writesEveryDayAsPaddingAndInterpolationWrite() throws {
    // The way `description` was written before it wrote bytes.
    func padded(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    var generator = SplitMix(seed: 19)
    var days = [
      CalendarDate.daysSince1970Range.lowerBound, CalendarDate.daysSince1970Range.upperBound, 0, -1,
    ]
    days += (0..<20_000).map { _ in Int.random(in: CalendarDate.daysSince1970Range, using: &generator) }
    for day in days {
      let date = try #require(CalendarDate(daysSince1970: day))
      let expected = "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))"
      #expect(date.description == expected)
      #expect(CalendarDate(date.description) == date)
    }
  }

  @Test func ordersChronologically() {
    #expect(CalendarDate("2026-01-31")! < CalendarDate("2026-02-01")!)
    #expect(CalendarDate("2025-12-31")! < CalendarDate("2026-01-01")!)
  }

  /// The ISO date written into its bytes is the one made from its parts as strings, on random
  /// moments from year 1 to past 9999 and offsets up to beyond 100 hours either way.
  @Test func isoDatesWrittenAsBytesAreThoseMadeFromParts() {
    var generator = SplitMix(seed: 17)
    let bounds = CalendarDate.daysSince1970Range
    for round in 0..<20_000 {
      let days = Int.random(in: (bounds.lowerBound - 400)...(bounds.upperBound + 400), using: &generator)
      let seconds = Double(days) * 86_400 + Double(Int.random(in: 0..<86_400, using: &generator))
      let fraction = round % 3 == 0 ? Double.random(in: 0..<1, using: &generator) : 0
      let offset =
        round % 50 == 0
        ? Int.random(in: -20_000...20_000, using: &generator)
        : Int.random(in: -(99 * 60 + 59)...(99 * 60 + 59), using: &generator)
      let date = Date(timeIntervalSince1970: seconds + fraction)
      #expect(
        CommitStamp.isoDate(date, offsetMinutes: offset)
          == CommitStamp.isoDateByParts(date, offsetMinutes: offset),
        "\(seconds + fraction) at \(offset)")
      var appended: [UInt8] = [0x5B]
      CommitStamp.appendISODate(date, offsetMinutes: offset, to: &appended)
      #expect(appended == [0x5B] + Array(CommitStamp.isoDateByParts(date, offsetMinutes: offset).utf8))
    }
    #expect(
      CommitStamp.isoDate(Date(timeIntervalSince1970: 0), offsetMinutes: -90) == "1969-12-31T22:30:00-01:30")
  }
}
