import Foundation

/// Builds a deterministic repository with `git fast-import`: propositions edited, re-worded
/// cosmetically, renamed and merged, with every commit's subject saying what it did to which
/// file, so tests can check valprop's history against git's own answers and the known edits.
///
/// Subjects: `add <key>`, `edit <key>`, `meta <key>`, `reflow <key>`, `space <key>`,
/// `rename <key>`, `renedit <key>`, `ignored <key>` (an edit listed in ignore-revs by the
/// test), `merge`, and `evil <key>` (a merge that edits a file neither side touched).
public struct HistoryGenerator {
  /// One proposition's state while generating.
  struct FileState {
    var path: String
    var words: [String]
    var width: Int
    var owner: Int
    var trailingSpace: Bool

    func render(title: String) -> String {
      var lines: [String] = []
      var line = ""
      for word in words {
        if !line.isEmpty && line.count + word.count + 1 > width {
          lines.append(line)
          line = ""
        }
        line += line.isEmpty ? word : " " + word
      }
      if !line.isEmpty { lines.append(line) }
      let paragraph = lines.map { trailingSpace ? $0 + "  " : $0 }.joined(separator: "\n")
      return """
        ---
        title: \(title)
        owner: "@team-\(owner)"
        ---
        # \(title)

        ## Problem
        \(paragraph)

        ## Key benefits
        - Saves \(words.count) hours per week

        """
    }
  }

  /// How many propositions and commits to make.
  public let files: Int
  /// How many commits on the main line (side-branch commits and merges come on top).
  public let commits: Int
  /// The seed of the random choices.
  public let seed: UInt64

  /// Creates a generator.
  public init(files: Int, commits: Int, seed: UInt64 = 1) {
    self.files = files
    self.commits = commits
    self.seed = seed
  }

  /// Writes the history into the (empty) repository at `path` and checks out `main`.
  public func generate(into fixture: GitFixture) throws {
    var random = SplitMix(seed: seed)
    var stream = ""
    var mark = 0
    var time: Int64 = 1_700_000_000
    var states: [String: FileState] = [:]  // key -> state
    var keysByBranchUse: [String] = []
    let vocabulary = [
      "finance", "teams", "close", "books", "faster", "manual", "reconciliation", "costs", "hours", "errors",
      "month", "end", "audit", "ledger", "sync", "customers", "invoices", "cash", "forecast", "controllers",
    ]
    func word() -> String { vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    func commit(
      branch: String, subject: String, changes: [(path: String, content: String?)], merge: Int? = nil,
      from: Int? = nil
    ) -> Int {
      mark += 1
      time += Int64(60 + random.next() % 3600)
      let offset = pick(["+0000", "+0200", "-0500", "+0530"])
      let authorTime = time - Int64(random.next() % 86_400)  // authors write before committing
      stream += "commit refs/heads/\(branch)\nmark :\(mark)\n"
      stream += "author Ana Author <ana@example.com> \(authorTime) \(offset)\n"
      stream += "committer Cy Committer <cy@example.com> \(time) +0000\n"
      stream += "data \(subject.utf8.count)\n\(subject)\n"
      if let from { stream += "from :\(from)\n" }
      if let merge { stream += "merge :\(merge)\n" }
      for change in changes {
        if let content = change.content {
          stream += "M 100644 inline \(change.path)\ndata \(content.utf8.count)\n\(content)\n"
        } else {
          stream += "D \(change.path)\n"
        }
      }
      stream += "\n"
      return mark
    }

    // The first commit adds every file.
    var initial: [(path: String, content: String?)] = []
    for number in 0..<files {
      let key = "p\(number)"
      let folder = number % 3 == 0 ? "propositions/team-\(number % 5)" : "propositions"
      let state = FileState(
        path: "\(folder)/\(key).md", words: (0..<(8 + number % 20)).map { _ in word() },
        width: 20 + number % 40, owner: number % 7, trailingSpace: false)
      states[key] = state
      initial.append((state.path, state.render(title: key)))
      keysByBranchUse.append(key)
    }
    var mainTip = commit(branch: "main", subject: "add all", changes: initial)
    var renameCounter = 0

    /// Applies one random operation to a file; returns the subject and the changes.
    func operate(_ key: String) -> (String, [(path: String, content: String?)]) {
      var state = states[key]!
      let oldPath = state.path
      let kind = pick(["edit", "edit", "edit", "meta", "reflow", "space", "rename", "renedit", "ignored"])
      switch kind {
      case "edit", "ignored", "renedit":
        state.words[Int(random.next() % UInt64(state.words.count))] = word() + "x\(random.next() % 1000)"
      case "meta": state.owner += 1
      case "reflow": state.width = state.width == 20 ? 60 : state.width - 7
      case "space": state.trailingSpace.toggle()
      default: break
      }
      if kind == "rename" || kind == "renedit" {
        renameCounter += 1
        let folder = pick(["propositions", "propositions/moved", "propositions/team-9"])
        state.path = "\(folder)/\(key)-r\(renameCounter).md"
      }
      states[key] = state
      var changes: [(path: String, content: String?)] = []
      if oldPath != state.path { changes.append((oldPath, nil)) }
      changes.append((state.path, state.render(title: key)))
      return ("\(kind) \(key)", changes)
    }

    var step = 0
    while step < commits {
      if step % 40 == 39 {
        // A side branch: its files are reserved until the merge, so no file changes on both sides.
        let reserved = Set((0..<3).map { _ in pick(keysByBranchUse) })
        let startPaths = Dictionary(uniqueKeysWithValues: reserved.map { ($0, states[$0]!.path) })
        var sideTip = mainTip
        for _ in 0..<(2 + Int(random.next() % 4)) {
          let (subject, changes) = operate(pick(Array(reserved).sorted()))
          sideTip = commit(branch: "side", subject: subject, changes: changes, from: sideTip)
        }
        for _ in 0..<(1 + Int(random.next() % 3)) {
          let key = pick(keysByBranchUse.filter { !reserved.contains($0) })
          let (subject, changes) = operate(key)
          mainTip = commit(branch: "main", subject: subject, changes: changes, from: mainTip)
        }
        // The merge's tree is the first parent's plus the side's files.
        var mergeChanges: [(path: String, content: String?)] = []
        var subject = "merge"
        for key in reserved.sorted() {
          // Files renamed on the side branch disappear under their old names.
          if startPaths[key] != states[key]!.path { mergeChanges.append((startPaths[key]!, nil)) }
          mergeChanges.append((states[key]!.path, states[key]!.render(title: key)))
        }
        if step % 120 == 119 {
          // An evil merge: it also edits a file neither side touched.
          let key = pick(keysByBranchUse.filter { !reserved.contains($0) })
          states[key]!.words[0] = "evil\(step)"
          mergeChanges.append((states[key]!.path, states[key]!.render(title: key)))
          subject = "evil \(key)"
        }
        mainTip = commit(
          branch: "main", subject: subject, changes: mergeChanges, merge: sideTip, from: mainTip)
        step += 1
        continue
      }
      let (subject, changes) = operate(pick(keysByBranchUse))
      mainTip = commit(branch: "main", subject: subject, changes: changes, from: mainTip)
      step += 1
    }
    let result = try Shell.run(
      Shell.which("git"), ["fast-import", "--quiet"], in: fixture.path, environment: GitFixture.environment,
      input: Data(stream.utf8))
    guard result.status == 0 else { throw FixtureError(message: "fast-import failed: \(result)") }
    try fixture.git(["checkout", "-q", "-f", "main"])
    try fixture.git(["branch", "-q", "-D", "side"])
  }
}

/// SplitMix64: a small deterministic random generator, so generated data repeats exactly.
public struct SplitMix: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
