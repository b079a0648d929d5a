import CLibGit2
import Foundation

/// Why a safe commit was refused.
public enum SafeCommitError: Error, Equatable {
  /// HEAD moved between reading it and committing.
  case headMoved
  /// Another process holds the index or branch lock.
  case locked(String)
  /// libgit2 reported the commit made, but HEAD does not point at it: the branch could not
  /// be moved (libgit2 1.5.1 reports success when a full disk stops the ref update).
  case notRecorded(commit: String, head: String)
}
