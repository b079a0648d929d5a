import ArgumentParser
import Foundation
import ValpropCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What valprop checks of a command line before ArgumentParser reads it, and how it words
/// what ArgumentParser refuses: unknown commands with "did you mean", `help <command>`,
/// option groups that would hide a `-h`, and argument errors in the `error:`/`hint:` form.
enum CommandLineCheck {
  /// Every command by its name and the names of its subcommands (`hooks install`).
  static func commands(
    of type: ParsableCommand.Type = Valprop.self, path: [String] = []
  ) -> [(name: [String], type: ParsableCommand.Type)] {
    type.configuration.subcommands.flatMap { sub -> [(name: [String], type: ParsableCommand.Type)] in
      let name = path + [sub._commandName]
      return [(name, sub)] + commands(of: sub, path: name)
    }
  }

  /// The command an argument list runs, with its name; the root command when none is named.
  static func command(in arguments: [String]) -> (type: ParsableCommand.Type, name: String) {
    var type: ParsableCommand.Type = Valprop.self
    var name: [String] = []
    for argument in arguments {
      guard let sub = type.configuration.subcommands.first(where: { $0._commandName == argument }) else {
        break
      }
      type = sub
      name.append(argument)
    }
    return (type, name.joined(separator: " "))
  }

  /// Refuses, before parsing, what ArgumentParser would misread: an unknown command (with
  /// the nearest names) and a single-dash group holding `h` (`new -dash`), which it takes
  /// as a request for help.
  static func check(_ arguments: [String]) throws {
    let names = Valprop.configuration.subcommands.map { $0._commandName } + ["help"]
    if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
      var hint = "run 'valprop --help' to see the commands"
      if let guess = Suggestions.didYouMean(first, in: names) { hint = guess + " " + hint }
      throw ValpropError.invalidArgument(problem: "unknown command '\(first)'", hint: hint)
    }
    for (index, argument) in arguments.enumerated() {
      if argument == "--" { break }
      let previous = index > 0 ? arguments[index - 1] : ""
      // `-C` is taken only before the command, as git takes it; later it would be ignored.
      if argument.hasPrefix("-C"), !previous.hasPrefix("-") {
        throw ValpropError.invalidArgument(
          problem: "-C must come before the command", hint: "write valprop -C <path> <command> …, as with git"
        )
      }
      let hidesHelp =
        argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2
        && Double(argument) == nil && argument.dropFirst().contains("h") && !previous.hasPrefix("-")
      if !hidesHelp { continue }
      let name = command(in: arguments).name
      throw ValpropError.invalidArgument(
        problem: "unknown option '\(argument)'",
        hint:
          "ids and names cannot start with '-'; for the options, see 'valprop help\(name.isEmpty ? "" : " " + name)'"
      )
    }
  }

  /// The help text for `valprop help [<command>…]`, nil when the arguments are not that;
  /// an unknown command is an error that names the nearest ones. The width is worked out
  /// only for help: it reads every command's examples.
  static func helpRequest(_ arguments: [String], columns width: @autoclosure () -> Int) throws -> String? {
    guard arguments.first == "help" else { return nil }
    let columns = width()
    let wanted = Array(arguments.dropFirst())
    if wanted == ["--man"] { return Manual.page() }
    if wanted.isEmpty { return Valprop.helpMessage(columns: columns) + "\n" }
    if let found = commands().first(where: { $0.name == wanted }) {
      return Valprop.helpMessage(for: found.type, columns: columns) + "\n"
    }
    let asked = wanted.joined(separator: " ")
    var hint = "run 'valprop --help' to see the commands"
    if let guess = Suggestions.didYouMean(asked, in: commands().map { $0.name.joined(separator: " ") }) {
      hint = guess + " " + hint
    }
    throw ValpropError.invalidArgument(problem: "no command '\(asked)'", hint: hint)
  }

  /// An ArgumentParser error as a `ValpropError`: its message, with the usage as the hint.
  static func argumentError(_ message: String, command: ParsableCommand.Type, name: String) -> ValpropError {
    var problem = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    if let first = problem.first { problem = first.lowercased() + problem.dropFirst() }
    let usage = Valprop.usageString(for: command).split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.joined(separator: " ")
    return .invalidArgument(
      problem: problem,
      hint: "usage: \(usage); see 'valprop help\(name.isEmpty ? "" : " " + name)' for the options")
  }

  /// The width help is laid out in: the terminal's (80 when not a terminal), widened so
  /// that the longest example line of any command stays on one line and can be copied.
  static func helpColumns(terminal: Int?) -> Int {
    let columns = terminal ?? 80
    let examples = ([Valprop.self] + commands().map(\.type)).flatMap { type in
      type.configuration.discussion.split(separator: "\n").filter { $0.hasPrefix("  ") }
    }
    let widest = examples.map(\.count).max() ?? 0
    return max(columns, widest + 1)
  }
}
