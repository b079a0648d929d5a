import ArgumentParser
import Foundation
import ValpropCore

/// What the shell completion scripts (`valprop --generate-completion-script bash|zsh|fish`)
/// offer: the ids of the workspace's propositions and the names of its templates, read from
/// the folder the command line points at (after any `-C`), or nothing outside a workspace.
enum Completions {
  /// Completes a proposition id.
  static let ids = CompletionKind.custom { words, _, prefix in
    guard let workspace = workspace(words),
      let catalog = try? workspace.catalog(requireFolder: false)
    else { return [] }
    return Array(Set(catalog.entries.map(\.id))).sorted().filter { $0.hasPrefix(prefix) }
  }

  /// Completes a template name.
  static let templates = CompletionKind.custom { words, _, prefix in
    let builtIn = TemplateStore.builtIn.map(\.name)
    guard let workspace = workspace(words), let store = try? TemplateStore(source: workspace.source) else {
      return builtIn.filter { $0.hasPrefix(prefix) }
    }
    return store.all.map(\.name).filter { $0.hasPrefix(prefix) }
  }

  /// The workspace the words run in: the current folder moved by each `-C` before the command.
  static func workspace(_ words: [String]) -> Workspace? {
    var arguments = Array(words.dropFirst())
    guard let paths = try? Valprop.takeDirectoryOptions(&arguments),
      let context = try? CommandContext.current(changingTo: paths)
    else { return nil }
    return try? context.openWorkspace()
  }
}
