import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// `valprop list`: one row per proposition, filters, adoption of plain Markdown, and a named
/// error for every file it cannot read.
@Suite struct ListTests {
  /// A workspace with the full sample and the draft sample.
  static func twoPropositions(config: String? = nil) throws -> GitFixture {
    var files = [
      "propositions/reconciliation-autopilot.md": Samples.core,
      "propositions/pricing/pricing-promise.md": draftSample,
    ]
    if let config { files[".valprop.yml"] = config }
    return try repository(files)
  }

  @Test func textShowsOneAlignedRowPerProposition() throws {
    let repo = try Self.twoPropositions()

    let result = try valprop(["list"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(!result.stdout.contains("\u{1B}["), "colour without a terminal: \(result)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 3, "\(result)")
    // docs/commands.md: id, title, status, owner come first; the columns after them are for people.
    let rows = textRows(result.stdout)
    #expect(rows.first.map { Array($0.prefix(4)) } == ["ID", "TITLE", "STATUS", "OWNER"], "\(result)")
    #expect(
      rows.dropFirst().map { Array($0.prefix(4)) } == [
        ["pricing-promise", "Pricing promise", "draft", "@growth, @cfo"],
        ["reconciliation-autopilot", "Reconciliation autopilot", "active", "@finance-pm"],
      ], "\(result)")
    // Aligned: every cell starts where its column's header does.
    let header = String(try #require(lines.first))
    let headings = try #require(rows.first)
    var searchFrom = header.startIndex
    for (column, name) in headings.enumerated() {
      let range = try #require(header.range(of: name, range: searchFrom..<header.endIndex))
      searchFrom = range.upperBound
      let offset = header.distance(from: header.startIndex, to: range.lowerBound)
      for line in lines.dropFirst() {
        let cells = textRows(String(line)).first ?? []
        let cell = try #require(cells.count > column ? cells[column] : nil, "\(result)")
        #expect(line.dropFirst(offset).hasPrefix(cell), "\(name) not aligned: \(result)")
      }
    }
  }

  @Test
  func textKeepsEachPropositionOnOneLine() throws {
    let repo = try repository([
      "propositions/block.md": "---\ntitle: |\n  Reconciliation\n  autopilot\n---\n",
      "propositions/escaped.md": "---\ntitle: \"two\\nlines\"\nowner: \"@a\\n@b\"\n---\n",
      "propositions/plain.md": "# Plain\n",
    ])

    let result = try valprop(["list"], in: repo.path)

    // Whether valprop flattens such values or refuses the file, no row may be split.
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("ID ") == true, "\(result)")
    for line in lines.dropFirst() {
      #expect(
        ["block", "escaped", "plain"].contains(String(line.prefix(while: { $0 != " " }))),
        "split row: \(result)")
    }
    #expect(lines.contains { $0.hasPrefix("plain ") }, "\(result)")
  }

  @Test func jsonHasExactlyTheContractFields() throws {
    let repo = try Self.twoPropositions()

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let rows = try jsonObjects(result)
    #expect(rows.count == 2)
    // Every row has the fields read from the file; the history fields of docs/commands.md may come
    // with them, and nothing else may.
    let fields: Set<String> = [
      "id", "path", "title", "status", "framework", "owners", "tags", "lastReviewed", "reviewEvery",
    ]
    let historyFields: Set<String> = [
      "lastChanged", "lastEdited", "due", "state", "historyTruncated", "supersededBy",
    ]
    // The strength score, as lint gives it, with its six parts.
    let scoreFields: Set<String> = ["score", "scores"]
    // The code it tracks and how far that code drifted (null without `tracks:`).
    let driftFields: Set<String> = ["tracks", "drift", "driftUnknown", "drifted"]
    for row in rows {
      #expect(Set(row.keys).isSuperset(of: fields), "\(row)")
      #expect(
        Set(row.keys).isSubset(of: fields.union(historyFields).union(scoreFields).union(driftFields)),
        "\(row)")
      #expect(row["score"] is Int, "\(row)")
      let scores = try #require(row["scores"] as? [String: Int], "\(row)")
      #expect(
        scores.keys.sorted()
          == ["concise", "differentiated", "language", "outcomes", "specific", "validated"], "\(row)")
    }
    let byID = try listedByID(result)
    let full = try #require(byID["reconciliation-autopilot"])
    #expect(full["path"] as? String == "propositions/reconciliation-autopilot.md")
    #expect(full["title"] as? String == "Reconciliation autopilot")
    #expect(full["status"] as? String == "active")
    #expect(full["framework"] as? String == "core")
    #expect(full["owners"] as? [String] == ["@finance-pm"])
    #expect(full["tags"] as? [String] == ["finance", "erp"])
    #expect(full["lastReviewed"] as? String == "2026-09-01")
    #expect(full["reviewEvery"] as? String == "60d")
    let draft = try #require(byID["pricing-promise"])
    #expect(draft["path"] as? String == "propositions/pricing/pricing-promise.md")
    #expect(draft["status"] as? String == "draft")
    #expect(draft["framework"] as? String == "lean")
    #expect(draft["owners"] as? [String] == ["@growth", "@cfo"])
    #expect(draft["tags"] as? [String] == ["pricing"])
    #expect(draft["lastReviewed"] is NSNull, "\(draft)")
    #expect(draft["reviewEvery"] as? String == "90d")
  }

  @Test func reviewEveryFallsBackToTheConfiguredDefault() throws {
    let repo = try Self.twoPropositions(config: "review-every: 6m\n")

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let byID = try listedByID(result)
    #expect(byID["pricing-promise"]?["reviewEvery"] as? String == "6m")
    #expect(byID["reconciliation-autopilot"]?["reviewEvery"] as? String == "60d")
  }

  /// Filter options and the ids they must keep.
  struct Filter: Sendable, CustomTestStringConvertible {
    let options: [String]
    let ids: [String]
    var testDescription: String { options.joined(separator: " ") }
  }

  @Test(arguments: [
    Filter(options: ["--status", "active"], ids: ["reconciliation-autopilot"]),
    Filter(options: ["--status", "draft"], ids: ["pricing-promise"]),
    Filter(options: ["--status", "retired"], ids: []),
    Filter(options: ["--owner", "@finance-pm"], ids: ["reconciliation-autopilot"]),
    Filter(options: ["--owner", "@FINANCE-PM"], ids: ["reconciliation-autopilot"]),
    Filter(options: ["--owner", "@cfo"], ids: ["pricing-promise"]),
    Filter(options: ["--tag", "erp"], ids: ["reconciliation-autopilot"]),
    Filter(options: ["--tag", "Pricing"], ids: ["pricing-promise"]),
    Filter(options: ["--status", "active", "--tag", "pricing"], ids: []),
    Filter(
      options: ["--status", "active", "--owner", "@finance-pm", "--tag", "finance"],
      ids: ["reconciliation-autopilot"]),
  ])
  func filtersKeepOnlyMatchingPropositions(_ filter: Filter) throws {
    let repo = try Self.twoPropositions()

    let json = try valprop(["list", "--format", "json"] + filter.options, in: repo.path)
    let text = try valprop(["list"] + filter.options, in: repo.path)

    #expect(json.status == 0, "\(json)")
    #expect(try jsonObjects(json).compactMap { $0["id"] as? String } == filter.ids, "\(json)")
    #expect(text.status == 0, "\(text)")
    #expect(textRows(text.stdout).dropFirst().map { $0.first ?? "" } == filter.ids, "\(text)")
    if filter.ids.isEmpty {
      #expect(text.stderr.contains("No proposition matches"), "\(text)")
    }
  }

  @Test func aFileWithoutFrontMatterIsAdopted() throws {
    let text = "Notes from the 2019 offsite.\n\n# Self not sized by default\n\n## Problem\nBoxes overflow.\n"
    let repo = try repository(["propositions/legacy/0546-Self-not-sized-by-default.md": text])

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let row = try #require(try listedByID(result)["0546-Self-not-sized-by-default"], "\(result)")
    #expect(row["path"] as? String == "propositions/legacy/0546-Self-not-sized-by-default.md")
    #expect(row["title"] as? String == "Self not sized by default")
    #expect(row["status"] as? String == "active")
    #expect(row["framework"] as? String == "core")
    #expect(row["owners"] as? [String] == [])
    #expect(row["tags"] as? [String] == [])
    #expect(row["lastReviewed"] is NSNull)
    let show = try valprop(["show", "0546-Self-not-sized-by-default"], in: repo.path)
    #expect(show.status == 0, "\(show)")
    #expect(show.stdoutData == Data(text.utf8))
  }

  @Test func aFileWithNeitherFrontMatterNorHeadingIsTitledByItsID() throws {
    let repo = try repository(["propositions/plain-notes.md": "Just a paragraph.\n"])

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try listedByID(result)["plain-notes"]?["title"] as? String == "plain-notes")
  }

  @Test func findsPropositionsInNestedFolders() throws {
    let repo = try repository([
      "propositions/top.md": "# Top\n",
      "propositions/area/mid.md": "# Mid\n",
      "propositions/area/sub/deep/deep.md": "# Deep\n",
      "propositions/area/notes.txt": "not markdown\n",
      "propositions/.drafts/hidden.md": "# Hidden\n",
      "elsewhere/outside.md": "# Outside\n",
    ])

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    let paths = try jsonObjects(result).compactMap { $0["path"] as? String }
    #expect(
      Set(paths) == [
        "propositions/top.md", "propositions/area/mid.md", "propositions/area/sub/deep/deep.md",
      ],
      "\(result)")
    #expect(try listedByID(result)["deep"]?["title"] as? String == "Deep")
  }

  /// A repository with no propositions folder is not set up: exit 2 and say how to start
  /// (issue 17: a missing folder is never "all is well").
  @Test func anEmptyWorkspaceSaysHowToStart() throws {
    let repo = try GitFixture()

    let text = try valprop(["list"], in: repo.path)
    let json = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(text.status == 2, "\(text)")
    #expect(text.stdout.isEmpty, "\(text)")
    #expect(text.stderr.contains("hint: run 'valprop init'"), "\(text)")
    #expect(json.status == 2, "\(json)")
    #expect(json.stdout.isEmpty, "\(json)")
  }

  /// An initialised workspace with an empty folder says how to create the first proposition.
  @Test func anEmptyFolderSaysHowToStart() throws {
    let repo = try GitFixture()
    try valprop(["init"], in: repo.path)

    let text = try valprop(["list"], in: repo.path)
    let json = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(text.status == 0, "\(text)")
    #expect(text.stdout.isEmpty, "\(text)")
    #expect(text.stderr.contains("valprop new"), "\(text)")
    #expect(json.status == 0, "\(json)")
    #expect(try jsonObjects(json).isEmpty)
  }

  /// A file `list` cannot read: its bytes, the location its error must name (with the
  /// trailing colon, so `:3` does not match `:31`), and a word of the problem.
  struct BadFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let location: String
    let problem: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, location: String, problem: String) {
      self.init(name, bytes: Array(text.utf8), location: location, problem: problem)
    }

    init(_ name: String, bytes: [UInt8], location: String, problem: String) {
      self.name = name
      self.bytes = bytes
      self.location = location
      self.problem = problem
    }
  }

  @Test(arguments: [
    BadFile(
      "unclosed front matter", "---\ntitle: Open\nstatus: active\n\n# Open\n", location: "bad.md:1:",
      problem: "never closed"),
    BadFile(
      "broken YAML", "---\nstatus: active\ntitle: Ledger: sync\n---\n", location: "bad.md:3:",
      problem: "invalid YAML"),
    BadFile(
      "a list where text is expected", "---\nstatus: active\ntitle: [a, b]\n---\n", location: "bad.md:3:",
      problem: "'title' must be text"),
    BadFile(
      "unknown status", "---\ntitle: T\nstatus: shipped\n---\n", location: "bad.md:3:",
      problem: "unknown status 'shipped'"),
    BadFile(
      "unknown framework", "---\ntitle: T\n\nframework: swot\n---\n", location: "bad.md:4:",
      problem: "unknown framework 'swot'"),
    BadFile(
      "bad duration unit", "---\ntitle: T\nreview-every: 90x\n---\n", location: "bad.md:3:", problem: "90x"),
    BadFile(
      "negative duration", "---\ntitle: T\nreview-every: -3d\n---\n", location: "bad.md:3:", problem: "-3d"),
    BadFile(
      "impossible date", "---\ntitle: T\nstatus: active\nreviewed: 2026-02-30\n---\n", location: "bad.md:4:",
      problem: "2026-02-30"),
    BadFile(
      "not UTF-8", bytes: Array("---\ntitle: T\ntags: [caf".utf8) + [0xE9] + Array("]\n---\n".utf8),
      location: "bad.md:3:", problem: "UTF-8"),
    BadFile("empty", "", location: "bad.md:", problem: "empty"),
    BadFile("only white space", "\n  \n", location: "bad.md:", problem: "empty"),
    BadFile(
      "binary", bytes: Array("---\ntitle: T\n---\n".utf8) + [0x89, 0x50, 0x00, 0x00, 0x1A],
      location: "bad.md:4:",
      problem: "binary"),
  ])
  func aBadFileIsNamedAndTheGoodOnesStillPrint(_ bad: BadFile) throws {
    let repo = try repository(["propositions/good.md": Samples.core])
    try repo.folder.write("propositions/area/bad.md", Data(bad.bytes))
    let before = repo.folder.snapshot()

    let text = try valprop(["list"], in: repo.path)
    let json = try valprop(["list", "--format", "json"], in: repo.path)

    for result in [text, json] {
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("error: propositions/area/\(bad.location)"), "\(result)")
      #expect(result.stderr.contains(bad.problem), "\(result)")
      #expect(result.stderr.contains("hint:"), "\(result)")
    }
    #expect(textRows(text.stdout).dropFirst().map { $0.first ?? "" } == ["good"], "\(text)")
    #expect(try jsonObjects(json).compactMap { $0["id"] as? String } == ["good"], "\(json)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func twoFilesWithOneIDAreBothNamed() throws {
    let repo = try repository([
      "propositions/good.md": Samples.core,
      "propositions/emea/ledger.md": "# Ledger EMEA\n",
      "propositions/us/ledger.md": "# Ledger US\n",
    ])

    let text = try valprop(["list"], in: repo.path)
    let json = try valprop(["list", "--format", "json"], in: repo.path)

    for result in [text, json] {
      #expect(result.status == 2, "\(result)")
      #expect(result.stderr.contains("'ledger'"), "\(result)")
      #expect(result.stderr.contains("propositions/emea/ledger.md"), "\(result)")
      #expect(result.stderr.contains("propositions/us/ledger.md"), "\(result)")
    }
    #expect(textRows(text.stdout).dropFirst().map { $0.first ?? "" } == ["good"], "\(text)")
    #expect(try jsonObjects(json).compactMap { $0["id"] as? String } == ["good"], "\(json)")
  }

  @Test func severalBadFilesAreEachNamed() throws {
    let repo = try repository([
      "propositions/good.md": Samples.core,
      "propositions/a.md": "---\nstatus: shipped\n---\n",
      "propositions/b.md": "---\ntitle: open\n",
      "propositions/c.md": "",
    ])

    let result = try valprop(["list"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("propositions/a.md:2:"), "\(result)")
    #expect(result.stderr.contains("propositions/b.md:1:"), "\(result)")
    #expect(result.stderr.contains("propositions/c.md:"), "\(result)")
    #expect(result.stdout.contains("reconciliation-autopilot") == false)
    #expect(textRows(result.stdout).dropFirst().map { $0.first ?? "" } == ["good"], "\(result)")
  }

  @Test(arguments: [
    ("directory: propositions\nreview-evry: 30d\n", ".valprop.yml:2:", "review-evry"),
    ("lint:\n  jargon: [synergy]\n  disabled: []\n", ".valprop.yml:3:", "lint.disabled"),
  ])
  func aConfigWithAnUnknownKeyIsRefusedNamingKeyAndLine(_ config: String, _ location: String, _ key: String)
    throws
  {
    let repo = try repository([".valprop.yml": config, "propositions/good.md": Samples.core])

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("error: \(location)"), "\(result)")
    #expect(result.stderr.contains("unknown key '\(key)'"), "\(result)")
  }

  @Test func theConfiguredDirectoryIsHonoured() throws {
    let repo = try repository([
      ".valprop.yml": "directory: docs/vp\n",
      "docs/vp/ledger.md": "# Ledger\n",
      "propositions/ignored.md": "# Ignored\n",
    ])

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try jsonObjects(result).compactMap { $0["path"] as? String } == ["docs/vp/ledger.md"])
  }

  @Test func keysTheTeamAddedAreAcceptedAndLeftAlone() throws {
    let repo = try repository(["propositions/good.md": Samples.core])
    let before = repo.folder.snapshot()

    let result = try valprop(["list", "--format", "json"], in: repo.path)

    #expect(result.status == 0, "\(result)")
    #expect(try listedByID(result)["good"]?["title"] as? String == "Reconciliation autopilot")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  /// `list --format json` gives each proposition the score `lint` gives it on the same day,
  /// whether it lints the file (first run) or reads the score cache (second run).
  @Test func scoresAreLintsFromTheCacheOrNot() throws {
    let repo = try repository([
      "propositions/good.md": Samples.strongCore(), "propositions/weak.md": Samples.core,
    ])
    try repo.commit("add")
    let day = ["--as-of", "2026-11-27"]
    let lint = try valprop(["lint", "--format", "json"] + day, in: repo.path)
    let lintObject = try #require(try JSONSerialization.jsonObject(with: lint.stdoutData) as? [String: Any])
    let lintScores = try #require(lintObject["propositions"] as? [[String: Any]]).reduce(
      into: [String: Int]()
    ) {
      $0[$1["id"] as? String ?? ""] = $1["score"] as? Int
    }
    #expect(lintScores.count == 2, "\(lint)")
    var runs: [String] = []
    for _ in 0..<2 {
      let result = try valprop(["list", "--format", "json"] + day, in: repo.path)
      #expect(result.status == 0, "\(result)")
      for (id, row) in try listedByID(result) {
        #expect(row["score"] as? Int == lintScores[id], "\(id): \(row)")
      }
      runs.append(result.stdout)
    }
    #expect(runs[0] == runs[1], "the cached scores are the linted ones")
    #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/valprop/scores.cache"))
  }

  /// The scores are made beside the history walk, for the rows the filters keep: each kept
  /// row has the score `lint` gives its file, whichever rows the filter drops before it, and
  /// a bare clone (whose summaries are read through their own repository handle) gives the
  /// same rows and scores as the work tree.
  @Test func filteredAndBareListingsScoreEachRowsOwnFile() throws {
    let repo = try repository([
      "propositions/a-weak-draft.md": Samples.core.replacingOccurrences(
        of: "status: active", with: "status: draft"),
      "propositions/b-good.md": Samples.strongCore(), "propositions/c-weak.md": Samples.core,
      "propositions/d-good.md": Samples.strongCore(title: "Ledger sync"),
    ])
    try repo.commit("add")
    let day = ["--as-of", "2026-11-27"]
    let lint = try valprop(["lint", "--format", "json"] + day, in: repo.path)
    let lintObject = try #require(try JSONSerialization.jsonObject(with: lint.stdoutData) as? [String: Any])
    var lintScores: [String: Int] = [:]
    for entry in try #require(lintObject["propositions"] as? [[String: Any]]) {
      lintScores[entry["id"] as? String ?? ""] = entry["score"] as? Int
    }
    #expect(Set(lintScores.values).count > 1, "the samples must score apart: \(lintScores)")
    let active = try valprop(["list", "--status", "active", "--format", "json"] + day, in: repo.path)
    #expect(active.status == 0, "\(active)")
    let rows = try listedByID(active)
    #expect(Set(rows.keys) == ["b-good", "c-weak", "d-good"], "\(active)")
    for (id, row) in rows {
      #expect(row["score"] as? Int == lintScores[id], "\(id): \(row)")
    }

    let elsewhere = try GitFixture()
    _ = try elsewhere.git(["clone", "-q", "--bare", repo.path, "bare.git"])
    let fromBare = try valprop(["list", "--format", "json"] + day, in: elsewhere.path + "/bare.git")
    let fromTree = try valprop(["list", "--format", "json"] + day, in: repo.path)
    #expect(fromBare.status == 0, "\(fromBare)")
    #expect(fromBare.stdout == fromTree.stdout)
  }

  /// `list` has the history cache written on another thread while it writes the rows; text,
  /// JSON and an error all leave HEAD's answers in the cache. (That `list` waits for the
  /// write before it returns is not what this shows: on a repository this small the write
  /// ends first anyway.)
  @Test func listLeavesHeadsAnswersInTheHistoryCache() throws {
    let repo = try repository(["propositions/a.md": Samples.core, "propositions/b.md": Samples.strongCore()])
    try repo.commit("add")
    for arguments in [["list"], ["list", "--format", "json"], ["list", "--owner", "nobody"]] {
      try? FileManager.default.removeItem(atPath: repo.path + "/.git/valprop/history.cache")
      _ = try valprop(arguments, in: repo.path)
      let workspace = try Workspace(at: repo.path)
      let head = try #require(try workspace.repository.headCommit())
      let cache = HistoryCache(repository: workspace.repository, ignoreRevs: IgnoreRevs())
      #expect(cache.load().first?.commit == head.id, "\(arguments)")
    }
  }

  /// With no proposition there is no history to keep: `list`, its JSON and `stale` in such a
  /// workspace write no history cache, where each rewrote one with no answers.
  @Test func noPropositionWritesNoHistoryCache() throws {
    let repo = try repository([".valprop.yml": "directory: propositions\n", "propositions/.gitkeep": ""])
    try repo.commit("add")
    let cache = repo.path + "/.git/valprop/history.cache"
    for arguments in [["list"], ["list", "--format", "json"], ["stale"]] {
      let result = try valprop(arguments, in: repo.path)
      #expect(result.status == 0, "\(arguments): \(result)")
      #expect(!FileManager.default.fileExists(atPath: cache), "\(arguments) wrote \(cache)")
    }
    let listed = try valprop(["list", "--format", "json"], in: repo.path)
    #expect(try listedByID(listed).isEmpty, "\(listed)")
  }

  /// A repeated `list --format json` takes each file's blob id from the summary cache rather
  /// than reading and hashing every file. The file is read when its score is not cached, and
  /// scored only if its bytes still have that id: a cached id that no longer matches (an
  /// edit between the two reads) gives no score, and no score is kept under it.
  @Test func scoresKeyedByCachedIDsAreNeverKeptForOtherBytes() throws {
    let repo = try repository([
      "propositions/good.md": Samples.strongCore(), "propositions/weak.md": Samples.core,
    ])
    try repo.commit("add")
    // The summary cache keeps only files changed more than two seconds ago.
    Thread.sleep(forTimeInterval: 2.2)
    let day = ["--as-of", "2026-11-27"]
    let first = try valprop(["list", "--format", "json"] + day, in: repo.path)
    #expect(first.status == 0, "\(first)")
    let cache = SummaryCache(repository: try Workspace(at: repo.path).repository)
    var entries = cache.load()
    let weakID = try #require(entries["propositions/weak.md"]?.summary.contentID, "no id cached: \(entries)")
    #expect(
      weakID
        == ObjectID.blob(of: try Data(contentsOf: URL(fileURLWithPath: repo.path + "/propositions/weak.md"))))
    let second = try valprop(["list", "--format", "json"] + day, in: repo.path)
    #expect(second.stdout == first.stdout)

    let planted = ObjectID.blob(of: Data("other bytes".utf8))
    entries["propositions/weak.md"]?.summary.contentID = planted
    cache.save(entries)
    let third = try valprop(["list", "--format", "json"] + day, in: repo.path)
    #expect(third.status == 0, "\(third)")
    let rows = try listedByID(third)
    #expect(rows["weak"] != nil && rows["weak"]?["score"] == nil, "listed without a score: \(third)")
    #expect(rows["good"]?["score"] as? Int == (try listedByID(first))["good"]?["score"] as? Int)
    let scores = try String(contentsOfFile: repo.path + "/.git/valprop/scores.cache", encoding: .utf8)
    #expect(!scores.contains(planted.hex))
  }
}
