import Foundation

/// A program to run as part of a batch: what `Shell.runTogether` starts.
public struct ProcessSpec: Sendable {
  /// The absolute path of the program.
  public let executable: String
  /// Its arguments.
  public let arguments: [String]
  /// The folder it runs in.
  public let directory: String
  /// Its complete environment: nothing of the test process's own is inherited.
  public let environment: [String: String]

  /// Describes a run.
  public init(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String]
  ) {
    self.executable = executable
    self.arguments = arguments
    self.directory = directory
    self.environment = environment
  }
}

extension Shell {
  /// Runs one program with exactly the environment given (nothing inherited), so a test can
  /// leave out variables such as `GIT_AUTHOR_NAME` entirely.
  @discardableResult
  public static func runExactly(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String]
  ) throws -> ProcessResult {
    try runTogether([ProcessSpec(executable, arguments, in: directory, environment: environment)])[0]
  }

  /// Starts every program at once (each with exactly its own environment), then waits for all
  /// of them: for races between processes.
  public static func runTogether(_ specs: [ProcessSpec]) throws -> [ProcessResult] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "valprop-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var running: [(process: Process, out: FileHandle, err: FileHandle, outURL: URL, errURL: URL)] = []
    for (number, spec) in specs.enumerated() {
      let outURL = scratch.appendingPathComponent("out-\(number)")
      let errURL = scratch.appendingPathComponent("err-\(number)")
      _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
      _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
      let out = try FileHandle(forWritingTo: outURL)
      let err = try FileHandle(forWritingTo: errURL)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: spec.executable)
      process.arguments = spec.arguments
      process.currentDirectoryURL = URL(fileURLWithPath: spec.directory)
      process.environment = spec.environment
      process.standardOutput = out
      process.standardError = err
      process.standardInput = FileHandle.nullDevice
      running.append((process, out, err, outURL, errURL))
    }
    for entry in running { try entry.process.run() }
    var results: [ProcessResult] = []
    for entry in running {
      entry.process.waitUntilExit()
      try entry.out.close()
      try entry.err.close()
      results.append(
        ProcessResult(
          status: entry.process.terminationStatus, stdoutData: try Shell.contents(of: entry.outURL.path),
          stderr: String(decoding: try Shell.contents(of: entry.errURL.path), as: UTF8.self)))
    }
    return results
  }
}
