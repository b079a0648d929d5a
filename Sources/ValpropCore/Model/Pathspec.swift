/// A git pathspec, as a proposition's `tracks:` lists it: patterns relative to the repository
/// root that select files the way `git log -- <pathspec>` selects them (docs/commands.md).
///
/// Each pattern is a path, a folder (every file below it), or a wildcard pattern (`*`, `?`,
/// `[…]`; a `*` crosses `/` unless the pattern has `:(glob)` magic, where `**` does),
/// optionally with git's magic: `:(exclude)` or `:!`/`:^`, `:(glob)`, `:(literal)`,
/// `:(icase)`, `:(top)` or `:/`. A file matches when some pattern that is not an exclusion
/// matches it and no exclusion does; with only exclusions, every other file matches.
public struct Pathspec: Sendable, Equatable, Hashable {
  /// One pattern, with its magic.
  public struct Item: Sendable, Equatable, Hashable {
    /// The pattern as written.
    public let source: String
    /// The pattern without its magic prefix (and without a trailing `/`).
    public let pattern: String
    /// Whether it excludes what it matches.
    public let exclude: Bool
    /// Whether `*` stops at `/` and `**` crosses folders.
    public let glob: Bool
    /// Whether wildcards are plain characters.
    public let literal: Bool
    /// Whether letters match without case.
    public let icase: Bool
    /// Whether it names only a folder (a trailing `/`).
    public let folderOnly: Bool
    /// The length, in bytes, of the pattern's start before its first wildcard.
    let literalPrefix: Int
  }

  /// The patterns, in the order written.
  public let items: [Item]

  /// Why a pattern cannot be read.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    /// The pattern.
    public let pattern: String
    /// What is wrong, in words.
    public let reason: String
    /// The pattern and the reason.
    public var description: String { "'\(pattern)': \(reason)" }
  }

  /// A pathspec of items already read.
  init(items: [Item]) {
    self.items = items
  }

  /// Reads patterns; throws a `Problem` for an empty pattern, an unknown magic word or a
  /// pattern that leaves the repository (`..`).
  public init(_ patterns: [String]) throws {
    items = try patterns.map(Pathspec.item)
  }

  /// Whether nothing is tracked.
  public var isEmpty: Bool { items.isEmpty }

  private static func item(_ source: String) throws -> Item {
    var rest = Substring(source)
    var exclude = false
    var glob = false
    var literal = false
    var icase = false
    if rest.hasPrefix(":(") {
      guard let close = rest.firstIndex(of: ")") else {
        throw Problem(pattern: source, reason: "the magic ':(' is not closed by ')'")
      }
      let words = rest[rest.index(rest.startIndex, offsetBy: 2)..<close].split(separator: ",")
      for word in words {
        switch word.lowercased() {
        case "exclude": exclude = true
        case "glob": glob = true
        case "literal": literal = true
        case "icase": icase = true
        case "top": break
        default:
          throw Problem(
            pattern: source,
            reason: "valprop knows the magic words top, exclude, glob, literal and icase, not '\(word)'")
        }
      }
      rest = rest[rest.index(after: close)...]
    } else if rest.hasPrefix(":") {
      rest = rest.dropFirst()
      while let first = rest.first, first == "!" || first == "^" || first == "/" {
        if first != "/" { exclude = true }
        rest = rest.dropFirst()
      }
      if rest.first == ":" { rest = rest.dropFirst() }
    }
    if glob && literal {
      throw Problem(pattern: source, reason: "the magic words glob and literal cannot go together")
    }
    var pattern = String(rest)
    while pattern.hasPrefix("./") { pattern.removeFirst(2) }
    let folderOnly = pattern.hasSuffix("/")
    while pattern.hasSuffix("/") { pattern.removeLast() }
    if pattern == "." { pattern = "" }
    if pattern.split(separator: "/").contains("..") {
      throw Problem(pattern: source, reason: "a pattern cannot leave the repository with '..'")
    }
    if pattern.isEmpty && !exclude && source.isEmpty {
      throw Problem(pattern: source, reason: "the pattern is empty")
    }
    let bytes = Array(pattern.utf8)
    let prefix =
      literal
      ? bytes.count
      : (bytes.firstIndex { $0 == 0x2A || $0 == 0x3F || $0 == 0x5B || $0 == 0x5C } ?? bytes.count)
    return Item(
      source: source, pattern: pattern, exclude: exclude, glob: glob, literal: literal, icase: icase,
      folderOnly: folderOnly, literalPrefix: prefix)
  }

  /// Whether a file's path (relative to the repository root) is selected.
  public func matches(_ path: String) -> Bool {
    let bytes = Array(path.utf8)
    var included = false
    var anyPositive = false
    for item in items where !item.exclude {
      anyPositive = true
      if item.matches(bytes) {
        included = true
        break
      }
    }
    if !anyPositive { included = true }
    guard included else { return false }
    return !items.contains { $0.exclude && $0.matches(bytes) }
  }

  /// Whether some file below a folder (its path relative to the root, without a trailing
  /// `/`) may be selected: false only when no pattern can reach inside it.
  public func mayMatch(inside folder: String) -> Bool {
    let positive = items.filter { !$0.exclude }
    if positive.isEmpty { return true }
    let folderBytes = Array((folder.isEmpty ? "" : folder + "/").utf8)
    return positive.contains { item in
      if item.pattern.isEmpty { return true }
      let prefix = Array(item.pattern.utf8.prefix(item.literalPrefix))
      let common = min(prefix.count, folderBytes.count)
      if item.icase {
        return zip(prefix.prefix(common), folderBytes.prefix(common)).allSatisfy {
          Pathspec.lower($0) == Pathspec.lower($1)
        }
      }
      return prefix.prefix(common) == folderBytes.prefix(common)
    }
  }

  /// The deepest folder that holds every file the pathspec can select ("" for the root): the
  /// common folder of its including patterns' literal starts.
  public var baseFolder: String {
    let positive = items.filter { !$0.exclude }
    guard !positive.isEmpty, !positive.contains(where: \.icase) else { return "" }
    let folders = positive.map { item -> [Substring] in
      let literal = String(decoding: item.pattern.utf8.prefix(item.literalPrefix), as: UTF8.self)
      guard let slash = literal.lastIndex(of: "/") else { return [] }
      return literal[..<slash].split(separator: "/", omittingEmptySubsequences: false)
    }
    var common = folders[0]
    for other in folders.dropFirst() {
      var length = 0
      while length < common.count, length < other.count, common[length] == other[length] { length += 1 }
      common = Array(common.prefix(length))
    }
    return common.joined(separator: "/")
  }

  static func lower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
  }
}

extension Pathspec.Item {
  /// Whether the item selects a file's path: the path itself, or a folder holding it, equals
  /// the pattern; or the whole path matches the wildcards.
  func matches(_ path: [UInt8]) -> Bool {
    let pattern = Array(self.pattern.utf8)
    if pattern.isEmpty { return true }
    func equal(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
      guard a.count == b.count else { return false }
      return icase ? zip(a, b).allSatisfy { Pathspec.lower($0) == Pathspec.lower($1) } : a.elementsEqual(b)
    }
    // The literal start: the path, or a folder of it, is the pattern.
    if literalPrefix == pattern.count {
      if path.count == pattern.count { return !folderOnly && equal(path[...], pattern[...]) }
      return path.count > pattern.count && path[pattern.count] == 0x2F
        && equal(path[..<pattern.count], pattern[...])
    }
    // A folder named exactly like the pattern's text also counts, as git compares it first.
    if path.count > pattern.count, path[pattern.count] == 0x2F, equal(path[..<pattern.count], pattern[...]) {
      return true
    }
    if !folderOnly, path.count == pattern.count, equal(path[...], pattern[...]) { return true }
    if folderOnly { return false }
    guard path.count >= literalPrefix, equal(path[..<literalPrefix], pattern[..<literalPrefix]) else {
      return false
    }
    return Wildmatch.matches(
      pattern[...], path[...], pathname: glob, icase: icase)
  }
}

/// git's wildcard matching (`wildmatch`): `*`, `?`, `[…]` (with `!` or `^`, ranges and
/// `[:class:]`), `\` escaping; with `pathname`, `*` and `?` stop at `/` and `**` between
/// slashes crosses any number of folders.
enum Wildmatch {
  static func matches(
    _ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>, pathname: Bool, icase: Bool
  ) -> Bool {
    match(Array(pattern), 0, Array(text), 0, pathname: pathname, icase: icase) == .match
  }

  enum Outcome { case match, noMatch, abortAll, abortToStar }

  private static func fold(_ byte: UInt8, _ icase: Bool) -> UInt8 {
    icase ? Pathspec.lower(byte) : byte
  }

  // A port of the algorithm's shape, written afresh: returns abort codes so that a failed
  // `*` does not retry what cannot succeed.
  private static func match(
    _ p: [UInt8], _ pStart: Int, _ t: [UInt8], _ tStart: Int, pathname: Bool, icase: Bool
  ) -> Outcome {
    var pi = pStart
    var ti = tStart
    while pi < p.count {
      let pc = p[pi]
      if ti >= t.count && pc != 0x2A { return .abortAll }
      switch pc {
      case 0x5C:  // backslash: the next character literally
        pi += 1
        guard pi < p.count else { return .noMatch }
        if fold(t[ti], icase) != fold(p[pi], icase) { return .noMatch }
      case 0x3F:  // ?
        if pathname && t[ti] == 0x2F { return .noMatch }
      case 0x2A:  // *
        var matchSlash = false
        pi += 1
        if pi < p.count && p[pi] == 0x2A {
          let before = pi - 2
          while pi < p.count && p[pi] == 0x2A { pi += 1 }
          if !pathname {
            matchSlash = true
          } else if (before < 0 || p[before] == 0x2F)
            && (pi == p.count || p[pi] == 0x2F || (p[pi] == 0x5C && pi + 1 < p.count && p[pi + 1] == 0x2F))
          {
            // "**/" matches zero folders too.
            if pi < p.count && p[pi] == 0x2F,
              match(p, pi + 1, t, ti, pathname: pathname, icase: icase) == .match
            {
              return .match
            }
            matchSlash = true
          } else {
            matchSlash = false
          }
        } else {
          matchSlash = !pathname
        }
        if pi == p.count {
          // A trailing star matches the rest, unless it must stop at a slash.
          if !matchSlash && t[ti...].contains(0x2F) { return .abortToStar }
          return .match
        }
        if !matchSlash && p[pi] == 0x2F {
          guard let slash = t[ti...].firstIndex(of: 0x2F) else { return .abortAll }
          ti = slash
          // Continue with the slash below.
          continue
        }
        while ti < t.count {
          let result = match(p, pi, t, ti, pathname: pathname, icase: icase)
          if result != .noMatch {
            if !matchSlash || result != .abortToStar { return result }
          } else if !matchSlash && t[ti] == 0x2F {
            return .abortToStar
          }
          ti += 1
        }
        return .abortAll
      case 0x5B:  // [
        pi += 1
        guard pi < p.count else { return .abortAll }
        var negated = false
        if p[pi] == 0x21 || p[pi] == 0x5E {
          negated = true
          pi += 1
        }
        let c = t[ti]
        var matched = false
        var previous: UInt8 = 0
        var first = true
        while true {
          guard pi < p.count else { return .abortAll }
          var pc2 = p[pi]
          if pc2 == 0x5D && !first { break }
          first = false
          if pc2 == 0x5C {
            pi += 1
            guard pi < p.count else { return .abortAll }
            pc2 = p[pi]
            if fold(c, icase) == fold(pc2, icase) { matched = true }
          } else if pc2 == 0x2D && previous != 0 && pi + 1 < p.count && p[pi + 1] != 0x5D {
            pi += 1
            var high = p[pi]
            if high == 0x5C {
              pi += 1
              guard pi < p.count else { return .abortAll }
              high = p[pi]
            }
            if previous <= c && c <= high { matched = true }
            if icase, (0x61...0x7A).contains(Pathspec.lower(c)) {
              let lowered = Pathspec.lower(c)
              let upper = lowered - 0x20
              if (previous <= lowered && lowered <= high) || (previous <= upper && upper <= high) {
                matched = true
              }
            }
            pc2 = 0
          } else if pc2 == 0x5B && pi + 1 < p.count && p[pi + 1] == 0x3A {
            guard let end = classEnd(p, from: pi + 2) else {
              // Not a class: a plain '['.
              if c == pc2 { matched = true }
              previous = pc2
              pi += 1
              continue
            }
            let name = String(decoding: p[(pi + 2)..<end], as: UTF8.self)
            guard let test = characterClass(name, icase: icase) else { return .abortAll }
            if test(c) { matched = true }
            pi = end + 1  // on the ']' of ":]"
            pc2 = 0
          } else if fold(c, icase) == fold(pc2, icase) {
            matched = true
          }
          previous = pc2
          pi += 1
        }
        if matched == negated || (pathname && c == 0x2F) { return .noMatch }
      default:
        if fold(t[ti], icase) != fold(pc, icase) { return .noMatch }
      }
      pi += 1
      ti += 1
    }
    return ti == t.count ? .match : .noMatch
  }

  /// The index of the ':' of a class's closing ":]", searching from `start`.
  private static func classEnd(_ p: [UInt8], from start: Int) -> Int? {
    var index = start
    while index + 1 < p.count {
      if p[index] == 0x3A && p[index + 1] == 0x5D { return index }
      if p[index] == 0x5D { return nil }
      index += 1
    }
    return nil
  }

  private static func characterClass(_ name: String, icase: Bool) -> ((UInt8) -> Bool)? {
    func isUpper(_ c: UInt8) -> Bool { (0x41...0x5A).contains(c) }
    func isLower(_ c: UInt8) -> Bool { (0x61...0x7A).contains(c) }
    func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
    switch name {
    case "alnum": return { isUpper($0) || isLower($0) || isDigit($0) }
    case "alpha": return { isUpper($0) || isLower($0) }
    case "blank": return { $0 == 0x20 || $0 == 0x09 }
    case "cntrl": return { $0 < 0x20 || $0 == 0x7F }
    case "digit": return isDigit
    case "graph": return { $0 > 0x20 && $0 < 0x7F }
    case "lower": return { isLower($0) || (icase && isUpper($0)) }
    case "print": return { $0 >= 0x20 && $0 < 0x7F }
    case "punct": return { $0 > 0x20 && $0 < 0x7F && !isUpper($0) && !isLower($0) && !isDigit($0) }
    case "space": return { $0 == 0x20 || (0x09...0x0D).contains($0) }
    case "upper": return { isUpper($0) || (icase && isLower($0)) }
    case "xdigit": return { isDigit($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
    default: return nil
    }
  }
}
