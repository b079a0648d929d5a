import Foundation
import GitKit

/// Lints a workspace's propositions as `valprop lint` does: chooses where they are read
/// from (the work tree, HEAD's tree in a bare repository, or the index for `--staged`),
/// which of them are checked (ids, files staged apart from HEAD, files changed since a
/// revision), lints them, and adds the findings about links and `tracks:` that need every
/// proposition. A file that cannot be read is a finding, and the others are still linted.
public struct WorkspaceLint {
  /// What to lint.
  public struct Request: Sendable {
    /// The ids to check; every proposition when empty.
    public var ids: [String] = []
    /// Whether to check the versions staged in the index that differ from HEAD.
    public var staged = false
    /// The index file for `staged` (a pre-commit hook's `GIT_INDEX_FILE`, made absolute);
    /// the repository's own index when nil.
    public var indexFile: String?
    /// Only check propositions added, modified or renamed since this revision.
    public var changedSince: String?
    /// The day the age of evidence is judged on.
    public var asOf: CalendarDate

    /// A request to lint every proposition on a day.
    public init(
      ids: [String] = [], staged: Bool = false, indexFile: String? = nil, changedSince: String? = nil,
      asOf: CalendarDate
    ) {
      self.ids = ids
      self.staged = staged
      self.indexFile = indexFile
      self.changedSince = changedSince
      self.asOf = asOf
    }
  }

  /// The results, in the order the files were asked for (or listed), and whether some file
  /// could not be read at all (lint then could not do all of its job).
  public struct Outcome: Sendable {
    /// One result per file checked.
    public var results: [LintResult]
    /// Whether a file could not be read, or shares its id with another.
    public var unreadable: Bool
  }

  /// The workspace linted.
  public let workspace: Workspace

  /// A lint of a workspace.
  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// Lints what the request asks for.
  public func run(_ request: Request) throws -> Outcome {
    let linter = Linter(config: workspace.config)
    let source: PropositionSource =
      request.staged
      ? try IndexSource(repository: workspace.repository, file: request.indexFile) : workspace.source
    let catalog = try PropositionCatalog(
      source: source, directory: workspace.config.directory, exclude: workspace.config.excludeRules)
    let entries = try selected(request, catalog: catalog, source: source)
    let duplicates = Dictionary(uniqueKeysWithValues: catalog.duplicates.map { ($0.id, $0.paths) })
    // Each file's result, in the catalog's order: the lint of a proposition (by its place
    // in `parsed`, linted on every core below) or the finding of a file that failed.
    var slots: [Slot] = []
    var parsed: [Proposition] = []
    var unreadable = false
    let linted = Set(entries.map(\.path))
    var all: [String: Proposition] = [:]
    for entry in catalog.entries where duplicates[entry.id] == nil {
      do {
        guard let data = try source.read(entry.path) else { continue }
        // The others are read only for their links: their front matter is enough.
        let proposition =
          linted.contains(entry.path)
          ? try Proposition(id: entry.id, path: entry.path, data: data, adoption: workspace.config.adoption)
          : try Proposition.frontMatterOnly(
            id: entry.id, path: entry.path, data: data, adoption: workspace.config.adoption)
        all[entry.id] = proposition
        if linted.contains(entry.path) {
          slots.append(.lint(parsed.count))
          parsed.append(proposition)
        }
      } catch let error as ValpropError where linted.contains(entry.path) {
        if error.location != nil {
          slots.append(.made(linter.result(for: error, id: entry.id, path: entry.path)))
        } else {
          unreadable = true
          slots.append(
            .made(
              linter.unreadable(
                id: entry.id, path: entry.path, message: Self.message(error, path: entry.path))))
        }
      } catch is ValpropError {
        continue  // a file outside the ones asked for: only a link target, and unreadable
      }
    }
    let lintResults = linter.lintConcurrently(parsed, asOf: request.asOf)
    var results = slots.map { slot in
      switch slot {
      case .lint(let index): return lintResults[index]
      case .made(let result): return result
      }
    }
    for entry in entries {
      guard let paths = duplicates[entry.id] else { continue }
      unreadable = true
      results.append(
        linter.unreadable(
          id: entry.id, path: entry.path,
          message: Self.message(ValpropError.duplicateID(entry.id, paths: paths), path: entry.path)))
    }
    let order = Dictionary(entries.enumerated().map { ($1.path, $0) }) { first, _ in first }
    results.sort { (order[$0.path] ?? 0) < (order[$1.path] ?? 0) }
    results = linter.checkLinks(results, all: all)
    if all.values.contains(where: { !$0.frontMatter.tracks.isEmpty }),
      let head = try? workspace.repository.headCommit()
    {
      results = linter.checkTracks(results, all: all, files: try Self.files(of: head))
    }
    return Outcome(results: results, unreadable: unreadable)
  }

  /// One file's place in the results: a proposition to lint (its index among those parsed)
  /// or the result already made for a file that failed.
  private enum Slot {
    case lint(Int)
    case made(LintResult)
  }

  /// The catalog entries the request selects: the ids asked for (else all), narrowed to the
  /// files staged apart from HEAD, and to those changed since a revision.
  func selected(_ request: Request, catalog: PropositionCatalog, source: PropositionSource) throws
    -> [PropositionCatalog.Entry]
  {
    var entries = catalog.entries
    if !request.ids.isEmpty {
      entries = try request.ids.map { try catalog.entry(for: $0) }
    }
    if request.staged {
      let head = try? workspace.repository.headCommit()?.tree()
      entries = try entries.filter { entry in
        let stagedEntry = (source as? IndexSource)?.entries[entry.path]
        let committed = try head?.entry(atPath: entry.path)
        return committed?.id != stagedEntry?.id
      }
    }
    if let changedSince = request.changedSince {
      let (base, _) = try workspace.source(at: changedSince)
      let changed = Set(
        try PropositionChange.between(base: base, head: source, directory: workspace.config.directory)
          .filter { $0.change != .deleted }.map(\.path))
      entries = entries.filter { changed.contains($0.path) }
    }
    return entries
  }

  /// Every file path of a commit's tree, from the repository root.
  public static func files(of commit: Commit) throws -> [String] {
    do {
      return try commit.repository.changes(from: nil, to: commit.tree(), detectRenames: false).map(\.newPath)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// An error as one line of a finding about `path`: what is wrong, then what to do.
  static func message(_ error: ValpropError, path: String) -> String {
    let problem: String
    switch error {
    case .fileSystem(path, let detail): problem = detail
    case .fileExists(path): problem = "already exists"
    default: problem = error.problem
    }
    return problem + (error.hint.map { "; \($0)" } ?? "")
  }
}
