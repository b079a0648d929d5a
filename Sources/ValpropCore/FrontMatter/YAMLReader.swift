import Yams

/// Reads YAML with Yams and turns its errors and values into valprop's messages, with line
/// numbers counted in the file that holds the YAML.
struct YAMLReader {
  /// The file the YAML comes from, for messages.
  let path: String
  /// The file line on which the YAML text starts (1 for `.valprop.yml`, 2 for front matter).
  let firstLine: Int
  /// Builds the error for a problem at a location.
  let makeError: @Sendable (SourceLocation, String, String) -> ValpropError

  /// Parses one YAML document; nil when it is empty.
  func compose(_ text: String) throws -> Node? {
    do {
      // An explicit encoding: the default one reads the environment on every parse. The
      // basic resolver: valprop reads every value as text, and the default one matched each
      // plain scalar against regular expressions for numbers, booleans and dates.
      return try Yams.compose(yaml: text, .basic, .default, .utf8)
    } catch let error as YamlError {
      throw translate(error)
    }
  }

  /// The file location of a node.
  func location(of node: Node) -> SourceLocation {
    SourceLocation(
      path: path, line: node.mark.map { $0.line + firstLine - 1 }, column: node.mark?.column)
  }

  /// The file location of a line and column of the YAML text.
  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(path: path, line: line + firstLine - 1, column: column)
  }

  /// The error for a value that should be text and is `what` ("a list", "a mapping").
  func notText(key: String, _ what: String, at location: SourceLocation) -> ValpropError {
    makeError(location, "'\(key)' must be text, not \(what)", "write one value: \(key): …")
  }

  /// An error pointing at a node.
  func error(at node: Node, _ problem: String, hint: String) -> ValpropError {
    makeError(location(of: node), problem, hint)
  }

  /// What Yams names a key that is not text in its error for duplicate keys.
  static let keyNotText = "<uncovertable>"

  private func translate(_ error: YamlError) -> ValpropError {
    let hint = "fix the YAML syntax (quote values that contain ': ', '#', '@' or start with '-')"
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var text = "invalid YAML: \(problem)"
      if let context { text += " (\(context.text))" }
      return makeError(
        SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column), text,
        hint)
    case .duplicatedKeysInMapping(let duplicates, let context):
      // Yams sorts the keys as nodes and points at the first; a key that is not text (written
      // "? [a]", named "<uncovertable>") leaves that order, and so the line, to a
      // dictionary's order, which changes from run to run. Then the error points at the
      // front matter's first line, and the names are sorted by their bytes (String's < holds
      // two normal forms of one name equal).
      let line =
        duplicates.contains(YAMLReader.keyNotText) ? firstLine : context.mark.line + firstLine - 1
      let names = duplicates.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      return makeError(
        SourceLocation(path: path, line: line),
        "the key '\(names.joined(separator: "', '"))' appears more than once", "keep one line per key")
    case .reader(let problem, _, _, _):
      return makeError(SourceLocation(path: path, line: firstLine), "unreadable YAML: \(problem)", hint)
    default:
      return makeError(SourceLocation(path: path, line: firstLine), "invalid YAML: \(error)", hint)
    }
  }

  /// The text of a scalar node; nil for YAML null (`~`, `null`, nothing).
  func optionalText(_ node: Node, key: String) throws -> String? {
    switch node {
    case .scalar(let scalar):
      if scalar.tag.rawValue == Tag.Name.null.rawValue
        || (scalar.style == .plain && YAMLReader.isNull(scalar.string))
      {
        return nil
      }
      return scalar.string
    case .sequence:
      throw notText(key: key, "a list", at: location(of: node))
    case .mapping:
      throw notText(key: key, "a mapping", at: location(of: node))
    case .alias:
      throw error(at: node, "'\(key)' uses a YAML alias", hint: "write the value itself")
    }
  }

  /// A list of texts; a single text counts as a list of one; null is an empty list.
  func textList(_ node: Node, key: String) throws -> [String] {
    switch node {
    case .sequence(let sequence):
      return try sequence.compactMap { item in
        if case .sequence = item {
          throw error(
            at: item, "'\(key)' must be a list of texts, not of lists", hint: "write \(key): [a, b]")
        }
        return try optionalText(item, key: key)
      }
    default:
      return try optionalText(node, key: key).map { [$0] } ?? []
    }
  }

  /// Whether a plain (unquoted) scalar's text is YAML's null: nothing, `~` or `null`.
  static func isNull(_ text: String) -> Bool {
    ["", "~", "null", "Null", "NULL"].contains(text)
  }
}

extension YAMLReader {
  /// A drift threshold (`drift:` in `.valprop.yml` or front matter): `off`, or a mapping of
  /// `commits:` and `lines:`, each a positive whole number or `off`; nil for null. A key left
  /// out is not checked.
  func driftThreshold(_ node: Node, key: String) throws -> DriftThreshold? {
    switch node {
    case .scalar:
      guard let text = try optionalText(node, key: key) else { return nil }
      if text == "off" { return .off }
      throw error(at: node, "invalid drift threshold '\(text)'", hint: DriftThreshold.formatHint)
    case .mapping(let mapping):
      var threshold = DriftThreshold(commits: nil, lines: nil)
      for (keyNode, value) in mapping {
        let name = try optionalText(keyNode, key: key) ?? ""
        guard name == "commits" || name == "lines" else {
          throw error(at: keyNode, "'\(key)' has no key '\(name)'", hint: DriftThreshold.formatHint)
        }
        let text = try optionalText(value, key: "\(key).\(name)")
        var number: Int?
        if text == "off" || text == nil {
          number = nil
        } else if let text, let parsed = Int(text), parsed > 0 {
          number = parsed
        } else {
          throw error(
            at: value, "'\(key).\(name)' must be a positive whole number or off, not '\(text ?? "")'",
            hint: DriftThreshold.formatHint)
        }
        if name == "commits" { threshold.commits = number } else { threshold.lines = number }
      }
      return threshold
    default:
      throw error(at: node, "'\(key)' must be off or a mapping", hint: DriftThreshold.formatHint)
    }
  }
}
