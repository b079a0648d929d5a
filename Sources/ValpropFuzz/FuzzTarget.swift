import Foundation
@_spi(Fuzzing) import GitKit
@_spi(Fuzzing) import ValpropCore

/// What a fuzz run feeds its bytes to, chosen with `VALPROP_FUZZ_TARGET`.
enum FuzzTarget: String, CaseIterable {
  /// The proposition parser, the lenient reader, the wording key and lint.
  case proposition
  /// Lint's fast path (prefilters, byte paths) must find what its reference path finds.
  case lint
  /// The `.valprop.yml` parser.
  case config
  /// The word diff: the bytes up to the first NUL are the old text, the rest the new.
  case worddiff
  /// The line diff's shortcut must answer as xdiff wherever it answers: the bytes up to the
  /// first NUL are the old lines, the rest the new, cut at spaces and line feeds.
  case linediff
  /// Front matter: the quick reader of plain YAML and Yams must read every input alike.
  case frontmatter
  /// A stored commit: GitKit's header reader must agree with libgit2's parser.
  case commit
  /// A stored tree: GitKit's listing reader must agree with libgit2's parser.
  case tree
  /// A pack delta: the bytes up to the first NUL are the base, the rest the delta.
  case delta

  /// The target the environment names; `proposition` by default.
  static let selected =
    FuzzTarget(rawValue: ProcessInfo.processInfo.environment["VALPROP_FUZZ_TARGET"] ?? "") ?? .proposition

  /// Feeds one input; any crash or failed check is a finding.
  func run(_ data: Data) {
    switch self {
    case .proposition:
      if let proposition = try? Proposition(id: "fuzz", path: "propositions/fuzz.md", data: data) {
        let linter = Linter(config: WorkspaceConfig())
        _ = linter.lint(proposition, asOf: CalendarDate(year: 2026, month: 11, day: 27)!)
        _ = FrontMatterEditor.set([("reviewed", "2026-11-27")], in: proposition)
      }
      let path = "propositions/fuzz.md"
      precondition(
        FuzzTarget.describe { try PropositionSummary(id: "fuzz", path: path, data: data) }
          == FuzzTarget.describe { PropositionSummary(try Proposition(id: "fuzz", path: path, data: data)) },
        "the quick summary differs from the full parse's")
      // What lint reads of the files it does not lint: the front matter, as a full parse reads it.
      precondition(
        FuzzTarget.describe {
          try Proposition.frontMatterOnly(id: "fuzz", path: path, data: data).frontMatter
        }
          == FuzzTarget.describe { try Proposition(id: "fuzz", path: path, data: data).frontMatter },
        "the front matter read alone differs from the full parse's")
      let lenient = Proposition.lenient(id: "fuzz", path: path, data: data)
      _ = lenient.wording
      _ = PropositionDiff(old: lenient, new: nil)
    case .lint:
      if let proposition = try? Proposition(id: "fuzz", path: "propositions/fuzz.md", data: data) {
        var config = WorkspaceConfig()
        config.lintJargon = ["Hydra", "ops team"]
        let linter = Linter(config: config)
        let day = CalendarDate(year: 2026, month: 11, day: 27)!
        let fast = linter.lint(proposition, asOf: day)
        let reference = linter.lintByReference(proposition, asOf: day)
        precondition(
          fast.findings == reference.findings && fast.scores == reference.scores,
          "lint's fast path finds other findings than its reference path")
      }
    case .config:
      _ = try? WorkspaceConfig(data: data)
    case .worddiff:
      let bytes = [UInt8](data)
      let split = bytes.firstIndex(of: 0) ?? bytes.count
      let old = String(decoding: bytes[..<split], as: UTF8.self)
      let new = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
      let tokens = WordDiff.diff(old, new)
      let oldSide = tokens.filter { $0.op != .insert }.map(\.text).joined()
      let newSide = tokens.filter { $0.op != .delete }.map(\.text).joined()
      precondition(oldSide == old && newSide == new, "the word diff does not reassemble its inputs")
    case .linediff:
      let bytes = [UInt8](data)
      let split = bytes.firstIndex(of: 0) ?? bytes.count
      let old = bytes[..<split].split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).map(Array.init)
      let new = bytes[min(split + 1, bytes.count)...].split(whereSeparator: { $0 == 0x20 || $0 == 0x0A })
        .map(Array.init)
      let forced = FuzzTarget.forcedHunks(old, new)
      if let forced, !old.isEmpty, !new.isEmpty {
        func buffer(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }
        precondition(
          forced == (try? LineDiff.hunks(lines: buffer(old), buffer(new))),
          "the line diff's shortcut answers otherwise than xdiff")
      }
    case .frontmatter:
      let yaml = String(decoding: data, as: UTF8.self)
      func read(quick: Bool) -> String {
        FuzzTarget.describe {
          let front = try FrontMatter(yaml: yaml, path: "p.md", firstLine: 2, quick: quick)
          return "\(front) \(front.keyLines.map { "\($0.key)@\($0.line)" }) \(front.values.map { "\($0)" })"
        }
      }
      let quick = read(quick: true)
      let yams = read(quick: false)
      precondition(quick == yams, "the quick YAML reader differs from Yams:\n\(quick)\n\(yams)")
    case .commit:
      if let problem = ParserProbe.commit(data) { preconditionFailure(problem) }
    case .tree:
      if let problem = ParserProbe.tree(data) { preconditionFailure(problem) }
    case .delta:
      if let problem = ParserProbe.delta(data) { preconditionFailure(problem) }
    }
  }

  /// A value or the error reading it, as text to compare.
  static func describe<Value>(_ read: () throws -> Value) -> String {
    do {
      return String(describing: try read())
    } catch {
      return "error: \(error)"
    }
  }

  /// `LineDiff.forcedHunks` of two sequences of lines, read from one buffer of their bytes.
  static func forcedHunks(_ old: [[UInt8]], _ new: [[UInt8]]) -> [DiffHunk]? {
    let bytes = (old + new).flatMap { $0 }
    var bounds: [Range<Int>] = []
    var position = 0
    for line in old + new {
      bounds.append(position..<position + line.count)
      position += line.count
    }
    return bytes.withUnsafeBytes { all in
      LineDiff.forcedHunks(
        oldCount: old.count, newCount: new.count,
        oldLine: { UnsafeRawBufferPointer(rebasing: all[bounds[$0]]) },
        newLine: { UnsafeRawBufferPointer(rebasing: all[bounds[old.count + $0]]) })
    }
  }
}
