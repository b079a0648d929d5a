/// A review interval or window such as `90d`, `12w`, `6m` or `1y`: a positive whole number
/// and a unit (days, weeks, calendar months, calendar years).
public struct ReviewInterval: Sendable, Hashable, CustomStringConvertible {
  /// The unit of a review interval.
  public enum Unit: Character, Sendable, CaseIterable {
    /// Days.
    case days = "d"
    /// Weeks of seven days.
    case weeks = "w"
    /// Calendar months.
    case months = "m"
    /// Calendar years.
    case years = "y"
  }

  /// How many units, at least 1.
  public let count: Int
  /// The unit.
  public let unit: Unit

  /// The largest count accepted, so that adding an interval to a date never overflows.
  public static let maximumCount = 100_000

  /// Creates an interval; nil when the count is not positive or too large.
  public init?(count: Int, unit: Unit) {
    guard (1...ReviewInterval.maximumCount).contains(count) else { return nil }
    self.count = count
    self.unit = unit
  }

  /// The empty window (`0d`): nothing is due soon, only what is due today or overdue.
  public static func none(_ unit: Unit = .days) -> ReviewInterval {
    ReviewInterval(zero: unit)
  }

  private init(zero unit: Unit) {
    count = 0
    self.unit = unit
  }

  /// Parses `<number><unit>`; nil for anything else (`90x`, `-3d`, `0d`, `d`, `1.5m`).
  public init?(_ text: String) {
    guard let last = text.last, let unit = Unit(rawValue: last) else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let count = Int(digits)
    else { return nil }
    self.init(count: count, unit: unit)
  }

  /// The written form, e.g. `90d`.
  public var description: String { "\(count)\(unit.rawValue)" }

  /// The date this interval after `date`; nil past the year 9999.
  public func added(to date: CalendarDate) -> CalendarDate? {
    switch unit {
    case .days: return date.adding(days: count)
    case .weeks: return date.adding(days: count * 7)
    case .months: return date.adding(months: count)
    case .years: return date.adding(months: count * 12)
    }
  }

  /// What a valid interval looks like, for error messages.
  public static let formatHint =
    "write a positive whole number and a unit: d (days), w (weeks), m (months) or y (years),"
    + " e.g. 90d, 12w, 6m, 1y"
}
