/// A proposition's strength: one sub-score per characteristic of a strong proposition, each
/// capped by its worst finding, and their mean as the total.
public struct LintScore: Sendable, Equatable {
  /// The sub-score of each characteristic, 0-100, in the order of `Characteristic.allCases`:
  /// an array, not a dictionary, since a warm `list` reads 648 of them from the score cache
  /// and writes them out again (a dictionary each was a third of reading the cache).
  private let values: [Int]
  /// The mean of the parts, capped by any finding that caps the whole proposition.
  public let total: Int

  /// The sub-score of each characteristic, 0-100.
  public var parts: [Characteristic: Int] {
    Dictionary(uniqueKeysWithValues: zip(Characteristic.allCases, values))
  }

  /// The cap a structural error (an unfinished proposition) puts on the total.
  public static let unfinishedCap = 60
  /// The cap a fundamental flaw (no audience, no measurable benefit, no evidence, no
  /// differentiation) puts on the total.
  public static let fundamentalCap = 60
  /// The cap on a proposition valprop cannot read (not English).
  public static let unreadableCap = 50

  /// Scores findings: each finding counts once, by capping its characteristic at the rule's
  /// cap; more findings of the same weight do not lower a part further.
  public init(_ findings: [LintFinding]) {
    var values = Array(repeating: 100, count: Characteristic.allCases.count)
    var totalCap = 100
    for finding in findings {
      let rule = finding.rule
      let cap =
        finding.severity == rule.severity ? (finding.cap ?? rule.cap) : (finding.severity == .error ? 30 : 70)
      if let characteristic = rule.characteristic {
        values[characteristic.index] = min(values[characteristic.index], cap)
      }
      if let whole = rule.totalCap(severity: finding.severity) {
        totalCap = min(totalCap, whole)
      }
    }
    self.values = values
    let mean = values.reduce(0, +) / values.count
    total = min(mean, totalCap)
  }

  /// A score of 0 everywhere: a file that could not be read.
  public static let unreadable = LintScore(parts: [:], total: 0)

  init(parts: [Characteristic: Int], total: Int) {
    self.init(values: Characteristic.allCases.map { parts[$0] ?? 0 }, total: total)
  }

  /// A score of these parts, in the order of `Characteristic.allCases`.
  init(values: [Int], total: Int) {
    precondition(values.count == Characteristic.allCases.count, "a score has one part per characteristic")
    self.values = values
    self.total = total
  }

  /// The part of one characteristic.
  public subscript(_ characteristic: Characteristic) -> Int { values[characteristic.index] }

  /// "specific 40, outcomes 100, …", in the order of `Characteristic.allCases`.
  public var summary: String {
    Characteristic.allCases.map { "\($0.rawValue) \(self[$0])" }.joined(separator: ", ")
  }
}
