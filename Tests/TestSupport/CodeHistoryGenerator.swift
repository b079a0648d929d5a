import Foundation

/// Builds a deterministic repository with `git fast-import` whose history changes code
/// folders beside a propositions folder: side branches forked from old commits and merged
/// back (taking each differing file from either side), evil merges that change files
/// neither side changed, merges of commits the main line already holds, a code folder
/// renamed, binary files, and a few committer clocks that run backwards. Drift tests check
/// valprop's answers against `git log` on it.
public struct CodeHistoryGenerator {
  /// How many commits to make on the main line (branch commits come on top).
  public let commits: Int
  /// The seed of the random choices.
  public let seed: UInt64

  /// Creates a generator.
  public init(commits: Int, seed: UInt64 = 1) {
    self.commits = commits
    self.seed = seed
  }

  /// Writes the history into the (empty) repository and checks out `main`; returns the ids
  /// of every commit made, in the order made.
  public func generate(into fixture: GitFixture) throws -> [String] {
    var random = SplitMix(seed: seed)
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    var stream = ""
    var mark = 0
    var time: Int64 = 1_700_000_000
    var snapshots: [Int: [String: String]] = [:]
    var ledgerFolder = "src/ledger"
    let files: [String: String] = [
      "src/billing/a.swift": "let a = 1\n", "src/billing/b.swift": "let b = 1\nlet c = 2\n",
      "src/billing/sub/c.swift": "struct C {}\n", "src/ledger/x.swift": "let x = 0\n",
      "src/ledger/y.txt": "notes\n", "src/ui/view.swift": "view\n", "docs/guide.md": "# Guide\n",
      "config/plans.yml": "plans: []\n", "bin/blob.bin": "\u{0}\u{1}binary\n", "README.md": "readme\n",
      "propositions/billing.md": "---\ntitle: Billing\n---\n# Billing\n\nFast billing.\n",
    ]
    func codePaths(_ snapshot: [String: String]) -> [String] {
      snapshot.keys.filter { !$0.hasPrefix("propositions/") }.sorted()
    }
    func mutate(_ snapshot: inout [String: String], label: String) {
      let count = 1 + Int(random.next() % 3)
      for _ in 0..<count {
        let paths = codePaths(snapshot)
        switch random.next() % 10 {
        case 0:
          // A new file in one of the folders.
          let folder = pick(["src/billing", "src/billing/sub", ledgerFolder, "src/ui", "docs", "config"])
          snapshot["\(folder)/f\(random.next() % 50).swift"] = "new \(label)\n"
        case 1 where paths.count > 6:
          snapshot[pick(paths)] = nil
        case 2:
          let path = pick(paths)
          if path.hasSuffix(".bin") {
            snapshot[path] = "\u{0}bin \(label)\n"
          } else {
            snapshot[path] = (snapshot[path] ?? "") + "line \(label)\n"
          }
        default:
          // Rewrite some lines of a text file.
          let path = pick(paths)
          var lines = (snapshot[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
          if lines.last == "" { lines.removeLast() }
          if lines.isEmpty { lines = ["start"] }
          let index = Int(random.next() % UInt64(lines.count))
          lines[index] = "changed \(label)"
          if chance(50) {
            lines.insert("inserted \(label)", at: Int(random.next() % UInt64(lines.count + 1)))
          }
          snapshot[path] = lines.joined(separator: "\n") + "\n"
        }
      }
    }
    func commit(_ snapshot: [String: String], subject: String, from: Int?, merge: Int? = nil, branch: String)
      -> Int
    {
      mark += 1
      // Now and then a clock that runs backwards.
      time += chance(4) ? -Int64(random.next() % 7200) : Int64(60 + random.next() % 3600)
      stream += "commit refs/heads/\(branch)\nmark :\(mark)\n"
      stream += "author Ana Author <ana@example.com> \(time) +0000\n"
      stream += "committer Cy Committer <cy@example.com> \(time) +0000\n"
      stream += "data \(subject.utf8.count)\n\(subject)\n"
      if let from { stream += "from :\(from)\n" }
      if let merge { stream += "merge :\(merge)\n" }
      stream += "deleteall\n"
      for (path, content) in snapshot.sorted(by: { $0.key < $1.key }) {
        stream += "M 100644 inline \(path)\ndata \(content.utf8.count)\n\(content)\n"
      }
      stream += "\n"
      snapshots[mark] = snapshot
      return mark
    }
    var mainTip = commit(files, subject: "start", from: nil, branch: "main")
    var mainLine = [mainTip]
    var branches = 0
    var step = 0
    while step < commits {
      step += 1
      if step == commits / 2 {
        // The ledger folder moves: a pathspec does not follow it.
        var snapshot = snapshots[mainTip]!
        for path in snapshot.keys where path.hasPrefix("src/ledger/") {
          snapshot["src/books/" + path.dropFirst("src/ledger/".count)] = snapshot[path]
          snapshot[path] = nil
        }
        ledgerFolder = "src/books"
        mainTip = commit(snapshot, subject: "move the ledger", from: mainTip, branch: "main")
        mainLine.append(mainTip)
        continue
      }
      if step % 7 == 0 {
        // A side branch forked from a recent or an old commit of the main line.
        branches += 1
        let name = "side\(branches)"
        let fork = chance(30) ? pick(mainLine) : mainLine[max(0, mainLine.count - 1 - Int(random.next() % 4))]
        var sideTip = fork
        var sideSnapshot = snapshots[fork]!
        for number in 0..<(1 + Int(random.next() % 3)) {
          mutate(&sideSnapshot, label: "\(name)-\(number)")
          sideTip = commit(sideSnapshot, subject: "\(name) work \(number)", from: sideTip, branch: name)
        }
        if chance(20) {
          // A branch that puts everything back as it was.
          sideTip = commit(snapshots[fork]!, subject: "\(name) revert", from: sideTip, branch: name)
          sideSnapshot = snapshots[fork]!
        }
        // The merge takes each differing file from one side or the other.
        var merged = snapshots[mainTip]!
        for path in Set(merged.keys).union(sideSnapshot.keys).sorted()
        where merged[path] != sideSnapshot[path] {
          if chance(60) { merged[path] = sideSnapshot[path] }
        }
        var subject = "merge \(name)"
        if chance(25) {
          mutate(&merged, label: "evil-\(name)")
          subject = "evil merge \(name)"
        }
        mainTip = commit(merged, subject: subject, from: mainTip, merge: sideTip, branch: "main")
        mainLine.append(mainTip)
        continue
      }
      if step % 11 == 0, mainLine.count > 3 {
        // Merging an old commit of the main line again, keeping the main line's tree.
        mainTip = commit(
          snapshots[mainTip]!, subject: "merge old", from: mainTip, merge: pick(mainLine.dropLast()),
          branch: "main")
        mainLine.append(mainTip)
        continue
      }
      var snapshot = snapshots[mainTip]!
      if chance(10) {
        snapshot["propositions/billing.md"] = (snapshot["propositions/billing.md"] ?? "") + "More \(step).\n"
      } else {
        mutate(&snapshot, label: "main-\(step)")
      }
      mainTip = commit(snapshot, subject: "work \(step)", from: mainTip, branch: "main")
      mainLine.append(mainTip)
    }
    let result = try Shell.run(
      Shell.which("git"), ["fast-import", "--quiet", "--export-marks=.git/generated-marks"], in: fixture.path,
      environment: GitFixture.environment, input: Data(stream.utf8))
    guard result.status == 0 else { throw FixtureError(message: "fast-import failed: \(result)") }
    try fixture.git(["checkout", "-q", "-f", "main"])
    let exported = fixture.folder.read(".git/generated-marks") ?? ""
    var ids: [Int: String] = [:]
    for line in exported.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let number = Int(parts[0].dropFirst()) { ids[number] = String(parts[1]) }
    }
    return (1...mark).compactMap { ids[$0] }
  }
}
