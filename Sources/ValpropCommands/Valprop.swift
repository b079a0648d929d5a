import ArgumentParser
import Foundation
import GitKit
import ValpropCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `valprop` command: keeps value propositions as Markdown files in git.
public struct Valprop: ParsableCommand {
  /// The subcommands and the text of `valprop --help`.
  public static let configuration = CommandConfiguration(
    commandName: "valprop",
    abstract: "Keep value propositions honest: versioned, well worded and reviewed.",
    discussion: """
      valprop keeps each value proposition as a Markdown file in git, next to the product's \
      code, and shows how its wording changed, how strong it is and when it needs a review.

      Global option, before the command: -C <path> runs as if valprop was started in <path>; \
      repeat it to go further, as with git. 'valprop help --man' prints this help as a manual \
      page; 'valprop --generate-completion-script bash' (or zsh, fish) prints shell \
      completion that completes ids, template names and -C folders.

      Examples:
        valprop init
        valprop new reconciliation-autopilot --template core --owner @finance-pm
        valprop list --status active
        valprop -C ../website show pricing-promise --at v2.0
      """,
    version: ValpropVersion.current,
    subcommands: [
      Init.self, New.self, Templates.self, List.self, Show.self, Log.self, Diff.self, Blame.self, Lint.self,
      Stale.self, Affected.self, Review.self, Retire.self, Supersede.self, Index.self, Report.self,
      Hooks.self,
      Demo.self,
    ]
  )

  /// `-C <path>`: taken off the command line before parsing (`takeDirectoryOptions`); declared
  /// here so that help shows it and shell completion completes its folders.
  @Option(
    name: .customShort("C"),
    help: "Run as if valprop was started in this folder; repeat it to go further, as with git.",
    completion: .directory)
  var directories: [String] = []

  /// Creates the command with no options (the parser fills them in).
  public init() {}

  /// Parses the command line, runs the command and exits: 0 on success, 1 when a command
  /// found something to report, 2 when it could not do its job.
  public static func main(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    // A closed pipe (valprop log x | head) ends valprop quietly, as it ends git.
    signal(SIGPIPE, SIG_DFL)
    // Past a file-size limit (ulimit -f), a write then fails with EFBIG, which valprop reports
    // and cleans up after, instead of the process being killed in the middle of a write.
    signal(SIGXFSZ, SIG_IGN)
    // Built once, and not by ProcessInfo, which splits every entry into Characters.
    let environment = ProcessEnvironment.current()
    HeapTuning.apply(environment: environment)
    let libgit2 = LibGit2.startInBackground()
    let status = run(arguments, in: CommandContext.process(environment: environment))
    libgit2.wait()
    end(status)
  }

  /// Ends the process with `status`. Output goes straight to the file descriptors, and every
  /// file valprop writes is written and renamed before this point, so the exit handlers of
  /// the libraries libgit2 loads (OpenSSL's cleanup frees all it allocated) are skipped: they
  /// were 3 ms of one core, and 1 ms of a warm `list`'s 20 (docs/performance.md, session 25).
  /// C streams (help text that ArgumentParser prints) are flushed first. A build whose runtime
  /// reports at exit (the sanitizers, code coverage) defines `VALPROP_EXIT_HANDLERS` and exits
  /// as usual (`-Xswiftc -DVALPROP_EXIT_HANDLERS`, as Tests/Sanitizers/run.sh and tsan.sh do).
  static func end(_ status: Int32) -> Never {
    #if VALPROP_EXIT_HANDLERS
      Foundation.exit(status)
    #else
      fflush(nil)
      _exit(status)
    #endif
  }

  /// Parses the command line and runs the command in a context (the process's, or a test's
  /// with captured streams), writing only to the context's streams; returns the exit status.
  static func run(_ arguments: [String], in base: CommandContext) -> Int32 {
    var arguments = arguments
    do {
      let context = try base.moved(by: takeDirectoryOptions(&arguments))
      try CommandLineCheck.check(arguments)
      if let help = try CommandLineCheck.helpRequest(arguments, columns: helpColumns(base)) {
        base.write(help)
        return 0
      }
      if let command = parseDirectly(arguments, environment: base.environment) {
        try command.run(in: context)
        return 0
      }
      var parsed = try parseAsRoot(arguments)
      guard let command = parsed as? any ValpropCommand else {
        // `valprop` alone, `valprop hooks`: ArgumentParser's own commands print help.
        try parsed.run()
        return 0
      }
      try command.run(in: context)
      return 0
    } catch let error as ValpropError {
      base.report(error)
      return 2
    } catch let code as ExitCode {
      return code.rawValue
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help, --version: help with each example kept on one line.
        base.write(fullMessage(for: error, columns: helpColumns(base)) + "\n")
        return 0
      }
      // Argument errors in valprop's own form: what is wrong, then a hint with the usage.
      let usage = CommandLineCheck.command(in: arguments)
      base.report(CommandLineCheck.argumentError(message(for: error), command: usage.type, name: usage.name))
      return 2
    }
  }

  /// The width help is laid out in: the terminal's, or 80 when output is not a terminal.
  private static func helpColumns(_ context: CommandContext) -> Int {
    CommandLineCheck.helpColumns(terminal: context.output.isTerminal ? context.output.terminalColumns : nil)
  }

  /// Removes the leading `-C <path>` and `-C<path>` options (those before the subcommand, as
  /// git takes them) and returns their paths in order.
  static func takeDirectoryOptions(_ arguments: inout [String]) throws -> [String] {
    var paths: [String] = []
    while let first = arguments.first {
      if first == "-C", arguments.count < 2 {
        throw ValpropError.invalidArgument(
          problem: "-C needs a path", hint: "give the folder to run in, e.g. valprop -C ~/work/product list")
      }
      if first == "-C", arguments.count >= 2 {
        paths.append(arguments[1])
        arguments.removeFirst(2)
      } else if first.hasPrefix("-C"), first.count > 2 {
        paths.append(String(first.dropFirst(2)))
        arguments.removeFirst()
      } else {
        break
      }
    }
    return paths
  }
}
