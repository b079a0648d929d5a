import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop demo`: an example workspace and a guided tour of it.
  struct Demo: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo",
      abstract: "Build an example workspace with a real history and walk through it.",
      discussion: """
        Creates a git repository with four propositions and a back-dated history: one whose \
        wording grows from weak to strong, one gone stale, one reviewed whose code changed since, one \
        superseded. Then runs list, lint, log, diff and stale on it, explaining each, and \
        writes the report (valprop report) into its .git/valprop/report folder.

        Examples:
          valprop demo
          valprop demo /tmp/valprop-demo
        """)

    @Argument(help: "The folder to create the example in; it must be new or empty.")
    var directory = "valprop-demo"

    @Flag(help: "Create the example even inside an existing git repository, as a repository nested in it.")
    var nested = false

    func run(in context: CommandContext) throws {
      let target = directory.hasPrefix("/") ? directory : context.directory + "/" + directory
      let path = (target as NSString).standardizingPath
      // The folder as given when absolute; else relative to where valprop runs.
      let shown = directory.hasPrefix("/") ? path : context.displayPath(path)
      if !nested, let outer = try Self.enclosingRepository(of: path) {
        throw ValpropError.refused(
          problem:
            "\(shown) is inside the git repository \(outer); the demo would be a repository nested in it",
          hint: "give a folder outside any repository (e.g. valprop demo /tmp/valprop-demo), or pass --nested"
        )
      }
      try DemoWorkspace(path: path, today: context.today).build()
      context.write("Built an example workspace in \(shown): a git repository with four value propositions\n")
      context.write("and 8 commits of history going back 400 days.\n")
      var inner = context
      inner.directory = path
      let tour: [(arguments: [String], note: String)] = [
        (["list"], "Every proposition with its owner, last edit, due date and state."),
        (
          ["lint", "reconciliation-autopilot"],
          "Lint finds what is weak; its wording was strengthened over three commits."
        ),
        (
          ["log", "reconciliation-autopilot"],
          "Each revision, with the words changed and the strength score growing."
        ),
        (
          ["diff", "reconciliation-autopilot", "HEAD~6", "HEAD"],
          "The wording change word by word, from the first draft to today."
        ),
        (
          ["stale"],
          "What needs a review, by owner — past due, or drifted from the code it tracks; record one with 'valprop review <id>'."
        ),
        (
          ["report"],
          "A web site of every proposition, its revisions and its health, for people who never run a command."
        ),
      ]
      for step in tour {
        context.write("\n── \(step.note)\n$ valprop \(step.arguments.joined(separator: " "))\n")
        do {
          guard let command = try Valprop.parseAsRoot(step.arguments) as? any ValpropCommand else { continue }
          try command.run(in: inner)
        } catch let code as ExitCode where code.rawValue == 1 {
          // lint and stale exit 1 when they find something: that is the point of the tour.
        }
      }
      context.write(
        "\nTry it yourself: cd \(shown) && valprop review reconciliation-autopilot -m \"Checked the numbers\"\n"
      )
    }

    /// The work tree of the repository the folder would be created in, nil when none: the
    /// nearest existing folder at or above it is asked.
    static func enclosingRepository(of path: String) throws -> String? {
      var folder = path
      while !FileManager.default.fileExists(atPath: folder), folder != "/" {
        folder = (folder as NSString).deletingLastPathComponent
      }
      do {
        guard let repository = try Repository.discover(from: folder) else { return nil }
        return repository.workingDirectory ?? repository.gitDirectory
      } catch {
        return nil
      }
    }
  }
}
