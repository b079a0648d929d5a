import ArgumentParser
import Foundation
import ValpropCore

/// A valprop subcommand: it runs in a `CommandContext` handed to it by `Valprop.main`.
protocol ValpropCommand: ParsableCommand {
  /// Does the command's work in a context.
  func run(in context: CommandContext) throws
}

extension ValpropCommand {
  /// Runs in the current folder (used when the command is run without `Valprop.main`).
  func run() throws {
    try run(in: CommandContext.current(changingTo: []))
  }
}
