import Foundation
import TestSupport
import Testing

/// The pull-request workflow, step by step as the runner runs it (pr-check.sh, pr-compute.sh,
/// pr-verdict.sh on the `pull_request` side; post-comment.sh on the `workflow_run` side), on
/// real git repositories and against the stand-in `gh`.
@Suite(.enabled(if: WorkflowHarness.toolsPresent, WorkflowHarness.missingTools))
struct PullRequestWorkflowTests {
  /// A repository with `files` committed on `main` and a `feature` branch checked out from it;
  /// returns it and main's commit.
  static func repository(main files: [String: String]) throws -> (GitFixture, String) {
    let repo = try GitFixture()
    let base = try repo.commit("Start", files: files)
    try repo.git(["checkout", "-q", "-b", "feature"])
    return (repo, base)
  }

  /// The core proposition with its problem changed.
  static func edited(_ problem: String) -> String {
    Propositions.text(problem: problem)
  }

  /// Commits on the feature branch, opens (or updates) pull request 7 from `base` and runs the
  /// pull-request side; returns the head and what the steps did.
  static func push(
    _ harness: WorkflowHarness, _ repo: GitFixture, base: String, files: [String: String],
    fromEvent: Bool = false, environment: [String: String] = [:]
  ) throws -> (head: String, computed: WorkflowHarness.Computed) {
    let head = try repo.commit("Push", files: files)
    try harness.pullRequest(7, base: base, head: head)
    let computed = try harness.compute(in: repo, fromEvent: fromEvent, environment: environment)
    #expect(computed.check.status == 0, "\(computed.check)")
    if let compute = computed.compute { #expect(compute.status == 0, "\(compute)") }
    return (head, computed)
  }

  @Test func theFirstPushCommentsAndTheSecondUpdatesTheSameComment() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])

    let (first, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("Manual reconciliation costs 25 hours per week.")],
      fromEvent: true)
    let posted = try harness.post(run: 1)
    #expect(posted.status == 0, "\(posted)")
    var bodies = try harness.commentBodies()
    #expect(bodies.count == 1, "\(bodies)")
    #expect(marker(bodies[0]) == "<!-- valprop-diff head=\(first) run=1 -->")
    #expect(bodies[0].contains("### `autopilot` — modified"), "\(bodies[0])")
    #expect(bodies[0].contains("<ins>25"), "\(bodies[0])")

    let (second, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("Manual reconciliation costs 30 hours per week.")])
    #expect(try harness.post(run: 2).status == 0)
    bodies = try harness.commentBodies()
    #expect(bodies.count == 1, "a second push must update the comment, not add one: \(bodies)")
    #expect(marker(bodies[0]) == "<!-- valprop-diff head=\(second) run=2 -->")
    #expect(bodies[0].contains("<ins>30"), "\(bodies[0])")
    #expect(try harness.calls().filter { $0.hasPrefix("POST") }.count == 1)
    #expect(try harness.calls().contains { $0.hasPrefix("PATCH repos/acme/product/issues/comments/") })
  }

  @Test func noChangedPropositionPostsNothingAndSkipsTheBuild() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let (_, computed) = try Self.push(harness, repo, base: base, files: ["README.md": "Docs only.\n"])
    #expect(harness.outputs.contains("changed=false"), "\(harness.outputs)")
    #expect(computed.compute == nil, "nothing to build or compute when no proposition changed")
    #expect(harness.summary.contains("No proposition changed in this pull request; valprop was not built."))
    #expect(computed.verdict.status == 0, "\(computed.verdict)")
    let posted = try harness.post(run: 1)
    #expect(posted.status == 0, "\(posted)")
    #expect(try harness.comments().isEmpty, "no comment when no proposition changed")
    #expect(try !harness.calls().contains { $0.hasPrefix("POST") || $0.hasPrefix("PATCH") })
  }

  @Test func changedCodeNamesThePropositionsThatDescribeIt() throws {
    let harness = try WorkflowHarness()
    let tracking = Propositions.text(
      title: "Billing <b>autopilot</b>",
      frontMatter: ["status: active", "owner: \"@billing\"", "tracks: [src/billing]"])
    let (repo, base) = try Self.repository(main: [
      "propositions/billing.md": tracking, "propositions/autopilot.md": Propositions.text(),
      "src/billing/a.swift": "a\n", "src/ui/view.swift": "v\n",
    ])
    // Code no proposition tracks: valprop runs (one proposition tracks code), and stays silent.
    let (_, quiet) = try Self.push(harness, repo, base: base, files: ["src/ui/view.swift": "v2\n"])
    #expect(harness.outputs.contains("build=true"), "\(harness.outputs)")
    #expect(quiet.compute != nil)
    #expect(harness.artifactFile("status") == "unchanged\n")
    #expect(try harness.post(run: 1).status == 0)
    #expect(try harness.comments().isEmpty, "no comment when no proposition is concerned")

    // Code the billing proposition tracks: the comment names it, with the changed file.
    let (_, computed) = try Self.push(harness, repo, base: base, files: ["src/billing/a.swift": "b\n"])
    #expect(computed.compute?.status == 0, "\(String(describing: computed.compute))")
    #expect(try harness.post(run: 2).status == 0)
    var bodies = try harness.commentBodies()
    #expect(bodies.count == 1, "\(bodies)")
    #expect(
      bodies[0].contains("**This pull request changes code that these propositions describe:**"),
      "\(bodies[0])")
    #expect(
      bodies[0].contains("- `billing` — Billing \\<b\\>autopilot\\</b\\> (@billing): `src/billing/a.swift`"),
      "\(bodies[0])")
    #expect(!bodies[0].contains("`autopilot`"), "\(bodies[0])")

    // Edited in the same pull request, the proposition is addressed; the wording diff is shown.
    let (_, edited) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/billing.md": tracking.replacingOccurrences(of: "20 hours", with: "21 hours")])
    #expect(edited.compute?.status == 0)
    #expect(try harness.post(run: 3).status == 0)
    bodies = try harness.commentBodies()
    #expect(bodies.count == 1)
    #expect(bodies[0].contains("### `billing` — modified"), "\(bodies[0])")
    #expect(!bodies[0].contains("changes code that these propositions describe"), "\(bodies[0])")
  }

  @Test func theCheckRunsBeforeInstallWithGitAlone() throws {
    // The image has git but not jq until install.sh ran: the check must need no more.
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let head = try repo.commit(
      "Edit", files: ["propositions/autopilot.md": Self.edited("It costs 25 hours.")])
    try harness.pullRequest(7, base: base, head: head)
    let tools = try TemporaryFolder()
    for tool in ["git", "sed", "sort", "mkdir", "rm", "dirname", "cat"] {
      try FileManager.default.createSymbolicLink(
        atPath: tools.path + "/" + tool, withDestinationPath: Shell.which(tool))
    }
    let check = try harness.run(
      "pr-check.sh", in: repo.path,
      environment: try harness.eventVariables().merging(["PATH": tools.path]) { $1 })
    #expect(check.status == 0, "\(check)")
    #expect(harness.artifactFile("status") == "changed\n")
  }

  @Test func aPushThatLeavesNoChangeUpdatesTheOldComment() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    _ = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    #expect(try harness.post(run: 1).status == 0)
    // The second push reverts the proposition.
    let (head, _) = try Self.push(
      harness, repo, base: base, files: ["propositions/autopilot.md": Propositions.text()])
    #expect(harness.artifactFile("status") == "unchanged\n")
    #expect(try harness.post(run: 2).status == 0)
    let bodies = try harness.commentBodies()
    #expect(bodies.count == 1, "\(bodies)")
    #expect(marker(bodies[0]) == "<!-- valprop-diff head=\(head) run=2 -->")
    #expect(bodies[0].contains("No proposition changes in this pull request any more"), "\(bodies[0])")
  }

  @Test func addDeleteAndRenameAreListedAndARenameBringsNoOldFindings() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: [
      "propositions/gone.md": Propositions.text(title: "Gone"),
      "propositions/weak.md": Propositions.weak,
    ])
    try FileManager.default.removeItem(atPath: repo.path + "/propositions/gone.md")
    try FileManager.default.createDirectory(
      atPath: repo.path + "/propositions/archive", withIntermediateDirectories: true)
    try repo.git(["mv", "propositions/weak.md", "propositions/archive/weak.md"])
    let (_, computed) = try Self.push(
      harness, repo, base: base, files: ["propositions/ledger.md": Samples.strongCore(title: "Ledger sync")])
    let comment = harness.artifactFile("comment.md")
    #expect(comment.contains("| `ledger` | added |"), "\(comment)")
    #expect(comment.contains("| `gone` | deleted |"), "\(comment)")
    #expect(
      comment.contains("| `weak` | renamed | `propositions/weak.md` → `propositions/archive/weak.md` |"),
      "\(comment)")
    // The moved file's errors were all on main already.
    let compute = try #require(computed.compute)
    #expect(!compute.stdout.contains("::error"), "\(compute)")
    #expect(computed.verdict.status == 0, "\(computed.verdict)")
    #expect(harness.summary.contains("already there at the merge base"), "\(harness.summary)")
    #expect(try harness.post(run: 1).status == 0)
    #expect(try harness.comments().count == 1)
  }

  @Test func aForkComputesWithAReadOnlyTokenAndThePosterPosts() throws {
    let harness = try WorkflowHarness(state: ["readonly": true])
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let (head, computed) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")],
      environment: ["GH_TOKEN": "read-only"])
    #expect(computed.compute?.status == 0)
    let calls = try harness.calls()
    #expect(calls.isEmpty, "the pull-request side must make no API call: \(calls)")
    // The workflow_run side holds the write token.
    try harness.update { $0["readonly"] = false }
    let posted = try harness.post(run: 1, environment: ["VALPROP_RUN_HEAD_SHA": head])
    #expect(posted.status == 0, "\(posted)")
    #expect(try harness.comments().count == 1)
  }

  @Test func aMovedTargetBranchIsNotThePullRequestsChange() throws {
    let harness = try WorkflowHarness()
    let (repo, forkPoint) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let head = try repo.commit(
      "Edit", files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    // Someone merges a weak proposition and an edit to main after the pull request opened.
    try repo.git(["checkout", "-q", "main"])
    let movedMain = try repo.commit(
      "Elsewhere",
      files: [
        "propositions/weak.md": Propositions.weak,
        "propositions/other.md": Propositions.text(title: "Other"),
      ])
    try repo.git(["checkout", "-q", "feature"])

    try harness.pullRequest(7, base: movedMain, head: head)
    let computed = try harness.compute(in: repo)
    #expect(harness.artifactFile("merge-base") == forkPoint + "\n")
    let comment = harness.artifactFile("comment.md")
    #expect(comment.contains("`autopilot`"), "\(comment)")
    #expect(
      !comment.contains("`weak`") && !comment.contains("`other`"),
      "main's changes are not the PR's: \(comment)")
    #expect(
      computed.verdict.status == 0, "lint must not judge files the PR never touched: \(computed.verdict)")
  }

  @Test func gitLabTakesTheDiffBaseAndKeepsTheDiffAsAnArtifactWithoutAToken() throws {
    let harness = try WorkflowHarness()
    let (repo, forkPoint) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let head = try repo.commit(
      "Edit", files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    try repo.git(["checkout", "-q", "main"])
    try repo.commit("Elsewhere", files: ["propositions/weak.md": Propositions.weak])
    try repo.git(["checkout", "-q", "feature"])
    let result = try harness.run(
      "gitlab-merge-request.sh", in: repo.path,
      environment: [
        "GITHUB_ACTIONS": "", "GITHUB_EVENT_PATH": "", "VALPROP_INSTALL": "false",
        "CI_MERGE_REQUEST_IID": "12", "CI_MERGE_REQUEST_DIFF_BASE_SHA": forkPoint, "CI_COMMIT_SHA": head,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
      ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("VALPROP_GITLAB_TOKEN is not set"), "\(result)")
    let comment = harness.artifactFile("comment.md")
    #expect(comment.contains("`autopilot`") && !comment.contains("`weak`"), "\(comment)")
    #expect(harness.artifactFile("pr-number") == "12\n")
  }

  /// The GitLab merge-request job's variables for merge request 12 from `base` to `head`.
  static func gitLab(base: String, head: String, pipeline: Int, token: String = "glpat-stand-in") -> [String:
    String]
  {
    [
      "GITHUB_ACTIONS": "", "GITHUB_EVENT_PATH": "", "VALPROP_INSTALL": "false",
      "VALPROP_GITLAB_TOKEN": token,
      "CI_MERGE_REQUEST_IID": "12", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_COMMIT_SHA": head,
      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_API_V4_URL": "https://gitlab.example/api/v4",
      "CI_PROJECT_ID": "3", "CI_PIPELINE_IID": "\(pipeline)",
    ]
  }

  /// The GitLab stand-in's state.
  static func gitLabState(_ harness: WorkflowHarness) throws -> [String: Any] {
    let data = try Shell.contents(of: harness.scratch.path + "/gitlab-state.json")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Changes the GitLab stand-in's state (an empty one when there is none yet).
  static func updateGitLab(_ harness: WorkflowHarness, _ change: (inout [String: Any]) -> Void) throws {
    var state = harness.scratch.exists("gitlab-state.json") ? try gitLabState(harness) : [:]
    change(&state)
    try harness.scratch.write(
      "gitlab-state.json", String(decoding: try JSONSerialization.data(withJSONObject: state), as: UTF8.self))
  }

  /// The GitLab stand-in's notes.
  static func notes(_ harness: WorkflowHarness) throws -> [String] {
    (try gitLabState(harness)["notes"] as? [[String: Any]] ?? []).compactMap { $0["body"] as? String }
  }

  @Test func gitLabNamesThePropositionsWhoseCodeAMergeRequestChanges() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: [
      "propositions/billing.md": Propositions.text(title: "Billing", frontMatter: ["tracks: [src/billing]"]),
      "src/billing/a.swift": "a\n", "src/ui/view.swift": "v\n",
    ])
    // Untracked code: valprop runs, and no note is posted.
    let quiet = try repo.commit("UI", files: ["src/ui/view.swift": "v2\n"])
    try Self.updateGitLab(harness) { $0["mrs"] = ["12": ["sha": quiet]] }
    let first = try harness.run(
      "gitlab-merge-request.sh", in: repo.path, environment: Self.gitLab(base: base, head: quiet, pipeline: 1)
    )
    #expect(first.status == 0, "\(first)")
    #expect(try Self.notes(harness).isEmpty)
    // Tracked code: the note names the proposition.
    let head = try repo.commit("Billing", files: ["src/billing/a.swift": "b\n"])
    try Self.updateGitLab(harness) { $0["mrs"] = ["12": ["sha": head]] }
    let second = try harness.run(
      "gitlab-merge-request.sh", in: repo.path, environment: Self.gitLab(base: base, head: head, pipeline: 2))
    #expect(second.status == 0, "\(second)")
    let notes = try Self.notes(harness)
    #expect(notes.count == 1, "\(notes)")
    #expect(notes.first?.contains("This pull request changes code that these propositions describe") == true)
    #expect(notes.first?.contains("- `billing` — Billing: `src/billing/a.swift`") == true, "\(notes)")
  }

  @Test func gitLabPostsOneNoteWithATokenAndUpdatesItOnTheNextPush() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    for (pipeline, hours) in [(1, 25), (2, 30)] {
      let head = try repo.commit(
        "Edit", files: ["propositions/autopilot.md": Self.edited("It costs \(hours) hours a week.")])
      try Self.updateGitLab(harness) { $0["mrs"] = ["12": ["sha": head]] }
      let result = try harness.run(
        "gitlab-merge-request.sh", in: repo.path,
        environment: Self.gitLab(base: base, head: head, pipeline: pipeline))
      #expect(result.status == 0, "\(result)")
      let notes = try Self.notes(harness)
      #expect(notes.count == 1, "\(notes)")
      #expect(notes.first.map(marker) == "<!-- valprop-diff head=\(head) run=\(pipeline) -->")
      #expect(notes.first?.contains("<ins>\(hours)") == true, "\(notes)")
    }

    // A failed lookup fails the job and adds no second note.
    let head = try repo.commit(
      "Edit", files: ["propositions/autopilot.md": Self.edited("It costs 35 hours.")])
    try Self.updateGitLab(harness) {
      $0["mrs"] = ["12": ["sha": head]]
      $0["fail"] = [["match": "GET projects/3/merge_requests/12/notes", "status": 502, "times": 1]]
    }
    let failed = try harness.run(
      "gitlab-merge-request.sh", in: repo.path, environment: Self.gitLab(base: base, head: head, pipeline: 3))
    #expect(failed.status != 0, "\(failed)")
    #expect(try Self.notes(harness).count == 1)
  }

  @Test func aHugeDiffIsCutToFitAComment() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let paragraph = String(
      repeating: "Controllers match every payout to its invoice by hand each week. ", count: 20)
    var files: [String: String] = [:]
    for index in 1...60 {
      files["propositions/proposition-\(index).md"] = Propositions.text(
        title: "Proposition \(index)", problem: paragraph)
    }
    let (_, computed) = try Self.push(harness, repo, base: base, files: files)
    #expect(computed.compute?.status == 0)
    let diff = harness.artifactFile("diff.md")
    let comment = harness.artifactFile("comment.md")
    #expect(diff.count > 65_536, "the test needs a diff over GitHub's limit: \(diff.count)")
    #expect(comment.utf8.count <= 60_000, "\(comment.utf8.count)")
    #expect(comment.contains("Cut to fit a comment"), "\(comment.suffix(400))")
    #expect(comment.contains("the whole diff is in the [job summary"), "\(comment.suffix(400))")
    for index in 1...60 {
      #expect(harness.summary.contains("### `proposition-\(index)` — added"), "the summary has everything")
    }
    #expect(try harness.post(run: 1).status == 0)
    let body = try #require(try harness.commentBodies().first)
    #expect(body.count <= 65_536, "\(body.count)")
  }

  @Test func anAPIFailureFailsThePosterLoudlyAndNeverMakesASecondComment() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    _ = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    #expect(try harness.post(run: 1).status == 0)

    let (head, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 30 hours a week.")])
    try harness.update {
      $0["fail"] = [["match": "GET repos/acme/product/issues/7/comments", "status": 502, "times": 1]]
    }
    let failed = try harness.post(run: 2)
    #expect(failed.status != 0, "a failed lookup must fail the job: \(failed)")
    #expect(failed.stderr.contains("502"), "\(failed)")
    #expect(try harness.comments().count == 1, "no second comment after a failed lookup")
    #expect(try !harness.commentBodies()[0].contains(head), "nothing was posted")

    // The re-run succeeds, still with one comment.
    #expect(try harness.post(run: 2).status == 0)
    let bodies = try harness.commentBodies()
    #expect(bodies.count == 1, "\(bodies)")
    #expect(marker(bodies[0]).contains(head))
  }

  @Test func aFailedCommentCreationFailsTheJob() throws {
    let harness = try WorkflowHarness(state: [
      "fail": [["match": "POST repos/acme/product/issues/7/comments", "status": 502, "times": 1]]
    ])
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    _ = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    let failed = try harness.post(run: 1)
    #expect(failed.status != 0, "\(failed)")
    #expect(try harness.comments().isEmpty)
  }

  @Test func anOlderRunNeverReplacesTheCommentOfANewerOne() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let (older, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    let olderArtifact = try harness.keepArtifact("older")
    let (newer, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 30 hours a week.")])

    // The newer run's poster finishes first; the older one's comes late.
    #expect(try harness.post(run: 2).status == 0)
    let late = try harness.post(run: 1, from: olderArtifact)
    #expect(late.status == 0, "\(late)")
    #expect(late.stdout.contains("has moved on"), "\(late)")
    #expect(try harness.commentBodies().map(marker) == ["<!-- valprop-diff head=\(newer) run=2 -->"])

    // Even when the API still reported the older head, the marker of the newer run wins.
    try harness.update { $0["pulls"] = ["7": ["head": ["sha": older]]] }
    let refused = try harness.post(run: 1, from: olderArtifact)
    #expect(refused.status == 0, "\(refused)")
    #expect(refused.stdout.contains("newer than this run"), "\(refused)")
    #expect(try harness.commentBodies().map(marker) == ["<!-- valprop-diff head=\(newer) run=2 -->"])
  }

  @Test func twoPostersRacingLeaveOneCommentOfTheNewerRun() async throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    _ = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    let olderArtifact = try harness.keepArtifact("older")
    let (newer, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 30 hours a week.")])
    try harness.update { $0["slow"] = 0.3 }
    async let first = harness.post(run: 1, from: olderArtifact)
    async let second = harness.post(run: 2)
    let results = try await [first, second]
    for result in results { #expect(result.status == 0, "\(result)") }
    #expect(try harness.commentBodies().map(marker) == ["<!-- valprop-diff head=\(newer) run=2 -->"])
  }

  @Test func headingsInsideTheWordingDoNotBecomeHeadingsOfTheComment() throws {
    let harness = try WorkflowHarness()
    let original = Propositions.text().replacingOccurrences(
      of: "## Solution\n", with: "## Solution\n# A heading in the wording\nSetext heading\n===\n```\n")
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": original])
    _ = try Self.push(
      harness, repo, base: base,
      files: [
        "propositions/autopilot.md": original.replacingOccurrences(of: "real time", with: "one night")
          + "\n# Another heading\n"
      ])
    let comment = harness.artifactFile("comment.md")
    // A `# ` heading starts a section of its own (heading levels are layout), named in bold.
    #expect(comment.contains("\n**A heading in the wording**\n"), "\(comment)")
    for line in comment.split(separator: "\n")
    where line.hasPrefix("#") || line.hasPrefix("```") || line == "===" {
      #expect(
        line == "## Value propositions changed in this pull request" || line.hasPrefix("### `autopilot` — "),
        "a line of the wording reads as Markdown structure: \(line)")
    }
  }

  @Test func recordingAReviewOnAWeakPropositionBringsNoFinding() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/weak.md": Propositions.weak])
    let reviewed = Propositions.weak.replacingOccurrences(
      of: "framework: core\n", with: "framework: core\nreviewed: 2026-11-30\n")
    let (_, computed) = try Self.push(harness, repo, base: base, files: ["propositions/weak.md": reviewed])
    let compute = try #require(computed.compute)
    #expect(!compute.stdout.contains("::error"), "\(compute)")
    #expect(computed.verdict.status == 0, "\(computed.verdict)")
  }

  @Test func lintReportsWhatThePullRequestBringsBeyondTenAnnotations() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: [
      "propositions/autopilot.md": Propositions.text(), "propositions/weak.md": Propositions.weak,
    ])
    // A buzzword on a changed line, a removed Evidence section (a finding on no changed line),
    // and a new weak proposition with many findings.
    let edited = Propositions.text().replacingOccurrences(
      of: "## Solution\nAn automated", with: "## Solution\nLeverage synergy. An automated"
    ).replacingOccurrences(of: "## Evidence\n- 14 customer interviews, March 2026 (link)\n", with: "")
    var weaker = Propositions.weak
    for index in 1...12 { weaker += "- Leverage best-in-class synergy number \(index)\n" }
    let (_, computed) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": edited, "propositions/weaker.md": weaker])
    let compute = try #require(computed.compute)
    let annotations = compute.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
    #expect(annotations.contains { $0.contains("file=propositions/autopilot.md") && $0.contains("buzzword") })
    #expect(
      annotations.contains { $0.contains("file=propositions/autopilot.md") && $0.contains("no-evidence") })
    #expect(!annotations.contains { $0.contains("file=propositions/weak.md") }, "weak.md is not in the PR")
    #expect(annotations.count > 10)
    #expect(harness.summary.contains("GitHub shows at most 10 annotations of each kind per step"))
    #expect(harness.summary.contains("`propositions/weaker.md`"))
    #expect(computed.verdict.status != 0, "new lint errors fail the check: \(computed.verdict)")
    #expect(harness.artifactFile("lint-status") == "failed\n")
    #expect(harness.artifactFile("comment.md").contains("**Lint:**"))
  }

  @Test func aShallowCloneStopsTheCheck() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let head = try repo.commit(
      "Edit", files: ["propositions/autopilot.md": Self.edited("It costs 25 hours.")])
    let clone = try TemporaryFolder()
    try git(
      ["clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo.path, clone.path + "/c"],
      in: clone.path)
    try harness.pullRequest(7, base: base, head: head)
    let check = try harness.run("pr-check.sh", in: clone.path + "/c")
    #expect(check.status != 0, "\(check)")
    #expect(check.stdout.contains("fetch-depth: 0"), "\(check)")
  }

  // MARK: - The poster checks the artifact

  @Test func thePosterTellsAMissingArtifactFromAFailedLookup() throws {
    let harness = try WorkflowHarness(state: [
      "artifacts": [
        "55": [["name": "other", "expired": false]], "56": [["name": "valprop-pr", "expired": false]],
      ]
    ])
    let cancelled = try harness.run(
      "artifact-exists.sh", in: harness.scratch.path, environment: ["VALPROP_RUN_ID": "55"])
    #expect(cancelled.status == 0, "\(cancelled)")
    #expect(harness.outputs.hasSuffix("exists=false\n"), "\(harness.outputs)")
    let done = try harness.run(
      "artifact-exists.sh", in: harness.scratch.path, environment: ["VALPROP_RUN_ID": "56"])
    #expect(done.status == 0, "\(done)")
    #expect(harness.outputs.hasSuffix("exists=true\n"), "\(harness.outputs)")
    try harness.update { $0["fail"] = [["match": "/artifacts", "status": 502, "times": 1]] }
    let failed = try harness.run(
      "artifact-exists.sh", in: harness.scratch.path, environment: ["VALPROP_RUN_ID": "56"])
    #expect(failed.status != 0, "a failed lookup must not pass for 'nothing to post': \(failed)")
  }

  @Test(arguments: [
    ("pr-number", "7; touch pwned"), ("pr-number", "-3"), ("head-sha", "main"), ("status", "posted"),
  ])
  func thePosterRefusesAForgedArtifact(file: String, value: String) throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    _ = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    try harness.scratch.write("artifact/" + file, value + "\n")
    let result = try harness.post(run: 1)
    #expect(result.status != 0, "\(result)")
    #expect(try harness.comments().isEmpty)
    #expect(!harness.scratch.exists("pwned"))
  }

  @Test func thePosterRefusesAnOversizedCommentAndAForeignHead() throws {
    let harness = try WorkflowHarness()
    let (repo, base) = try Self.repository(main: ["propositions/autopilot.md": Propositions.text()])
    let (head, _) = try Self.push(
      harness, repo, base: base,
      files: ["propositions/autopilot.md": Self.edited("It costs 25 hours a week.")])
    let foreign = try harness.post(run: 1, environment: ["VALPROP_RUN_HEAD_SHA": base])
    #expect(foreign.status != 0, "the artifact's head must be the run's: \(foreign)")
    try harness.scratch.write("artifact/comment.md", String(repeating: "x", count: 70_000))
    let oversized = try harness.post(run: 1, environment: ["VALPROP_RUN_HEAD_SHA": head])
    #expect(oversized.status != 0, "\(oversized)")
    #expect(try harness.comments().isEmpty)
  }
}
