import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop diff`: word-level, section-aware differences in wording.
  struct Diff: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Show how the wording of propositions changed, word by word and section by section.",
      discussion: """
        With an id: HEAD against the work tree; with one revision, that revision against the \
        work tree; with two, the first against the second. With --base, every proposition \
        added, modified, renamed or deleted between --base and --head (default: the work \
        tree), for reviewing a pull request. Re-wrapped lines and other white-space changes \
        are not shown as changes in text and markdown; json keeps every character. Text and \
        markdown show each changed paragraph, list item or table row with --context blocks \
        around it under its section heading, and name the unchanged sections; --full shows \
        changed sections whole. The markdown comment names the propositions it has no room for.

        Examples:
          valprop diff reconciliation-autopilot
          valprop diff reconciliation-autopilot HEAD~3
          valprop diff reconciliation-autopilot v1.0 v2.0 --format json
          valprop diff --base origin/main --format markdown > comment.md
        """)

    @Argument(
      help: "The id of the proposition to compare; leave it out with --base.", completion: Completions.ids)
    var id: String?

    @Argument(
      help: "Up to two revisions: the old side (default HEAD) and the new side (default the work tree).")
    var revisions: [String] = []

    @Option(
      help: "Compare every proposition between this revision and --head, as a pull-request review does.")
    var base: String?

    @Option(help: "The new side for --base: a revision; by default the work tree.")
    var head: String?

    @Option(
      help: "The output format: text for a terminal, markdown for a pull-request comment, json for scripts.")
    var format: DiffFormat = .text

    @Option(
      help:
        "Unchanged paragraphs, list items or table rows shown around each changed one (text and markdown).")
    var context: Int = 1

    @Flag(help: "Show every changed section whole, and never cut the markdown comment.")
    var full = false

    @Option(
      help: ArgumentHelp(
        "The most characters the markdown form holds before it only names the remaining changes; 0 never cuts it.",
        valueName: "n"))
    var maxCharacters: Int = Diff.defaultMaxCharacters

    /// The markdown form's size limit when `--max-characters` is not given.
    static let defaultMaxCharacters = DiffView.hunks.markdownLimit ?? 60_000

    func validate() throws {
      if maxCharacters < 0 {
        throw ValidationError(
          "--max-characters takes 0 (never cut) or a number of characters, not \(maxCharacters).")
      }
      if base != nil, id != nil {
        throw ValidationError("Give either an id (and revisions) or --base, not both.")
      }
      if base == nil, id == nil {
        throw ValidationError("Give the id of a proposition, or --base REV to compare every proposition.")
      }
      if head != nil, base == nil {
        throw ValidationError("--head needs --base.")
      }
      if revisions.count > 2 {
        throw ValidationError("Give at most two revisions.")
      }
      if context < 0 {
        throw ValidationError("--context needs a number of blocks, 0 or more.")
      }
    }

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let comparison = WorkspaceDiff(workspace: workspace)
      let changes: [PropositionChange]
      if let base {
        changes = try comparison.changes(base: base, head: head)
      } else if let id {
        changes = try comparison.changes(of: id, revisions: revisions)
      } else {
        changes = []
      }
      switch format {
      case .json: context.write(DiffJSON.data(changes))
      case .markdown: context.write(DiffRenderer.markdown(changes, view: view))
      case .text: context.write(DiffRenderer.text(changes, color: context.colorOutput, view: view))
      }
    }

    /// How much of each change `text` and `markdown` show.
    private var view: DiffView {
      full ? .full : DiffView(context: self.context, markdownLimit: maxCharacters > 0 ? maxCharacters : nil)
    }
  }
}

/// The output formats of `valprop diff`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  /// Coloured on a terminal, `[-…-]{+…+}` elsewhere.
  case text
  /// A pull-request comment.
  case markdown
  /// The token contract of docs/commands.md.
  case json
}

extension Valprop.Diff: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.base = line.option("--base")
    command.head = line.option("--head")
    command.format = line.option("--format") ?? .text
    command.context = line.option("--context") ?? 1
    command.full = line.flag("--full")
    command.maxCharacters = line.option("--max-characters") ?? defaultMaxCharacters
    let positionals = line.positionals()
    command.id = positionals.first
    command.revisions = Array(positionals.dropFirst())
    return command
  }
}
