import ArgumentParser

/// A command line read by hand, for the commands run most often (`list`, `stale`, `log`,
/// `diff` and the others that conform to `DirectlyParsed`), so that they start without
/// ArgumentParser's reflection: on a warm `list` that reflection was 14 M of the main
/// thread's 86 M instructions and 1.6 ms of 17 ms (docs/performance.md, session 24).
///
/// Only the plain forms are read: long options given once (`--format json`,
/// `--format=json`), flags given once, their short names where a command declares them, and
/// positional arguments. Anything else — a short group, `--`, help, `--version`, a repeated
/// option, a value that starts with `-` or does not convert, an unknown option — leaves the
/// line unread, and ArgumentParser reads it as before; so does `VALPROP_PARSER=argument-parser`
/// in the environment. Tests compare both readings on random command lines
/// (`DirectCommandLineTests`).
struct DirectCommandLine {
  private let arguments: [String]
  private var used: [Bool]
  private var failed = false

  /// A reader of `arguments`: those after the command's name.
  init(_ arguments: some Collection<String>) {
    self.arguments = Array(arguments)
    used = Array(repeating: false, count: self.arguments.count)
  }

  /// The value given to an option (`--name value` or `--name=value`), nil when it is not given.
  /// A second occurrence, a missing or empty value, or one starting with `-` leaves the line
  /// unread.
  mutating func value(_ name: String) -> String? {
    var found: String?
    var index = 0
    while index < arguments.count {
      defer { index += 1 }
      guard !used[index] else { continue }
      let argument = arguments[index]
      var value: String?
      if argument == name {
        guard index + 1 < arguments.count, !used[index + 1], !arguments[index + 1].hasPrefix("-") else {
          failed = true
          return nil
        }
        used[index] = true
        used[index + 1] = true
        value = arguments[index + 1]
        index += 1
      } else if argument.hasPrefix(name + "=") {
        used[index] = true
        value = String(argument.dropFirst(name.count + 1))
      }
      guard let value else { continue }
      if found != nil || value.isEmpty || value.hasPrefix("-") { failed = true }
      found = value
    }
    return found
  }

  /// An option's value converted as ArgumentParser converts it; nil when not given.
  mutating func option<Value: ExpressibleByArgument>(_ name: String) -> Value? {
    option(name) { Value(argument: $0) }
  }

  /// An option's value converted by `transform` (nil or a throw: the line is left unread).
  mutating func option<Value>(_ name: String, transform: (String) throws -> Value?) -> Value? {
    guard let text = value(name) else { return nil }
    guard let converted = try? transform(text) else {
      failed = true
      return nil
    }
    return converted
  }

  /// Whether a flag is given, under any of its names (`--patch`, `-p`); twice leaves the line
  /// unread.
  mutating func flag(_ names: String...) -> Bool {
    var count = 0
    for index in arguments.indices where !used[index] && names.contains(arguments[index]) {
      used[index] = true
      count += 1
    }
    if count > 1 { failed = true }
    return count > 0
  }

  /// The arguments no option or flag took, in order; read after every option and flag.
  mutating func positionals() -> [String] {
    var found: [String] = []
    for index in arguments.indices where !used[index] {
      // Whatever looks like an option here is one the command did not declare.
      if arguments[index].hasPrefix("-") {
        failed = true
        continue
      }
      used[index] = true
      found.append(arguments[index])
    }
    return found
  }

  /// Whether every argument was read, and read plainly.
  var isComplete: Bool { !failed && !used.contains(false) }
}

/// A command whose command line `DirectCommandLine` can read.
protocol DirectlyParsed: ValpropCommand {
  /// The command with every option read from `line` (the arguments after its name), or nil
  /// when its positional arguments do not fit; options not given take their defaults.
  static func parse(directly line: inout DirectCommandLine) -> Self?
}

extension Valprop {
  /// The commands read by `DirectCommandLine`, by name.
  static let directlyParsed: [String: any DirectlyParsed.Type] = [
    "list": List.self, "stale": Stale.self, "index": Index.self, "log": Log.self,
    "blame": Blame.self, "show": Show.self, "diff": Diff.self,
  ]

  /// The command a line runs, read without ArgumentParser; nil when the line is not one
  /// `DirectCommandLine` reads plainly (ArgumentParser then reads it), or when
  /// `VALPROP_PARSER=argument-parser` asks for ArgumentParser alone.
  static func parseDirectly(_ arguments: [String], environment: [String: String]) -> (any ValpropCommand)? {
    guard environment["VALPROP_PARSER"] != "argument-parser", let name = arguments.first,
      let type = directlyParsed[name]
    else { return nil }
    var line = DirectCommandLine(arguments.dropFirst())
    return parse(type, from: &line)
  }

  /// `type` read from `line`, validated as ArgumentParser validates it; an invalid line is
  /// left to ArgumentParser, which words the error.
  private static func parse<Command: DirectlyParsed>(
    _ type: Command.Type, from line: inout DirectCommandLine
  ) -> (any ValpropCommand)? {
    guard var command = type.parse(directly: &line), line.isComplete else { return nil }
    guard (try? command.validate()) != nil else { return nil }
    return command
  }
}
