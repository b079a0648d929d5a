import Foundation
import GitKit

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable, CustomStringConvertible {
  /// The exit status.
  public let status: Int32
  /// Standard output, as bytes.
  public let stdoutData: Data
  /// Standard error, decoded leniently.
  public let stderr: String

  /// A result as given (for commands run in-process).
  public init(status: Int32, stdoutData: Data, stderr: String) {
    self.status = status
    self.stdoutData = stdoutData
    self.stderr = stderr
  }

  /// Standard output, decoded leniently.
  public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

  /// All of it, for failure messages.
  public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs programs for tests, capturing their output through files (no pipe can fill up).
public enum Shell {
  /// Runs `executable` with `arguments` in `directory`, with extra environment variables.
  @discardableResult
  public static func run(
    _ executable: String, _ arguments: [String], in directory: String? = nil,
    environment: [String: String] = [:], input: Data? = nil
  ) throws -> ProcessResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "valprop-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = out
    process.standardError = err
    if let input {
      let inURL = scratch.appendingPathComponent("in")
      try input.write(to: inURL)
      process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ProcessResult(
      status: process.terminationStatus, stdoutData: try contents(of: outURL.path),
      stderr: String(decoding: try contents(of: errURL.path), as: UTF8.self))
  }

  /// The bytes of a file (GitKit's reader: Foundation's leaks a buffer per empty file).
  public static func contents(of path: String) throws -> Data {
    try FileBytes.readExisting(path)
  }

  /// The absolute path of a program found on PATH.
  public static func which(_ name: String) -> String {
    whichOrNil(name) ?? "/usr/bin/\(name)"
  }

  /// The path of a program on `PATH`, or nil when no folder of `PATH` has it (for tests that
  /// need a tool a minimal system may lack).
  public static func whichOrNil(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
