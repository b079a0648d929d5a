import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop show`: prints a proposition, now or at a revision.
  struct Show: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print a proposition as it is now, or as it was at a revision.",
      discussion: """
        Prints the file's bytes unchanged. With --at, the file is read from that revision \
        through git, found by its id in the propositions folder of that revision. For a \
        proposition that tracks code ('tracks:'), what each pattern matches at HEAD and the \
        drift follow on standard error; --format json gives the file and all of that together.

        Examples:
          valprop show reconciliation-autopilot
          valprop show reconciliation-autopilot --at HEAD~3
          valprop show reconciliation-autopilot --at v1.0
          valprop show reconciliation-autopilot --format json
        """)

    @Argument(help: "The id of the proposition (its file name without .md).", completion: Completions.ids)
    var id: String

    @Option(
      help: "A revision git understands (HEAD~3, a branch, a tag, a commit id) to read the proposition from.")
    var at: String?

    @Option(
      help: "The output format: text (the file's bytes) or json (the file with its state, tracks and drift).")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let proposition = try at.map { try workspace.proposition(id, at: $0) } ?? workspace.proposition(id)
      let source: PropositionSource = try at.map { try workspace.source(at: $0).source } ?? workspace.source
      // The parse above validated the file; print its bytes exactly as stored.
      guard let data = try source.read(proposition.path) else {
        throw ValpropError.fileSystem(path: proposition.path, problem: "disappeared while valprop read it")
      }
      guard at == nil else {
        if format == .json {
          context.write(try JSON.encode(ShowJSON(text: data, row: nil, matches: [])))
        } else {
          context.write(data)
        }
        return
      }
      let tracking = try tracking(proposition, workspace: workspace, today: context.today)
      switch format {
      case .json:
        context.write(try JSON.encode(ShowJSON(text: data, row: tracking.row, matches: tracking.matches)))
      case .text:
        context.write(data)
        guard !proposition.frontMatter.tracks.isEmpty else { return }
        var note = "tracks (at HEAD):\n"
        for match in tracking.matches {
          let sample = match.sample.joined(separator: ", ") + (match.count > match.sample.count ? ", …" : "")
          note +=
            "  \(match.pattern)  \(match.count) file\(match.count == 1 ? "" : "s")"
            + (match.sample.isEmpty ? "" : ": \(sample)") + "\n"
        }
        switch tracking.row?.drift {
        case .measured(let drift)?:
          note +=
            "drift: \(drift.reason(tracks: proposition.frontMatter.tracks))"
            + (tracking.row?.drifted == true ? " (drifted)" : "") + "\n"
        case .unknown(let reason)?: note += "drift: unknown: \(reason)\n"
        default: break
        }
        context.warn(note.hasSuffix("\n") ? String(note.dropLast()) : note)
      }
    }

    /// The proposition's row (state and drift) and what each of its patterns matches at HEAD.
    private func tracking(_ proposition: Proposition, workspace: Workspace, today: CalendarDate) throws -> (
      row: ListRow?, matches: [PatternMatch]
    ) {
      let summary = PropositionSummary(proposition)
      let histories = try workspace.histories(of: [proposition.path])
      let drifts = try workspace.drifts([summary], histories: histories)
      let row = ListRow(
        summary, history: histories[proposition.path], config: workspace.config, asOf: today,
        drift: drifts[proposition.path] ?? .untracked)
      guard !summary.tracks.isEmpty, let pathspec = try? Pathspec(summary.tracks),
        let head = try? workspace.repository.headCommit()
      else { return (row, []) }
      let files = try WorkspaceLint.files(of: head)
      let matches = pathspec.items.map { item -> PatternMatch in
        let single = try? Pathspec([item.source])
        let matched = files.filter { single?.matches($0) ?? false }.sorted()
        return PatternMatch(pattern: item.source, count: matched.count, sample: Array(matched.prefix(5)))
      }
      return (row, matches)
    }
  }
}

/// What one `tracks:` pattern selects at HEAD: how many files, and the first few.
struct PatternMatch: Encodable {
  let pattern: String
  let count: Int
  let sample: [String]
}

/// `valprop show --format json` (docs/commands.md).
struct ShowJSON: Encodable {
  let text: String
  let row: ListRow?
  let matches: [PatternMatch]

  init(text: Data, row: ListRow?, matches: [PatternMatch]) {
    self.text = String(decoding: text, as: UTF8.self)
    self.row = row
    self.matches = matches
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(text, forKey: .text)
    try container.encode(row, forKey: .proposition)
    try container.encode(matches, forKey: .matches)
  }

  enum CodingKeys: String, CodingKey { case text, proposition, matches }
}

extension Valprop.Show: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.at = line.option("--at")
    command.format = line.option("--format") ?? .text
    guard case let ids = line.positionals(), ids.count == 1 else { return nil }
    command.id = ids[0]
    return command
  }
}
