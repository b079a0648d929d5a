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

  /// An empty folder used as `HOME`, so that no user configuration (libgit2 reads
  /// `~/.gitconfig`) reaches valprop.
  private static let home: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("valprop-e2e-empty-home").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()

  /// The fixed environment of every run: git's identity and no user or system configuration.
  static var environment: [String: String] {
    GitFixture.environment.merging(["HOME": home, "XDG_CONFIG_HOME": home + "/.config"]) { $1 }
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

/// Runs git in a folder (which need not be a fixture), with the fixed environment.
@discardableResult
func git(_ arguments: [String], in directory: String) throws -> ProcessResult {
  try Shell.run(Shell.which("git"), arguments, in: directory, environment: Binary.environment)
}

/// Standard output parsed as a JSON array of objects (fails the test otherwise).
func jsonObjects(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [[String: Any]]
{
  let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
  return try #require(
    parsed as? [[String: Any]], "not an array of objects: \(result)", sourceLocation: sourceLocation)
}

/// The rows of `list --format json` by id.
func listedByID(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [String: [String: Any]]
{
  var rows: [String: [String: Any]] = [:]
  for row in try jsonObjects(result, sourceLocation: sourceLocation) {
    let id = try #require(row["id"] as? String, "row without an id: \(row)", sourceLocation: sourceLocation)
    rows[id] = row
  }
  return rows
}

/// The cells of each line of text output, split at runs of two or more spaces (the column gap).
func textRows(_ output: String) -> [[String]] {
  output.split(separator: "\n").map { line in
    line.split(separator: "  ", omittingEmptySubsequences: true).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }
}

/// A repository holding files (written, not committed), ready for valprop to read.
func repository(_ files: [String: String] = [:]) throws -> GitFixture {
  let fixture = try GitFixture()
  for (relative, text) in files { try fixture.folder.write(relative, text) }
  return fixture
}

/// A second proposition for listings: a draft with two owners, one tag, no review and the
/// default interval.
let draftSample = """
  ---
  title: Pricing promise
  status: draft
  framework: lean
  owner: ["@growth", "@cfo"]
  tags: [pricing]
  ---

  # Pricing promise

  ## Unique value proposition
  Month-end close in 2 days, not 8.

  """
