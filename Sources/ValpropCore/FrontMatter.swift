import Yams

/// The YAML front matter of a proposition: the keys valprop knows, checked and typed; the
/// lines of every key, for messages; and the raw text, which valprop never re-serialises, so
/// keys it does not know stay exactly as the team wrote them.
public struct FrontMatter: Sendable, Equatable {
  /// The keys valprop reads; every other key is kept and ignored.
  public static let knownKeys: Set<String> = [
    "title", "status", "framework", "owner", "audience", "review-every", "reviewed",
    "superseded-by", "supersedes", "tags",
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
  /// Every top-level key in the order written, with its file line.
  public var keyLines: [(key: String, line: Int)] = []
  /// Every top-level key in the order written, with its value as a short one-line text
  /// (`[a, b]` for lists); used to show front-matter changes.
  public var values: [(key: String, value: String)] = []

  /// Compares the typed values (not the line bookkeeping).
  public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
    lhs.title == rhs.title && lhs.status == rhs.status && lhs.framework == rhs.framework
      && lhs.owners == rhs.owners && lhs.audience == rhs.audience
      && lhs.reviewEvery == rhs.reviewEvery && lhs.reviewed == rhs.reviewed
      && lhs.supersededBy == rhs.supersededBy && lhs.supersedes == rhs.supersedes
      && lhs.tags == rhs.tags
  }

  /// Creates empty front matter (a file without any).
  public init() {}

  /// Parses the YAML between the `---` lines; `firstLine` is the file line the YAML starts on.
  public init(yaml: String, path: String, firstLine: Int) throws {
    let reader = YAMLReader(path: path, firstLine: firstLine) { location, problem, hint in
      .invalidProposition(location, problem: problem, hint: hint)
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
      let key = keyScalar.string
      keyLines.append((key, reader.location(of: keyNode).line ?? firstLine))
      values.append((key, FrontMatter.display(value)))
      switch key {
      case "title":
        title = try reader.optionalText(value, key: key)
      case "status":
        if let text = try reader.optionalText(value, key: key) {
          guard let parsed = PropositionStatus(rawValue: text) else {
            throw reader.error(
              at: value, "unknown status '\(text)'", hint: "use one of: \(PropositionStatus.names)")
          }
          status = parsed
        }
      case "framework":
        if let text = try reader.optionalText(value, key: key) {
          guard let parsed = Framework(rawValue: text) else {
            throw reader.error(
              at: value, "unknown framework '\(text)'", hint: "use one of: \(Framework.names)")
          }
          framework = parsed
        }
      case "owner":
        owners = try reader.textList(value, key: key)
      case "audience":
        audience = try reader.optionalText(value, key: key)
      case "review-every":
        if let text = try reader.optionalText(value, key: key) {
          guard let parsed = ReviewInterval(text) else {
            throw reader.error(
              at: value, "invalid review interval '\(text)'", hint: ReviewInterval.formatHint)
          }
          reviewEvery = parsed
        }
      case "reviewed":
        if let text = try reader.optionalText(value, key: key) {
          guard let parsed = CalendarDate(text) else {
            let looksLikeDate = text.utf8.count == 10 && text.split(separator: "-").count == 3
            throw reader.error(
              at: value,
              looksLikeDate ? "'\(text)' is not a real date" : "invalid date '\(text)'",
              hint: "write the day of the last review as YYYY-MM-DD, e.g. reviewed: 2026-09-01")
          }
          reviewed = parsed
        }
      case "superseded-by":
        supersededBy = try reader.optionalText(value, key: key)
      case "supersedes":
        supersedes = try reader.textList(value, key: key)
      case "tags":
        tags = try reader.textList(value, key: key)
      default:
        continue  // A key of the team's own: kept in the file, ignored here.
      }
    }
  }

  /// A YAML value as one line of text.
  /// At most this many characters are shown of one value: YAML aliases can make a short
  /// text stand for an exponentially large value ("billion laughs"), which must not be walked.
  static let displayLimit = 2_000

  static func display(_ node: Node) -> String {
    var budget = displayLimit
    var out = ""
    func emit(_ text: String) {
      guard budget > 0 else { return }
      out += text.prefix(budget)
      budget -= text.count
    }
    func walk(_ node: Node) {
      guard budget > 0 else { return }
      switch node {
      case .scalar(let scalar): emit(scalar.string)
      case .sequence(let sequence):
        emit("[")
        for (index, item) in sequence.enumerated() where budget > 0 {
          if index > 0 { emit(", ") }
          walk(item)
        }
        emit("]")
      case .mapping(let mapping):
        emit("{")
        for (index, pair) in mapping.enumerated() where budget > 0 {
          if index > 0 { emit(", ") }
          walk(pair.key)
          emit(": ")
          walk(pair.value)
        }
        emit("}")
      case .alias: emit("*alias")
      }
    }
    walk(node)
    return budget > 0 ? out : out + "…"
  }

  /// The file line of a key, when the front matter has it.
  public func line(of key: String) -> Int? {
    keyLines.first { $0.key == key }?.line
  }
}
