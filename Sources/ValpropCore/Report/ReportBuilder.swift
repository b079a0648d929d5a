import Foundation
import GitKit

/// Gathers what `valprop report` shows from a workspace: the propositions as they are, every
/// revision of every proposition from one walk of history for all of them
/// (`PropositionHistories`), scored as `valprop log` scores them (from the same score cache),
/// their freshness as `valprop list` finds it (from its cache, else read from those
/// revisions), and their lint findings.
public struct ReportBuilder {
  /// The workspace.
  public let workspace: Workspace
  /// The day states and due dates are judged on.
  public let asOf: CalendarDate

  /// What `gather` left writing on other threads (the score cache): wait for it before the
  /// process exits.
  public let writing = DispatchGroup()

  /// A builder for a workspace on a day.
  public init(workspace: Workspace, asOf: CalendarDate) {
    self.workspace = workspace
    self.asOf = asOf
  }

  /// Whether freshness is read from the report's walk of every revision; `walk` in
  /// `VALPROP_REPORT_FRESHNESS` walks history for it again, as `valprop list` does (the
  /// reference the tests compare with).
  static var freshnessFromRevisions: Bool {
    ProcessEnvironment.value("VALPROP_REPORT_FRESHNESS") != "walk"
  }

  /// The propositions that could be read, sorted by id, and the files that could not.
  public func gather() throws -> (propositions: [ReportProposition], problems: [ValpropError]) {
    let (loaded, problems) = try workspace.loadAll()
    let followed = Set(try workspace.catalog().entries.filter { !$0.isSymlink }.map(\.path))
    let propositions = loaded.sorted { $0.id < $1.id }
    let linter = Linter(config: workspace.config)
    let day = asOf
    // Linting the current versions reads no repository: it runs beside the walk below, which
    // reads it on this thread and its worker's, so it fills what they leave of the cores.
    let linted = DispatchGroup()
    let currentSlot = ResultSlots<[LintResult]>(count: 1)
    DispatchQueue.global().async(group: linted) {
      currentSlot.set(0, linter.lintConcurrently(propositions, asOf: day))
    }
    defer { linted.wait() }
    // One walk finds every revision of every proposition, on a repository handle with a
    // larger cache of its own (`PropositionHistories.packCache`); the freshness `valprop
    // list` shows is read from those revisions, and only files they cannot settle are
    // walked again (`VALPROP_REPORT_FRESHNESS=walk` walks them all, as `list` does).
    let walked = propositions.filter { followed.contains($0.path) }
    let paths = walked.map(\.path)
    let files = walked.map { PropositionHistories.File(path: $0.path, id: $0.id) }
    let revisions: PropositionHistories
    do {
      revisions = try PropositionHistories(
        repository: workspace.repository.reopened(packCache: PropositionHistories.packCache), files: files)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
    // Every revision of every proposition is scored in one batch, on every core, and from
    // the score cache `valprop log` fills; freshness is read beside it, the only use of
    // the repository handle meanwhile.
    var scorer = RevisionScores(repository: workspace.repository, linter: linter)
    scorer.savesBeside = writing
    let workspace = workspace
    let fromRevisions = ReportBuilder.freshnessFromRevisions ? revisions : nil
    let read = DispatchGroup()
    let historySlot = ResultSlots<Result<[String: FileHistory], Error>>(count: 1)
    DispatchQueue.global().async(group: read) {
      historySlot.set(0, Result { try workspace.histories(of: paths, revisions: fromRevisions) })
    }
    let all = propositions.flatMap { revisions.entries[$0.path] ?? [] }
    let allScores = scorer.scores(all)
    read.wait()
    let histories = try historySlot.values()[0].get()
    let summaries = propositions.map(PropositionSummary.init)
    let drifts = try workspace.drifts(summaries, histories: histories)
    linted.wait()
    let current = currentSlot.values()[0]
    var offset = 0
    var gathered: [ReportProposition] = []
    for (index, proposition) in propositions.enumerated() {
      let entries = revisions.entries[proposition.path] ?? []
      let scores = Array(allScores[offset..<(offset + entries.count)])
      offset += entries.count
      let history = histories[proposition.path]
      var driftReason: String?
      if let status = drifts[proposition.path], status.isDrifted(summaries[index], config: workspace.config),
        let measured = status.drift
      {
        driftReason = measured.reason(tracks: summaries[index].tracks)
      }
      var item = ReportProposition(
        proposition: proposition, history: history,
        freshness: Freshness(
          proposition: proposition, history: history, config: workspace.config, asOf: asOf),
        lint: current[index], revisions: entries, scores: scores,
        truncated: revisions.truncated.contains(proposition.path))
      item.driftReason = driftReason
      gathered.append(item)
    }
    return (gathered, problems)
  }
}
