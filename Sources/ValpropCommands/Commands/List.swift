import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop list`: one row per proposition.
  struct List: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the propositions: id, title, status, owners, last edit, review due date and state.",
      discussion: """
        Files that cannot be read are named on standard error; the others are still listed, \
        and the exit code is then 2.

        Examples:
          valprop list
          valprop list --status active --owner @finance-pm
          valprop list --tag erp --format json
        """)

    @Option(help: "Only propositions with this status: draft, active, retired or superseded.")
    var status: PropositionStatus?

    @Option(
      help:
        "Only propositions this person or team owns (compared without case and without a leading '@')."
    )
    var owner: String?

    @Option(help: "Only propositions with this tag (compared without case).")
    var tag: String?

    @Option(
      help: "Judge due dates and states on this day (YYYY-MM-DD) instead of today, in UTC.",
      transform: CalendarDate.parseArgument)
    var asOf: CalendarDate?

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let day = asOf ?? context.today
      let json = format == .json
      // The history, summary and score caches are written beside the rows (writing the last
      // two was a sixth of a warm list's scoring after a commit on long documents), and
      // waited for last, on every way out, after the scores.
      let cacheSaving = DispatchGroup()
      defer { cacheSaving.wait() }
      // The score cache is located here, with this thread's repository handle.
      let scorer = json ? listScorer(for: workspace, savingBeside: cacheSaving) : nil
      // The selection and its scores depend on no history: the selection is made on the
      // summaries' thread while the walk goes on, and the scores on a thread of their own,
      // which reads the score cache while the summaries are read, then goes on while this
      // one writes the rows. Every way out closes the selection's handoff, then waits for the
      // scores, so that the score cache is never left half written.
      let scoring = Pending<[LintScore?]>()
      defer { _ = scoring.wait() }
      let selection = Handoff<(summaries: [PropositionSummary], reader: Workspace)>()
      defer { selection.close() }
      if let scorer {
        scoring.start { [self] in
          let known = scorer.cached()
          guard let (selected, reader) = selection.take() else { return [] }
          return scores(of: selected, in: reader, day: day, with: scorer, known: known)
        }
      }
      let (propositions, problems, histories, selected) = try workspace.summariesAndHistories(
        contentIDs: json, savingCachesBeside: cacheSaving
      ) { [self] summaries, reader -> [PropositionSummary] in
        // Without a filter every row is selected, and the summaries are shared, not copied
        // (filtered, 650 summaries were ten buffers as the copy grew).
        let selected = filters ? summaries.filter(matches) : summaries
        selection.put((selected, reader))
        return selected
      }
      if let owner, !propositions.contains(where: { OwnerMatch.matches(owner, $0.owners) }) {
        throw OwnerMatch.noSuchOwner(owner, known: propositions.flatMap(\.owners))
      }
      let drifts = try workspace.drifts(selected, histories: histories)
      let rows = selected.map { proposition in
        ListRow(
          proposition, history: histories[proposition.path], config: workspace.config, asOf: day,
          drift: drifts[proposition.path] ?? .untracked)
      }
      for warning in futureReviewWarnings(rows, today: context.today) { context.warn(warning) }
      let truncated = rows.filter(\.historyTruncated).count
      if truncated > 0 {
        context.warn(
          "warning: this is a shallow clone: \(truncated) proposition(s) have no history dates. "
            + "Fetch the full history with 'git fetch --unshallow' (GitHub Actions: fetch-depth: 0).")
      }
      switch format {
      case .json:
        // Rows are made from the scored selection, one for one, in its order.
        context.write(ListRow.json(rows, scoresWhenMade: { scoring.wait() }))
      case .text:
        if rows.isEmpty && problems.isEmpty {
          context.warn(
            propositions.isEmpty
              ? "No propositions in \(workspace.config.directory)/ yet; create one with 'valprop new <id>'."
              : "No proposition matches.")
        } else if !rows.isEmpty {
          context.write(
            Columns.render(
              header: ["ID", "TITLE", "STATUS", "OWNER", "LAST EDITED", "REVIEWED", "DUE", "STATE"],
              rows: rows.map { row in
                [
                  row.id, row.title, row.status,
                  row.owners.isEmpty ? "-" : row.owners.joined(separator: ", "),
                  row.lastEdited.map { String($0.isoDate.prefix(10)) } ?? "-", row.lastReviewed ?? "never",
                  row.due ?? "-", row.stateText,
                ]
              }, maxWidth: context.terminalWidth))
        }
      }
      for problem in problems { context.report(problem) }
      if !problems.isEmpty { throw ExitCode(2) }
    }

    /// The strength score of each selected proposition, as `valprop lint` gives it on `day`;
    /// bytes scored on that day before (by list or log) come from the score cache, and a file
    /// is parsed only when its score is not cached. It runs beside the history walk, so it
    /// reads through `reader` only (see `Workspace.summariesAndHistories`).
    private func scores(
      of selected: [PropositionSummary], in reader: Workspace, day: CalendarDate, with scorer: RevisionScores,
      known: RevisionScores.Cached
    ) -> [LintScore?] {
      let adoption = reader.config.adoption
      let source = reader.source
      let versions = selected.map { proposition -> RevisionScores.Unparsed in
        let (id, path) = (proposition.id, proposition.path)
        guard let blob = proposition.contentID else {
          guard let data = try? source.read(path) else {
            return RevisionScores.Unparsed(id: id, day: day, blob: nil, path: path) { nil }
          }
          return RevisionScores.Unparsed(id: id, day: day, blob: ObjectID.blob(of: data), path: path) {
            try? Proposition(id: id, path: path, data: data, adoption: adoption)
          }
        }
        // The summary's id. Bytes the summaries read in this run have it; a file answered
        // from the summary cache is read only when its score is not cached, and scored only
        // if its bytes still have that id (an edit in between gets no score rather than a
        // wrong one kept under the old bytes).
        let read = reader.contents.bytes(at: path, id: blob)
        return RevisionScores.Unparsed(id: id, day: day, blob: blob, path: path) {
          guard
            let data = read
              ?? (try? source.read(path)).flatMap({ ObjectID.blob(of: $0) == blob ? $0 : nil })
          else { return nil }
          return try? Proposition(id: id, path: path, data: data, adoption: adoption)
        }
      }
      return scorer.scores(parsing: versions, known: known)
    }

    /// The scorer of the rows: a listing of a repository with no commits yet leaves the
    /// score cache untouched, and the cache is written in `group`.
    private func listScorer(for workspace: Workspace, savingBeside group: DispatchGroup) -> RevisionScores {
      var scorer = RevisionScores(
        repository: workspace.repository, linter: Linter(config: workspace.config),
        saves: (try? workspace.repository.headCommit()) != nil)
      scorer.savesBeside = group
      return scorer
    }

    /// Whether any option narrows the rows (`matches` reads each of them).
    private var filters: Bool { status != nil || owner != nil || tag != nil }

    private func matches(_ proposition: PropositionSummary) -> Bool {
      if let status, proposition.status != status { return false }
      if let owner, !OwnerMatch.matches(owner, proposition.owners) { return false }
      if let tag,
        !proposition.tags.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame })
      {
        return false
      }
      return true
    }
  }
}

extension PropositionStatus: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
  /// Parses `YYYY-MM-DD` from the command line.
  public init?(argument: String) {
    self.init(argument)
  }

  /// Parses `YYYY-MM-DD` from the command line, saying why a value is refused: the form, or
  /// the day that does not exist ('2026-02-30': February 2026 has 28 days).
  static func parseArgument(_ text: String) throws -> CalendarDate {
    if let date = CalendarDate(text) { return date }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    if text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), (1...9999).contains(year)
    {
      guard (1...12).contains(month) else {
        throw ValidationError("'\(text)' is not a real date: there is no month \(month); write YYYY-MM-DD")
      }
      let name = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
      ][month - 1]
      let days = CalendarDate.daysIn(month: month, year: year)
      throw ValidationError(
        "'\(text)' is not a real date: \(name) \(year) has \(days) days, not \(day); write YYYY-MM-DD")
    }
    throw ValidationError("'\(text)' is not a date; write the day as YYYY-MM-DD, e.g. 2026-12-01")
  }
}

/// The warnings for `reviewed:` dates after today: valprop counts the due date from them,
/// so a typo in the year silences a proposition for as long.
func futureReviewWarnings(_ rows: [ListRow], today: CalendarDate) -> [String] {
  rows.compactMap { row in
    guard let reviewed = row.lastReviewed.flatMap({ CalendarDate($0) }), reviewed > today else { return nil }
    return "warning: \(row.path): reviewed: \(reviewed) is in the future (today is \(today));"
      + " its due date counts from that day: correct the date if it is a typo"
  }
}

/// One proposition in `valprop list --format json` (docs/commands.md).
struct ListRow: Encodable {
  let id: String
  let path: String
  let title: String
  let status: String
  let framework: String
  let owners: [String]
  let tags: [String]
  let lastChanged: CommitStamp?
  let lastEdited: CommitStamp?
  let lastReviewed: String?
  let reviewEvery: String
  let due: String?
  let state: String
  let historyTruncated: Bool
  let daysOverdue: Int?
  /// The successor of a superseded proposition (`superseded-by:`).
  let supersededBy: String?
  /// Whether the JSON carries `daysOverdue` (stale does, list does not).
  var includesDaysOverdue = false
  /// `tracks:`, the code it describes.
  let tracks: [String]
  /// The drift of that code since the last edit or review.
  let drift: DriftStatus
  /// Whether the drift passes the threshold.
  let drifted: Bool

  init(
    _ proposition: PropositionSummary, history: FileHistory?, config: WorkspaceConfig, asOf: CalendarDate,
    drift: DriftStatus = .untracked
  ) {
    id = proposition.id
    path = proposition.path
    title = proposition.title
    status = proposition.status.rawValue
    framework = proposition.framework.rawValue
    owners = proposition.owners
    tags = proposition.tags
    lastChanged = history?.lastChanged
    lastEdited = history?.lastEdited
    lastReviewed = proposition.reviewed?.description
    reviewEvery = (proposition.reviewEvery ?? config.reviewEvery).description
    let freshness = Freshness(summary: proposition, history: history, config: config, asOf: asOf)
    due = freshness.due?.description
    state = freshness.state.rawValue
    daysOverdue = freshness.daysOverdue
    historyTruncated = history?.historyTruncated ?? false
    supersededBy = proposition.supersededBy
    tracks = proposition.tracks
    self.drift = drift
    drifted = drift.isDrifted(proposition, config: config)
  }

  /// The reason a drifted proposition is drifted, in words; nil when it is not.
  var driftReason: String? {
    guard drifted, let measured = drift.drift else { return nil }
    return measured.reason(tracks: tracks)
  }

  /// The state as the text table shows it: a superseded one names its successor.
  var stateText: String {
    if let supersededBy, status == PropositionStatus.superseded.rawValue {
      return "superseded by \(supersededBy)"
    }
    if drifted { return state == FreshnessState.fresh.rawValue ? "drifted" : state + ", drifted" }
    return state
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(path, forKey: .path)
    try container.encode(title, forKey: .title)
    try container.encode(status, forKey: .status)
    try container.encode(framework, forKey: .framework)
    try container.encode(owners, forKey: .owners)
    try container.encode(tags, forKey: .tags)
    try container.encode(lastChanged, forKey: .lastChanged)
    try container.encode(lastEdited, forKey: .lastEdited)
    try container.encode(lastReviewed, forKey: .lastReviewed)
    try container.encode(reviewEvery, forKey: .reviewEvery)
    try container.encode(due, forKey: .due)
    try container.encode(state, forKey: .state)
    try container.encode(historyTruncated, forKey: .historyTruncated)
    try container.encode(supersededBy, forKey: .supersededBy)
    if includesDaysOverdue { try container.encode(daysOverdue, forKey: .daysOverdue) }
    try container.encode(tracks, forKey: .tracks)
    try container.encode(drift.drift.map(DriftJSON.init), forKey: .drift)
    try container.encode(drift.unknownReason, forKey: .driftUnknown)
    try container.encode(drifted, forKey: .drifted)
  }

  enum CodingKeys: String, CodingKey {
    case id, path, title, status, framework, owners, tags, lastChanged, lastEdited, lastReviewed, reviewEvery,
      due
    case state, historyTruncated, daysOverdue, supersededBy, tracks, drift, driftUnknown, drifted
  }

  /// The rows as `JSON.encode` writes them, keys sorted, written directly (see `JSONWriter`),
  /// as the bytes to write: hundreds of rows are not made into a String only to be made into
  /// bytes again.
  /// With `scores`, one for each row or nil, each row carries its strength score as `score`
  /// and `scores`, as `list --format json` does.
  static func json(_ rows: [ListRow], scores: [LintScore?]? = nil) -> Data {
    var writer = JSONWriter()
    writer.array { writer in
      for (index, row) in rows.enumerated() {
        row.write(to: &writer) { writer in
          if let score = scores?[index] { Self.write(score, to: &writer) }
        }
      }
    }
    return writer.takeData()
  }

  /// The same, written before the scores are made: the rows are written with the place of
  /// each row's score marked, then `scoresWhenMade` is waited for and the scores are put in
  /// their places. `list --format json` scores the files on another thread meanwhile.
  static func json(_ rows: [ListRow], scoresWhenMade: () -> [LintScore?]?) -> Data {
    var writer = JSONWriter()
    // A row of rust-lang/rfcs takes about 900 bytes, and its score's fields about 190: room
    // for both at once, so that putting the scores in does not move the text again.
    writer.reserve(rows.count * 1_280)
    var places: [Int] = []
    places.reserveCapacity(rows.count)
    writer.array { writer in
      for row in rows {
        row.write(to: &writer) { writer in places.append(writer.count) }
      }
    }
    let scores = scoresWhenMade() ?? []
    // The scores' fields are written in their places in the rows' own bytes, which move back
    // to make room: a score's fields appended one after another were a fifth of the rows'
    // JSON in a warm `list`, and copying the rows into a new buffer as many page faults.
    let pieces = scoreFieldPieces
    let piecesCount = pieces.reduce(0) { $0 + $1.count }
    // The rows with a score: where its fields go, and the score.
    let scored = zip(places, scores).compactMap { place, score in score.map { (place: place, score: $0) } }
    let counts = scored.map { place in
      Characteristic.allCases.reduce(piecesCount + DecimalBytes.count(place.score.total)) {
        $0 + DecimalBytes.count(place.score[$1])
      }
    }
    writer.insert(at: scored.map(\.place), counts: counts) { index, room in
      let score = scored[index].score
      var at = 0
      func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { source in
          guard let start = source.baseAddress, !source.isEmpty else { return }
          (room.baseAddress! + at).initialize(from: start, count: source.count)
        }
        at += bytes.count
      }
      func put(_ number: Int) { at += DecimalBytes.write(number, into: room, at: at) }
      put(pieces[0])
      put(score.total)
      for (index, characteristic) in Characteristic.allCases.enumerated() {
        put(pieces[index + 1])
        put(score[characteristic])
      }
      put(pieces[pieces.count - 1])
      precondition(at == room.count, "a score's fields fill the room counted for them")
    }
    return writer.takeData()
  }

  /// The bytes before each number of a score's fields, and after the last: cut from a score
  /// of zeros (`LintScore.unreadable`) as `write(_:to:)` writes it.
  private static let scoreFieldPieces: [[UInt8]] = {
    var writer = JSONWriter(continuingObjectAtDepth: 2)
    write(LintScore.unreadable, to: &writer)
    // Each number is a "0" right after " : "; no key holds one.
    var pieces: [[UInt8]] = [[]]
    let bytes = writer.bytes
    var index = 0
    while index < bytes.count {
      if index >= 3, bytes[index] == 0x30, bytes[(index - 3)..<index].elementsEqual([0x20, 0x3A, 0x20]) {
        pieces.append([])
      } else {
        pieces[pieces.count - 1].append(bytes[index])
      }
      index += 1
    }
    precondition(pieces.count == Characteristic.allCases.count + 2, "a score has a total and a part each")
    return pieces
  }()

  private static func write(_ strength: LintScore, to writer: inout JSONWriter) {
    writer.field("score")
    writer.integer(strength.total)
    writer.field("scores")
    writer.object { writer in
      for characteristic in Characteristic.allCases {
        writer.field(named: characteristic.rawValue)
        writer.integer(strength[characteristic])
      }
    }
  }

  /// Writes the row's object; `score` writes its score's fields, in their place between
  /// `reviewEvery` and `state`.
  private func write(to writer: inout JSONWriter, score: (inout JSONWriter) -> Void) {
    writer.object { writer in
      if includesDaysOverdue {
        writer.field("daysOverdue")
        writer.integer(daysOverdue)
      }
      writer.field("drift")
      Self.write(drift.drift, to: &writer)
      writer.field("driftUnknown")
      writer.string(drift.unknownReason)
      writer.field("drifted")
      writer.boolean(drifted)
      writer.field("due")
      writer.string(due)
      writer.field("framework")
      writer.string(framework)
      writer.field("historyTruncated")
      writer.boolean(historyTruncated)
      writer.field("id")
      writer.string(id)
      writer.field("lastChanged")
      Self.write(lastChanged, to: &writer)
      writer.field("lastEdited")
      Self.write(lastEdited, to: &writer)
      writer.field("lastReviewed")
      writer.string(lastReviewed)
      writer.field("owners")
      writer.strings(owners)
      writer.field("path")
      writer.string(path)
      writer.field("reviewEvery")
      writer.string(reviewEvery)
      score(&writer)
      writer.field("state")
      writer.string(state)
      writer.field("status")
      writer.string(status)
      writer.field("supersededBy")
      writer.string(supersededBy)
      writer.field("tags")
      writer.strings(tags)
      writer.field("title")
      writer.string(title)
      writer.field("tracks")
      writer.strings(tracks)
    }
  }

  private static func write(_ drift: Drift?, to writer: inout JSONWriter) {
    guard let drift else { return writer.string(nil) }
    writer.object { writer in
      writer.field("added")
      writer.integer(drift.added)
      writer.field("basis")
      writer.string(drift.basis.rawValue)
      writer.field("commits")
      writer.integer(drift.commits)
      writer.field("files")
      writer.integer(drift.files)
      writer.field("first")
      write(drift.first, to: &writer)
      writer.field("last")
      write(drift.last, to: &writer)
      writer.field("removed")
      writer.integer(drift.removed)
      writer.field("since")
      writer.string(drift.since.description)
      writer.field("sinceCommit")
      writer.string(drift.sinceCommit.hex)
    }
  }

  private static func write(_ commit: DriftCommit?, to writer: inout JSONWriter) {
    guard let commit else { return writer.string(nil) }
    writer.object { writer in
      writer.field("author")
      writer.string(commit.author)
      writer.field("commit")
      writer.string(commit.commit.hex)
      writer.field("date")
      writer.string(commit.date.description)
      writer.field("subject")
      writer.string(commit.subject)
    }
  }

  private static func write(_ stamp: CommitStamp?, to writer: inout JSONWriter) {
    guard let stamp else { return writer.string(nil) }
    writer.object { writer in
      writer.field("author")
      writer.string(stamp.author)
      writer.field("commit")
      writer.string(stamp.commit)
      writer.field("date")
      writer.isoDate(of: stamp)
    }
  }
}

/// A drift as the JSON rows carry it (docs/commands.md, "Drift").
struct DriftJSON: Encodable {
  let added: Int
  let basis: String
  let commits: Int
  let files: Int
  let first: CommitJSON?
  let last: CommitJSON?
  let removed: Int
  let since: String
  let sinceCommit: String

  /// One commit of a drift.
  struct CommitJSON: Encodable {
    let author: String
    let commit: String
    let date: String
    let subject: String

    init(_ commit: DriftCommit) {
      author = commit.author
      self.commit = commit.commit.hex
      date = commit.date.description
      subject = commit.subject
    }
  }

  init(_ drift: Drift) {
    added = drift.added
    basis = drift.basis.rawValue
    commits = drift.commits
    files = drift.files
    first = drift.first.map(CommitJSON.init)
    last = drift.last.map(CommitJSON.init)
    removed = drift.removed
    since = drift.since.description
    sinceCommit = drift.sinceCommit.hex
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(added, forKey: .added)
    try container.encode(basis, forKey: .basis)
    try container.encode(commits, forKey: .commits)
    try container.encode(files, forKey: .files)
    try container.encode(first, forKey: .first)
    try container.encode(last, forKey: .last)
    try container.encode(removed, forKey: .removed)
    try container.encode(since, forKey: .since)
    try container.encode(sinceCommit, forKey: .sinceCommit)
  }

  enum CodingKeys: String, CodingKey {
    case added, basis, commits, files, first, last, removed, since, sinceCommit
  }
}

extension Valprop.List: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.status = line.option("--status")
    command.owner = line.option("--owner")
    command.tag = line.option("--tag")
    command.asOf = line.option("--as-of", transform: CalendarDate.parseArgument)
    command.format = line.option("--format") ?? .text
    return line.positionals().isEmpty ? command : nil
  }
}
