import Foundation
import GitKit

/// A place in a file that a message points at: a path relative to the workspace root and,
/// where known, a line and column (both counted from 1).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  /// The file, relative to the workspace root (or as the user gave it).
  public var path: String
  /// The line, from 1; nil when the problem is about the whole file.
  public var line: Int?
  /// The column, from 1; nil when unknown.
  public var column: Int?

  /// Creates a location.
  public init(path: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path`, `path:line` or `path:line:column`, as compilers print them.
  public var description: String {
    var text = path
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}

/// Everything that stops a valprop command from doing its job; each case says what is wrong
/// (`problem`) and what to do about it (`hint`). Commands exit with code 2 for all of them.
public enum ValpropError: Error, Equatable, LocalizedError {
  /// A proposition file cannot be read: bad bytes, bad front matter, a bad value.
  case invalidProposition(SourceLocation, problem: String, hint: String)
  /// `.valprop.yml` cannot be read or holds an unknown key or a bad value.
  case invalidConfig(SourceLocation, problem: String, hint: String)
  /// A template cannot be parsed or renders to something that is not a proposition.
  case invalidTemplate(SourceLocation, problem: String, hint: String)
  /// The command needs a git repository and there is none at or above the path.
  case notARepository(path: String)
  /// The command writes files, and the repository has no work tree.
  case bareRepository(path: String)
  /// An id given to `new` breaks the id rules.
  case invalidID(String, problem: String)
  /// `new` would overwrite an existing file or reuse an id.
  case alreadyExists(id: String, path: String)
  /// No built-in or workspace template has the name.
  case unknownTemplate(String, available: [String])
  /// No proposition has the id; `nearest` are the ids nearest to it, for "did you mean".
  case unknownProposition(String, directory: String, revision: String?, nearest: [String] = [])
  /// Two or more files share one id.
  case duplicateID(String, paths: [String])
  /// The revision cannot be resolved to a commit.
  case unknownRevision(String, detail: String)
  /// An option or argument has a value valprop cannot use.
  case invalidArgument(problem: String, hint: String)
  /// Reading or writing a file failed.
  case fileSystem(path: String, problem: String)
  /// A file valprop creates exists already (valprop never overwrites one).
  case fileExists(path: String)
  /// A command that writes refused, changing nothing, because writing now could lose work.
  case refused(problem: String, hint: String)
  /// libgit2 reported a failure; its kind chooses the hint.
  case git(GitError)
  /// The propositions folder the workspace names is missing, or is not a folder; `setting`
  /// says where it is named (`.valprop.yml:3`), nil for the default.
  case noPropositionsFolder(directory: String, isFolder: Bool, setting: SourceLocation?)

  /// The detail of an unknown revision in a repository whose HEAD is unborn.
  public static let noCommitsYet = "the repository has no commits yet"

  /// The first line of the message: what is wrong, and where.
  public var problem: String {
    switch self {
    case .invalidProposition(let location, let problem, _),
      .invalidConfig(let location, let problem, _),
      .invalidTemplate(let location, let problem, _):
      return "\(location): \(problem)"
    case .notARepository(let path):
      return "not a git repository (or any parent folder): \(path)"
    case .bareRepository(let path):
      return "\(path) is a bare repository, which valprop only reads"
    case .invalidID(let id, let problem):
      return "invalid proposition id '\(id)': \(problem)"
    case .alreadyExists(let id, let path):
      return "proposition '\(id)' already exists: \(path)"
    case .unknownTemplate(let name, _):
      return "unknown template '\(name)'"
    case .unknownProposition(let id, let directory, let revision, _):
      if let revision {
        return "no proposition '\(id)' in \(directory)/ at \(revision)"
      }
      return "no proposition '\(id)' in \(directory)/"
    case .duplicateID(let id, let paths):
      return "two files have the id '\(id)': " + paths.joined(separator: " and ")
    case .unknownRevision(let revision, let detail):
      return "unknown revision '\(revision)': \(detail)"
    case .invalidArgument(let problem, _), .refused(let problem, _):
      return problem
    case .fileSystem(let path, let problem):
      return "\(path): \(problem)"
    case .fileExists(let path):
      return "\(path): already exists; valprop never overwrites it"
    case .git(let error):
      return error.description
    case .noPropositionsFolder(let directory, let exists, let setting):
      let named = setting.map { " (named by 'directory:' at \($0))" } ?? ""
      return exists
        ? "the propositions folder '\(directory)'\(named) is not a folder"
        : "the propositions folder '\(directory)/'\(named) does not exist"
    }
  }

  /// What the user can do about it; nil when there is nothing useful to add.
  public var hint: String? {
    switch self {
    case .invalidProposition(_, _, let hint), .invalidConfig(_, _, let hint),
      .invalidTemplate(_, _, let hint), .invalidArgument(_, let hint), .refused(_, let hint):
      return hint
    case .notARepository:
      return "run 'valprop init' to create a workspace here, or use -C <path> to point at one"
    case .bareRepository:
      return "run the command in a clone with a work tree"
    case .invalidID:
      return "use 1-64 lowercase letters, digits and '-', starting with a letter or digit,"
        + " e.g. 'reconciliation-autopilot'"
    case .alreadyExists:
      return "choose another id, or edit the existing file"
    case .unknownTemplate(_, let available):
      return "use one of: " + available.joined(separator: ", ") + " (see 'valprop templates')"
    case .unknownProposition(_, _, _, let nearest) where !nearest.isEmpty:
      return "did you mean " + Suggestions.list(nearest.map { "'\($0)'" }, conjunction: "or")
        + "? run 'valprop list' to see the ids"
    case .unknownProposition:
      return "run 'valprop list' to see the ids"
    case .duplicateID:
      return "ids must be unique across the propositions folder: rename or remove one of the files"
    case .unknownRevision(_, let detail) where detail == ValpropError.noCommitsYet:
      return "commit the propositions first (git add … && git commit), then run valprop again"
    case .unknownRevision:
      return "give a commit, branch, tag or expression git understands, e.g. HEAD~1 or main"
    case .git(let error):
      switch error.kind {
      // libgit2 1.5 cannot read the index git writes with `core.splitIndex` or `index.sparse`.
      case .unsupportedIndexExtension("link"):
        return "the index is in git's split-index format, which valprop's libgit2 cannot read:"
          + " run 'git update-index --no-split-index' (and 'git config core.splitIndex false' if"
          + " it is set), then try again"
      case .unsupportedIndexExtension("sdir"):
        return "the index is a sparse index, which valprop's libgit2 cannot read: run"
          + " 'git sparse-checkout init --no-sparse-index' (the sparse checkout stays as it is),"
          + " then try again"
      case .locked:
        return "another git command holds a lock in the repository; wait for it to finish, or"
          + " remove the stale .lock file it names if no git command is running"
      case .conflict:
        return "resolve the conflicts (git status lists them) and commit, then try again"
      default:
        return nil
      }
    case .fileSystem, .fileExists:
      return nil
    case .noPropositionsFolder(let directory, _, let setting):
      if setting != nil {
        return "set 'directory:' in .valprop.yml to the folder that holds the propositions,"
          + " or create it: mkdir -p \(shellQuoted(directory))"
      }
      return "run 'valprop init' to create it (or mkdir -p \(shellQuoted(directory))), or set 'directory:'"
        + " in .valprop.yml to the folder that holds the propositions"
    }
  }

  /// The full message, problem then hint.
  public var errorDescription: String? {
    if let hint { return "\(problem)\nhint: \(hint)" }
    return problem
  }

  /// The file the error is about, where there is one.
  public var location: SourceLocation? {
    switch self {
    case .invalidProposition(let location, _, _), .invalidConfig(let location, _, _),
      .invalidTemplate(let location, _, _):
      return location
    default:
      return nil
    }
  }
}
