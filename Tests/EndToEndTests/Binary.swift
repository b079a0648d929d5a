import Foundation
import TestSupport
import Testing

/// The built `valprop` binary, which the end-to-end tests run as a user would.
enum Binary {
  /// The binary's path: `VALPROP_BIN` when set, else the `valprop` file next to the running
  /// test executable (`swift test` builds both into the same folder).
  static let path: String = {
    if let given = ProcessInfo.processInfo.environment["VALPROP_BIN"], !given.isEmpty { return given }
    return (testExecutableFolder() ?? FileManager.default.currentDirectoryPath) + "/valprop"
  }()

  /// The folder of the running test executable: `/proc/self/exe` resolved on Linux, the
  /// `.xctest` bundle's folder on macOS.
  private static func testExecutableFolder() -> String? {
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }
    if let bundle = Bundle.allBundles.first(where: { $0.bundleURL.pathExtension == "xctest" }) {
      return bundle.bundleURL.deletingLastPathComponent().path
    }
    return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
  }

  /// The fixed environment of every run: git's identity and no user or system configuration.
  static var environment: [String: String] {
    CommandEnvironment.fixed
  }
}

/// Runs the built valprop (or another copy of it) in a folder, with the fixed environment.
@discardableResult
func valprop(
  _ arguments: [String], in directory: String, environment: [String: String] = [:],
  binary: String = Binary.path
) throws -> ProcessResult {
  guard FileManager.default.isExecutableFile(atPath: binary) else {
    throw FixtureError(
      message:
        "no valprop binary at \(binary): build it with 'swift build --build-tests', or set VALPROP_BIN")
  }
  return try Shell.run(
    binary, arguments, in: directory, environment: Binary.environment.merging(environment) { $1 })
}
