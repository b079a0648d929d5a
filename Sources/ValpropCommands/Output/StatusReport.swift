import Foundation
import ValpropCore

/// Every proposition with its history and state on a day: what list, stale and index show.
struct StatusReport {
  /// One row per readable proposition, in path order.
  let rows: [ListRow]
  /// Files that could not be read.
  let problems: [ValpropError]

  /// Reads every proposition and walks history once.
  init(workspace: Workspace, asOf: CalendarDate, dueSoon: ReviewInterval? = nil) throws {
    var config = workspace.config
    if let dueSoon { config.dueSoon = dueSoon }
    let (propositions, problems, histories) = try workspace.summariesAndHistories()
    let drifts = try workspace.drifts(propositions, histories: histories)
    rows = propositions.map {
      ListRow(
        $0, history: histories[$0.path], config: config, asOf: asOf, drift: drifts[$0.path] ?? .untracked)
    }
    self.problems = problems
  }

  /// The rows grouped by owner, owners sorted, "(no owner)" last; a row with several owners
  /// appears under each.
  static func byOwner(_ rows: [ListRow]) -> [(owner: String, rows: [ListRow])] {
    var groups: [String: [ListRow]] = [:]
    for row in rows {
      for owner in row.owners.isEmpty ? ["(no owner)"] : row.owners { groups[owner, default: []].append(row) }
    }
    return groups.sorted { lhs, rhs in
      if lhs.key == "(no owner)" { return false }
      if rhs.key == "(no owner)" { return true }
      return lhs.key.lowercased() < rhs.key.lowercased()
    }.map { ($0.key, $0.value) }
  }
}
