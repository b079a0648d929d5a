import Foundation
import TestSupport
import Testing

/// The weekly staleness job (stale.sh), run as the runner runs it on real git repositories,
/// against the stand-in `gh`: exit codes, one issue per owner, odd owner names, what is closed
/// and when.
@Suite(.enabled(if: WorkflowHarness.toolsPresent, WorkflowHarness.missingTools))
struct StaleWorkflowTests {
  /// The label of the issues.
  static let label = ["name": "valprop-stale"]
  /// The title prefix of the issues.
  static let prefix = "Value propositions to review: "

  /// A proposition owned by `owners` (YAML flow list items, already quoted), last edited in
  /// January 2026 and so stale unless `reviewed` is recent.
  static func proposition(_ title: String, owners: [String], reviewed: String? = nil) -> String {
    var frontMatter = ["status: active", "framework: core", "owner: [\(owners.joined(separator: ", "))]"]
    if let reviewed { frontMatter.append("reviewed: \(reviewed)") }
    return Propositions.text(title: title, frontMatter: frontMatter)
  }

  /// An open issue with the label.
  static func issue(_ number: Int, owner: String) -> [String: Any] {
    ["number": number, "title": prefix + owner, "body": "old", "state": "open", "labels": [label]]
  }

  /// Runs the job with issues on.
  static func runJob(
    _ harness: WorkflowHarness, in repo: String, environment: [String: String] = [:]
  ) throws -> ProcessResult {
    try harness.run("stale.sh", in: repo, environment: ["VALPROP_ISSUES": "true"].merging(environment) { $1 })
  }

  @Test func oddOwnerNamesGetOneIssueEachAndNeverRunAsCode() throws {
    let harness = try WorkflowHarness(state: ["issues": [Self.issue(5, owner: "@gone")]])
    let pwned = harness.scratch.path + "/pwned"
    let repo = try GitFixture()
    let head = try repo.commit(
      "Start",
      files: [
        "propositions/autopilot.md": Self.proposition(
          "Autopilot", owners: [#"'Pat "PJ" Jones'"#, "'@Finance-PM'", "'$(touch \(pwned))'"]),
        "propositions/ledger.md": Self.proposition("Ledger", owners: ["'@finance-pm'", "'Ops team'"]),
      ])
    let result = try Self.runJob(harness, in: repo.path)
    #expect(result.status == 0, "\(result)")
    #expect(!FileManager.default.fileExists(atPath: pwned), "an owner name ran as a command")
    let expected = [
      "$(touch \(pwned))", "@Finance-PM", "Ops team", #"Pat "PJ" Jones"#,
    ].map { Self.prefix + $0 }.sorted()
    #expect(try harness.openIssueTitles() == expected)
    let finance = try #require(
      try harness.issues().first { $0["title"] as? String == Self.prefix + "@Finance-PM" })
    let body = finance["body"] as? String ?? ""
    #expect(
      body.contains("(`autopilot`)") && body.contains("(`ledger`)"), "case variants share one issue: \(body)")
    #expect(
      body.contains(
        "\(WorkflowHarness.server)/\(WorkflowHarness.repository)/blob/\(head)/propositions/ledger.md"),
      "links are absolute: \(body)")
    let pat = try #require(
      try harness.issues().first { $0["title"] as? String == Self.prefix + #"Pat "PJ" Jones"# })
    #expect((pat["body"] as? String ?? "").contains("(`autopilot`)"))
    #expect(
      !(pat["body"] as? String ?? "").contains("(`ledger`)"), "another owner's proposition in Pat's issue")
    #expect(try harness.issues().first { $0["number"] as? Int == 5 }?["state"] as? String == "closed")
    #expect(harness.summary.contains("# Value propositions to review"))

    // A week later: the same issues are updated, none is added.
    try harness.clearCalls()
    #expect(try Self.runJob(harness, in: repo.path).status == 0)
    #expect(try harness.openIssueTitles() == expected)
    let calls = try harness.calls()
    #expect(calls.filter { $0 == "POST repos/acme/product/issues" }.isEmpty, "\(calls)")
    #expect(try harness.calls().filter { $0.hasPrefix("PATCH repos/acme/product/issues/") }.count == 4)
  }

  @Test func aShallowCloneFailsTheJobAndClosesNothing() throws {
    let harness = try WorkflowHarness(state: ["issues": [Self.issue(5, owner: "@finance-pm")]])
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/a.md": Self.proposition("A", owners: ["'@finance-pm'"])])
    try repo.commit("Fresh", files: ["propositions/b.md": Self.proposition("B", owners: ["'@ops'"])])
    let clone = try TemporaryFolder()
    try git(["clone", "-q", "--depth", "1", "file://" + repo.path, clone.path + "/c"], in: clone.path)
    let result = try Self.runJob(harness, in: clone.path + "/c")
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.contains("::error::"), "\(result)")
    #expect(try harness.openIssueTitles() == [Self.prefix + "@finance-pm"])
    let calls = try harness.calls()
    #expect(calls.isEmpty, "no issue may be touched: \(calls)")
    #expect(harness.summary.contains("no issue was opened, updated or closed"))
  }

  @Test func aBadConfigFailsTheJobAndClosesNothing() throws {
    let harness = try WorkflowHarness(state: ["issues": [Self.issue(5, owner: "@finance-pm")]])
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        ".valprop.yml": "directory: propositions\nreveiw-every: 30d\n",
        "propositions/a.md": Self.proposition("A", owners: ["'@ops'"]),
      ])
    let result = try Self.runJob(harness, in: repo.path)
    #expect(result.status == 2, "\(result)")
    #expect(try harness.openIssueTitles() == [Self.prefix + "@finance-pm"])
    let calls = try harness.calls()
    #expect(calls.isEmpty, "\(calls)")
  }

  @Test func nothingStaleClosesTheOldIssues() throws {
    let harness = try WorkflowHarness(state: ["issues": [Self.issue(5, owner: "@Finance-PM")]])
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: ["propositions/a.md": Self.proposition("A", owners: ["'@finance-pm'"], reviewed: Day.today)])
    let result = try Self.runJob(harness, in: repo.path)
    #expect(result.status == 0, "\(result)")
    #expect(try harness.openIssueTitles().isEmpty)
    #expect(try harness.commentBodies().contains { $0.hasPrefix("Nothing left to review") })
    #expect(harness.summary.contains("Nothing is stale or due soon."))
  }

  @Test func everythingReviewedClosesTheIssues() throws {
    let harness = try WorkflowHarness()
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        "propositions/a.md": Self.proposition("A", owners: ["'@finance-pm'"]),
        "propositions/b.md": Self.proposition("B", owners: ["'@ops'"]),
      ])
    #expect(try Self.runJob(harness, in: repo.path).status == 0)
    #expect(try harness.openIssueTitles() == [Self.prefix + "@finance-pm", Self.prefix + "@ops"])
    for id in ["a", "b"] {
      let review = try valprop(["review", id, "-m", "Re-checked"], in: repo.path)
      #expect(review.status == 0, "\(review)")
    }
    #expect(try Self.runJob(harness, in: repo.path).status == 0)
    #expect(try harness.openIssueTitles().isEmpty)
  }

  @Test func oneOwnersFailureDoesNotStopTheOthers() throws {
    let harness = try WorkflowHarness(state: [
      "fail": [["match": "POST repos/acme/product/issues", "status": 502, "times": 1]]
    ])
    let repo = try GitFixture()
    try repo.commit(
      "Start",
      files: [
        "propositions/a.md": Self.proposition("A", owners: ["'@ana'"]),
        "propositions/b.md": Self.proposition("B", owners: ["'@bo'"]),
        "propositions/c.md": Self.proposition("C", owners: ["'@cy'"]),
      ])
    let result = try Self.runJob(harness, in: repo.path)
    #expect(result.status == 3, "the job fails at the end: \(result)")
    #expect(try harness.openIssueTitles() == [Self.prefix + "@bo", Self.prefix + "@cy"])
  }

  @Test func aFailedListingOpensAndClosesNothing() throws {
    let harness = try WorkflowHarness(state: [
      "issues": [Self.issue(5, owner: "@gone")],
      "fail": [["match": "GET repos/acme/product/issues?", "status": 502, "times": 1]],
    ])
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/a.md": Self.proposition("A", owners: ["'@ana'"])])
    let result = try Self.runJob(harness, in: repo.path)
    #expect(result.status == 3, "\(result)")
    #expect(try harness.openIssueTitles() == [Self.prefix + "@gone"], "nothing opened, nothing closed")
  }

  @Test func gitLabTellsStaleFromBroken() throws {
    let harness = try WorkflowHarness()
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/a.md": Self.proposition("A", owners: ["'@ana'"])])
    let gitLab = [
      "GITHUB_ACTIONS": "", "GITHUB_REPOSITORY": "", "CI_PROJECT_URL": "https://gitlab.example/acme/product",
      "VALPROP_FAIL_ON_STALE": "true", "VALPROP_REPORT": harness.scratch.path + "/report.md",
    ]
    let stale = try harness.run("stale.sh", in: repo.path, environment: gitLab)
    #expect(stale.status == 1, "stale found is exit 1 (allowed to fail): \(stale)")
    let report = harness.scratch.read("report.md") ?? ""
    #expect(report.contains("https://gitlab.example/acme/product/-/blob/"), "\(report)")
    #expect(try harness.calls().isEmpty, "GitLab's job opens no GitHub issue")

    try repo.commit("Break", files: [".valprop.yml": "unknown-key: 1\n"])
    let broken = try harness.run("stale.sh", in: repo.path, environment: gitLab)
    #expect(broken.status == 2, "broken is exit 2 (fails the job): \(broken)")
  }

  /// GitLab's scheduled jobs carry valprop's caches from one run to the next with
  /// keep-caches.sh: `save` after a run copies the cache files (not the report) out of the git
  /// folder, and `restore` in the next run's fresh clone puts them back byte for byte, where
  /// the report reads them and writes the same site.
  @Test func theCachesCarryOverToTheNextRunsClone() throws {
    let harness = try WorkflowHarness()
    let repo = try GitFixture()
    try repo.commit("Start", files: ["propositions/a.md": Self.proposition("A", owners: ["'@ana'"])])
    try repo.commit(
      "Sharpen", files: ["propositions/a.md": Self.proposition("A sharper", owners: ["'@ana'"])])
    #expect(try valprop(["report", "--as-of", "2026-12-01"], in: repo.path).status == 0)
    let caches = repo.path + "/.git/valprop"
    let written = try FileManager.default.contentsOfDirectory(atPath: caches).filter {
      $0.hasSuffix(".cache")
    }.sorted()
    #expect(written.contains("markdown.cache") && written.contains("scores.cache"), "\(written)")

    let saved = try harness.run(
      "keep-caches.sh", ["save"], in: repo.path, environment: ["GITHUB_ACTIONS": ""])
    #expect(saved.status == 0, "\(saved)")
    let kept = repo.path + "/.valprop-cache/state"
    let carried = written.filter { $0 != "summaries.cache" }
    #expect(try FileManager.default.contentsOfDirectory(atPath: kept).sorted() == carried)

    // The next run: a new clone, the kept folder restored by the CI's cache.
    let next = try TemporaryFolder()
    let clone = try Self.nextRun(of: repo, keeping: kept, in: next)
    let restored = try harness.run(
      "keep-caches.sh", ["restore"], in: clone, environment: ["GITHUB_ACTIONS": ""])
    #expect(restored.status == 0, "\(restored)")
    for name in carried {
      #expect(
        FileManager.default.contents(atPath: clone + "/.git/valprop/" + name)
          == FileManager.default.contents(atPath: caches + "/" + name), "\(name)")
    }
    #expect(
      !FileManager.default.fileExists(atPath: clone + "/.git/valprop/report"), "the report is not carried")
    #expect(
      !FileManager.default.fileExists(atPath: clone + "/.git/valprop/summaries.cache"), "nor the summaries")
    // The clone's report believes the restored caches: every text is found in the Markdown
    // cache, which is then left as it was (a cache it ignored would be written anew).
    let restoredInode = try Self.inode(clone + "/.git/valprop/markdown.cache")
    #expect(try valprop(["report", "--as-of", "2026-12-01", "--output", "site"], in: clone).status == 0)
    #expect(try Self.inode(clone + "/.git/valprop/markdown.cache") == restoredInode)
    #expect(try valprop(["report", "--as-of", "2026-12-01", "--output", "site"], in: repo.path).status == 0)
    for page in ["index.html", "propositions/a.html"] {
      let here = FileManager.default.contents(atPath: clone + "/site/" + page)
      #expect(
        here != nil && here == FileManager.default.contents(atPath: repo.path + "/site/" + page), "\(page)")
    }

    // A run that failed before valprop wrote anything keeps the earlier copies.
    let failed = try TemporaryFolder()
    let empty = try Self.nextRun(of: repo, keeping: kept, in: failed)
    let savedEmpty = try harness.run(
      "keep-caches.sh", ["save"], in: empty, environment: ["GITHUB_ACTIONS": ""])
    #expect(savedEmpty.status == 0, "\(savedEmpty)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: empty + "/.valprop-cache/state").sorted() == carried
    )

    let wrong = try harness.run("keep-caches.sh", ["keep"], in: clone, environment: ["GITHUB_ACTIONS": ""])
    #expect(wrong.status == 2 && wrong.stderr.contains("usage: keep-caches.sh restore|save"), "\(wrong)")
  }

  /// A new clone of `repo` in `folder`, under the same folder name (the site names the
  /// workspace by it), with the `kept` caches where the CI's cache restores them.
  static func nextRun(of repo: GitFixture, keeping kept: String, in folder: TemporaryFolder) throws -> String
  {
    let clone = folder.path + "/" + (repo.path as NSString).lastPathComponent
    _ = try repo.git(["clone", "-q", repo.path, clone])
    try FileManager.default.createDirectory(
      atPath: clone + "/.valprop-cache", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: kept, toPath: clone + "/.valprop-cache/state")
    return clone
  }

  /// A file's inode: a file replaced atomically gets a new one.
  static func inode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
  }
}
