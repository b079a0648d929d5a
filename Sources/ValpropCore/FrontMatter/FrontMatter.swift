import Yams

/// The YAML front matter of a proposition: the keys valprop knows, checked and typed; the
/// lines of every key, for messages; and the raw text, which valprop never re-serialises, so
/// keys it does not know stay exactly as the team wrote them.
public struct FrontMatter: Sendable, Equatable {
  /// The keys valprop reads; every other key is kept and ignored.
  public static let knownKeys: Set<String> = [
    "title", "status", "framework", "owner", "audience", "review-every", "reviewed",
    "superseded-by", "supersedes", "tags", "tracks", "drift",
  ]

  /// `title:`.
  public var title: String?
  /// `status:`.
  public var status: PropositionStatus?
  /// `framework:`.
  public var framework: Framework?
  /// `owner:`, one person or team or a list of them.
  public var owners: [String] = []
  /// `audience:`.
  public var audience: String?
  /// `review-every:`.
  public var reviewEvery: ReviewInterval?
  /// `reviewed:`, the last explicit review.
  public var reviewed: CalendarDate?
  /// `superseded-by:`, the id of the proposition that replaces this one.
  public var supersededBy: String?
  /// `supersedes:`, the ids of the propositions this one replaces.
  public var supersedes: [String] = []
  /// `tags:`.
  public var tags: [String] = []
  /// `tracks:`, the pathspecs of the code the proposition describes (relative to the
  /// repository root).
  public var tracks: [String] = []
  /// `drift:`, this proposition's own drift threshold.
  public var drift: DriftThreshold?
  /// Every top-level key in the order written, with its file line.
  public var keyLines: [(key: String, line: Int)] = []
  /// The keys written under a foreign name that `adopt.keys` maps (valprop key → as written),
  /// so that edits keep the team's name.
  public var writtenKeys: [String: String] = [:]
  /// Every top-level key in the order written, with its value as a short one-line text
  /// (`[a, b]` for lists); used to show front-matter changes.
  public var values: [(key: String, value: String)] = []

  /// Compares the typed values (not the line bookkeeping).
  public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
    lhs.title == rhs.title && lhs.status == rhs.status && lhs.framework == rhs.framework
      && lhs.owners == rhs.owners && lhs.audience == rhs.audience
      && lhs.reviewEvery == rhs.reviewEvery && lhs.reviewed == rhs.reviewed
      && lhs.supersededBy == rhs.supersededBy && lhs.supersedes == rhs.supersedes
      && lhs.tags == rhs.tags && lhs.tracks == rhs.tracks && lhs.drift == rhs.drift
  }

  /// Creates empty front matter (a file without any).
  public init() {}

  /// Parses the YAML between the `---` lines; `firstLine` is the file line the YAML starts on.
  /// Plain `key: value` lines are read by `QuickYAML`, other YAML by Yams; `quick: false`
  /// reads everything with Yams (the answers are the same: tests and fuzzing compare them).
  /// `adoption` maps foreign keys and status values to valprop's.
  public init(yaml: String, path: String, firstLine: Int, quick: Bool = true, adoption: Adoption = .none)
    throws
  {
    let reader = YAMLReader(path: path, firstLine: firstLine) { location, problem, hint in
      .invalidProposition(location, problem: problem, hint: hint)
    }
    if quick, let pairs = QuickYAML.pairs(yaml) {
      for (key, value) in pairs {
        try read(key.text, line: key.line + firstLine - 1, .quick(value), reader, adoption)
      }
      return
    }
    guard let root = try reader.compose(yaml) else { return }
    guard case .mapping(let mapping) = root else {
      throw reader.error(
        at: root, "front matter must be 'key: value' lines",
        hint: "write one key per line, e.g. 'title: Reconciliation autopilot'")
    }
    for (keyNode, value) in mapping {
      guard case .scalar(let keyScalar) = keyNode else {
        throw reader.error(at: keyNode, "front-matter keys must be plain words", hint: "write 'key: value'")
      }
      try read(
        keyScalar.string, line: reader.location(of: keyNode).line ?? firstLine, .yams(value), reader, adoption
      )
    }
  }

  /// A front-matter value, as Yams or the quick reader read it.
  private enum Value {
    case yams(Node)
    case quick(QuickYAML.Value)

    /// The value as text; nil for null.
    func text(key: String, _ reader: YAMLReader) throws -> String? {
      switch self {
      case .yams(let node): return try reader.optionalText(node, key: key)
      case .quick(.scalar(let scalar)): return scalar.isNull ? nil : scalar.text
      case .quick(.list(_, let line, let column)):
        throw reader.notText(key: key, "a list", at: reader.location(line: line, column: column))
      }
    }

    /// The value as a list of texts (a text is a list of one, null an empty list).
    func texts(key: String, _ reader: YAMLReader) throws -> [String] {
      switch self {
      case .yams(let node): return try reader.textList(node, key: key)
      case .quick(.scalar(let scalar)): return scalar.isNull ? [] : [scalar.text]
      case .quick(.list(let items, _, _)): return items.compactMap { $0.isNull ? nil : $0.text }
      }
    }

    /// The value as text made into a `Typed` by `parse`; nil for null; an error pointing at
    /// the value, saying `problem`, when `parse` refuses it.
    func typed<Typed>(
      key: String, _ reader: YAMLReader, _ parse: (String) -> Typed?, problem: (String) -> String,
      hint: String
    ) throws -> Typed? {
      guard let text = try text(key: key, reader) else { return nil }
      guard let parsed = parse(text) else { throw error(reader, problem(text), hint: hint) }
      return parsed
    }

    /// One of an enumeration's names, else an error that lists them.
    func choice<Choice: CaseIterable & RawRepresentable<String>>(
      key: String, _ reader: YAMLReader, _ noun: String
    )
      throws -> Choice?
    {
      try typed(
        key: key, reader, Choice.init(rawValue:), problem: { "unknown \(noun) '\($0)'" },
        hint: "use one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// A drift threshold: `off`, or a mapping of `commits:` and `lines:`.
    func drift(_ reader: YAMLReader) throws -> DriftThreshold? {
      switch self {
      case .yams(let node): return try reader.driftThreshold(node, key: "drift")
      case .quick:
        guard let text = try text(key: "drift", reader) else { return nil }
        if text == "off" { return .off }
        throw error(reader, "invalid drift threshold '\(text)'", hint: DriftThreshold.formatHint)
      }
    }

    /// An error pointing at the value.
    func error(_ reader: YAMLReader, _ problem: String, hint: String) -> ValpropError {
      switch self {
      case .yams(let node): return reader.error(at: node, problem, hint: hint)
      case .quick(.scalar(let scalar)):
        return reader.makeError(reader.location(line: scalar.line, column: scalar.column), problem, hint)
      case .quick(.list(_, let line, let column)):
        return reader.makeError(reader.location(line: line, column: column), problem, hint)
      }
    }

    /// The value as one line of text.
    var display: String {
      switch self {
      case .yams(let node): return FrontMatter.display(node)
      case .quick(.scalar(let scalar)):
        var line = DisplayLine()
        line.emit(scalar.text)
        return line.text
      case .quick(.list(let items, _, _)):
        var line = DisplayLine()
        line.emit("[")
        for (index, item) in items.enumerated() where !line.isFull {
          if index > 0 { line.emit(", ") }
          line.emit(item.text)
        }
        line.emit("]")
        return line.text
      }
    }
  }

  /// Reads one top-level key.
  private mutating func read(
    _ written: String, line: Int, _ value: Value, _ reader: YAMLReader, _ adoption: Adoption
  ) throws {
    let key = adoption.keys[written] ?? written
    if key != written { writtenKeys[key] = written }
    keyLines.append((key, line))
    values.append((key, value.display))
    switch key {
    case "title":
      title = try value.text(key: key, reader)
    case "status":
      let names = PropositionStatus.allCases.map(\.rawValue).joined(separator: ", ")
      status = try value.typed(
        key: key, reader, adoption.status, problem: { "unknown status '\($0)'" },
        hint: "use one of: \(names); or, for documents adopted with their own values, map them in"
          + " .valprop.yml (adopt: status: {\"Final\": active})")
    case "framework":
      framework = try value.choice(key: key, reader, "framework")
    case "owner":
      owners = try value.texts(key: key, reader)
    case "audience":
      audience = try value.text(key: key, reader)
    case "review-every":
      reviewEvery = try value.typed(
        key: key, reader, ReviewInterval.init, problem: { "invalid review interval '\($0)'" },
        hint: ReviewInterval.formatHint)
    case "reviewed":
      reviewed = try value.typed(
        key: key, reader, CalendarDate.init,
        problem: { text in
          let looksLikeDate = text.utf8.count == 10 && text.split(separator: "-").count == 3
          return looksLikeDate ? "'\(text)' is not a real date" : "invalid date '\(text)'"
        },
        hint: "write the day of the last review as YYYY-MM-DD, e.g. reviewed: 2026-09-01")
    case "superseded-by":
      supersededBy = try value.text(key: key, reader)
    case "supersedes":
      supersedes = try value.texts(key: key, reader)
    case "tags":
      tags = try value.texts(key: key, reader)
    case "tracks":
      tracks = try value.texts(key: key, reader)
      do {
        _ = try Pathspec(tracks)
      } catch let problem as Pathspec.Problem {
        throw value.error(
          reader, "'tracks' has a pattern valprop cannot read: \(problem)",
          hint:
            "write git pathspecs relative to the repository root, e.g. tracks: [Sources/Billing/**, ':(exclude)Sources/Billing/Tests']"
        )
      }
    case "drift":
      drift = try value.drift(reader)
    default:
      break  // A key of the team's own: kept in the file, ignored here.
    }
  }

  /// A YAML value as one line of text.
  /// At most this many characters are shown of one value: YAML aliases can make a short
  /// text stand for an exponentially large value ("billion laughs"), which must not be walked.
  static let displayLimit = 2_000

  static func display(_ node: Node) -> String {
    var line = DisplayLine()
    func walk(_ node: Node) {
      guard !line.isFull else { return }
      switch node {
      case .scalar(let scalar): line.emit(scalar.string)
      case .sequence(let sequence):
        line.emit("[")
        for (index, item) in sequence.enumerated() where !line.isFull {
          if index > 0 { line.emit(", ") }
          walk(item)
        }
        line.emit("]")
      case .mapping(let mapping):
        line.emit("{")
        for (index, pair) in mapping.enumerated() where !line.isFull {
          if index > 0 { line.emit(", ") }
          walk(pair.key)
          line.emit(": ")
          walk(pair.value)
        }
        line.emit("}")
      case .alias: line.emit("*alias")
      }
    }
    walk(node)
    return line.text
  }

  /// A value being written as one line, cut at `displayLimit` characters with "…".
  struct DisplayLine {
    private var budget = FrontMatter.displayLimit
    private var out = ""

    /// Whether the limit is reached: what is emitted now is dropped.
    var isFull: Bool { budget <= 0 }

    mutating func emit(_ text: String) {
      guard budget > 0 else { return }
      out += text.prefix(budget)
      budget -= text.count
    }

    /// The line, with "…" when it was cut.
    var text: String { budget > 0 ? out : out + "…" }
  }

  /// The file line of a key, when the front matter has it.
  public func line(of key: String) -> Int? {
    keyLines.first { $0.key == key }?.line
  }
}
