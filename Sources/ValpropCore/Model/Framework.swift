/// A value-proposition framework; each lays out its own expected sections.
public enum Framework: String, Sendable, CaseIterable, Codable {
  /// The core proposition: audience, problem, solution, benefits, differentiation, evidence.
  case core
  /// Strategyzer's Value Proposition Canvas.
  case canvas
  /// Jobs to be done.
  case jtbd
  /// The unique value proposition of a Lean Canvas.
  case lean
  /// The Before and After grid.
  case beforeAfter = "before-after"

  /// The framework's full name, for people.
  public var displayName: String {
    switch self {
    case .core: "Core value proposition"
    case .canvas: "Value Proposition Canvas"
    case .jtbd: "Jobs to be done"
    case .lean: "Lean Canvas UVP"
    case .beforeAfter: "Before and After grid"
    }
  }

  /// The `## ` sections a proposition of this framework is expected to have, in order.
  public var expectedSections: [String] {
    switch self {
    case .core:
      ["Target audience", "Problem", "Solution", "Key benefits", "Differentiation", "Evidence"]
    case .canvas:
      [
        "Customer jobs", "Pains", "Gains", "Products and services", "Pain relievers",
        "Gain creators", "Evidence",
      ]
    case .jtbd:
      [
        "Job statement", "Functional job", "Emotional job", "Social job", "Competing solutions",
        "Evidence",
      ]
    case .lean:
      [
        "Unique value proposition", "High-level concept", "Customer segments",
        "Existing alternatives", "Evidence",
      ]
    case .beforeAfter:
      ["Before and after", "Evidence"]
    }
  }
}
