import GitKit

/// How one folder of a commit compares with the same folder in one parent, which is all a
/// history walk needs of the two trees: whether they are identical, and otherwise which
/// names differ and what the parent holds under each.
struct FolderComparison: Sendable, Equatable {
  /// Whether both commits hold the very same folder tree.
  let identical: Bool
  /// The names whose entries differ (added, removed, or changed in content or kind of
  /// file), each with the parent's entry under that name (nil where the parent has none).
  let changes: [String: TreeEntry?]

  /// Compares a commit's folder (`here`) with a parent's (`there`); nil stands for a
  /// commit without that folder. A commit without the folder holds no file in it, so it
  /// differs in no name.
  init(here: RawTree?, there: RawTree?) throws {
    if let here, let there, here.id == there.id {
      identical = true
      changes = [:]
    } else {
      identical = false
      changes = try here?.changes(comparedTo: there) ?? [:]
    }
  }

  /// Roughly the bytes it holds, to keep what is read ahead within a budget.
  var size: Int { 32 + changes.keys.reduce(0) { $0 + 64 + $1.utf8.count } }
}
