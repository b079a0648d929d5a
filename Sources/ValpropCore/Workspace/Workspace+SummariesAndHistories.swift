import Foundation
import GitKit

extension Workspace {
  /// The summaries of every proposition and the histories of every file of the catalog, the
  /// two computed side by side: reading the files and walking history need different cores.
  /// With `contentIDs`, each work-tree summary carries the blob id of its file's bytes.
  public func summariesAndHistories(contentIDs: Bool = false) throws -> (
    summaries: [PropositionSummary], problems: [ValpropError], histories: [String: FileHistory]
  ) {
    let (summaries, problems, histories, _) = try summariesAndHistories(contentIDs: contentIDs) { _, _ in () }
    return (summaries, problems, histories)
  }

  /// The same, and what `alongside` makes of the summaries: it runs on their thread as soon
  /// as they are read, while history is still being walked. `list --format json` scores the
  /// files there, since scores do not depend on history: the walk and lint then share the
  /// cores instead of taking turns (docs/performance.md, session 17). `alongside` gets the
  /// workspace that read the summaries; in a bare repository that one has its own repository
  /// handle, and it is the only one `alongside` may use. The history and summary caches are
  /// written in `savingCachesBeside`, when given, on other threads (so that `alongside`
  /// starts without waiting for the summaries' write); the caller waits for it.
  public func summariesAndHistories<Beside: Sendable>(
    contentIDs: Bool = false, savingCachesBeside: DispatchGroup? = nil,
    alongside: @escaping @Sendable (_ summaries: [PropositionSummary], _ reader: Workspace) -> Beside
  ) throws -> (
    summaries: [PropositionSummary], problems: [ValpropError], histories: [String: FileHistory],
    beside: Beside
  ) {
    let catalog = try catalog()
    let paths = catalog.entries.filter { !$0.isSymlink }.map(\.path)
    // libgit2 lets one thread at a time use a repository handle. In a bare repository the
    // summaries are read from HEAD's blobs through libgit2, so their thread opens its own.
    let reader = root == nil ? try Workspace(at: repository.gitDirectory) : self
    let box = ResultBox<(summaries: [PropositionSummary], problems: [ValpropError], beside: Beside)>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      box.set(
        Result {
          let (summaries, problems) = try reader.summaries(
            now: Date(), contentIDs: contentIDs, catalog: catalog, savingBeside: savingCachesBeside)
          return (summaries, problems, alongside(summaries, reader))
        })
    }
    let histories: [String: FileHistory]
    do {
      histories = try self.histories(of: paths, savingBeside: savingCachesBeside)
    } catch {
      group.wait()
      throw error
    }
    group.wait()
    let (summaries, problems, beside) = try box.get()
    return (summaries, problems, histories, beside)
  }
}

/// Hands a result from a background thread to the waiting one.
private final class ResultBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Value, Error>?

  func set(_ value: Result<Value, Error>) {
    lock.withLock { result = value }
  }

  func get() throws -> Value {
    try lock.withLock { result }!.get()
  }
}
