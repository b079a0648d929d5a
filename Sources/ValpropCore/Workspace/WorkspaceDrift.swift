import Foundation
import GitKit

/// What valprop knows of a proposition's drift (docs/commands.md, "Drift").
public enum DriftStatus: Sendable, Equatable {
  /// It tracks nothing (`tracks:` absent or empty).
  case untracked
  /// It tracks code, but the drift cannot be known; the reason in words.
  case unknown(String)
  /// The drift, measured.
  case measured(Drift)

  /// The measured drift, if any.
  public var drift: Drift? {
    if case .measured(let drift) = self { return drift }
    return nil
  }

  /// Why it is unknown, if it is.
  public var unknownReason: String? {
    if case .unknown(let reason) = self { return reason }
    return nil
  }

  /// Whether this drift makes the proposition drifted: only draft and active propositions
  /// can drift, past their own `drift:` threshold or else the workspace's.
  public func isDrifted(_ summary: PropositionSummary, config: WorkspaceConfig) -> Bool {
    let judged = summary.status == .draft || summary.status == .active
    return judged && (drift.map { (summary.drift ?? config.drift).isPassed(by: $0) } ?? false)
  }
}

extension Drift {
  /// The reason a proposition is drifted, in words: "Sources/Reconciliation changed in 14
  /// commits, +820 −310 lines, since the review on 2026-09-01".
  public func reason(tracks: [String]) -> String {
    let names = Drift.names(tracks)
    let what = names.isEmpty ? "The tracked code" : names.joined(separator: ", ")
    let basisWords = basis == .review ? "the review" : "the last edit"
    return
      "\(what) changed in \(commits) commit\(commits == 1 ? "" : "s"), +\(added) \u{2212}\(removed) lines,"
      + " since \(basisWords) on \(since)"
  }

  /// The patterns that include code, without magic and without a trailing `/**`.
  static func names(_ tracks: [String]) -> [String] {
    guard let pathspec = try? Pathspec(tracks) else { return tracks }
    return pathspec.items.filter { !$0.exclude }.map { item in
      var name = item.pattern
      while name.hasSuffix("/**") || name.hasSuffix("/*") {
        name = String(name[..<name.lastIndex(of: "/")!])
      }
      return name.isEmpty ? "the repository" : name
    }
  }
}

extension Workspace {
  /// The drift of every proposition that tracks code, by path, from one walker that keeps
  /// commits and comparisons between propositions; `histories` are the walk's answers.
  ///
  /// Drifts measured at the same HEAD come from the drift cache; after HEAD moved by plain
  /// commits, a cached drift is extended by those commits alone (`DriftWalk.extend`). With
  /// `VALPROP_DRIFT_WALK=reference` in the workspace's environment, every drift is walked afresh and the
  /// cache is neither read nor written (the reference the fast paths are tested against).
  public func drifts(_ summaries: [PropositionSummary], histories: [String: FileHistory]) throws -> [String:
    DriftStatus]
  {
    var result: [String: DriftStatus] = [:]
    let tracking = summaries.filter { !$0.tracks.isEmpty }
    guard !tracking.isEmpty else { return [:] }
    let reference = referenceDriftWalk
    do {
      guard let head = try repository.headCommit() else {
        for summary in tracking { result[summary.path] = .unknown("nothing is committed yet") }
        return result
      }
      let walk = DriftWalk(repository: repository, shelf: reference ? nil : commitHeaders)
      // As the history cache: nothing cached for a shallow clone (deepening it changes what is
      // known), nor written into a bare repository, which valprop only reads.
      let cache = reference || repository.isShallow || root == nil ? nil : DriftCache(repository: repository)
      let blocks = cache?.load() ?? []
      let current = blocks.first { $0.head == head.id }?.records ?? [:]
      // The newest cached HEAD the new one descends from by plain commits, found at the first
      // drift the cache does not hold for this HEAD.
      var older: (records: [DriftCache.Key: DriftRecord], line: [ObjectID])??
      func olderBlock() throws -> (records: [DriftCache.Key: DriftRecord], line: [ObjectID])? {
        if let older { return older }
        var found: (records: [DriftCache.Key: DriftRecord], line: [ObjectID])?
        for block in blocks where block.head != head.id {
          if let line = try walk.line(from: head.id, down: block.head) {
            found = (block.records ?? [:], line)
            break
          }
        }
        older = .some(found)
        return found
      }
      // Propositions measured from the same commit with the same patterns share one answer.
      var measured: [DriftCache.Key: DriftStatus] = [:]
      var records: [DriftCache.Key: DriftRecord] = [:]
      func settle(_ key: DriftCache.Key, _ path: String, _ work: () throws -> DriftRecord?) throws {
        do {
          if let record = try work() {
            records[key] = record
            result[path] = .measured(record.drift)
          }
        } catch DriftWalk.Unknown.shallow {
          result[path] = .unknown(Workspace.shallowReason)
        }
        measured[key] = result[path]
      }
      // First every drift the cache answers, or extends by the commits since its HEAD; the
      // others are walked after, from their start.
      var walks:
        [(
          path: String, key: DriftCache.Key, pathspec: Pathspec,
          basis: (stamp: CommitStamp, basis: Drift.Basis)
        )] = []
      var waiting: Set<DriftCache.Key> = []
      for summary in tracking {
        guard let history = histories[summary.path] else {
          result[summary.path] = .unknown("the proposition is not committed yet")
          continue
        }
        guard !history.historyTruncated, let basis = history.driftBasis else {
          result[summary.path] = .unknown(Workspace.shallowReason)
          continue
        }
        guard let pathspec = try? Pathspec(summary.tracks) else {
          result[summary.path] = .unknown("'tracks:' has a pattern valprop cannot read")
          continue
        }
        let key = DriftCache.Key(
          since: basis.stamp.commit, basis: basis.basis, patterns: pathspec.items.map(\.source))
        if let known = measured[key] {
          result[summary.path] = known
          continue
        }
        if waiting.contains(key) {
          walks.append((summary.path, key, pathspec, basis))
          continue
        }
        var record = current[key]
        do {
          if record == nil, cache != nil, let found = try olderBlock(), let olderRecord = found.records[key] {
            record = try walk.extend(olderRecord, along: found.line, pathspec: pathspec)
          }
        } catch DriftWalk.Unknown.shallow {
          result[summary.path] = .unknown(Workspace.shallowReason)
          measured[key] = result[summary.path]
          continue
        }
        guard let record else {
          waiting.insert(key)
          walks.append((summary.path, key, pathspec, basis))
          continue
        }
        try settle(key, summary.path) { record }
      }
      // A thread compares trees ahead of the walks, for the base folders of the drifts walked
      // and down to the oldest of their starts (not of every tracking proposition's: after a
      // commit that edits one proposition, only its own short drift is walked).
      var readAhead: DriftReadAhead?
      defer { readAhead?.stop() }
      if !walks.isEmpty && !reference {
        var bases: Set<String> = []
        var floor = Int64.max
        for pending in walks {
          guard let time = try? walk.commitHeader(pending.basis.stamp.commit).time else { continue }
          bases.insert(pending.pathspec.baseFolder)
          floor = min(floor, time)
        }
        readAhead = DriftReadAhead(
          repository: repository, head: head.id, bases: bases, floor: floor, shelf: commitHeaders)
        walk.readAhead = readAhead
      }
      for pending in walks {
        if let known = measured[pending.key] {
          result[pending.path] = known
          continue
        }
        try settle(pending.key, pending.path) {
          try walk.record(
            since: pending.basis.stamp.commit, basis: pending.basis.basis, head: head.id,
            pathspec: pending.pathspec)
        }
      }
      if let cache {
        // Drifts cached for this HEAD that this run did not need stay valid.
        let all = records.merging(current) { new, _ in new }
        if all != current { cache.save(head: head.id, records: all, previous: blocks) }
      }
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
    return result
  }

  static let shallowReason =
    "this is a shallow clone and the history since the last edit or review is cut off; fetch it with 'git fetch --unshallow'"
}
