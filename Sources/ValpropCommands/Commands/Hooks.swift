import ArgumentParser
import Foundation
import ValpropCore

extension Valprop {
  /// `valprop hooks`: git hooks that lint and remind.
  struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "hooks",
      abstract: "Manage valprop's git hooks.",
      subcommands: [Install.self, Uninstall.self])

    /// `valprop hooks uninstall`.
    struct Uninstall: ValpropCommand {
      static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove valprop's pre-commit and post-merge hooks, putting back the hooks they replaced.",
        discussion: """
          Removes each hook that is exactly the one valprop installed; a hook kept as \
          <name>.before-valprop by 'hooks install --force' is put back. A hook changed by hand \
          or written by another tool is left alone and named.

          Examples:
            valprop hooks uninstall
          """)

      func run(in context: CommandContext) throws {
        let workspace = try context.openWorkspace()
        _ = try workspace.writableRoot()
        for result in try HookInstaller(repository: workspace.repository).uninstall() {
          let shown = context.displayPath(result.path)
          switch result.outcome {
          case .removed: context.write("Removed \(result.name): \(shown)\n")
          case .restored(let backup):
            context.write(
              "Removed \(result.name) and put back the earlier hook from \(context.displayPath(backup))\n")
          case .absent: context.write("No \(result.name) hook to remove\n")
          case .notValprops:
            context.write(
              "Left \(result.name) alone: \(shown) is not valprop's hook (changed, or another tool's)\n")
          }
        }
      }
    }

    /// `valprop hooks install`.
    struct Install: ValpropCommand {
      static let configuration = CommandConfiguration(
        commandName: "install",
        abstract:
          "Install the pre-commit (lint the staged propositions) and post-merge (stale reminder) hooks.",
        discussion: """
          Writes the hooks into the repository's hooks folder, honouring core.hooksPath. A \
          different hook already there is never replaced without --force; with it, the old \
          hook is kept next to it as <name>.before-valprop. The hooks call the valprop that \
          installed them, or valprop on PATH.

          Examples:
            valprop hooks install
            valprop hooks install --force
          """)

      @Flag(
        help: "Replace different hooks that are already installed, keeping each as <name>.before-valprop.")
      var force = false

      func run(in context: CommandContext) throws {
        let workspace = try context.openWorkspace()
        _ = try workspace.writableRoot()
        let installer = HookInstaller(repository: workspace.repository)
        for result in try installer.install(force: force, valpropPath: RunningExecutable.path) {
          switch result.outcome {
          case .installed: context.write("Installed \(result.name): \(context.displayPath(result.path))\n")
          case .unchanged:
            context.write("Already installed \(result.name): \(context.displayPath(result.path))\n")
          case .replaced(let backup):
            context.write(
              "Replaced \(result.name): \(context.displayPath(result.path)) (the old hook is \(context.displayPath(backup)))\n"
            )
          }
        }
      }
    }
  }
}
