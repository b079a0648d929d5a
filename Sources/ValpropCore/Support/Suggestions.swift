/// "Did you mean" for names a user typed: the known names nearest to it, by edit distance
/// without case, for ids, commands, config keys, rule names and owners.
public enum Suggestions {
  /// The candidates nearest to `word`: of those within a third of the word's length (at
  /// least 2 edits) or that contain it, the ones at the smallest distance; at most `limit`.
  public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(word.lowercased())
    guard !target.isEmpty else { return [] }
    let allowed = max(2, target.count / 3)
    var scored: [(name: String, distance: Int)] = []
    for candidate in Set(candidates) {
      let folded = candidate.lowercased()
      let distance = editDistance(target, Array(folded))
      let related = folded.contains(String(target)) || (folded.count >= 3 && String(target).contains(folded))
      if distance <= allowed || related {
        scored.append((candidate, related ? min(distance, allowed) : distance))
      }
    }
    // Only the nearest: 'list' for 'lsit', not also 'lint' and 'init'.
    guard let best = scored.map(\.distance).min() else { return [] }
    return scored.filter { $0.distance == best }.sorted { $0.name < $1.name }.prefix(limit).map(\.name)
  }

  /// " (did you mean 'a' or 'b'?)"-style text for a hint, or nil when nothing is near.
  public static func didYouMean(_ word: String, in candidates: [String]) -> String? {
    let found = nearest(to: word, in: candidates)
    guard !found.isEmpty else { return nil }
    return "did you mean " + list(found.map { "'\($0)'" }, conjunction: "or") + "?"
  }

  /// "a", "a or b", "a, b or c".
  public static func list(_ items: [String], conjunction: String = "and") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
  }

  /// The edit distance between two character arrays, counting a swap of two neighbours as
  /// one edit (`lsit` is one edit from `list`).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { rows[i][0] = i }
    for j in 0...b.count { rows[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
        }
      }
    }
    return rows[a.count][b.count]
  }
}

/// How `--owner` compares owners: without case and without a leading `@`, so `finance-pm`,
/// `@finance-pm` and `Finance-PM` all name the owner written `@finance-pm`.
public enum OwnerMatch {
  /// The owner as compared: lowercased, without a leading `@` and surrounding spaces.
  public static func key(_ owner: String) -> String {
    var text = owner.trimmedSpaces.lowercased()
    if text.hasPrefix("@") { text.removeFirst() }
    return text
  }

  /// Whether one of `owners` is the owner `wanted` names.
  public static func matches(_ wanted: String, _ owners: [String]) -> Bool {
    let wantedKey = key(wanted)
    return owners.contains { key($0) == wantedKey }
  }

  /// The error for an owner filter that matches no owner of any proposition: it names the
  /// nearest owners (or all, when few), so a typo or a missing `@` is plain to see.
  public static func noSuchOwner(_ wanted: String, known: [String]) -> ValpropError {
    let distinct = Array(Set(known)).sorted()
    var hint = "owners are compared without case and without a leading '@'"
    let near = Suggestions.nearest(to: key(wanted), in: distinct)
    if !near.isEmpty {
      hint += "; the nearest owners are " + Suggestions.list(near.map { "'\($0)'" })
    } else if distinct.isEmpty {
      hint += "; no proposition names an owner yet (owner: in the front matter)"
    } else {
      hint += "; the owners are " + Suggestions.list(distinct.prefix(10).map { "'\($0)'" })
    }
    return .invalidArgument(problem: "no proposition is owned by '\(wanted)'", hint: hint)
  }
}
