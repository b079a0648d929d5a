import Foundation
import Yams

/// The settings of `.valprop.yml`; every key is optional and unknown keys are an error.
public struct WorkspaceConfig: Sendable, Equatable {
  /// The config file's name at the workspace root.
  public static let fileName = ".valprop.yml"

  /// Where propositions live, relative to the workspace root.
  public var directory = "propositions"
  /// Where `directory:` is written, for messages; nil when it is the default.
  public var directorySetting: SourceLocation?
  /// The default review interval.
  public var reviewEvery = ReviewInterval(count: 90, unit: .days)!
  /// The window in which a proposition counts as due soon.
  public var dueSoon = ReviewInterval(count: 14, unit: .days)!
  /// Where `valprop index` writes the register, relative to the workspace root.
  public var index = "PROPOSITIONS.md"
  /// Lint rule ids or concerns switched off for the whole workspace.
  public var lintDisable: [String] = []
  /// Extra words the team counts as internal jargon.
  public var lintJargon: [String] = []
  /// The team's own word rules (`lint.rules`).
  public var lintRules: [LintTeamRule] = []
  /// Severity overrides by rule id: `error`, `warning`, or nil for `off`.
  public var lintSeverity: [String: Severity?] = [:]
  /// The longest headline lint accepts, in words.
  public var lintHeadlineWords = 12
  /// The longest unique value proposition or job statement lint accepts, in words.
  public var lintStatementWords = 30
  /// How the team's own front-matter keys and status values read as valprop's (`adopt:`).
  public var adoption = Adoption.none
  /// Globs of files in the propositions folder that are not propositions (`exclude:`).
  public var exclude: [String] = []
  /// When a proposition's tracked code has changed enough to call it drifted (`drift:`).
  public var drift = DriftThreshold.standard

  /// The files of the propositions folder that are no propositions: the `exclude:` globs,
  /// and the register `index` writes when it lies in the folder.
  public var excludeRules: ExcludeRules {
    ExcludeRules(patterns: exclude, paths: index.hasPrefix(directory + "/") ? [index] : [])
  }

  /// The defaults, used when there is no config file.
  public init() {}

  /// Compares the settings, not where they were written.
  public static func == (lhs: WorkspaceConfig, rhs: WorkspaceConfig) -> Bool {
    lhs.directory == rhs.directory && lhs.reviewEvery == rhs.reviewEvery && lhs.dueSoon == rhs.dueSoon
      && lhs.index == rhs.index && lhs.lintDisable == rhs.lintDisable && lhs.lintJargon == rhs.lintJargon
      && lhs.lintSeverity == rhs.lintSeverity && lhs.lintHeadlineWords == rhs.lintHeadlineWords
      && lhs.lintStatementWords == rhs.lintStatementWords && lhs.adoption == rhs.adoption
      && lhs.exclude == rhs.exclude && lhs.drift == rhs.drift
  }

  /// The text `valprop init` writes: every key with its default and a comment.
  public static let initialText = """
    # valprop workspace settings; every key is optional.
    directory: propositions     # where propositions live
    review-every: 90d           # default review interval
    due-soon: 14d               # window in which a proposition counts as due soon
    index: PROPOSITIONS.md      # where `valprop index` writes the register
    lint:
      disable: []               # rule ids or concerns to switch off
      jargon: []                # extra words the team counts as internal jargon
      rules: []                 # team rules: - { words: [..], message: .., replace: .., severity: .. }
      severity: {}              # per rule: error, warning or off
      headline-words: 12        # the longest headline, in words
      statement-words: 30       # the longest unique value proposition or job statement

    """

  /// Parses the config file's bytes; `path` names it in messages.
  public init(data: Data, path: String = WorkspaceConfig.fileName) throws {
    let text: String
    do {
      text = try SourceText.text(of: data)
    } catch .empty {
      self.init()  // An empty config means the defaults.
      return
    } catch {
      throw ValpropError.invalidConfig(error.location(path: path), problem: error.problem, hint: error.hint)
    }
    try self.init(text: text, path: path)
  }

  /// Parses the config text.
  public init(text: String, path: String = WorkspaceConfig.fileName) throws {
    if let quick = WorkspaceConfig(quick: text, path: path) {
      self = quick
      return
    }
    try self.init(yaml: text, path: path)
  }

  /// Parses the config text with the full YAML reader, which reports what is wrong.
  init(yaml text: String, path: String) throws {
    let reader = YAMLReader(path: path, firstLine: 1) { location, problem, hint in
      .invalidConfig(location, problem: problem, hint: hint)
    }
    guard let root = try reader.compose(text) else { return }
    let topKeys = "directory, review-every, due-soon, index, lint, adopt, exclude, drift"
    for (key, value) in try Self.pairs(root, reader: reader, allowed: topKeys) {
      switch key.string {
      case "directory":
        directory = try Self.relativePath(value, key: "directory", reader: reader)
        directorySetting = SourceLocation(path: path, line: reader.location(of: key.node).line)
      case "review-every":
        reviewEvery = try Self.interval(value, key: "review-every", reader: reader)
      case "due-soon":
        dueSoon = try Self.interval(value, key: "due-soon", reader: reader)
      case "index":
        index = try Self.relativePath(value, key: "index", reader: reader)
      case "exclude":
        exclude = try reader.textList(value, key: "exclude")
      case "drift":
        drift = try reader.driftThreshold(value, key: "drift") ?? .standard
      case "adopt":
        adoption = try Self.adoption(value, reader: reader)
      case "lint":
        if case .scalar = value, try reader.optionalText(value, key: "lint") == nil { continue }
        let lintKeys = "disable, jargon, rules, severity, headline-words, statement-words"
        for (lintKey, lintValue) in try Self.pairs(value, reader: reader, allowed: lintKeys, prefix: "lint.")
        {
          switch lintKey.string {
          case "disable":
            lintDisable = try reader.textList(lintValue, key: "lint.disable")
            let known = Set(LintRuleID.allCases.map(\.rawValue) + Concern.allCases.map(\.rawValue))
            lintDisable = lintDisable.map { known.contains($0.lowercased()) ? $0.lowercased() : $0 }
            if let unknown = lintDisable.first(where: { !known.contains($0) }) {
              throw reader.error(
                at: lintValue, "'\(unknown)' in lint.disable is not a rule or concern",
                hint: Self.didYouMean(unknown)
                  + "use rule ids or concerns that 'valprop lint --list-rules' lists (e.g. buzzword, language)"
              )
            }
          case "rules":
            lintRules = try Self.teamRules(lintValue, reader: reader)
          case "jargon": lintJargon = try reader.textList(lintValue, key: "lint.jargon")
          case "severity":
            for (rule, level) in try Self.pairs(
              lintValue, reader: reader, allowed: "rule ids", prefix: "lint.severity.")
            {
              guard let id = LintRuleID(name: rule.string) else {
                throw reader.error(
                  at: rule.node, "'\(rule.string)' in lint.severity is not a rule",
                  hint: Self.didYouMean(rule.string) + "use a rule id such as buzzword")
              }
              switch try reader.optionalText(level, key: "lint.severity.\(rule.string)") {
              case "error": lintSeverity[id.rawValue] = .some(.error)
              case "warning": lintSeverity[id.rawValue] = .some(.warning)
              case "off": lintSeverity[id.rawValue] = .some(nil)
              default:
                throw reader.error(
                  at: level, "unknown severity for '\(rule.string)'", hint: "use error, warning or off")
              }
            }
          case "headline-words":
            lintHeadlineWords = try Self.count(lintValue, key: "lint.headline-words", reader: reader)
          case "statement-words":
            lintStatementWords = try Self.count(lintValue, key: "lint.statement-words", reader: reader)
          default:
            throw Self.unknownKey(
              "lint.\(lintKey.string)", at: lintKey.node, allowed: lintKeys, reader: reader)
          }
        }
      default:
        throw Self.unknownKey(key.string, at: key.node, allowed: topKeys, reader: reader)
      }
    }
  }

  /// "did you mean 'x'? " for a misspelt rule or concern, or nothing.
  static func didYouMean(_ name: String) -> String {
    LintRuleID.suggestion(for: name).map { "did you mean '\($0)'? " } ?? ""
  }

  /// `lint.rules`: a list of `{words, message, replace, severity}`.
  private static func teamRules(_ node: Node, reader: YAMLReader) throws -> [LintTeamRule] {
    let keys = "words, message, replace, severity"
    let items: [Node]
    switch node {
    case .sequence(let sequence): items = Array(sequence)
    case .scalar where try reader.optionalText(node, key: "lint.rules") == nil: return []
    default:
      throw reader.error(
        at: node, "'lint.rules' must be a list of rules",
        hint:
          "write - { words: [Hydra], message: \"say 'the matching service'\", replace: the matching service }"
      )
    }
    return try items.map { item in
      var words: [String] = []
      var message: String?
      var replacement: String?
      var severity = Severity.warning
      for (key, value) in try pairs(item, reader: reader, allowed: keys, prefix: "lint.rules.") {
        switch key.string {
        case "words": words = try reader.textList(value, key: "lint.rules.words")
        case "message": message = try reader.optionalText(value, key: "lint.rules.message")
        case "replace": replacement = try reader.optionalText(value, key: "lint.rules.replace")
        case "severity":
          switch try reader.optionalText(value, key: "lint.rules.severity") {
          case "error": severity = .error
          case "warning", nil: severity = .warning
          default:
            throw reader.error(at: value, "unknown severity in lint.rules", hint: "use error or warning")
          }
        default:
          throw unknownKey("lint.rules.\(key.string)", at: key.node, allowed: keys, reader: reader)
        }
      }
      guard !words.isEmpty, let message, !message.isEmpty else {
        throw reader.error(
          at: item, "a rule in lint.rules needs 'words' and a 'message'",
          hint: "write - { words: [Hydra], message: \"internal name; say 'the matching service'\" }")
      }
      return LintTeamRule(words: words, message: message, replacement: replacement, severity: severity)
    }
  }

  private static func pairs(_ node: Node, reader: YAMLReader, allowed: String, prefix: String = "")
    throws -> [(key: (string: String, node: Node), value: Node)]
  {
    guard case .mapping(let mapping) = node else {
      throw reader.error(
        at: node, "\(prefix.isEmpty ? "the config" : "'\(prefix.dropLast())'") must be 'key: value' lines",
        hint: "use the keys \(allowed)")
    }
    return try mapping.map { key, value in
      guard case .scalar(let scalar) = key else {
        throw reader.error(at: key, "config keys must be plain words", hint: "use the keys \(allowed)")
      }
      return ((scalar.string, key), value)
    }
  }

  private static func unknownKey(_ key: String, at node: Node, allowed: String, reader: YAMLReader)
    -> ValpropError
  {
    let last = key.split(separator: ".").last.map(String.init) ?? key
    let known = allowed.components(separatedBy: ", ")
    let guess = Suggestions.didYouMean(last, in: known).map { $0 + " " } ?? ""
    return reader.error(
      at: node, "unknown key '\(key)'",
      hint: "\(guess)the keys valprop knows here are \(allowed); remove the others")
  }

  /// `adopt:`: `keys:` (foreign key → valprop key) and `status:` (foreign value → status).
  private static func adoption(_ node: Node, reader: YAMLReader) throws -> Adoption {
    var adoption = Adoption()
    let allowed = "keys, status"
    for (key, value) in try pairs(node, reader: reader, allowed: allowed, prefix: "adopt.") {
      switch key.string {
      case "keys":
        let known = FrontMatter.knownKeys.sorted()
        for (foreign, target) in try pairs(
          value, reader: reader, allowed: "foreign: valprop", prefix: "adopt.keys.")
        {
          let name = try reader.optionalText(target, key: "adopt.keys.\(foreign.string)") ?? ""
          guard FrontMatter.knownKeys.contains(name) else {
            let guess = Suggestions.didYouMean(name, in: known).map { $0 + " " } ?? ""
            throw reader.error(
              at: target, "'\(name)' in adopt.keys is not a key valprop reads",
              hint: "\(guess)map '\(foreign.string)' to one of: \(known.joined(separator: ", "))")
          }
          adoption.keys[foreign.string] = name
        }
      case "status":
        let names = PropositionStatus.allCases.map(\.rawValue)
        for (foreign, target) in try pairs(
          value, reader: reader, allowed: "value: status", prefix: "adopt.status.")
        {
          let name = try reader.optionalText(target, key: "adopt.status.\(foreign.string)") ?? ""
          guard let status = PropositionStatus(rawValue: name) else {
            let guess = Suggestions.didYouMean(name, in: names).map { $0 + " " } ?? ""
            throw reader.error(
              at: target, "'\(name)' in adopt.status is not a valprop status",
              hint: "\(guess)map '\(foreign.string)' to one of: \(names.joined(separator: ", "))")
          }
          adoption.statuses[foreign.string] = status
        }
      default:
        throw unknownKey("adopt.\(key.string)", at: key.node, allowed: allowed, reader: reader)
      }
    }
    return adoption
  }

  private static func count(_ node: Node, key: String, reader: YAMLReader) throws -> Int {
    let text = try reader.optionalText(node, key: key) ?? ""
    guard let value = Int(text), (1...1000).contains(value) else {
      throw reader.error(
        at: node, "'\(key)' must be a whole number of words, got '\(text)'", hint: "e.g. \(key): 20")
    }
    return value
  }

  private static func interval(_ node: Node, key: String, reader: YAMLReader) throws -> ReviewInterval {
    let text = try reader.optionalText(node, key: key) ?? ""
    guard let interval = ReviewInterval(text) else {
      throw reader.error(at: node, "invalid duration '\(text)' for '\(key)'", hint: ReviewInterval.formatHint)
    }
    return interval
  }

  /// A path inside the workspace: relative, without `..`, not empty.
  private static func relativePath(_ node: Node, key: String, reader: YAMLReader) throws -> String {
    let text = (try reader.optionalText(node, key: key) ?? "").trimmedWhitespace
    guard let path = insidePath(text) else {
      throw reader.error(
        at: node, "'\(key)' must be a path inside the workspace, got '\(text)'",
        hint:
          "write a relative path without '..', e.g. \(key): \(key == "index" ? "PROPOSITIONS.md" : "propositions")"
      )
    }
    return path
  }

  /// A path given as inside the workspace, without its `.` parts and empty ones; nil when it
  /// is empty, absolute, holds `..` or a NUL.
  static func insidePath(_ text: String) -> String? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    guard !text.isEmpty, !text.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty, !text.contains("\0")
    else { return nil }
    return parts.joined(separator: "/")
  }
}
