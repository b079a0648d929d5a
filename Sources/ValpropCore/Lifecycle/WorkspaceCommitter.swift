import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Commits valprop's own edits (a review, a lifecycle change) without disturbing anyone's
/// work: the files must have no uncommitted changes, the index must not be locked, and the
/// commit is built from HEAD's tree through libgit2, so other staged and unstaged changes stay
/// exactly as they were. HEAD moving meanwhile makes the commit fail rather than lose one.
public struct WorkspaceCommitter {
  /// The workspace.
  public let workspace: Workspace
  /// The environment, for `GIT_AUTHOR_NAME` and friends.
  public let environment: [String: String]
  /// The current moment.
  public let now: Date

  /// Creates a committer.
  public init(workspace: Workspace, environment: [String: String], now: Date = Date()) {
    self.workspace = workspace
    self.environment = environment
    self.now = now
  }

  /// Commits new contents of some files on HEAD, writes them to the work tree and stages
  /// them, all while holding git's index lock, so concurrent valprop runs and git commands
  /// take turns instead of overwriting each other's index. `build` gets the HEAD read under
  /// the lock and returns the complete new files. Refuses, changing nothing, when a file has
  /// uncommitted changes, when the repository has no commit, when the index stays locked, and
  /// when HEAD moves meanwhile.
  @discardableResult
  public func commit(_ paths: [String], message: String, build: (Commit) throws -> [FileUpdate]) throws
    -> ObjectID
  {
    let root = try workspace.writableRoot()
    let repository = workspace.repository
    if let operation = repository.operationInProgress {
      throw ValpropError.refused(
        problem: "\(operation.name) is in progress, and git makes no partial commit during one",
        hint:
          "finish it (\(operation.continueCommand)) or abort it (\(operation.abortCommand)), then run valprop again;"
          + " nothing was changed")
    }
    let author = try identity("AUTHOR")
    let committer = try identity("COMMITTER")
    // Ctrl-C (or a TERM/HUP) between the commit and the index update would leave the index
    // behind HEAD: hold those signals until the index lock is released, then deliver them.
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&blocked, signal) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    do {
      return try repository.withIndexLock(timeout: 3) { lock in
        guard let head = try? repository.headCommit() else {
          throw ValpropError.refused(
            problem: "the repository has no commits yet",
            hint: "commit the proposition first: git add … && git commit")
        }
        let headTree = try head.tree()
        for path in paths where try repository.hasUncommittedChanges(path) {
          if try headTree.entry(atPath: path) == nil {
            throw ValpropError.refused(
              problem: "\(path) is not committed yet (git does not track it)",
              hint: "commit it first (git add \(shellQuoted(path)) && git commit), then run valprop again")
          }
          throw ValpropError.refused(
            problem: "\(path) has uncommitted changes",
            hint:
              "commit or stash them first (git add \(shellQuoted(path)) && git commit), then run valprop again"
          )
        }
        let updates = try build(head)
        // The new files are written (and flushed) before the commit, so a full disk fails
        // here, with nothing changed; after the commit they only need renaming.
        var prepared: [AtomicFile.PreparedReplacement] = []
        defer { for replacement in prepared { replacement.discard() } }
        for update in updates {
          prepared.append(
            try AtomicFile.prepare(
              root + "/" + update.path, contents: update.content, displayPath: update.path))
        }
        let id = try repository.commit(
          updates, on: head, message: message, author: author, committer: committer)
        for (update, replacement) in zip(updates, prepared) {
          do {
            try replacement.install()
          } catch {
            throw ValpropError.refused(
              problem:
                "committed \(id.hex.prefix(7)), but could not write \(update.path) in the work tree: \(error)",
              hint: "run 'git checkout -- \(shellQuoted(update.path))' to bring the file up to date")
          }
        }
        do {
          try lock.stage(updates.map(\.path))
        } catch {
          throw ValpropError.refused(
            problem: "committed \(id.hex.prefix(7)), but could not update the index (\(error))",
            hint: "run 'git reset -q -- " + updates.map { shellQuoted($0.path) }.joined(separator: " ") + "'")
        }
        return id
      }
    } catch SafeCommitError.headMoved {
      throw ValpropError.refused(
        problem: "HEAD moved while valprop was committing (another commit landed)",
        hint: "nothing was changed; run the command again")
    } catch SafeCommitError.notRecorded(let commit, let head) {
      throw ValpropError.refused(
        problem:
          "the commit could not be recorded: HEAD points at \(head.prefix(7)), not at \(commit.prefix(7)) (is the disk full?)",
        hint: "nothing was changed in the work tree or the index; free some space and run the command again")
    } catch SafeCommitError.locked(let detail) {
      throw ValpropError.refused(
        problem: "the repository is locked: \(detail)",
        hint:
          "wait for the other git command to finish; if none is running, remove the stale lock file it names")
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// The new content of a proposition with some front-matter keys set, read afresh from the
  /// work tree (call it under the index lock, from a `commit` builder).
  public func update(_ id: String, setting values: [(key: String, value: String)], removing: [String] = [])
    throws -> FileUpdate
  {
    let current = try workspace.proposition(id)
    let original = try workspace.source.read(current.path) ?? Data()
    return FileUpdate(
      path: current.path,
      content: PropositionFile.data(
        FrontMatterEditor.set(values, removing: removing, in: current), like: original))
  }

  /// The author or committer, as git finds them: `GIT_<KIND>_NAME` and `GIT_<KIND>_EMAIL`
  /// when set, else `author.name`/`committer.name` (and `.email`), else `user.name` and
  /// `user.email`, else (for the email) `EMAIL`; `GIT_<KIND>_DATE` when set. The author's
  /// variables never stand in for the committer's, as with git.
  public func identity(_ kind: String) throws -> Identity {
    let repository = workspace.repository
    let section = kind.lowercased()
    func value(_ variable: String, _ key: String) -> String? {
      let found =
        environment["GIT_\(kind)_\(variable)"] ?? repository.configString("\(section).\(key)")
        ?? repository.configString("user.\(key)") ?? (key == "email" ? environment["EMAIL"] : nil)
      return found.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }
    let name = value("NAME", "name")
    let email = value("EMAIL", "email")
    guard let name, let email else {
      let missing = [name == nil ? "name" : nil, email == nil ? "email" : nil].compactMap { $0 }
      let role = kind == "AUTHOR" ? "author" : "committer"
      throw ValpropError.refused(
        problem:
          "git does not know the \(role)'s \(missing.joined(separator: " and ")), so valprop cannot commit",
        hint:
          "run: git config --global user.name \"Your Name\" && git config --global user.email you@example.com"
          + " (or set " + missing.map { "GIT_\(kind)_\($0.uppercased())" }.joined(separator: " and ")
          + "; a commit needs both the author and the committer)")
    }
    var time = now
    var offset = TimeZone.current.secondsFromGMT(for: now) / 60
    if let date = environment["GIT_\(kind)_DATE"], let parsed = WorkspaceCommitter.parseGitDate(date) {
      time = parsed.date
      offset = parsed.offsetMinutes
    }
    return Identity(name: name, email: email, time: time, offsetMinutes: offset)
  }

  /// Reads the date forms tests and scripts give git: ISO 8601 with an offset, or
  /// `@<seconds> <+hhmm>`.
  static func parseGitDate(_ text: String) -> (date: Date, offsetMinutes: Int)? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("@") {
      let parts = trimmed.dropFirst().split(separator: " ")
      guard let seconds = parts.first.flatMap({ Double($0) }) else { return nil }
      var offset = 0
      if parts.count > 1, let zone = Int(parts[1].dropFirst()), let sign = parts[1].first {
        offset = (zone / 100 * 60 + zone % 100) * (sign == "-" ? -1 : 1)
      }
      return (Date(timeIntervalSince1970: seconds), offset)
    }
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: trimmed) else { return nil }
    var offset = 0
    if let match = trimmed.range(of: #"[+-]\d{2}:\d{2}$"#, options: .regularExpression) {
      let zone = trimmed[match]
      let hours = Int(zone.dropFirst().prefix(2)) ?? 0
      let minutes = Int(zone.suffix(2)) ?? 0
      offset = (hours * 60 + minutes) * (zone.first == "-" ? -1 : 1)
    }
    return (date, offset)
  }
}

/// A path quoted for a POSIX shell, for hints a user copies.
func shellQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
