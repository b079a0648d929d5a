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

  /// A stamp from its parts.
  public init(commit: ObjectID, date: Date, offsetMinutes: Int, author: String) {
    self.commit = commit
    self.date = date
    self.offsetMinutes = offsetMinutes
    self.author = author
  }

  /// The stamp of a commit.
  public init(_ commit: Commit) {
    self.init(commit: commit.id, author: commit.author)
  }

  /// The stamp of a commit read by its header.
  public init(_ header: CommitHeader) throws {
    self.init(commit: header.id, author: try header.author())
  }

  private init(commit: ObjectID, author: Signature) {
    self.commit = commit
    self.date = author.time
    self.offsetMinutes = author.offsetMinutes
    self.author = author.name
  }

  /// The author date in ISO 8601 with the author's own offset: `2026-09-01T10:00:00+02:00`.
  public var isoDate: String {
    CommitStamp.isoDate(date, offsetMinutes: offsetMinutes)
  }

  /// A moment in ISO 8601 at an offset from UTC, `+00:00` rather than `Z` for UTC. Written
  /// by hand: a date formatter per call costs more than the rest of `list` together, and
  /// written into its 25 bytes: string interpolation was 3% of a warm `list` of
  /// rust-lang/rfcs (docs/performance.md, session 17). An offset of 100 hours or more, which
  /// only a damaged commit can claim, is written as `isoDateByParts` writes it.
  public static func isoDate(_ date: Date, offsetMinutes: Int) -> String {
    guard offsetMinutes.magnitude / 60 < 100 else {
      return isoDateByParts(date, offsetMinutes: offsetMinutes)
    }
    return String(unsafeUninitializedCapacity: 25) { buffer in
      writeISODate(date, offsetMinutes: offsetMinutes, fitting: buffer)
      return 25
    }
  }

  /// Appends `isoDate(date, offsetMinutes:)`'s bytes without making the String: the rows'
  /// JSON of a warm `list` writes 1,300 dates.
  public static func appendISODate(_ date: Date, offsetMinutes: Int, to bytes: inout [UInt8]) {
    guard offsetMinutes.magnitude / 60 < 100 else {
      return bytes.append(contentsOf: isoDateByParts(date, offsetMinutes: offsetMinutes).utf8)
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 25) { buffer in
      writeISODate(date, offsetMinutes: offsetMinutes, fitting: buffer)
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<25]))
    }
  }

  /// How many bytes `writeISODate` writes.
  public static let isoDateCount = 25

  /// Writes `isoDate(date, offsetMinutes:)`'s 25 bytes at the start of `buffer`; false, with
  /// nothing written, for an offset of 100 hours or more (`appendISODate` writes those).
  public static func writeISODate(
    _ date: Date, offsetMinutes: Int, into buffer: UnsafeMutableBufferPointer<UInt8>
  ) -> Bool {
    guard offsetMinutes.magnitude / 60 < 100 else { return false }
    writeISODate(date, offsetMinutes: offsetMinutes, fitting: buffer)
    return true
  }

  /// Writes a date's 25 bytes at the start of `buffer`, for an offset under 100 hours.
  private static func writeISODate(
    _ date: Date, offsetMinutes: Int, fitting buffer: UnsafeMutableBufferPointer<UInt8>
  ) {
    let (day, seconds) = localDayAndSeconds(date, offsetMinutes: offsetMinutes)
    let offset = Int(offsetMinutes.magnitude)
    day.write(into: buffer)
    buffer[10] = 0x54
    DecimalBytes.put(seconds / 3600, digits: 2, into: buffer, at: 11)
    buffer[13] = 0x3A
    DecimalBytes.put(seconds / 60 % 60, digits: 2, into: buffer, at: 14)
    buffer[16] = 0x3A
    DecimalBytes.put(seconds % 60, digits: 2, into: buffer, at: 17)
    buffer[19] = offsetMinutes < 0 ? 0x2D : 0x2B
    DecimalBytes.put(offset / 60, digits: 2, into: buffer, at: 20)
    buffer[22] = 0x3A
    DecimalBytes.put(offset % 60, digits: 2, into: buffer, at: 23)
  }

  /// `isoDate` from its parts as strings: the reference the bytes are tested against.
  static func isoDateByParts(_ date: Date, offsetMinutes: Int) -> String {
    let (day, seconds) = localDayAndSeconds(date, offsetMinutes: offsetMinutes)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let sign = offsetMinutes < 0 ? "-" : "+"
    let offset = abs(offsetMinutes)
    return "\(day)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
      + "\(sign)\(two(offset / 60)):\(two(offset % 60))"
  }

  /// The day and the seconds into it of a moment at an offset from UTC.
  private static func localDayAndSeconds(_ date: Date, offsetMinutes: Int) -> (CalendarDate, Int) {
    let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offsetMinutes) * 60
    let days = Int((local >= 0 ? local : local - 86_399) / 86_400)
    let seconds = Int(local - Int64(days) * 86_400)
    return (CalendarDate(clampedDaysSince1970: days), seconds)
  }

  /// The calendar day of the author date, in the author's own zone.
  public var day: CalendarDate {
    CalendarDate(utc: date.addingTimeInterval(TimeInterval(offsetMinutes * 60)))
  }

  /// Encodes the stable JSON shape of docs/commands.md.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(commit.hex, forKey: .commit)
    try container.encode(isoDate, forKey: .date)
    try container.encode(author, forKey: .author)
  }

  enum CodingKeys: String, CodingKey { case commit, date, author }
}
