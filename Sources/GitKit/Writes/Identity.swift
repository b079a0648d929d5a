import CLibGit2
import Foundation

/// Who made a commit and when, as valprop writes it.
public struct Identity: Sendable, Equatable {
  /// The name.
  public let name: String
  /// The e-mail address.
  public let email: String
  /// The moment.
  public let time: Date
  /// The offset from UTC, in minutes.
  public let offsetMinutes: Int

  /// Creates an identity.
  public init(name: String, email: String, time: Date, offsetMinutes: Int) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }
}
