import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop report`: a static site of every proposition, its history and its health.
  struct Report: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write a static web site of every proposition: its state, text, revisions and strength.",
      discussion: """
        Writes an overview page (index.html) with every proposition, its owners, state, \
        strength and due date, and a page per proposition with its current text, its \
        revisions word by word, charts of its strength and activity over time, its lint \
        findings and evidence. The site loads nothing from elsewhere: open index.html from \
        the file system, or publish the folder (GitHub Pages, GitLab Pages).

        Without --output the site goes to valprop/report in the repository's git folder \
        (.git/valprop/report), which git never tracks. The folder is replaced as a whole; a \
        folder that is not empty and holds no earlier report is refused.

        Examples:
          valprop report
          valprop report --output public
          valprop report --output site --as-of 2026-12-01
        """)

    @Option(
      help:
        "The folder to write the site to, replaced as a whole; it must be new, empty or an earlier report (default: .git/valprop/report).",
      completion: .directory)
    var output: String?

    @Option(
      help: "Judge due dates and states on this day (YYYY-MM-DD) instead of today, in UTC.",
      transform: CalendarDate.parseArgument)
    var asOf: CalendarDate?

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let day = asOf ?? context.today
      let folder: String
      if let output {
        folder =
          ((output.hasPrefix("/") ? output : context.directory + "/" + output) as NSString).standardizingPath
      } else {
        folder = workspace.repository.commonDirectory + "/valprop/report"
      }
      let builder = ReportBuilder(workspace: workspace, asOf: day)
      defer { builder.writing.wait() }
      let (propositions, problems) = try builder.gather()
      let head = try? workspace.repository.headCommit()
      let name = ((workspace.root ?? workspace.repository.gitDirectory) as NSString).lastPathComponent
      var renderer = ReportRenderer(
        name: name, asOf: day, head: head.map { String($0.id.hex.prefix(7)) }, version: ValpropVersion.current
      )
      let markdown = MarkdownCache(repository: workspace.repository, environment: context.environment)
      renderer.markdownCache = markdown
      // Each page goes to the disk as soon as it is rendered.
      try ReportSite.write(to: folder) { staging in try renderer.write(propositions, into: staging) }
      markdown.save()
      KeptUntilExit.keep(propositions)
      let shown = output.map { _ in context.displayPath(folder) } ?? folder
      context.write(
        "Wrote the report of \(propositions.count) proposition\(propositions.count == 1 ? "" : "s") to \(shown)/\n"
          + "Open \(shown)/index.html in a browser.\n")
      for problem in problems { context.report(problem) }
      if !problems.isEmpty { throw ExitCode(2) }
    }
  }
}
