import Foundation
import GitKit

/// A valprop workspace: a git repository, its `.valprop.yml` and its propositions folder.
/// Propositions are read from the work tree, or from HEAD in a bare repository.
public final class Workspace: Sendable {
  /// The repository.
  public let repository: Repository
  /// The absolute path of the work tree root; nil for a bare repository.
  public let root: String?
  /// The settings, from `.valprop.yml` or the defaults.
  public let config: WorkspaceConfig
  /// Where the current propositions are read from.
  public let source: PropositionSource
  /// Whether drifts are walked afresh without the drift cache: `VALPROP_DRIFT_WALK=reference`
  /// in the environment the workspace was opened with (the reference the cache is tested
  /// against, docs/performance.md).
  public let referenceDriftWalk: Bool
  /// The headers the history walk read, for drift (not used by the reference drift walk).
  public let commitHeaders = CommitHeaderShelf()
  /// The files the summaries read in this run, for the scores of `list --format json`.
  public let contents = ContentShelf()

  /// Opens the workspace of the repository that contains `path`. Throws
  /// `ValpropError.notARepository` outside any repository and `invalidConfig` for a bad config.
  /// `GIT_DIR` and `GIT_WORK_TREE` in `environment` choose the repository and its work tree
  /// as they do for git (relative paths from `path`).
  public init(at path: String, environment: [String: String] = [:]) throws {
    let repository: Repository
    func absolute(_ name: String) -> String? {
      guard let value = environment[name], !value.isEmpty else { return nil }
      return ((value.hasPrefix("/") ? value : path + "/" + value) as NSString).standardizingPath
    }
    do {
      guard
        let found = try Repository.locate(
          from: path, gitDirectory: absolute("GIT_DIR"), workTree: absolute("GIT_WORK_TREE"))
      else {
        if let gitDirectory = absolute("GIT_DIR") {
          throw ValpropError.notARepository(path: gitDirectory + " (GIT_DIR)")
        }
        throw ValpropError.notARepository(path: path)
      }
      repository = found
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
    self.repository = repository
    referenceDriftWalk = environment["VALPROP_DRIFT_WALK"] == "reference"
    root = repository.workingDirectory
    let source: PropositionSource
    if let root {
      source = WorkTreeSource(root: root)
    } else {
      source = try Workspace.headSource(repository)
    }
    let config: WorkspaceConfig
    if let data = try source.read(WorkspaceConfig.fileName) {
      config = try WorkspaceConfig(data: data)
    } else {
      config = WorkspaceConfig()
    }
    self.config = config
    if let root {
      self.source = WorkTreeSource(
        root: root, directorySetting: config.directorySetting, exclude: config.excludeRules)
    } else {
      self.source = source
    }
  }

  /// HEAD's tree, or an empty source when HEAD is unborn.
  private static func headSource(_ repository: Repository) throws -> PropositionSource {
    do {
      if let head = try repository.headCommit() {
        return GitTreeSource(tree: try head.tree(), label: "HEAD")
      }
      return EmptySource()
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The work tree root, or an error for a bare repository (for commands that write).
  public func writableRoot() throws -> String {
    guard let root else { throw ValpropError.bareRepository(path: repository.gitDirectory) }
    return root
  }

  /// The ids and files of the propositions folder; a missing folder is an error unless
  /// `requireFolder` is false.
  public func catalog(requireFolder: Bool = true) throws -> PropositionCatalog {
    try PropositionCatalog(
      source: source, directory: config.directory, requireFolder: requireFolder, exclude: config.excludeRules)
  }

  /// Reads every proposition. Files that cannot be read, links and duplicate ids do not stop
  /// the others: they come back as problems, each naming its file.
  public func loadAll() throws -> (propositions: [Proposition], problems: [ValpropError]) {
    try Workspace.loadAll(from: source, catalog: catalog(), adoption: config.adoption)
  }

  /// Reads every proposition of a catalog from a source, collecting problems.
  public static func loadAll(
    from source: PropositionSource, catalog: PropositionCatalog, adoption: Adoption = .none
  ) -> (propositions: [Proposition], problems: [ValpropError]) {
    readEach(catalog) { try load($0, from: source, adoption: adoption) }
  }

  /// Reads every entry of a catalog with `read`, collecting problems instead of stopping:
  /// each duplicated id once (naming all its files), and each file `read` fails on.
  static func readEach<Value>(
    _ catalog: PropositionCatalog, _ read: (PropositionCatalog.Entry) throws -> Value
  )
    -> ([Value], [ValpropError])
  {
    var values: [Value] = []
    // Room for every entry at once: grown by doubling, 650 summaries were ten buffers.
    values.reserveCapacity(catalog.entries.count)
    var problems: [ValpropError] = []
    let duplicated = Dictionary(uniqueKeysWithValues: catalog.duplicates.map { ($0.id, $0.paths) })
    var reported = Set<String>()
    for entry in catalog.entries {
      if let paths = duplicated[entry.id] {
        if reported.insert(entry.id).inserted { problems.append(.duplicateID(entry.id, paths: paths)) }
        continue
      }
      do {
        values.append(try read(entry))
      } catch let error as ValpropError {
        problems.append(error)
      } catch {
        problems.append(.fileSystem(path: entry.path, problem: "\(error)"))
      }
    }
    return (values, problems)
  }

  /// Reads the proposition with an id from the work tree (or HEAD when bare).
  public func proposition(_ id: String) throws -> Proposition {
    try Workspace.load(catalog(requireFolder: false).entry(for: id), from: source, adoption: config.adoption)
  }

  /// Reads one catalog entry.
  static func load(_ entry: PropositionCatalog.Entry, from source: PropositionSource, adoption: Adoption)
    throws -> Proposition
  {
    try Proposition(id: entry.id, path: entry.path, data: bytes(of: entry, from: source), adoption: adoption)
  }

  /// Reads one catalog entry's summary: what `load` gives, or the error it throws, without
  /// splitting the body into sections.
  static func loadSummary(
    _ entry: PropositionCatalog.Entry, from source: PropositionSource, adoption: Adoption = .none
  ) throws -> PropositionSummary {
    try PropositionSummary(
      id: entry.id, path: entry.path, data: bytes(of: entry, from: source), adoption: adoption)
  }

  /// The bytes of a catalog entry's file; an error for a link, a name that is not UTF-8 or
  /// a file gone.
  static func bytes(of entry: PropositionCatalog.Entry, from source: PropositionSource) throws -> Data {
    if entry.isSymlink {
      throw ValpropError.fileSystem(
        path: entry.path,
        problem: "is a symbolic link; valprop does not follow links in the propositions folder")
    }
    // Scalars, not Foundation's string search: this runs for every file of `list`.
    if entry.path.unicodeScalars.contains("\u{FFFD}") {
      throw ValpropError.fileSystem(
        path: entry.path, problem: "the file name is not valid UTF-8; rename the file (e.g. with git mv)")
    }
    guard let data = try source.read(entry.path) else {
      throw ValpropError.fileSystem(path: entry.path, problem: "disappeared while valprop read it")
    }
    return data
  }

  /// The commits of `.valprop-ignore-revs`; none when the file is absent.
  public func ignoreRevs() throws -> IgnoreRevs {
    guard let data = try source.read(IgnoreRevs.fileName) else { return IgnoreRevs() }
    return try IgnoreRevs(text: String(decoding: data, as: UTF8.self))
  }

  /// The last change and last edit of each path, from one walk of history; paths that no
  /// commit holds are absent from the result.
  /// A cache of earlier walks (in the git directory) makes the next walk read only the
  /// commits it has not seen; `useCache: false` walks everything and leaves the cache alone.
  /// With `revisions` (every revision of these paths, from the report's walk), the answers
  /// the cache lacks are read from those revisions, and only the files they cannot settle
  /// are walked (`PropositionHistories.freshness`).
  /// With `savingBeside`, the cache is written on another thread in that group, which the
  /// caller waits for before it exits (`list` writes its rows meanwhile).
  public func histories(
    of paths: [String], useCache: Bool = true, revisions: PropositionHistories? = nil,
    savingBeside: DispatchGroup? = nil
  ) throws -> [String: FileHistory] {
    do {
      let ignoreRevs = try ignoreRevs()
      // The walker for what the revisions cannot answer, or for everything without them.
      func walk(_ paths: [String], known: [ObjectID: HistoryCache.Entry]) throws -> [String: FileHistory] {
        var derived: [String: FileHistory] = [:]
        var rest = paths
        if let revisions {
          (derived, rest) = try revisions.freshness(
            of: paths, repository: repository, ignoreRevs: ignoreRevs, adoption: config.adoption)
        }
        guard !rest.isEmpty else { return derived }
        var walker = HistoryWalker(
          repository: repository, ignoreRevs: ignoreRevs, known: known, adoption: config.adoption)
        walker.shelf = commitHeaders
        return derived.merging(try walker.histories(of: rest)) { _, walked in walked }
      }
      // A shallow clone's answers change when it is deepened: never cache them.
      // Nor write into a bare repository, which valprop only reads.
      guard useCache, !repository.isShallow, root != nil, let head = try repository.headCommit() else {
        return try walk(paths, known: [:])
      }
      // Nothing to answer: the cache is left as it is (in a workspace with no proposition yet,
      // every listing rewrote it with no answers).
      if paths.isEmpty { return [:] }
      let cache = HistoryCache(repository: repository, ignoreRevs: ignoreRevs, adoption: config.adoption)
      let previous = cache.load()
      var known = Dictionary(previous.map { ($0.commit, $0) }, uniquingKeysWith: { first, _ in first })
      let wanted = Set(paths)
      let atHead = known[head.id]?.answers ?? [:]
      // In the listing's order, which is usually sorted already, not the set's.
      var missing = (wanted.count == paths.count ? paths : Array(wanted)).filter { atHead[$0] == nil }
        .sortedAsStrings()
      if !atHead.isEmpty {
        // Paths the cache lacks at HEAD: uncommitted ones need no walk, committed ones do.
        // (Without answers at HEAD, the walk looks every path up itself.)
        let headTree = try head.tree()
        missing = try missing.filter { try headTree.entry(atPath: $0) != nil }
        if missing.isEmpty {
          return atHead.filter { wanted.contains($0.key) }
        }
      }
      known[head.id] = nil
      // After a commit, the paths it left as they were keep the parent's answers; only the
      // rest are walked (OneCommitStep).
      var carried: [String: FileHistory] = [:]
      if atHead.isEmpty, revisions == nil,
        let step = try OneCommitStep.carried(
          missing, head: head.id, repository: repository, known: known, ignoreRevs: ignoreRevs)
      {
        (carried, missing) = step
      }
      let walked = try walk(missing, known: known)
      // Merged once (twice was a tenth of the walk after a commit), and only when HEAD had
      // answers or carried some: after a commit the walk answers every path it was given.
      var merged = atHead.isEmpty ? carried : atHead
      if merged.isEmpty {
        merged = walked
      } else {
        for (path, answer) in walked { merged[path] = answer }
      }
      let answers = merged
      if let savingBeside {
        let commit = head.id
        DispatchQueue.global().async(group: savingBeside) {
          cache.save(commit: commit, answers: answers, previous: previous, order: paths)
        }
      } else {
        cache.save(commit: head.id, answers: answers, previous: previous, order: paths)
      }
      return answers.filter { wanted.contains($0.key) }
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The tree of a revision as a source, with the commit it resolved to.
  public func source(at revision: String) throws -> (source: GitTreeSource, commit: Commit) {
    do {
      let commit = try repository.resolveCommit(revision)
      return (GitTreeSource(tree: try commit.tree(), label: revision), commit)
    } catch let error as GitError {
      // An unborn HEAD: say so, not "revspec 'HEAD' not found".
      if (try? repository.headCommit()) == nil {
        throw ValpropError.unknownRevision(revision, detail: ValpropError.noCommitsYet)
      }
      throw ValpropError.unknownRevision(revision, detail: error.message)
    }
  }

  /// The proposition with an id as it was at a revision: found by its id in that revision's
  /// propositions folder (so a file moved to another folder is still found), else under the
  /// name it had then, following renames back from its current file.
  public func proposition(_ id: String, at revision: String) throws -> Proposition {
    guard let found = try find(id, at: revision) else {
      throw ValpropError.unknownProposition(id, directory: config.directory, revision: revision)
    }
    return found
  }

  /// Like `proposition(_:at:)`, but nil when the proposition did not exist at the revision.
  /// `lenient` reads a file valprop would reject today as plain text (for diffs of history);
  /// otherwise such a file is an error that names the revision.
  public func find(_ id: String, at revision: String, lenient: Bool = false) throws -> Proposition? {
    func parse(_ entryID: String, _ path: String, _ data: Data) throws -> Proposition {
      if lenient { return Proposition.lenient(id: entryID, path: path, data: data) }
      do {
        return try Proposition(id: entryID, path: path, data: data, adoption: config.adoption)
      } catch ValpropError.invalidProposition(let location, let problem, let hint) {
        throw ValpropError.invalidProposition(location, problem: "\(problem) (at \(revision))", hint: hint)
      }
    }
    let (tree, commit) = try source(at: revision)
    let catalog = try PropositionCatalog(
      source: tree, directory: config.directory, exclude: config.excludeRules)
    if !catalog.entries(for: id).isEmpty {
      let entry = try catalog.entry(for: id, revision: revision)
      guard let data = try tree.read(entry.path) else { return nil }
      return try parse(id, entry.path, data)
    }
    // Another name then: follow the current file's renames back to the revision.
    guard let current = try currentPath(of: id) else { return nil }
    do {
      let log = try PropositionLog(repository: repository, path: current, id: id)
      var path = current
      for entry in log.entries where entry.change == .renamed {
        if try repository.isAncestor(entry.stamp.commit, of: commit.id) { break }
        path = entry.oldPath ?? path
      }
      guard let data = try tree.read(path) else { return nil }
      return try parse(id, path, data)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The error for an id no proposition has, with the nearest ids as "did you mean": those
  /// of the work tree (HEAD's in a bare repository) and any `alsoKnown` (ids of a revision,
  /// or of history).
  public func unknownProposition(_ id: String, revision: String? = nil, alsoKnown: [String] = [])
    -> ValpropError
  {
    let ids = ((try? catalog(requireFolder: false).entries.map(\.id)) ?? []) + alsoKnown
    return .unknownProposition(
      id, directory: config.directory, revision: revision, nearest: Suggestions.nearest(to: id, in: ids))
  }

  /// Where a proposition gone from the work tree and HEAD last lived in HEAD's history, and
  /// the ids history holds (for suggestions when it never lived anywhere).
  public func pastPropositions(_ id: String) throws -> PastPropositions {
    do {
      return try PastPropositions(
        repository: repository, directory: config.directory, id: id, exclude: config.excludeRules)
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The path of a proposition now: in the work tree, else at HEAD; nil when neither has it.
  public func currentPath(of id: String) throws -> String? {
    if let entry = try catalog(requireFolder: false).entries(for: id).first { return entry.path }
    guard root != nil, let head = try? repository.headCommit() else { return nil }
    let tree = GitTreeSource(tree: try head.tree(), label: "HEAD")
    return try PropositionCatalog(source: tree, directory: config.directory, exclude: config.excludeRules)
      .entries(for: id).first?.path
  }
}

/// A source with no files: the HEAD of a bare repository without commits.
struct EmptySource: PropositionSource {
  var label: String { "HEAD" }
  func read(_ path: String) throws -> Data? { nil }
  func markdownFiles(under directory: String) throws -> [ListedFile] { [] }
}
