import Foundation
import GitKit

extension Workspace {
  /// The summaries of every proposition and the histories of every file of the catalog, the
  /// two computed side by side: reading the files and walking history need different cores.
  /// With `contentIDs`, each work-tree summary carries the blob id of its file's bytes.
  public func summariesAndHistories(contentIDs: Bool = false) throws -> (
    summaries: [PropositionSummary], problems: [ValpropError], histories: [String: FileHistory]
  ) {
    let catalog = try catalog()
    let paths = catalog.entries.filter { !$0.isSymlink }.map(\.path)
    // libgit2 lets one thread at a time use a repository handle. In a bare repository the
    // summaries are read from HEAD's blobs through libgit2, so their thread opens its own.
    let reader = root == nil ? try Workspace(at: repository.gitDirectory) : self
    let box = ResultBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      box.set(Result { try reader.summaries(now: Date(), contentIDs: contentIDs, catalog: catalog) })
    }
    let histories: [String: FileHistory]
    do {
      histories = try self.histories(of: paths)
    } catch {
      group.wait()
      throw error
    }
    group.wait()
    let (summaries, problems) = try box.get()
    return (summaries, problems, histories)
  }
}

/// Hands a result from a background thread to the waiting one.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<(summaries: [PropositionSummary], problems: [ValpropError]), Error>?

  func set(_ value: Result<(summaries: [PropositionSummary], problems: [ValpropError]), Error>) {
    lock.withLock { result = value }
  }

  func get() throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    try lock.withLock { result }!.get()
  }
}
