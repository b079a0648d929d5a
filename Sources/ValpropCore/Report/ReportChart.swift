/// The report's charts: inline SVG that valprop writes itself, each with a `<title>`, a
/// `<desc>` that says in words what it shows, and a title on every mark. The revision list
/// below the charts carries every value as text as well.
public enum ReportChart {
  /// One point of the strength chart.
  public struct Point: Sendable, Equatable {
    /// The day of the revision.
    public let day: CalendarDate
    /// Its strength score.
    public let score: Int

    /// A point.
    public init(day: CalendarDate, score: Int) {
      self.day = day
      self.score = score
    }
  }

  /// One mark of the activity chart.
  public struct Mark: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable {
      /// The wording changed.
      case edit
      /// A review was recorded (`reviewed:` changed).
      case review
    }

    /// The day.
    public let day: CalendarDate
    /// What happened.
    public let kind: Kind

    /// A mark.
    public init(day: CalendarDate, kind: Kind) {
      self.day = day
      self.kind = kind
    }
  }

  static let width = 640
  static let left = 60
  static let right = 16

  /// The x position of a day between `first` and `last`.
  static func x(_ day: CalendarDate, first: CalendarDate, last: CalendarDate) -> Int {
    let span = max(last.days(since: first), 1)
    return left + (width - left - right) * max(0, min(day.days(since: first), span)) / span
  }

  /// The time axis: a line with the first and last day written under it.
  static func axis(y: Int, first: CalendarDate, last: CalendarDate) -> String {
    "<line class=\"chart-axis\" x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\"/>"
      + "<text class=\"chart-text\" x=\"\(left)\" y=\"\(y + 16)\">\(first)</text>"
      + "<text class=\"chart-text\" x=\"\(width - right)\" y=\"\(y + 16)\" text-anchor=\"end\">\(last)</text>"
  }

  /// The strength of each revision over time, from `first` to `last`; an empty string when
  /// there is no score to draw.
  public static func strength(_ points: [Point], id: String, first: CalendarDate, last: CalendarDate)
    -> String
  {
    guard !points.isEmpty else { return "" }
    let sorted = points.sorted { $0.day < $1.day }
    let top = 12
    let bottom = 132
    func y(_ score: Int) -> Int { bottom - (bottom - top) * max(0, min(score, 100)) / 100 }
    let summary =
      sorted.count == 1
      ? "One scored revision: strength \(sorted[0].score) on \(sorted[0].day)."
      : "Strength went from \(sorted[0].score) on \(sorted[0].day) to \(sorted[sorted.count - 1].score) on "
        + "\(sorted[sorted.count - 1].day) over \(sorted.count) revisions; lowest \(sorted.map(\.score).min()!), "
        + "highest \(sorted.map(\.score).max()!)."
    let slug = "strength-" + HTMLText.escape(id)
    var svg =
      "<svg class=\"chart\" viewBox=\"0 0 \(width) 156\" role=\"img\" aria-labelledby=\"\(slug)-title \(slug)-desc\">"
      + "<title id=\"\(slug)-title\">Strength score over time</title>"
      + "<desc id=\"\(slug)-desc\">\(HTMLText.escape(summary))</desc>"
    for score in [0, 50, 100] {
      svg +=
        "<text class=\"chart-text\" x=\"\(left - 6)\" y=\"\(y(score) + 4)\" text-anchor=\"end\">\(score)</text>"
    }
    svg += "<line class=\"chart-axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\"/>"
    svg += axis(y: bottom, first: first, last: last)
    let coordinates = sorted.map { "\(x($0.day, first: first, last: last)),\(y($0.score))" }
    // A step line: a score holds until the next revision, and up to the last day.
    var steps: [String] = []
    for (index, point) in sorted.enumerated() {
      steps.append(coordinates[index])
      let nextDay = index + 1 < sorted.count ? sorted[index + 1].day : last
      steps.append("\(x(nextDay, first: first, last: last)),\(y(point.score))")
    }
    svg += "<polyline class=\"chart-line\" points=\"\(steps.joined(separator: " "))\"/>"
    for (index, point) in sorted.enumerated() {
      let parts = coordinates[index].split(separator: ",")
      svg +=
        "<circle class=\"chart-point\" cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"4\">"
        + "<title>\(point.day): strength \(point.score)</title></circle>"
    }
    return svg + "</svg>"
  }

  /// Edits and reviews on a time axis from `first` to `last`; an empty string when there
  /// is neither.
  public static func activity(_ marks: [Mark], id: String, first: CalendarDate, last: CalendarDate) -> String
  {
    guard !marks.isEmpty else { return "" }
    let edits = marks.filter { $0.kind == .edit }.count
    let reviews = marks.count - edits
    let summary =
      "\(edits) edit\(edits == 1 ? "" : "s") and \(reviews) review\(reviews == 1 ? "" : "s") between \(first) and \(last)."
    let slug = "activity-" + HTMLText.escape(id)
    var svg =
      "<svg class=\"chart\" viewBox=\"0 0 \(width) 96\" role=\"img\" aria-labelledby=\"\(slug)-title \(slug)-desc\">"
      + "<title id=\"\(slug)-title\">Edits and reviews over time</title>"
      + "<desc id=\"\(slug)-desc\">\(HTMLText.escape(summary))</desc>"
      + "<text class=\"chart-text\" x=\"\(left - 6)\" y=\"28\" text-anchor=\"end\">edits</text>"
      + "<text class=\"chart-text\" x=\"\(left - 6)\" y=\"58\" text-anchor=\"end\">reviews</text>"
    svg += axis(y: 72, first: first, last: last)
    for mark in marks.sorted(by: { $0.day < $1.day }) {
      let x = x(mark.day, first: first, last: last)
      switch mark.kind {
      case .edit:
        svg +=
          "<circle class=\"mark-edit\" cx=\"\(x)\" cy=\"24\" r=\"5\"><title>\(mark.day): edit</title></circle>"
      case .review:
        svg +=
          "<rect class=\"mark-review\" x=\"\(x - 5)\" y=\"49\" width=\"10\" height=\"10\">"
          + "<title>\(mark.day): review</title></rect>"
      }
    }
    return svg + "</svg>"
  }
}
