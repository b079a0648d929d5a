import Foundation

/// A day of the Gregorian calendar without a time or zone, written `YYYY-MM-DD`, as the
/// `reviewed:` key and `--as-of` use it.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, 1 to 9999.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, 1 to 31.
  public let day: Int

  /// Creates a date when the three numbers name a real day; nil for 2026-02-30.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`; nil for any other form or an impossible day.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
      return nil
    }
    self.init(year: year, month: month, day: day)
  }

  /// The day a moment falls on in UTC, kept within years 1 to 9999 (a commit can claim any
  /// date).
  public init(utc moment: Date) {
    let days = (moment.timeIntervalSince1970 / 86_400).rounded(.down)
    self.init(clampedDaysSince1970: days.isNaN ? 0 : Int(min(max(days, -1e9), 1e9)))
  }

  /// The days from 1970-01-01 to 0001-01-01 and to 9999-12-31.
  static let daysSince1970Range = -719_162...2_932_896

  /// The day a number of days after 1970-01-01, or the first or last day of years 1 to 9999
  /// beyond them.
  public init(clampedDaysSince1970 days: Int) {
    let range = CalendarDate.daysSince1970Range
    self.init(daysSince1970: min(max(days, range.lowerBound), range.upperBound))!
  }

  /// The day a number of days after 1970-01-01 (before, when negative); nil outside years
  /// 1 to 9999. Computed by arithmetic on 400-year cycles, not by Foundation's calendar,
  /// which cost more than the rest of `list` for each date.
  public init?(daysSince1970 days: Int) {
    guard CalendarDate.daysSince1970Range.contains(days) else { return nil }
    // Days since 0000-03-01, so that leap days end each cycle's years.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let marchMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
    let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
    self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// `YYYY-MM-DD`, written into its ten bytes: built by padding and interpolation, the dates of
  /// a warm `list` cost 3.4 M instructions, as much as linting a short proposition.
  public var description: String {
    String(unsafeUninitializedCapacity: 10) { bytes in
      write(into: bytes)
      return 10
    }
  }

  /// Writes `description`'s ten bytes at the start of `bytes`. Every initialiser keeps the
  /// year within 1 to 9999, so four digits hold it.
  func write(into bytes: UnsafeMutableBufferPointer<UInt8>) {
    DecimalBytes.put(year, digits: 4, into: bytes, at: 0)
    bytes[4] = UInt8(ascii: "-")
    DecimalBytes.put(month, digits: 2, into: bytes, at: 5)
    bytes[7] = UInt8(ascii: "-")
    DecimalBytes.put(day, digits: 2, into: bytes, at: 8)
  }

  /// Orders dates chronologically.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// How many days a month has in a year.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The number of days since 0001-01-01 (day 0), for day arithmetic.
  public var dayNumber: Int {
    // Days before this year, then before this month, then the day itself.
    let y = year - 1
    var days = y * 365 + y / 4 - y / 100 + y / 400
    for m in 1..<month { days += CalendarDate.daysIn(month: m, year: year) }
    return days + day - 1
  }

  /// The date a number of days later (or earlier, when negative); nil outside years 1-9999.
  public func adding(days: Int) -> CalendarDate? {
    var remaining = dayNumber + days
    guard remaining >= 0 else { return nil }
    // Walk 400-year cycles first, then years and months.
    var year = 1 + (remaining / 146_097) * 400
    remaining %= 146_097
    while true {
      let length = CalendarDate.daysIn(month: 2, year: year) == 29 ? 366 : 365
      if remaining < length { break }
      remaining -= length
      year += 1
    }
    var month = 1
    while remaining >= CalendarDate.daysIn(month: month, year: year) {
      remaining -= CalendarDate.daysIn(month: month, year: year)
      month += 1
    }
    return CalendarDate(year: year, month: month, day: remaining + 1)
  }

  /// The date a number of calendar months later; the day is clamped to the month's length
  /// (2026-01-31 plus one month is 2026-02-28).
  public func adding(months: Int) -> CalendarDate? {
    let total = year * 12 + (month - 1) + months
    let newYear = total / 12
    let newMonth = total % 12 + 1
    guard (1...9999).contains(newYear) else { return nil }
    return CalendarDate(
      year: newYear, month: newMonth,
      day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))
  }

  /// Days from `other` to this date (positive when this date is later).
  public func days(since other: CalendarDate) -> Int {
    dayNumber - other.dayNumber
  }
}
