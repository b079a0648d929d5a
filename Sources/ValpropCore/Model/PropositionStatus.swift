/// Where a proposition is in its life.
public enum PropositionStatus: String, Sendable, CaseIterable, Codable {
  /// Being written; not yet promised to anyone.
  case draft
  /// What the team promises now.
  case active
  /// No longer promised.
  case retired
  /// Replaced by another proposition (`superseded-by:`).
  case superseded
}
