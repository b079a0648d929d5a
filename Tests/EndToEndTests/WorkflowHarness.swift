import Foundation
import TestSupport
import Testing

/// Runs the workflow scripts of `.github/actions/scripts` as a GitHub runner runs their steps:
/// with bash, in the checked-out repository, with the variables GitHub sets (`GITHUB_OUTPUT`,
/// `GITHUB_STEP_SUMMARY`, `GITHUB_EVENT_PATH`, …), the built valprop on `PATH`, and the stand-in
/// `gh` of `Tests/Workflows/fake-gh` in front of it, which keeps the API's state in a JSON file.
final class WorkflowHarness: Sendable {
  /// The package's root folder.
  static let root = CITemplatesTests.root
  /// The scripts the actions call.
  static let scripts = root + "/.github/actions/scripts"
  /// The folder holding the stand-in `gh`.
  static let fakeGH = root + "/Tests/Workflows/fake-gh"
  /// The folder holding the stand-in `curl` (GitLab's API).
  static let fakeCurl = root + "/Tests/Workflows/fake-curl"
  /// The repository the stand-in API serves.
  static let repository = "acme/product"
  /// The server the links point at.
  static let server = "https://github.example"

  /// Whether the tools the scripts and the stand-ins need are installed (jq, python3, awk).
  static let toolsPresent = ["jq", "python3", "awk"].allSatisfy {
    FileManager.default.isExecutableFile(atPath: Shell.which($0))
  }
  /// Why the workflow suites are skipped without them.
  static let missingTools: Comment =
    "needs jq and python3 (apt-get install -y jq python3; .ci/run installs them)"

  /// Scratch space: the API state, the artifact, the summary, the outputs, the event.
  let scratch: TemporaryFolder

  /// A harness whose stand-in API starts with `state` (see `Tests/Workflows/fake-gh/gh`).
  init(state: [String: Any] = [:]) throws {
    scratch = try TemporaryFolder()
    try setState(state)
  }

  /// The stand-in API's state file.
  var statePath: String { scratch.path + "/gh-state.json" }
  /// The folder the pull-request scripts write the artifact to, and the poster reads.
  var artifact: String { scratch.path + "/artifact" }
  /// The job summary of every step so far.
  var summary: String { scratch.read("summary.md") ?? "" }
  /// The step outputs of every step so far.
  var outputs: String { scratch.read("output.txt") ?? "" }

  /// The stand-in API's state.
  func state() throws -> [String: Any] {
    let data = try Shell.contents(of: statePath)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Replaces the stand-in API's state.
  func setState(_ state: [String: Any]) throws {
    try JSONSerialization.data(withJSONObject: state).write(to: URL(fileURLWithPath: statePath))
  }

  /// Changes the stand-in API's state.
  func update(_ change: (inout [String: Any]) -> Void) throws {
    var current = try state()
    change(&current)
    try setState(current)
  }

  /// The comments the stand-in API holds, oldest first.
  func comments() throws -> [[String: Any]] {
    try state()["comments"] as? [[String: Any]] ?? []
  }

  /// The comments' bodies.
  func commentBodies() throws -> [String] {
    try comments().compactMap { $0["body"] as? String }
  }

  /// The issues the stand-in API holds.
  func issues() throws -> [[String: Any]] {
    try state()["issues"] as? [[String: Any]] ?? []
  }

  /// The titles of the open issues, sorted.
  func openIssueTitles() throws -> [String] {
    try issues().filter { $0["state"] as? String == "open" }.compactMap { $0["title"] as? String }.sorted()
  }

  /// Every API call made so far, as "METHOD path".
  func calls() throws -> [String] {
    try state()["calls"] as? [String] ?? []
  }

  /// Forgets the calls made so far.
  func clearCalls() throws {
    try update { $0["calls"] = [String]() }
  }

  /// Runs one script with bash in `directory`, with the runner's variables and `environment`.
  @discardableResult
  func run(
    _ script: String, _ arguments: [String] = [], in directory: String, environment: [String: String] = [:]
  ) throws
    -> ProcessResult
  {
    let binaryFolder = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().path
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    var variables = Binary.environment
    variables.merge([
      "PATH": "\(Self.fakeGH):\(Self.fakeCurl):\(binaryFolder):\(path)",
      "FAKE_GH_STATE": statePath,
      "FAKE_GITLAB_STATE": scratch.path + "/gitlab-state.json",
      "GITHUB_ACTIONS": "true",
      "GITHUB_REPOSITORY": Self.repository,
      "GITHUB_SERVER_URL": Self.server,
      "GITHUB_RUN_ID": "901",
      "GITHUB_OUTPUT": scratch.path + "/output.txt",
      "GITHUB_STEP_SUMMARY": scratch.path + "/summary.md",
      "GITHUB_EVENT_PATH": scratch.path + "/event.json",
      "GITHUB_WORKSPACE": directory,
      "RUNNER_TEMP": scratch.path,
      "VALPROP_OUT": artifact,
      "VALPROP_IN": artifact,
      "GH_TOKEN": "stand-in",
    ]) { $1 }
    variables.merge(environment) { $1 }
    return try Shell.run(
      "/bin/bash", [Self.scripts + "/" + script] + arguments, in: directory, environment: variables)
  }

  // MARK: - Pull requests

  /// Writes the `pull_request` event of pull request `number` from `base` to `head`, and makes
  /// the stand-in API report `head` as its head.
  func pullRequest(_ number: Int, base: String, head: String, baseRef: String = "main") throws {
    try scratch.write(
      "event-variables.json",
      String(
        decoding: try JSONSerialization.data(withJSONObject: [
          "VALPROP_PR": "\(number)", "VALPROP_BASE_SHA": base, "VALPROP_HEAD_SHA": head,
          "VALPROP_BASE_REF": baseRef,
        ]), as: UTF8.self))
    let event: [String: Any] = [
      "pull_request": [
        "number": number, "base": ["sha": base, "ref": baseRef], "head": ["sha": head, "ref": "feature"],
      ]
    ]
    try JSONSerialization.data(withJSONObject: event).write(
      to: URL(fileURLWithPath: scratch.path + "/event.json"))
    try update { state in
      var pulls = state["pulls"] as? [String: Any] ?? [:]
      pulls["\(number)"] = ["head": ["sha": head]]
      state["pulls"] = pulls
    }
  }

  /// What the pull-request action's steps did: the check, and the computation when it ran.
  struct Computed {
    /// pr-check.sh.
    let check: ProcessResult
    /// pr-compute.sh, when the check found a changed proposition.
    let compute: ProcessResult?
    /// pr-verdict.sh.
    let verdict: ProcessResult
  }

  /// The variables the pull-request action sets from the event for pr-check.sh.
  func eventVariables() throws -> [String: String] {
    let data = try Shell.contents(of: scratch.path + "/event-variables.json")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
  }

  /// Runs the pull-request action's steps in the repository, as the action does: the cheap
  /// check (given the event's values as variables, or with `fromEvent` reading the event file
  /// itself), then (only when a proposition changed) the computation, then the verdict.
  func compute(in repo: GitFixture, fromEvent: Bool = false, environment: [String: String] = [:]) throws
    -> Computed
  {
    let variables = fromEvent ? [:] : try eventVariables()
    let check = try run("pr-check.sh", in: repo.path, environment: variables.merging(environment) { $1 })
    var compute: ProcessResult?
    // pr-compute.sh runs when a proposition changed, or when one tracks code (the `build` file).
    if check.status == 0, (try? String(contentsOfFile: artifact + "/build", encoding: .utf8)) == "true\n" {
      compute = try run("pr-compute.sh", in: repo.path, environment: environment)
    }
    let verdict = try run("pr-verdict.sh", in: repo.path, environment: environment)
    return Computed(check: check, compute: compute, verdict: verdict)
  }

  /// Runs the poster (the workflow_run side) on the artifact in `folder` (by default the last
  /// computed one), as run number `run`.
  @discardableResult
  func post(run: Int, from folder: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult
  {
    try self.run(
      "post-comment.sh", in: scratch.path,
      environment: [
        "VALPROP_IN": folder ?? artifact, "VALPROP_RUN_NUMBER": "\(run)",
        "VALPROP_RUN_URL": "\(Self.server)/\(Self.repository)/actions/runs/\(run)",
      ].merging(environment) { $1 })
  }

  /// Keeps a copy of the current artifact (for a run that posts later), and returns its folder.
  func keepArtifact(_ name: String) throws -> String {
    let copy = scratch.path + "/" + name
    try FileManager.default.copyItem(atPath: artifact, toPath: copy)
    return copy
  }

  /// A file of the current artifact.
  func artifactFile(_ name: String) -> String {
    scratch.read("artifact/" + name) ?? ""
  }
}

/// The first line of a comment: its marker.
func marker(_ body: String) -> String {
  String(body.prefix { $0 != "\n" })
}
