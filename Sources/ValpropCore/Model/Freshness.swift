/// Whether a proposition needs a review (docs/commands.md).
public enum FreshnessState: String, Sendable, Encodable, CaseIterable {
  /// Reviewed or edited recently enough.
  case fresh
  /// Due within the `due-soon` window.
  case dueSoon = "due-soon"
  /// Past its due date.
  case stale
  /// No commit holds the file yet; never stale.
  case uncommitted
  /// Retired propositions are never stale.
  case retired
  /// Superseded propositions are never stale.
  case superseded
  /// No date to judge by: a shallow clone cut the history and there is no `reviewed:`.
  case unknown
}

/// When a proposition is due for review, and its state on a day.
public struct Freshness: Sendable, Equatable {
  /// The later of last edited and last reviewed, plus the review interval; nil without either,
  /// and for retired and superseded propositions.
  public let due: CalendarDate?
  /// The state on the as-of day.
  public let state: FreshnessState
  /// Days past due (negative when not yet due); nil without a due date.
  public let daysOverdue: Int?

  /// Judges a proposition on `asOf`.
  public init(proposition: Proposition, history: FileHistory?, config: WorkspaceConfig, asOf: CalendarDate) {
    self.init(summary: PropositionSummary(proposition), history: history, config: config, asOf: asOf)
  }

  /// Judges a proposition's summary on `asOf`.
  public init(
    summary proposition: PropositionSummary, history: FileHistory?, config: WorkspaceConfig,
    asOf: CalendarDate
  ) {
    let interval = proposition.reviewEvery ?? config.reviewEvery
    let basis = [history?.lastEdited?.day, proposition.reviewed].compactMap { $0 }.max()
    // Retired and superseded propositions are never due: they promise nothing any more.
    let judged = proposition.status == .draft || proposition.status == .active
    due = judged ? basis.flatMap { interval.added(to: $0) } : nil
    daysOverdue = due.map { asOf.days(since: $0) }
    switch proposition.status {
    case .retired: state = .retired
    case .superseded: state = .superseded
    case .draft, .active:
      if history == nil {
        state = .uncommitted
      } else if basis != nil && due == nil {
        // Due past the year 9999 (review-every: 7974y): never due within the calendar.
        state = .fresh
      } else if let due {
        if due < asOf {
          state = .stale
        } else if let windowEnd = config.dueSoon.added(to: asOf), due <= windowEnd {
          state = .dueSoon
        } else {
          state = .fresh
        }
      } else {
        state = .unknown
      }
    }
  }
}
