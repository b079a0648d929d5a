import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop supersede`: replaces one proposition by another.
  struct Supersede: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "supersede",
      abstract: "Mark a proposition as superseded by another, linking both, in one commit.",
      discussion: """
        Sets 'status: superseded' and 'superseded-by: <new>' on the old proposition and adds \
        the old id to 'supersedes:' on the new one.

        Examples:
          valprop supersede reconciliation-autopilot --by ledger-sync
          valprop supersede reconciliation-autopilot --by ledger-sync -m "Repositioned for ERP buyers"
        """)

    @Argument(help: "The id of the proposition being replaced.", completion: Completions.ids)
    var old: String

    @Option(help: "The id of the proposition that replaces it.", completion: Completions.ids)
    var by: String

    @Option(name: .shortAndLong, help: "A note for the commit message: why it was replaced.")
    var message: String?

    @Flag(
      help:
        "Replace an existing 'superseded-by:' link to another proposition; that one then no longer lists the old id in 'supersedes:'."
    )
    var force = false

    func validate() throws {
      if old == by { throw ValidationError("A proposition cannot supersede itself.") }
    }

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let oldProposition = try workspace.proposition(old)
      let newProposition = try workspace.proposition(by)
      let plan = try SupersedePlan(
        old: oldProposition, new: newProposition, force: force, lookUp: { try? workspace.proposition($0) })
      if plan.isRepeat {
        context.write("\(old) is already superseded by \(by); nothing to change.\n")
        return
      }
      let committer = WorkspaceCommitter(workspace: workspace, environment: context.environment)
      var text = "Supersede \(old) by \(by)\n"
      if let message, !message.isEmpty { text += "\n\(message)\n" }
      var paths = [oldProposition.path, newProposition.path]
      if let previous = plan.previousSuccessor { paths.append(previous.path) }
      // The builder runs under the index lock, where the files are clean: it reads what HEAD holds.
      let commit = try committer.commit(paths, message: text) { _ in
        var supersedes = try workspace.proposition(by).frontMatter.supersedes
        if !supersedes.contains(old) { supersedes.append(old) }
        var updates = [
          try committer.update(
            old, setting: [("status", "superseded"), ("superseded-by", PropositionFile.yaml(by))]),
          try committer.update(by, setting: [("supersedes", Self.yamlList(supersedes))]),
        ]
        if let previous = plan.previousSuccessor {
          let kept = try workspace.proposition(previous.id).frontMatter.supersedes.filter { $0 != old }
          updates.append(try committer.update(previous.id, setting: [("supersedes", Self.yamlList(kept))]))
        }
        return updates
      }
      context.noteDetachedHead(workspace)
      context.write("Superseded \(old) by \(by) in \(commit.hex.prefix(7))\n")
      if let replaced = plan.replacedLink {
        context.write("Replaced the link \(old) → \(replaced) by \(old) → \(by)\n")
      }
      if let previous = plan.previousSuccessor {
        context.write("Removed \(old) from the supersedes: of \(previous.id)\n")
      }
    }

    /// A YAML flow list of ids.
    static func yamlList(_ ids: [String]) -> String {
      "[" + ids.map(PropositionFile.yaml).joined(separator: ", ") + "]"
    }
  }
}

/// What `supersede old --by new` will do, or why it must not: a successor that is itself
/// retired or superseded, a link that would close a cycle, and an existing link to another
/// successor (without `--force`) are refused; a repeat of what is already recorded is a
/// no-op.
struct SupersedePlan {
  /// Whether the link is already recorded on both sides, with the status.
  let isRepeat: Bool
  /// The successor `old` named before, when `--force` replaces it.
  let replacedLink: String?
  /// That successor's file, when it exists, to drop `old` from its `supersedes:`.
  let previousSuccessor: Proposition?

  init(old: Proposition, new: Proposition, force: Bool, lookUp: (String) throws -> Proposition?) throws {
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
