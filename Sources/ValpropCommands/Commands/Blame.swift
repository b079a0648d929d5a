import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop blame`: who last changed each line of a proposition.
  struct Blame: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "blame",
      abstract: "Show who last changed each line of a proposition, and in which commit.",
      discussion: """
        Attributes lines as 'git blame' does, for the file as it is in the work tree: lines \
        changed since the last commit show as "Not Committed Yet".

        Examples:
          valprop blame reconciliation-autopilot
          valprop blame reconciliation-autopilot --format json
        """)

    @Argument(help: "The id of the proposition (its file name without .md).", completion: Completions.ids)
    var id: String

    @Option(help: "The output format: text for people, json for scripts.")
    var format: OutputFormat = .text

    func run(in context: CommandContext) throws {
      let workspace = try context.openWorkspace()
      let entry = try workspace.catalog().entry(for: id)
      guard let data = try workspace.source.read(entry.path) else {
        throw ValpropError.unknownProposition(id, directory: workspace.config.directory, revision: nil)
      }
      // The same checks as every other reader: no binary, no file over the size limit.
      _ = try SourceText.decode(data, path: entry.path)
      let bytes = [UInt8](data)
      let lines = SourceText.lines(String(decoding: data, as: UTF8.self))
      var owners: [BlameHunk] = []
      do {
        if let head = try workspace.repository.headCommit(), try head.tree().entry(atPath: entry.path) != nil
        {
          owners = try workspace.repository.blame(
            path: entry.path, at: head.id, contents: workspace.root == nil ? nil : bytes)
        }
      } catch let error as GitError {
        throw ValpropError.git(error)
      }
      let rows: [BlameRow] = lines.enumerated().map { index, text in
        let number = index + 1
        let hunk = owners.first { number >= $0.startLine && number < $0.startLine + $0.lineCount }
        return BlameRow(line: number, text: text, hunk: hunk)
      }
      switch format {
      case .json:
        context.write(try JSON.encode(rows))
      case .text:
        let authorWidth = rows.map(\.author.count).max() ?? 0
        let numberWidth = String(rows.count).count
        for row in rows {
          let date = row.date.map { String($0.prefix(10)) } ?? "          "
          let number = String(repeating: " ", count: numberWidth - String(row.line).count) + String(row.line)
          let author = row.author.padding(toLength: authorWidth, withPad: " ", startingAt: 0)
          context.write("\(row.commit.prefix(8)) (\(author) \(date) \(number)) \(row.text)\n")
        }
      }
    }
  }
}

/// One line in `valprop blame --format json` (docs/commands.md).
struct BlameRow: Encodable {
  let line: Int
  let text: String
  let commit: String
  let author: String
  let date: String?

  init(line: Int, text: String, hunk: BlameHunk?) {
    self.line = line
    self.text = text
    if let hunk, let commit = hunk.commit, let author = hunk.author {
      self.commit = commit.hex
      self.author = author.name
      date = CommitStamp.isoDate(author.time, offsetMinutes: author.offsetMinutes)
    } else {
      commit = String(repeating: "0", count: 40)
      author = "Not Committed Yet"
      date = nil
    }
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(line, forKey: .line)
    try container.encode(text, forKey: .text)
    try container.encode(commit, forKey: .commit)
    try container.encode(author, forKey: .author)
    try container.encode(date, forKey: .date)
  }

  enum CodingKeys: String, CodingKey { case line, text, commit, author, date }
}

extension Valprop.Blame: DirectlyParsed {
  static func parse(directly line: inout DirectCommandLine) -> Self? {
    var command = Self()
    command.format = line.option("--format") ?? .text
    guard case let ids = line.positionals(), ids.count == 1 else { return nil }
    command.id = ids[0]
    return command
  }
}
