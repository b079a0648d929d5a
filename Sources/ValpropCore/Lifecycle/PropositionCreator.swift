import Foundation

/// Writes a new proposition from a template, as `valprop new` does: the values are checked
/// first (an id of the allowed form, one-line texts, valid `tracks:` pathspecs), the file
/// starts as a draft, and it never overwrites: an id any file in the propositions folder
/// already has is refused.
public struct PropositionCreator: Sendable {
  /// The new proposition's id.
  public let id: String
  /// The template's name: a built-in one or a workspace template.
  public let template: String
  /// The title, made from the id when none was given.
  public let title: String
  /// The owners.
  public let owners: [String]
  /// The target audience.
  public let audience: String?
  /// The `tracks:` pathspecs.
  public let tracks: [String]

  /// Checks the values; `option` names in errors are those of `valprop new`.
  public init(
    id: String, template: String = "core", title: String? = nil, owners: [String] = [],
    audience: String? = nil, tracks: [String] = []
  ) throws {
    try PropositionID.validate(id)
    self.id = id
    self.template = template
    self.title = try Self.singleLine(title ?? PropositionID.defaultTitle(for: id), option: "--title")
    self.owners = try owners.map { try Self.singleLine($0, option: "--owner") }
    self.audience = try audience.map { try Self.singleLine($0, option: "--audience") }
    self.tracks = try tracks.map { try Self.singleLine($0, option: "--tracks") }
    do {
      _ = try Pathspec(self.tracks)
    } catch let problem as Pathspec.Problem {
      throw ValpropError.invalidArgument(
        problem: "--tracks \(problem)",
        hint: "give a git pathspec relative to the repository root, e.g. --tracks 'Sources/Billing/**'")
    }
  }

  /// Writes `<directory>/<id>.md` in the workspace's work tree, creating the folder if
  /// needed, and returns the file's absolute path.
  public func create(in workspace: Workspace, on date: CalendarDate) throws -> String {
    let root = try workspace.writableRoot()
    do {
      if let existing = try workspace.catalog().entries(for: id).first {
        throw ValpropError.alreadyExists(id: id, path: existing.path)
      }
    } catch ValpropError.noPropositionsFolder(_, false, _) {
      // No folder yet: no id is taken, and the folder is created below.
    }
    let text = try render(TemplateStore(source: workspace.source).template(named: template), on: date)
    let folder = root + "/" + workspace.config.directory
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw ValpropError.fileSystem(
        path: workspace.config.directory, problem: "cannot create the folder (\(error.localizedDescription))")
    }
    let relative = workspace.config.directory + "/" + id + ".md"
    do {
      try AtomicFile.create(root + "/" + relative, contents: Data(text.utf8), displayPath: relative)
    } catch ValpropError.fileExists {
      throw ValpropError.alreadyExists(id: id, path: relative)
    }
    return root + "/" + relative
  }

  /// The file's text: the template rendered, with `status: draft` when the template sets no
  /// status, and the `tracks:` patterns when the template leaves them out.
  func render(_ template: PropositionTemplate, on date: CalendarDate) throws -> String {
    var text = try template.render(
      TemplateValues(id: id, title: title, owners: owners, audience: audience, date: date, tracks: tracks))
    // New propositions start as drafts, whatever a workspace template says or leaves out.
    let rendered = try Proposition(id: id, path: id + ".md", text: text)
    var keys: [(String, String)] = []
    if rendered.frontMatter.status == nil { keys.append(("status", "draft")) }
    // A workspace template may not know `tracks:`: the patterns are written all the same.
    if !tracks.isEmpty && rendered.frontMatter.tracks != tracks {
      keys.append(("tracks", "[" + tracks.map(TemplateValues.quoted).joined(separator: ", ") + "]"))
    }
    if !keys.isEmpty { text = FrontMatterEditor.set(keys, in: rendered) }
    return text
  }

  /// Refuses values with line breaks or control characters, which would break the file.
  static func singleLine(_ value: String, option: String) throws -> String {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty {
      throw ValpropError.invalidArgument(
        problem: "\(option) is empty", hint: "give it some text, or leave the option out")
    }
    if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw ValpropError.invalidArgument(
        problem: "\(option) contains a line break or control character", hint: "give it on one line")
    }
    return trimmed
  }
}
