import Foundation
import Testing

/// The fixed environment valprop runs in under test, in a process or in-process.
public enum CommandEnvironment {
  /// An empty folder used as `HOME`, so that no user configuration (libgit2 reads
  /// `~/.gitconfig`) reaches a valprop process.
  public static let home: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("valprop-e2e-empty-home").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()

  /// Git's identity and no user or system configuration.
  public static var fixed: [String: String] {
    GitFixture.environment.merging(["HOME": home, "XDG_CONFIG_HOME": home + "/.config"]) { $1 }
  }
}

/// Runs git in a folder (which need not be a fixture), with the fixed environment.
@discardableResult
public func git(_ arguments: [String], in directory: String) throws -> ProcessResult {
  try Shell.run(Shell.which("git"), arguments, in: directory, environment: CommandEnvironment.fixed)
}

/// Standard output parsed as a JSON array of objects (fails the test otherwise).
public func jsonObjects(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [[String: Any]]
{
  let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
  return try #require(
    parsed as? [[String: Any]], "not an array of objects: \(result)", sourceLocation: sourceLocation)
}

/// The rows of `list --format json` by id.
public func listedByID(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws
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
public func textRows(_ output: String) -> [[String]] {
  output.split(separator: "\n").map { line in
    line.split(separator: "  ", omittingEmptySubsequences: true).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }
}

/// A repository holding files (written, not committed), ready for valprop to read.
public func repository(_ files: [String: String] = [:]) throws -> GitFixture {
  let fixture = try GitFixture()
  for (relative, text) in files { try fixture.folder.write(relative, text) }
  return fixture
}

/// A second proposition for listings: a draft with two owners, one tag, no review and the
/// default interval.
public let draftSample = """
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

/// The `## ` sections README.md's 'A proposition file' expects of each framework, in order.
public let expectedSections: [String: [String]] = [
  "core": ["Target audience", "Problem", "Solution", "Key benefits", "Differentiation", "Evidence"],
  "canvas": [
    "Customer jobs", "Pains", "Gains", "Products and services", "Pain relievers", "Gain creators", "Evidence",
  ],
  "jtbd": [
    "Job statement", "Functional job", "Emotional job", "Social job", "Competing solutions", "Evidence",
  ],
  "lean": [
    "Unique value proposition", "High-level concept", "Customer segments", "Existing alternatives",
    "Evidence",
  ],
  "before-after": ["Before and after", "Evidence"],
]

/// The `## ` headings of a Markdown text, in order.
public func sectionHeadings(_ text: String) -> [String] {
  text.split(separator: "\n", omittingEmptySubsequences: false)
    .filter { $0.hasPrefix("## ") }
    .map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) }
}
