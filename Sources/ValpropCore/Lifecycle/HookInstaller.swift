import Foundation
import GitKit

/// Installs valprop's git hooks (the scripts of `hooks/`, carried in the binary) into a
/// repository's hooks folder, honouring `core.hooksPath`, never replacing a different hook
/// without being told to.
public struct HookInstaller {
  /// The hooks valprop ships, by name.
  public static let hooks: [(name: String, script: String)] = [
    ("pre-commit", String(decoding: PackageResources.pre_commit, as: UTF8.self)),
    ("post-merge", String(decoding: PackageResources.post_merge, as: UTF8.self)),
  ]

  /// What happened to one hook.
  public enum Outcome: Equatable, Sendable {
    /// Written where there was none.
    case installed
    /// Already there, identical.
    case unchanged
    /// A different hook was replaced (with `--force`); the old one was kept at `backup`.
    case replaced(backup: String)
  }

  /// The repository.
  public let repository: Repository

  /// Creates an installer.
  public init(repository: Repository) {
    self.repository = repository
  }

  /// The hooks folder: `core.hooksPath` (relative to the work tree root, `~` expanded), else
  /// the `hooks` folder of the repository's git directory.
  public func hooksFolder() throws -> String {
    if let configured = repository.configString("core.hooksPath"), !configured.isEmpty {
      var path = configured
      if path.hasPrefix("~/") {
        path = (ProcessEnvironment.value("HOME") ?? NSHomeDirectory()) + path.dropFirst()
      }
      if !path.hasPrefix("/") {
        guard let root = repository.workingDirectory else { return repository.gitDirectory + "/" + path }
        path = root + "/" + path
      }
      return (path as NSString).standardizingPath
    }
    return repository.commonDirectory + "/hooks"
  }

  /// The script as installed: the hook with the path of the valprop binary that installed
  /// it as the default, quoted for the shell, so the hook works without valprop on PATH.
  public static func script(_ hook: String, valpropPath: String?) -> String {
    guard let valpropPath else { return hook }
    // A single-quoted assignment of its own: quotes inside "${…:-…}" would stay literal.
    let quoted = "'" + valpropPath.replacingOccurrences(of: "'", with: "'\\''") + "'"
    return hook.replacingOccurrences(
      of: #"VALPROP="${VALPROP:-valprop}""#,
      with: "valprop_installed=\(quoted)\n" + #"VALPROP="${VALPROP:-$valprop_installed}""#)
  }

  /// Installs every hook; throws, writing nothing, when a different hook is in the way and
  /// `force` is off.
  public func install(force: Bool, valpropPath: String?) throws -> [(
    name: String, path: String, outcome: Outcome
  )] {
    let folder = try hooksFolder()
    let planned = HookInstaller.hooks.map { hook in
      (
        name: hook.name, path: folder + "/" + hook.name,
        script: HookInstaller.script(hook.script, valpropPath: valpropPath)
      )
    }
    let conflicts = planned.filter { plan in
      guard let existing = FileBytes.readIfPresent(plan.path) else { return false }
      return existing != Data(plan.script.utf8)
    }
    if !conflicts.isEmpty && !force {
      throw ValpropError.refused(
        problem: "a different hook is already installed: " + conflicts.map(\.path).joined(separator: ", "),
        hint:
          "call valprop from your own hook (valprop lint --staged), or run 'valprop hooks install --force'"
          + " to replace it (the old hook is kept as <name>.before-valprop)")
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw ValpropError.fileSystem(
        path: folder, problem: "cannot create the hooks folder (\(error.localizedDescription))")
    }
    var results: [(name: String, path: String, outcome: Outcome)] = []
    for plan in planned {
      let data = Data(plan.script.utf8)
      if FileBytes.readIfPresent(plan.path) == data {
        try makeExecutable(plan.path)
        results.append((plan.name, plan.path, .unchanged))
        continue
      }
      var outcome = Outcome.installed
      if FileManager.default.fileExists(atPath: plan.path) {
        let backup = plan.path + ".before-valprop"
        try? FileManager.default.removeItem(atPath: backup)
        do {
          try FileManager.default.copyItem(atPath: plan.path, toPath: backup)
        } catch {
          throw ValpropError.fileSystem(
            path: backup, problem: "cannot keep the old hook (\(error.localizedDescription))")
        }
        outcome = .replaced(backup: backup)
        try AtomicFile.replace(plan.path, contents: data, displayPath: plan.path)
      } else {
        try AtomicFile.create(plan.path, contents: data, displayPath: plan.path)
      }
      try makeExecutable(plan.path)
      results.append((plan.name, plan.path, outcome))
    }
    return results
  }

  /// What `uninstall` did to one hook.
  public enum Removal: Equatable, Sendable {
    /// valprop's hook was removed.
    case removed
    /// valprop's hook was removed and the hook it had replaced put back.
    case restored(from: String)
    /// There was no hook of that name.
    case absent
    /// The hook there is not valprop's (changed by hand, or another tool's): left alone.
    case notValprops
  }

  /// Removes valprop's hooks, putting back any hook `install --force` kept as
  /// `<name>.before-valprop`; a hook that is not exactly valprop's is left alone.
  public func uninstall() throws -> [(name: String, path: String, outcome: Removal)] {
    let folder = try hooksFolder()
    var results: [(name: String, path: String, outcome: Removal)] = []
    for hook in HookInstaller.hooks {
      let path = folder + "/" + hook.name
      guard let existing = FileBytes.readIfPresent(path) else {
        results.append((hook.name, path, .absent))
        continue
      }
      guard HookInstaller.isValprops(String(decoding: existing, as: UTF8.self), hook: hook.script) else {
        results.append((hook.name, path, .notValprops))
        continue
      }
      let backup = path + ".before-valprop"
      do {
        if FileManager.default.fileExists(atPath: backup) {
          try FileManager.default.removeItem(atPath: path)
          try FileManager.default.moveItem(atPath: backup, toPath: path)
          results.append((hook.name, path, .restored(from: backup)))
        } else {
          try FileManager.default.removeItem(atPath: path)
          results.append((hook.name, path, .removed))
        }
      } catch {
        throw ValpropError.fileSystem(
          path: path, problem: "cannot remove the hook (\(error.localizedDescription))")
      }
    }
    return results
  }

  /// Whether an installed hook is valprop's script, whichever binary path it was given.
  static func isValprops(_ installed: String, hook: String) -> Bool {
    if installed == hook { return true }
    var lines = installed.components(separatedBy: "\n")
    guard let index = lines.firstIndex(where: { $0.hasPrefix("valprop_installed=") }) else { return false }
    lines.remove(at: index)
    let plain = lines.joined(separator: "\n").replacingOccurrences(
      of: #"VALPROP="${VALPROP:-$valprop_installed}""#, with: #"VALPROP="${VALPROP:-valprop}""#)
    return plain == hook
  }

  private func makeExecutable(_ path: String) throws {
    do {
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    } catch {
      throw ValpropError.fileSystem(
        path: path, problem: "cannot make the hook executable (\(error.localizedDescription))")
    }
  }
}
