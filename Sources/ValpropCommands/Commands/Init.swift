import ArgumentParser
import Foundation
import GitKit
import ValpropCore

extension Valprop {
  /// `valprop init`: sets up a workspace, creating the git repository where there is none.
  struct Init: ValpropCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Set up a valprop workspace: .valprop.yml and the propositions folder.",
      discussion: """
        In a folder that is in no git repository, init first creates one (as 'git init' \
        would). In an existing repository it writes at the repository's root. An existing \
        .valprop.yml is checked and kept, never overwritten; running init twice is harmless.

        Examples:
          valprop init
          valprop -C ~/work/product init
        """)

    func run(in context: CommandContext) throws {
      var repository: Repository
      do {
        if let found = try Repository.locate(
          from: context.directory, gitDirectory: context.gitPath("GIT_DIR"),
          workTree: context.gitPath("GIT_WORK_TREE"))
        {
          repository = found
        } else {
          repository = try Repository.create(at: context.directory)
          context.write(
            "Initialized an empty git repository in \(context.displayPath(repository.gitDirectory))/\n")
        }
      } catch let error as GitError {
        throw ValpropError.git(error)
      }
      guard let root = repository.workingDirectory else {
        throw ValpropError.bareRepository(path: repository.gitDirectory)
      }
      let configPath = root + "/" + WorkspaceConfig.fileName
      // Read as every command reads it: a link is refused, an unreadable file is an error.
      let existingConfig = try WorkTreeSource(root: root).read(WorkspaceConfig.fileName)
      let config = try existingConfig.map { try WorkspaceConfig(data: $0) } ?? WorkspaceConfig()
      // Check the propositions folder before writing anything, so a failure changes nothing.
      let folder = root + "/" + config.directory
      var isFolder: ObjCBool = false
      let folderExists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
      if folderExists, !isFolder.boolValue {
        throw ValpropError.fileSystem(
          path: config.directory,
          problem:
            "exists and is not a folder; move it away, or choose another folder with 'directory:' in .valprop.yml"
        )
      }
      if existingConfig != nil {
        context.write("Kept the existing \(context.displayPath(configPath))\n")
      } else {
        try AtomicFile.create(
          configPath, contents: Data(WorkspaceConfig.initialText.utf8), displayPath: WorkspaceConfig.fileName)
        context.write("Wrote \(context.displayPath(configPath))\n")
      }
      if !folderExists {
        do {
          try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw ValpropError.fileSystem(
            path: config.directory, problem: "cannot create the folder (\(error.localizedDescription))")
        }
        context.write("Created \(context.displayPath(folder))/\n")
      }
      context.write("Next: valprop new <id> --template core\n")
    }
  }
}
