import Foundation

/// What `supersede old --by new` will do, or why it must not: a successor that is itself
/// retired or superseded, a link that would close a cycle, and an existing link to another
/// successor (without `--force`) are refused; a repeat of what is already recorded is a
/// no-op.
public struct SupersedePlan: Sendable {
  /// Whether the link is already recorded on both sides, with the status.
  public let isRepeat: Bool
  /// The successor `old` named before, when `--force` replaces it.
  public let replacedLink: String?
  /// That successor's file, when it exists, to drop `old` from its `supersedes:`.
  public let previousSuccessor: Proposition?

  /// The plan for superseding `old` by `new`; `lookUp` finds other propositions by id, to
  /// follow chains of successors.
  public init(old: Proposition, new: Proposition, force: Bool, lookUp: (String) throws -> Proposition?) throws
  {
    let oldID = old.id
    let newID = new.id
    let current = old.frontMatter.supersededBy
    isRepeat =
      old.status == .superseded && current == newID && new.frontMatter.supersedes.contains(oldID)
    if isRepeat {
      replacedLink = nil
      previousSuccessor = nil
      return
    }
    if new.status == .retired || new.status == .superseded {
      var hint = "supersede it by an active or draft proposition (valprop list --status active)"
      if new.status == .superseded, var next = new.frontMatter.supersededBy {
        // What replaced it in the end: its chain of successors followed to the last.
        var chain = [newID, next]
        while next != oldID, let found = try lookUp(next), found.status == .superseded,
          let after = found.frontMatter.supersededBy, !chain.contains(after)
        {
          next = after
          chain.append(next)
        }
        if next == oldID {
          // What replaced it leads back to old: the suggestion would be a cycle.
          hint =
            "'\(oldID)' replaced '\(newID)' (\(chain.joined(separator: " → "))); to bring '\(newID)' back, "
            + "set its status to active and remove its superseded-by:, then supersede '\(oldID)' by it"
        } else {
          hint =
            "supersede it by '\(next)', which replaced '\(newID)': valprop supersede \(oldID) --by \(next)"
        }
      }
      throw ValpropError.refused(
        problem: "'\(newID)' is \(new.status.rawValue), so it cannot supersede '\(oldID)'", hint: hint)
    }
    // A cycle: new's chain of successors reaches old, or old (transitively) supersedes new.
    var chain = [newID]
    var seen: Set<String> = [newID]
    var next = new.frontMatter.supersededBy
    while let id = next, seen.insert(id).inserted {
      chain.append(id)
      if id == oldID { break }
      next = try lookUp(id)?.frontMatter.supersededBy
    }
    var predecessors = old.frontMatter.supersedes
    var visited: Set<String> = [oldID]
    var supersedesNew = false
    while let id = predecessors.popLast() {
      if id == newID { supersedesNew = true }
      if visited.insert(id).inserted, let found = try lookUp(id) {
        predecessors += found.frontMatter.supersedes
      }
    }
    if chain.last == oldID || supersedesNew {
      let loop =
        chain.last == oldID
        ? ([oldID] + chain).joined(separator: " → ") : "\(oldID) → \(newID) → \(oldID)"
      throw ValpropError.refused(
        problem: "superseding '\(oldID)' by '\(newID)' would make a cycle of successors: \(loop)",
        hint: "a proposition cannot end up replacing itself; check the superseded-by: and supersedes: links")
    }
    if let current, current != newID {
      guard force else {
        throw ValpropError.refused(
          problem: "'\(oldID)' is already superseded by '\(current)'",
          hint:
            "pass --force to replace the link: '\(oldID)' will say superseded-by: \(newID), and '\(current)'"
            + " will no longer list '\(oldID)' in supersedes:")
      }
      replacedLink = current
      let found = try lookUp(current)
      previousSuccessor = found?.frontMatter.supersedes.contains(oldID) == true ? found : nil
    } else {
      replacedLink = nil
      previousSuccessor = nil
    }
  }
}
