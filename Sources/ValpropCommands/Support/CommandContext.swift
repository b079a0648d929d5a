import Foundation
import GitKit
import ValpropCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a command needs from its surroundings, handed in rather than reached for: the folder
/// it runs in (after `-C`), its output streams, today's date and the environment.
struct CommandContext {
  /// The absolute folder the command runs in.
  var directory: String
  /// Today, in UTC; injectable so that tests do not depend on the day they run.
  var today: CalendarDate
  /// The process environment.
  var environment: [String: String]
  /// Where the command's results go: standard output, or a buffer in a test.
  var output: any TextOutput = StandardStream.output
  /// Where warnings and errors go: standard error, or a buffer in a test.
  var errors: any TextOutput = StandardStream.errors

  /// The context of this process: its current folder, today, its environment and its
  /// standard streams.
  static func process(environment: [String: String] = ProcessEnvironment.current()) -> CommandContext {
    CommandContext(
      directory: FileManager.default.currentDirectoryPath, today: CalendarDate(utc: Date()),
      environment: environment)
  }

  /// The context of this process moved by every `-C` in turn, as git does.
  static func current(changingTo paths: [String]) throws -> CommandContext {
    try process().moved(by: paths)
  }

  /// This context with its folder moved by every `-C` path in turn (relative paths from the
  /// folder reached so far, as git does); an error names a path that is not a folder.
  func moved(by paths: [String]) throws -> CommandContext {
    var directory = directory
    for path in paths where !path.isEmpty {
      let target = path.hasPrefix("/") ? path : directory + "/" + path
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValpropError.invalidArgument(
          problem: "cannot change to '\(path)': no such folder", hint: "give -C a folder that exists")
      }
      directory = (target as NSString).standardizingPath
    }
    var moved = self
    moved.directory = directory
    return moved
  }

  /// Opens the workspace of the repository around the folder.
  func openWorkspace() throws -> Workspace {
    try Workspace(at: directory, environment: environment)
  }

  /// A path git takes from the environment (`GIT_DIR`, `GIT_WORK_TREE`), made absolute from
  /// this folder as git does after `-C`; nil when unset or empty.
  func gitPath(_ name: String) -> String? {
    guard let value = environment[name], !value.isEmpty else { return nil }
    return ((value.hasPrefix("/") ? value : directory + "/" + value) as NSString).standardizingPath
  }

  /// The terminal's width when standard output is a terminal (its size, else `COLUMNS`,
  /// else 80); nil for a pipe or a file, whose tables stay whole.
  var terminalWidth: Int? {
    guard output.isTerminal else { return nil }
    if let columns = output.terminalColumns { return columns }
    if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
    return 80
  }

  /// Whether standard output gets colour: only on a terminal, never with `NO_COLOR` set.
  var colorOutput: Bool {
    // no-color.org: NO_COLOR present and not empty turns colour off.
    output.isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
  }

  /// Writes text to standard output.
  func write(_ text: String) {
    output.write(Data(text.utf8))
  }

  /// Writes bytes to standard output unchanged.
  func write(_ data: Data) {
    output.write(data)
  }

  /// Writes a line to standard error.
  func warn(_ text: String) {
    errors.write(Data((text + "\n").utf8))
  }

  /// After a commit: on a detached HEAD, says that the commit is on no branch and how to
  /// keep it (git commits there too, and says so).
  func noteDetachedHead(_ workspace: Workspace) {
    guard workspace.repository.isHeadDetached else { return }
    warn(
      "note: HEAD is detached, so the commit is on no branch; keep it with 'git switch -c <branch>'"
        + " before you check out something else")
  }

  /// Writes an error, with its hint, to standard error.
  func report(_ error: ValpropError) {
    warn("error: " + (error.errorDescription ?? error.problem))
  }

  /// A path relative to this folder, for printing paths a user can open.
  func displayPath(_ absolute: String) -> String {
    let base = Self.resolved(directory).split(separator: "/")
    let target = Self.resolved(absolute).split(separator: "/")
    var common = 0
    while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
    let up = Array(repeating: "..", count: base.count - common)
    let rest = target[common...].map(String.init)
    let parts = up + rest
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// The path with symbolic links resolved, when it exists.
  private static func resolved(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }
}
