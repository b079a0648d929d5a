import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop list`: one row per proposition.
  struct List: ValpropCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the propositions: id, title, status, owners and last review.",
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

    @Option(help: "Only propositions this person or team owns (compared without case).")
    var owner: String?

    @Option(help: "Only propositions with this tag (compared without case).")
    var tag: String?

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let (propositions, problems) = try workspace.loadAll()
      let rows = propositions.filter(matches).map { ListRow($0, config: workspace.config) }
      switch format {
      case .json:
        context.write(try JSON.encode(rows))
      case .text:
        if rows.isEmpty && problems.isEmpty {
          context.warn(
            propositions.isEmpty
              ? "No propositions in \(workspace.config.directory)/ yet; create one with 'valprop new <id>'."
              : "No proposition matches.")
        } else if !rows.isEmpty {
          context.write(
            Columns.render(
              header: ["ID", "TITLE", "STATUS", "OWNER", "REVIEWED"],
              rows: rows.map { row in
                [
                  row.id, row.title, row.status,
                  row.owners.isEmpty ? "-" : row.owners.joined(separator: ", "),
                  row.lastReviewed ?? "never",
                ]
              }))
        }
      }
      for problem in problems { context.report(problem) }
      if !problems.isEmpty { throw ExitCode(2) }
    }

    private func matches(_ proposition: Proposition) -> Bool {
      if let status, proposition.status != status { return false }
      if let owner,
        !proposition.frontMatter.owners.contains(where: { $0.caseInsensitiveCompare(owner) == .orderedSame })
      {
        return false
      }
      if let tag,
        !proposition.frontMatter.tags.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame })
      {
        return false
      }
      return true
    }
  }
}

extension PropositionStatus: ExpressibleByArgument {}

/// One proposition in `valprop list --format json` (SPEC §4; the history fields come with
/// the history walk).
struct ListRow: Encodable {
  let id: String
  let path: String
  let title: String
  let status: String
  let framework: String
  let owners: [String]
  let tags: [String]
  let lastReviewed: String?
  let reviewEvery: String

  init(_ proposition: Proposition, config: WorkspaceConfig) {
    id = proposition.id
    path = proposition.path
    title = proposition.title
    status = proposition.status.rawValue
    framework = proposition.framework.rawValue
    owners = proposition.frontMatter.owners
    tags = proposition.frontMatter.tags
    lastReviewed = proposition.frontMatter.reviewed?.description
    reviewEvery = (proposition.frontMatter.reviewEvery ?? config.reviewEvery).description
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
    try container.encode(lastReviewed, forKey: .lastReviewed)
    try container.encode(reviewEvery, forKey: .reviewEvery)
  }

  enum CodingKeys: String, CodingKey {
    case id, path, title, status, framework, owners, tags, lastReviewed, reviewEvery
  }
}
