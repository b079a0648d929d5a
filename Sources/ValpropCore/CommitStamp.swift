import Foundation
import GitKit

/// A commit as valprop reports it: id, author date (with the author's offset) and author.
public struct CommitStamp: Sendable, Equatable, Encodable {
  /// The commit id.
  public let commit: ObjectID
  /// The author date.
  public let date: Date
  /// The author's offset from UTC, in minutes.
  public let offsetMinutes: Int
  /// The author's name.
  public let author: String

  /// The stamp of a commit.
  public init(_ commit: Commit) {
    let author = commit.author
    self.commit = commit.id
    self.date = author.time
    self.offsetMinutes = author.offsetMinutes
    self.author = author.name
  }

  /// The author date in ISO 8601 with the author's own offset: `2026-09-01T10:00:00+02:00`.
  public var isoDate: String {
    CommitStamp.isoDate(date, offsetMinutes: offsetMinutes)
  }

  /// A moment in ISO 8601 at an offset from UTC, `+00:00` rather than `Z` for UTC.
  public static func isoDate(_ date: Date, offsetMinutes: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60) ?? TimeZone(identifier: "UTC")!
    formatter.formatOptions = [.withInternetDateTime]
    var text = formatter.string(from: date)
    if text.hasSuffix("Z") { text = String(text.dropLast()) + "+00:00" }
    return text
  }

  /// The calendar day of the author date, in the author's own zone.
  public var day: CalendarDate {
    CalendarDate(utc: date.addingTimeInterval(TimeInterval(offsetMinutes * 60)))
  }

  /// Encodes the stable JSON shape of SPEC §4.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(commit.hex, forKey: .commit)
    try container.encode(isoDate, forKey: .date)
    try container.encode(author, forKey: .author)
  }

  enum CodingKeys: String, CodingKey { case commit, date, author }
}
