import Foundation
import GitKit

/// A temporary folder, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
  /// Its absolute path (symbolic links resolved).
  public let path: String

  /// Creates an empty folder under the system's temporary folder.
  public init() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "valprop-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    path = base.resolvingSymlinksInPath().path
  }

  /// Takes charge of an existing folder (removed with it).
  public init(existing path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw FixtureError(message: "no folder at \(path)")
    }
    self.path = path
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes a file (creating folders), relative to the folder.
  public func write(_ relative: String, _ text: String) throws {
    try write(relative, Data(text.utf8))
  }

  /// Writes bytes to a file (creating folders), relative to the folder.
  public func write(_ relative: String, _ data: Data) throws {
    let url = URL(fileURLWithPath: path + "/" + relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// Reads a file relative to the folder; nil when missing.
  public func read(_ relative: String) -> String? {
    FileBytes.readIfPresent(path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether a file or folder exists, relative to the folder.
  public func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/" + relative)
  }

  /// Every file and folder below, relative, sorted: a snapshot to prove nothing was written.
  public func listing() -> [String] {
    (FileManager.default.subpaths(atPath: path) ?? []).sorted()
  }
}

/// A git repository in a temporary folder, driven by the git CLI, which tests use both to
/// build history and as the oracle valprop must agree with.
public final class GitFixture: @unchecked Sendable {
  /// The folder holding the work tree.
  public let folder: TemporaryFolder
  /// A counter making commit dates distinct and increasing.
  private var clock = 0

  /// The work tree root.
  public var path: String { folder.path }

  /// A fixed identity and no user or system configuration, so results never depend on the machine.
  /// Automatic maintenance is off (`GIT_CONFIG_COUNT`, git 2.31 on): from git 2.5x a commit
  /// may repack the repository behind a test's back (Debian unstable's git 2.55 packed every
  /// loose object of a repository with two uneven packs), so what a test laid out stays laid out.
  public static let environment: [String: String] = [
    "GIT_AUTHOR_NAME": "Ana Author", "GIT_AUTHOR_EMAIL": "ana@example.com",
    "GIT_COMMITTER_NAME": "Cy Committer", "GIT_COMMITTER_EMAIL": "cy@example.com",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "NO_COLOR": "1",
    "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "maintenance.auto", "GIT_CONFIG_VALUE_0": "false",
    "GIT_CONFIG_KEY_1": "gc.auto", "GIT_CONFIG_VALUE_1": "0",
  ]

  /// Creates a repository with a `main` branch (`bare` for one without a work tree).
  public convenience init(bare: Bool = false) throws {
    try self.init(in: TemporaryFolder(), bare: bare)
  }

  /// A new repository in a folder the test prepared (a small file system mounted on it, say).
  public init(in folder: TemporaryFolder, bare: Bool = false) throws {
    self.folder = folder
    try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
  }

  /// Runs git in the repository; throws when it fails.
  @discardableResult
  public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let result = try Shell.run(
      Shell.which("git"), arguments, in: path, environment: GitFixture.environment.merging(environment) { $1 }
    )
    guard result.status == 0 else {
      throw FixtureError(message: "git \(arguments.joined(separator: " ")) failed: \(result)")
    }
    return result.stdout
  }

  /// Writes files, stages everything and commits, with an author date a day after the last
  /// commit's (or the one given, as `YYYY-MM-DDTHH:MM:SS+ZZ:ZZ`); returns the new commit id.
  @discardableResult
  public func commit(_ message: String, files: [String: String] = [:], date: String? = nil) throws -> String {
    for (relative, text) in files { try folder.write(relative, text) }
    try git(["add", "-A"])
    clock += 1
    let when = date ?? String(format: "2026-01-%02dT10:00:00+00:00", min(clock, 28))
    try git(
      ["commit", "-q", "--allow-empty", "-m", message],
      environment: ["GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when])
    return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A fixture step that failed.
public struct FixtureError: Error, CustomStringConvertible {
  /// What failed, with the program's output.
  public let message: String
  /// The message.
  public var description: String { message }

  /// Creates the error.
  public init(message: String) {
    self.message = message
  }
}

/// A proposition in the shape of README.md's 'A proposition file', for tests to write.
public enum Samples {
  /// A complete, valid core proposition.
  public static let core = """
    ---
    title: Reconciliation autopilot
    status: active
    framework: core
    owner: "@finance-pm"
    audience: Mid-market SaaS companies with 50-500 employees
    review-every: 60d
    reviewed: 2026-09-01
    superseded-by: ledger-sync
    tags: [finance, erp]
    x-team-notes: kept as is
    ---

    # Reconciliation autopilot

    ## Target audience
    Finance teams at mid-market SaaS companies (50-500 employees) that close the books monthly.

    ## Problem
    Manual data reconciliation costs 20 hours per week.

    ## Solution
    An automated pipeline that syncs data across systems in real time.

    ## Key benefits
    - Reduces reconciliation time by 90%
    - Eliminates human error in month-end close

    ## Differentiation
    The only solution with native integrations for all major ERP platforms.

    ## Evidence
    - 14 customer interviews, March 2026 (link)

    """

  /// A strong core proposition that lints clean (as of 2026-11-27): lint tests change one
  /// part of it.
  public static func strongCore(title: String = "Reconciliation autopilot") -> String {
    """
    ---
    title: \(title)
    framework: core
    audience: Finance teams at SaaS companies with 50-500 employees
    ---

    # \(title)

    ## Target audience
    Finance teams at SaaS companies with 50-500 employees.

    ## Problem
    Controllers match payouts to invoices by hand, 20 hours per week.

    ## Solution
    Matches every payout to its invoices overnight.

    ## Key benefits
    - Cuts reconciliation time from 20 hours to 2 hours per week

    ## Differentiation
    Reconciles payouts line by line; BlackLine matches deposits only.

    ## Evidence
    - 14 controller interviews, October 2026

    """
  }
}
