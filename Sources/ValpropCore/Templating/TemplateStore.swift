import Foundation

/// The templates a workspace can use: the built-in ones, shadowed by the workspace's own.
public struct TemplateStore: Sendable {
  /// The folder of workspace templates, relative to the workspace root.
  public static let workspaceFolder = ".valprop/templates"

  /// The built-in templates, in the order of README.md's 'A proposition file'.
  public static let builtIn: [PropositionTemplate] = [
    ("core", PackageResources.core_md), ("canvas", PackageResources.canvas_md),
    ("jtbd", PackageResources.jtbd_md), ("lean", PackageResources.lean_md),
    ("before-after", PackageResources.before_after_md),
  ].map { PropositionTemplate(name: $0.0, origin: .builtIn, text: String(decoding: $0.1, as: UTF8.self)) }

  /// The workspace's templates, sorted by name.
  public let workspace: [PropositionTemplate]

  /// Reads the workspace templates (files directly in `.valprop/templates/`); a workspace
  /// template that is not UTF-8 text is an error naming it.
  public init(source: PropositionSource) throws {
    var found: [PropositionTemplate] = []
    for file in try source.markdownFiles(under: TemplateStore.workspaceFolder) {
      let relative = file.path.dropFirst(TemplateStore.workspaceFolder.count + 1)
      guard !relative.contains("/") else { continue }  // Only the folder itself, not below.
      if file.isSymlink {
        throw ValpropError.invalidTemplate(
          SourceLocation(path: file.path), problem: "is a symbolic link, which valprop does not follow",
          hint: "copy the template into the folder instead")
      }
      guard let data = try source.read(file.path) else { continue }
      let text: String
      do {
        text = try SourceText.decode(data, path: file.path)
      } catch ValpropError.invalidProposition(let location, let problem, let hint) {
        throw ValpropError.invalidTemplate(location, problem: problem, hint: hint)
      }
      found.append(
        PropositionTemplate(
          name: String(relative.dropLast(3)), origin: .workspace(path: file.path), text: text))
    }
    workspace = found.sorted { $0.name < $1.name }
  }

  /// Every usable template: built-in ones first (replaced in place where the workspace
  /// shadows them), then the workspace's own.
  public var all: [PropositionTemplate] {
    let own = Dictionary(workspace.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let builtInNames = Set(TemplateStore.builtIn.map(\.name))
    return TemplateStore.builtIn.map { own[$0.name] ?? $0 }
      + workspace.filter { !builtInNames.contains($0.name) }
  }

  /// Whether a workspace template hides the built-in one of its name.
  public func shadows(_ name: String) -> Bool {
    TemplateStore.builtIn.contains { $0.name == name } && workspace.contains { $0.name == name }
  }

  /// Looks a template up by name; never joins the name into a path.
  public func template(named name: String) throws -> PropositionTemplate {
    guard let template = all.first(where: { $0.name == name }) else {
      throw ValpropError.unknownTemplate(name, available: all.map(\.name))
    }
    return template
  }
}
