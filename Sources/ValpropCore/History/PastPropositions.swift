import Foundation
import GitKit

/// Propositions as history holds them: where a proposition gone from HEAD last lived, and
/// the ids the propositions folder ever held (for "did you mean"). Commits are read newest
/// first by committer date, and each distinct folder tree is read once, so a long history
/// whose folder rarely changed costs little.
public struct PastPropositions {
  /// The path of the id at the newest commit that holds it; nil when no commit ever did.
  public let path: String?
  /// Every id the folder's history holds, when `path` is nil (for "did you mean"); empty
  /// when the id was found.
  public let ids: Set<String>

  /// Searches the history of HEAD for `<id>.md` below `directory` (hidden files and folders,
  /// and files `exclude` names, left out as the catalog leaves them out). The search looks
  /// only for that name; the ids are gathered in a second search, only when the first found
  /// nothing.
  public init(repository: Repository, directory: String, id: String, exclude: ExcludeRules) throws {
    guard let head = try repository.headCommit() else {
      path = nil
      ids = []
      return
    }
    let graph = try CommitGraph(repository: repository, start: head.id)
    let order = graph.ids.indices.sorted { graph.times[$0] > graph.times[$1] }
    let wanted = id + ".md"
    func search(collecting: Bool) throws -> (path: String?, ids: Set<String>) {
      var seen = Set<ObjectID>()
      var ids = Set<String>()
      /// The path of the wanted file below a folder not read before; nil when it is not there.
      func search(_ folder: RawTree, at prefix: String) throws -> String? {
        guard seen.insert(folder.id).inserted else { return nil }
        var found: String?
        for entry in try folder.entries() where !entry.name.hasPrefix(".") {
          if entry.kind == .tree {
            if found == nil,
              let inner = try search(try repository.rawTree(entry.id), at: prefix + "/" + entry.name)
            {
              found = inner
            }
          } else if collecting ? entry.name.hasSuffix(".md") : entry.name == wanted,
            !exclude.excludes(prefix + "/" + entry.name, below: directory)
          {
            if collecting { ids.insert(String(entry.name.dropLast(3))) }
            if entry.name == wanted, found == nil { found = prefix + "/" + entry.name }
          }
        }
        return found
      }
      for index in order {
        let root = try repository.rawTree(graph.trees[index])
        guard let folder = try repository.subtree(atPath: directory, in: root),
          let found = try search(folder, at: directory)
        else { continue }
        return (found, ids)
      }
      return (nil, ids)
    }
    if let found = try search(collecting: false).path {
      path = found
      ids = []
    } else {
      path = nil
      ids = try search(collecting: true).ids
    }
  }
}
