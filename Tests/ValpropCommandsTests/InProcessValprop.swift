import Foundation
import TestSupport
import ValpropCore

@testable import ValpropCommands

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs valprop in this process, as the end-to-end `valprop(_:in:)` runs the binary: the
/// same arguments, a context for the folder (its real path, as the binary's `getcwd` gives),
/// today, this process's environment with the fixed one and `environment` on top, and
/// standard output and error captured. Returns what the binary would have printed and its
/// exit status, without spawning it.
///
/// libgit2 reads the user's git configuration from this process's `HOME`, not from the
/// environment handed in: tests about the user's configuration or identity stay end-to-end.
@discardableResult
func valprop(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
  -> ProcessResult
{
  let output = CapturedOutput()
  let errors = CapturedOutput()
  let context = CommandContext(
    directory: realPath(directory), today: CalendarDate(utc: Date()),
    environment: ProcessInfo.processInfo.environment.merging(CommandEnvironment.fixed) { $1 }.merging(
      environment
    ) { $1 },
    output: output, errors: errors)
  let status = Valprop.run(arguments, in: context)
  return ProcessResult(status: status, stdoutData: output.data, stderr: errors.text)
}

/// The path with symbolic links resolved, as `getcwd` reports a process's folder.
private func realPath(_ path: String) -> String {
  guard let real = realpath(path, nil) else { return path }
  defer { free(real) }
  return String(cString: real)
}
