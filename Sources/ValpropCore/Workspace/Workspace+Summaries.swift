import Foundation
import GitKit

extension Workspace {
  /// The summaries of every proposition, from the cache where a file is unchanged, else by
  /// parsing it; files that cannot be read come back as problems, each naming its file.
  public func summaries() throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    try summaries(now: Date())
  }

  /// The summaries, trusting the cache only for files changed before `now` minus two seconds.
  /// With `contentIDs`, each summary of a work-tree file carries the blob id of its bytes,
  /// kept in the cache beside it, so that a repeated run need not read and hash the file.
  /// `catalog`, when the caller has listed the folder already, saves listing it again. With
  /// `savingBeside`, the cache is written on another thread in that group, which the caller
  /// waits for before it exits.
  func summaries(
    now: Date, contentIDs: Bool = false, catalog: PropositionCatalog? = nil,
    savingBeside: DispatchGroup? = nil
  ) throws -> (
    summaries: [PropositionSummary], problems: [ValpropError]
  ) {
    let catalog = try catalog ?? self.catalog()
    guard let root else {
      let (propositions, problems) = Workspace.loadAll(
        from: source, catalog: catalog, adoption: config.adoption)
      return (propositions.map(PropositionSummary.init), problems)
    }
    let cache = SummaryCache(repository: repository, adoption: config.adoption)
    let (cached, linesRead) = cache.loadWithLines()
    var fresh: [String: (stamp: String, summary: PropositionSummary)] = [:]
    // The paths of `fresh` in the listing's order, which spares the cache sorting them.
    var order: [String] = []
    // Both hold about every entry: room for them at once rather than ten doublings.
    fresh.reserveCapacity(catalog.entries.count)
    order.reserveCapacity(catalog.entries.count)
    // The entries not kept exactly as they were read; the cache copies the others' lines.
    var rewritten = Set<String>()
    // The blob id of bytes read in this run, which are kept for this run's scores.
    func identify(_ data: Data, at path: String) -> ObjectID {
      let id = ObjectID.blob(of: data)
      contents.keep(data, id: id, at: path)
      return id
    }
    let (summaries, problems) = Workspace.readEach(catalog) { entry -> PropositionSummary in
      let stamp = entry.isSymlink ? nil : SummaryCache.stamp(root + "/" + entry.path)
      if let stamp, var hit = cached[entry.path], hit.stamp == stamp, hit.summary.id == entry.id {
        // A file that went away since its stamp was taken gets no id; its score is then
        // read as a file without one.
        if contentIDs && hit.summary.contentID == nil,
          let data = try? Workspace.bytes(of: entry, from: source)
        {
          hit.summary.contentID = identify(data, at: entry.path)
          rewritten.insert(entry.path)
        }
        fresh[entry.path] = hit
        order.append(entry.path)
        var summary = hit.summary
        if !contentIDs { summary.contentID = nil }
        return summary
      }
      let data = try Workspace.bytes(of: entry, from: source)
      var summary = try PropositionSummary(
        id: entry.id, path: entry.path, data: data, adoption: config.adoption)
      if contentIDs { summary.contentID = identify(data, at: entry.path) }
      if let stamp, SummaryCache.isSettled(stamp, now: now) {
        fresh[entry.path] = (stamp, summary)
        order.append(entry.path)
        rewritten.insert(entry.path)
      }
      return summary
    }
    let changed = fresh.contains { path, entry in
      cached[path].map { $0.stamp != entry.stamp || $0.summary.contentID != entry.summary.contentID } ?? true
    }
    if fresh.count != cached.count || changed {
      if let savingBeside {
        let (fresh, rewritten, order) = (fresh, rewritten, order)
        DispatchQueue.global().async(group: savingBeside) {
          cache.save(fresh, linesRead: linesRead, rewritten: rewritten, order: order)
        }
      } else {
        cache.save(fresh, linesRead: linesRead, rewritten: rewritten, order: order)
      }
    }
    return (summaries, problems)
  }
}
