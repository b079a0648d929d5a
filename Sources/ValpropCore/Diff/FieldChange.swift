import Foundation

/// A front-matter key whose value differs between two versions.
public struct FieldChange: Sendable, Equatable, Encodable {
  /// The key.
  public let name: String
  /// The old value as one line of text; nil when the key was absent.
  public let old: String?
  /// The new value; nil when the key is gone.
  public let new: String?

  /// Encodes the stable JSON shape of docs/commands.md.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(old, forKey: .old)
    try container.encode(new, forKey: .new)
  }

  enum CodingKeys: String, CodingKey { case name, old, new }
}
