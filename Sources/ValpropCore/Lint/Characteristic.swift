/// One of the six characteristics of a strong value proposition, each scored from 0 to 100.
public enum Characteristic: String, Sendable, CaseIterable, Codable {
  /// Specific and measurable: numbers with units, time frames, a named and sized audience.
  case specific
  /// Customer outcomes, led by the customer rather than the technology.
  case outcomes
  /// Differentiated from a named alternative, with proof.
  case differentiated
  /// In the customer's language: no buzzwords, jargon or wordiness.
  case language
  /// Validated by recent, external evidence.
  case validated
  /// Concise enough to remember.
  case concise

  /// Its place in `allCases`, where a score keeps its part.
  var index: Int {
    switch self {
    case .specific: return 0
    case .outcomes: return 1
    case .differentiated: return 2
    case .language: return 3
    case .validated: return 4
    case .concise: return 5
    }
  }

  /// How the characteristic is named to people.
  public var title: String {
    switch self {
    case .specific: return "specific and measurable"
    case .outcomes: return "customer outcomes"
    case .differentiated: return "differentiated"
    case .language: return "customer language"
    case .validated: return "validated"
    case .concise: return "concise"
    }
  }
}
