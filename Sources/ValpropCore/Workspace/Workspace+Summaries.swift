import Foundation

extension Workspace {
  /// The summaries of every proposition, from the cache where a file is unchanged, else by
  /// parsing it; files that cannot be read come back as problems, each naming its file.
  public func summaries() throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    try summaries(now: Date())
  }

  /// The summaries, trusting the cache only for files changed before `now` minus two seconds.
  func summaries(now: Date) throws -> (summaries: [PropositionSummary], problems: [ValpropError]) {
    let catalog = try catalog()
    guard let root else {
      let (propositions, problems) = Workspace.loadAll(
        from: source, catalog: catalog, adoption: config.adoption)
      return (propositions.map(PropositionSummary.init), problems)
    }
    let cache = SummaryCache(repository: repository, adoption: config.adoption)
    let cached = cache.load()
    var fresh: [String: (stamp: String, summary: PropositionSummary)] = [:]
    let (summaries, problems) = Workspace.readEach(catalog) { entry -> PropositionSummary in
      let stamp = entry.isSymlink ? nil : SummaryCache.stamp(root + "/" + entry.path)
      if let stamp, let hit = cached[entry.path], hit.stamp == stamp, hit.summary.id == entry.id {
        fresh[entry.path] = hit
        return hit.summary
      }
      let summary = try Workspace.loadSummary(entry, from: source, adoption: config.adoption)
      if let stamp, SummaryCache.isSettled(stamp, now: now) { fresh[entry.path] = (stamp, summary) }
      return summary
    }
    if fresh.count != cached.count || fresh.contains(where: { cached[$0.key]?.stamp != $0.value.stamp }) {
      cache.save(fresh)
    }
    return (summaries, problems)
  }
}
