import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop templates`: lists the templates `new` can use.
  struct Templates: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "templates",
      abstract: "List the built-in and workspace templates.",
      discussion: """
        Workspace templates live in .valprop/templates/<name>.md and shadow the built-in \
        template of the same name. Every template is checked: one that cannot be parsed, or \
        renders to a file that is not a proposition, is reported with its file and line, and \
        the exit code is then 2.

        Examples:
          valprop templates
          valprop templates --format json
        """)

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let store = try TemplateStore(source: context.openWorkspace().source)
      let problems = store.all.compactMap { $0.problem() }
      let rows = store.all.map { template in
        let origin: String
        switch template.origin {
        case .builtIn: origin = "built-in"
        case .workspace(let path): origin = path
        }
        return TemplateRow(
          name: template.name, framework: template.framework?.rawValue, source: origin,
          shadowsBuiltIn: store.shadows(template.name), description: template.summary,
          problem: template.problem()?.problem)
      }
      switch format {
      case .json:
        context.write(try JSON.encode(rows))
      case .text:
        context.write(
          Columns.render(
            header: ["NAME", "FRAMEWORK", "SOURCE", "DESCRIPTION"],
            rows: rows.map { row in
              [
                row.name, row.framework ?? "-",
                row.shadowsBuiltIn ? "\(row.source) (shadows built-in)" : row.source,
                row.problem == nil ? row.description : "BROKEN (see below)",
              ]
            }, maxWidth: context.terminalWidth))
      }
      for problem in problems { context.report(problem) }
      if !problems.isEmpty { throw ExitCode(2) }
    }
  }
}

/// One template in `valprop templates --format json`.
struct TemplateRow: Encodable {
  let name: String
  let framework: String?
  let source: String
  let shadowsBuiltIn: Bool
  let description: String
  /// What is wrong with a template that cannot be used; nil for a good one.
  let problem: String?

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(framework, forKey: .framework)
    try container.encode(source, forKey: .source)
    try container.encode(shadowsBuiltIn, forKey: .shadowsBuiltIn)
    try container.encode(description, forKey: .description)
    try container.encode(problem, forKey: .problem)
  }

  enum CodingKeys: String, CodingKey {
    case name, framework, source, shadowsBuiltIn, description, problem
  }
}
