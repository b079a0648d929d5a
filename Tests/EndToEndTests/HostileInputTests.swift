import Foundation
import TestSupport
import Testing

/// Hostile input through the built binary, in real repositories (issue 7): files valprop must
/// refuse quickly by name, names that must never be run as commands, links that must never
/// be followed, and ids and templates that must never leave their folders.
@Suite struct HostileInputTests {
  // MARK: - Running with a deadline

  /// The longest any single run may take.
  static let limit = TimeBound.seconds(10)

  /// Runs the binary (killed after one and a half times the limit, so a hang fails instead of
  /// stalling the suite) and measures how long it took.
  static func run(
    _ arguments: [String], in directory: String, binary: String = Binary.path
  ) throws -> (result: ProcessResult, elapsed: Duration) {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      throw FixtureError(message: "no valprop binary at \(binary): build it with 'swift build --build-tests'")
    }
    let timeout = Shell.which("timeout")
    let clock = ContinuousClock()
    var result: ProcessResult?
    let elapsed = try clock.measure {
      if FileManager.default.isExecutableFile(atPath: timeout) {
        result = try Shell.run(
          timeout, ["-s", "KILL", "\(limit.components.seconds * 3 / 2)", binary] + arguments, in: directory,
          environment: Binary.environment)
      } else {
        result = try Shell.run(binary, arguments, in: directory, environment: Binary.environment)
      }
    }
    return (try #require(result), elapsed)
  }

  /// Runs the binary and checks that it ended on its own terms: quickly, with an exit code
  /// of 0, 1 or 2, and without a Swift runtime trap.
  @discardableResult
  static func survives(
    _ arguments: [String], in directory: String, binary: String = Binary.path,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ProcessResult {
    let (result, elapsed) = try run(arguments, in: directory, binary: binary)
    let command = arguments.joined(separator: " ")
    #expect(elapsed < limit, "\(command) took \(elapsed)", sourceLocation: sourceLocation)
    #expect((0...2).contains(result.status), "\(command): \(result)", sourceLocation: sourceLocation)
    for trap in ["Fatal error", "Segmentation fault", "Illegal instruction", "stack overflow"] {
      #expect(!result.stderr.contains(trap), "\(command): \(result)", sourceLocation: sourceLocation)
    }
    return result
  }

  /// The ids of `list --format json`, or nil when standard output is not a JSON array.
  static func listedIDs(_ result: ProcessResult) -> [String]? {
    guard let rows = try? JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]] else {
      return nil
    }
    return rows.compactMap { $0["id"] as? String }
  }

  /// A good proposition placed beside the hostile ones, which must always still list.
  static let good = Propositions.text(title: "Good one")

  // MARK: - Hostile files

  /// A file in `propositions/` and how `list` must answer it.
  struct HostileFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// 0 for files that are valid after all, 2 for files that must be refused.
    let status: Int32
    /// The title `list` must show for a valid file.
    let title: String?
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], status: Int32, title: String? = nil) {
      self.name = name
      self.bytes = bytes
      self.status = status
      self.title = title
    }
  }

  /// The classic "billion laughs": nine levels of nine aliases each, under a key of the team's own.
  static let aliasBomb: String = {
    var lines = [
      "---", "title: Alias bomb", "lols:", "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
    ]
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    for level in 1..<names.count {
      let previous = "*" + names[level - 1]
      let items = Array(repeating: previous, count: 9).joined(separator: ",")
      lines.append("  \(names[level]): &\(names[level]) [\(items)]")
    }
    return (lines + ["---", "", "# Alias bomb", ""]).joined(separator: "\n")
  }()

  static let hostileFiles: [HostileFile] = [
    HostileFile(
      "binary",
      [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 64)
        + [0xFF, 0xFE, 0x00, 0x01, 0x89, 0x50], status: 2),
    HostileFile("empty", [], status: 2),
    HostileFile(
      "latin1", Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n\n# Caf".utf8) + [0xE9, 0x0A],
      status: 2),
    HostileFile(
      "huge",
      Array("---\ntitle: Huge\n---\n\n# Huge\n\n## Problem\n".utf8)
        + [UInt8](String(repeating: "word ", count: 600_000).utf8), status: 2),
    HostileFile(
      "deep-flow",
      Array("---\ntitle: Deep\nx-deep: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000) + Array("\n---\n\n# Deep\n".utf8), status: 2),
    HostileFile(
      "deep-block",
      Array("---\ntitle: Deep\nx-deep:\n  ".utf8) + Array(String(repeating: "- ", count: 50_000).utf8)
        + Array("x\n---\n\n# Deep\n".utf8), status: 2),
    HostileFile("alias-bomb", Array(aliasBomb.utf8), status: 0, title: "Alias bomb"),
    HostileFile("unclosed", Array("---\ntitle: Open\nstatus: active\n\n# Open\n\nText.\n".utf8), status: 2),
    HostileFile(
      "crlf",
      Array(Propositions.text(title: "Windows lines").replacingOccurrences(of: "\n", with: "\r\n").utf8),
      status: 0, title: "Windows lines"),
    HostileFile(
      "bom", [0xEF, 0xBB, 0xBF] + Array(Propositions.text(title: "Byte order mark").utf8), status: 0,
      title: "Byte order mark"),
  ]

  @Test(arguments: hostileFiles)
  func aHostileFileIsAnsweredQuicklyByNameWhileTheGoodOnesList(_ file: HostileFile) throws {
    let repo = try repository(["propositions/good.md": Self.good])
    try repo.folder.write("propositions/\(file.name).md", Data(file.bytes))
    let before = repo.folder.snapshot()

    for format in ["text", "json"] {
      let (result, elapsed) = try Self.run(["list", "--format", format], in: repo.path)

      #expect(elapsed < Self.limit, "list took \(elapsed)")
      #expect(result.status == file.status, "\(result)")
      #expect(!result.stderr.contains("Fatal error"), "\(result)")
      if file.status == 2 {
        #expect(result.stderr.contains("propositions/\(file.name).md"), "\(result)")
      }
      if format == "json" {
        let rows = try listedByID(result)
        #expect(rows["good"]?["title"] as? String == "Good one", "\(result)")
        if let title = file.title {
          #expect(rows[file.name]?["title"] as? String == title, "\(result)")
        } else {
          #expect(rows[file.name] == nil, "\(result)")
        }
      } else {
        #expect(result.stdout.contains("good"), "\(result)")
      }
    }
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func everyCommandSurvivesAllTheHostileFilesCommitted() throws {
    let repo = try repository()
    try repo.commit("Start", files: ["propositions/good.md": Self.good])
    for file in Self.hostileFiles {
      try repo.folder.write("propositions/\(file.name).md", Data(file.bytes))
    }
    try repo.commit("Hostile files")
    let ids = ["good"] + Self.hostileFiles.map(\.name)

    let list = try Self.survives(["list", "--format", "json"], in: repo.path)
    #expect(list.status == 2, "\(list)")
    #expect(Self.listedIDs(list)?.contains("good") == true, "\(list)")
    for file in Self.hostileFiles where file.status == 2 {
      #expect(list.stderr.contains("propositions/\(file.name).md"), "\(file.name): \(list)")
    }
    try Self.survives(["list"], in: repo.path)
    try Self.survives(["lint"], in: repo.path)
    try Self.survives(["lint", "--format", "json"], in: repo.path)
    try Self.survives(["stale", "--allow-shallow"], in: repo.path)
    try Self.survives(["stale", "--allow-shallow", "--format", "json"], in: repo.path)
    try Self.survives(["index", "--check"], in: repo.path)
    try Self.survives(["diff", "--base", "HEAD"], in: repo.path)
    try Self.survives(["diff", "--base", "HEAD~1"], in: repo.path)
    try Self.survives(["diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"], in: repo.path)
    try Self.survives(["show", "bom", "--at", "HEAD"], in: repo.path)
    try Self.survives(["lint", "crlf", "alias-bomb", "deep-flow"], in: repo.path)
    for id in ids {
      let show = try Self.survives(["show", id], in: repo.path)
      let valid = id == "good" || Self.hostileFiles.contains { $0.name == id && $0.status == 0 }
      #expect(show.status == (valid ? 0 : 2), "show \(id): \(show)")
      try Self.survives(["log", id], in: repo.path)
      try Self.survives(["diff", id, "HEAD~1"], in: repo.path)
    }
    #expect(try Self.survives(["show", "good"], in: repo.path).stdout == Self.good)
  }

  @Test func theHistoryOfAnOversizedFileIsAnsweredQuickly() throws {
    let repo = try repository()
    let head = "---\ntitle: Huge\n---\n\n# Huge\n\n## Problem\n"
    try repo.commit("Start", files: ["propositions/good.md": Self.good])
    try repo.commit(
      "Huge", files: ["propositions/huge.md": head + String(repeating: "word ", count: 600_000)])
    try repo.commit(
      "Huger", files: ["propositions/huge.md": head + String(repeating: "word other ", count: 300_000)])

    // Every run must end within the limit: the file is over 2 MB in every version.
    for arguments in [
      ["log", "huge"], ["diff", "huge", "HEAD~1", "HEAD"], ["blame", "huge"], ["stale", "--allow-shallow"],
      ["diff", "--base", "HEAD~2", "--head", "HEAD"], ["list"],
    ] {
      try Self.survives(arguments, in: repo.path)
    }
  }

  @Test func diffNeverPrintsTheBytesOfAHostileFile() throws {
    let repo = try repository()
    try repo.commit("Start", files: ["propositions/good.md": Self.good])
    for file in Self.hostileFiles where ["binary", "huge", "latin1"].contains(file.name) {
      try repo.folder.write("propositions/\(file.name).md", Data(file.bytes))
    }

    for arguments in [["diff", "--base", "HEAD"], ["diff", "--base", "HEAD", "--format", "markdown"]] {
      let result = try Self.survives(arguments, in: repo.path)

      // The README: binary, non-UTF-8 and over-2-MB files "are reported by name".
      #expect(!result.stdoutData.contains(0), "\(arguments): NUL bytes on standard output")
      #expect(result.stdoutData.count < 1_000_000, "\(arguments): \(result.stdoutData.count) bytes of output")
      for name in ["binary", "huge", "latin1"] {
        #expect(
          (result.stdout + result.stderr).contains("propositions/\(name).md"),
          "\(arguments) \(name): \(result.stderr)")
      }
    }
  }

  // MARK: - Hostile names

  /// Names that a shell would split, expand or run, or that look like options, and more.
  static let hostileNames = [
    "with space", "it's", "say \"hi\"", "$(touch PWNED)", "`touch PWNED`", "a;touch PWNED", "-dash",
    "caf\u{E9}", "\u{65E5}\u{672C}", "long-" + String(repeating: "x", count: 195),
  ]

  /// A weak proposition (lint errors) with its own title.
  static func weak(_ number: Int) -> String {
    Propositions.weak.replacingOccurrences(of: "Synergy platform", with: "Hostile title \(number)")
  }

  /// Every file or folder called exactly `PWNED` anywhere below the test's own folders, or
  /// directly in the places an injected `touch PWNED` would land otherwise: the test's
  /// working folder, the temporary folder and the runs' `HOME`.
  static func pwned(below folders: [String]) -> [String] {
    var found: [String] = []
    for folder in folders {
      for relative in FileManager.default.subpaths(atPath: folder) ?? []
      where (relative as NSString).lastPathComponent == "PWNED" {
        found.append(folder + "/" + relative)
      }
    }
    let shallow = [
      FileManager.default.currentDirectoryPath, FileManager.default.temporaryDirectory.path,
      Binary.environment["HOME"] ?? "",
    ]
    for folder in folders + shallow where !folder.isEmpty {
      if FileManager.default.fileExists(atPath: folder + "/PWNED") { found.append(folder + "/PWNED") }
    }
    return found
  }

  @Test func hostileFileNamesGoThroughListShowLintAndLog() throws {
    let repo = try repository(["propositions/good.md": Self.good])
    for (number, name) in Self.hostileNames.enumerated() {
      try repo.folder.write("propositions/\(name).md", Self.weak(number))
    }

    let list = try Self.survives(["list", "--format", "json"], in: repo.path)
    #expect(list.status == 0, "\(list)")
    let rows = try listedByID(list)
    #expect(Set(rows.keys) == Set(Self.hostileNames + ["good"]), "\(list)")
    for (number, name) in Self.hostileNames.enumerated() {
      #expect(rows[name]?["path"] as? String == "propositions/\(name).md", "\(name): \(list)")
      #expect(rows[name]?["title"] as? String == "Hostile title \(number)", "\(name): \(list)")
    }
    let text = try Self.survives(["list"], in: repo.path)
    #expect(text.status == 0, "\(text)")

    let lint = try Self.survives(["lint"], in: repo.path)
    #expect(lint.status == 1, "\(lint)")
    for name in Self.hostileNames {
      #expect((lint.stdout + lint.stderr).contains("propositions/\(name).md"), "\(name): \(lint)")
    }

    try repo.commit("Hostile names")
    for (number, name) in Self.hostileNames.enumerated() {
      let show = try Self.survives(["show", "--", name], in: repo.path)
      #expect(show.status == 0, "show \(name): \(show)")
      #expect(show.stdout == Self.weak(number), "show \(name): \(show)")
      if !name.hasPrefix("-") {
        #expect(try Self.survives(["show", name], in: repo.path).stdout == Self.weak(number), "\(name)")
      }
      let lintOne = try Self.survives(["lint", "--", name], in: repo.path)
      #expect(lintOne.status == 1, "lint \(name): \(lintOne)")
      #expect((lintOne.stdout + lintOne.stderr).contains("propositions/\(name).md"), "\(name): \(lintOne)")
      let log = try Self.survives(["log", "--", name], in: repo.path)
      #expect(log.status == 0, "log \(name): \(log)")
      #expect(log.stdout.contains("Hostile names"), "log \(name): \(log)")
    }
    #expect(Self.pwned(below: [repo.path]).isEmpty)
  }

  @Test func hostileRepositoryFolderNamesGoThroughMinusC() throws {
    let outer = try TemporaryFolder()
    for name in Self.hostileNames {
      let folder = outer.path + "/" + name
      try outer.makeFolder(name)
      try git(["init", "-q", "-b", "main", folder], in: outer.path)
      try outer.write(name + "/propositions/good.md", Self.good)
      try git(["add", "-A"], in: folder)
      try git(["commit", "-q", "-m", "Start"], in: folder)

      let relative = try Self.survives(["-C", "./" + name, "list", "--format", "json"], in: outer.path)
      #expect(relative.status == 0, "\(name): \(relative)")
      #expect(Self.listedIDs(relative) == ["good"], "\(name): \(relative)")
      let list = try Self.survives(["-C", folder, "list", "--format", "json"], in: outer.path)
      #expect(Self.listedIDs(list) == ["good"], "\(name): \(list)")
      let show = try Self.survives(["-C", folder, "show", "good"], in: outer.path)
      #expect(show.stdout == Self.good, "\(name): \(show)")
      let log = try Self.survives(["-C", folder, "log", "good"], in: outer.path)
      #expect(log.status == 0 && log.stdout.contains("Start"), "\(name): \(log)")
      let lint = try Self.survives(["-C", folder, "lint"], in: outer.path)
      #expect(lint.status == 0, "\(name): \(lint)")
      let created = try Self.survives(["-C", folder, "new", "fresh"], in: outer.path)
      #expect(created.status == 0, "\(name): \(created)")
      #expect(outer.exists(name + "/propositions/fresh.md"), "\(name): \(created)")
      // Inside the folder, too.
      let inside = try Self.survives(["list", "--format", "json"], in: folder)
      #expect(Self.listedIDs(inside) == ["fresh", "good"], "\(name): \(inside)")
    }
    #expect(Self.pwned(below: [outer.path]).isEmpty)
  }

  @Test func theHookFiresInAHostileFolderWithHostileFileNames() throws {
    let outer = try TemporaryFolder()
    let binFolder = "bin $(touch PWNED) it's \"q\"; `touch PWNED` \u{E9}"
    let repoFolder = "repo $(touch PWNED) 'q' \"d\"; -x \u{65E5}\u{672C}"
    try outer.makeFolder(binFolder)
    let copy = outer.path + "/" + binFolder + "/valprop"
    try FileManager.default.copyItem(atPath: Binary.path, toPath: copy)
    let root = outer.path + "/" + repoFolder
    try outer.makeFolder(repoFolder)
    try git(["init", "-q", "-b", "main", root], in: outer.path)

    let install = try Self.survives(["hooks", "install"], in: root, binary: copy)
    #expect(install.status == 0, "\(install)")
    let hook = try #require(outer.read(repoFolder + "/.git/hooks/pre-commit"))
    // The shell reads the installed path back exactly, running nothing.
    let assignment = try #require(
      hook.split(separator: "\n").first { $0.hasPrefix("valprop_installed=") }, "\(hook)")
    let readBack = try Shell.run(
      "/bin/sh", ["-c", String(assignment) + "\nprintf '%s' \"$valprop_installed\""], in: outer.path)
    #expect(readBack.stdout == copy, "\(readBack)\n\(hook)")

    // Weak propositions under hostile names: the hook must run lint on them and block the commit.
    for (number, name) in Self.hostileNames.enumerated() {
      try outer.write(repoFolder + "/propositions/\(name).md", Self.weak(number))
    }
    try git(["add", "-A"], in: root)
    let blocked = try git(["commit", "-q", "-m", "Weak"], in: root)
    #expect(blocked.status != 0, "\(blocked)")
    for name in Self.hostileNames {
      #expect(blocked.stderr.contains("propositions/\(name).md"), "\(name): \(blocked)")
    }
    let noCommits = try git(["rev-list", "--all", "--count"], in: root)
    #expect(noCommits.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(noCommits)")

    // Strong ones go through.
    for (number, name) in Self.hostileNames.enumerated() {
      try outer.write(
        repoFolder + "/propositions/\(name).md", Propositions.text(title: "Strong title \(number)"))
    }
    try git(["add", "-A"], in: root)
    let passed = try git(["commit", "-q", "-m", "Strong"], in: root)
    #expect(passed.status == 0, "\(passed)")
    let count = try git(["rev-list", "--count", "HEAD"], in: root)
    #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(count)")
    for name in Self.hostileNames {
      let log = try Self.survives(["log", "--", name], in: root, binary: copy)
      #expect(log.status == 0 && log.stdout.contains("Strong"), "\(name): \(log)")
    }
    #expect(Self.pwned(below: [outer.path]).isEmpty)
  }

  // MARK: - Links

  @Test func aLinkToAFileOutsideIsReportedAndNeverRead() throws {
    let outside = try TemporaryFolder()
    let marker = "SECRET-MARKER-7f3a"
    try outside.write("secret.md", Propositions.text(title: "Top secret \(marker)", problem: marker))
    let repo = try repository(["propositions/good.md": Self.good])
    try repo.folder.makeFolder("propositions/deeper")
    let outsideName = (outside.path as NSString).lastPathComponent
    let links = [
      "propositions/leak.md": outside.path + "/secret.md",
      "propositions/deeper/relative-leak.md": "../../../\(outsideName)/secret.md",
    ]
    for (link, target) in links {
      try FileManager.default.createSymbolicLink(atPath: repo.path + "/" + link, withDestinationPath: target)
      #expect(
        FileManager.default.contents(atPath: repo.path + "/" + link) != nil, "the link \(link) is dangling")
    }

    func checkNeverRead(_ result: ProcessResult, _ what: String) {
      #expect(!result.stdout.contains(marker), "\(what) printed the target: \(result)")
      #expect(!result.stderr.contains(marker), "\(what) printed the target: \(result)")
    }
    for format in ["text", "json"] {
      let list = try Self.survives(["list", "--format", format], in: repo.path)
      #expect(list.status == 2, "\(list)")
      for link in links.keys { #expect(list.stderr.contains(link), "\(link): \(list)") }
      checkNeverRead(list, "list")
      if format == "json" { #expect(Self.listedIDs(list) == ["good"], "\(list)") }
    }
    for id in ["leak", "relative-leak"] {
      let show = try Self.survives(["show", id], in: repo.path)
      #expect(show.status == 2, "\(show)")
      #expect(show.stderr.contains(id + ".md"), "\(show)")
      checkNeverRead(show, "show \(id)")
      checkNeverRead(try Self.survives(["lint", id], in: repo.path), "lint \(id)")
    }
    let lint = try Self.survives(["lint"], in: repo.path)
    #expect(lint.status == 2, "\(lint)")
    checkNeverRead(lint, "lint")

    // Committed, the links are read from git's trees too.
    try repo.commit("Links")
    for arguments in [
      ["stale", "--allow-shallow"], ["index", "--check"], ["diff", "--base", "HEAD~1"],
      ["diff", "--base", "HEAD"],
      ["show", "leak", "--at", "HEAD"], ["log", "leak"], ["list", "--format", "json"],
    ] {
      checkNeverRead(try Self.survives(arguments, in: repo.path), arguments.joined(separator: " "))
    }
  }

  @Test func aLinkToAFolderOutsideIsReportedAndNeverRead() throws {
    let outside = try TemporaryFolder()
    let marker = "SECRET-MARKER-9b1c"
    try outside.write("secret.md", Propositions.text(title: "Top secret \(marker)", problem: marker))
    let repo = try repository(["propositions/good.md": Self.good])
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/propositions/shared", withDestinationPath: outside.path)

    let list = try Self.survives(["list", "--format", "json"], in: repo.path)

    #expect(!list.stdout.contains(marker), "\(list)")
    #expect(Self.listedIDs(list) == ["good"], "\(list)")
    // The README: "symbolic links there are reported, not read".
    #expect(list.status == 2, "a folder link out of the repository is not reported: \(list)")
    #expect(list.stderr.contains("propositions/shared"), "\(list)")
  }

  @Test func linkLoopsNeverHang() throws {
    let repo = try repository(["propositions/good.md": Self.good])
    try repo.folder.makeFolder("propositions/nest")
    let links = [
      "propositions/a.md": "b.md", "propositions/b.md": "a.md", "propositions/up": "..",
      "propositions/self": ".", "propositions/nest/parent": "..", "propositions/nest/loop.md": "loop.md",
    ]
    for (link, target) in links {
      try FileManager.default.createSymbolicLink(atPath: repo.path + "/" + link, withDestinationPath: target)
    }

    for committed in [false, true] {
      if committed { try repo.commit("Loops") }
      let list = try Self.survives(["list", "--format", "json"], in: repo.path)
      #expect(Self.listedIDs(list) == ["good"], "\(list)")
      if list.status != 0 {
        for link in ["propositions/a.md", "propositions/b.md", "propositions/nest/loop.md"] {
          #expect(list.stderr.contains(link), "\(link): \(list)")
        }
      }
      for arguments in [
        ["list"], ["lint"], ["show", "a"], ["show", "loop"], ["show", "good"], ["log", "a"],
        ["stale", "--allow-shallow"], ["index", "--check"], ["diff", "--base", "HEAD"],
      ] where committed || !["log", "stale", "diff", "index"].contains(arguments[0]) {
        try Self.survives(arguments, in: repo.path)
      }
    }
  }

  // MARK: - File names that are not UTF-8

  @Test func aFileNameThatIsNotUTF8IsNotSilentlyDropped() throws {
    let repo = try repository(["propositions/good.md": Self.good])
    // Swift's String paths cannot hold the byte 0xE9 alone: the shell writes the name.
    let made = try Shell.run(
      "/bin/sh", ["-c", #"printf '%s' "$TEXT" > "$(printf 'propositions/caf\351.md')""#], in: repo.path,
      environment: ["TEXT": Propositions.text(title: "Latin one name")])
    #expect(made.status == 0, "\(made)")
    let names = try Shell.run("/bin/ls", ["propositions"], in: repo.path, environment: ["LC_ALL": "C"])
    #expect(names.stdoutData.contains(0xE9), "the name was not written as Latin-1: \(names)")

    func notDropped(_ list: ProcessResult) {
      let listed = (Self.listedIDs(list) ?? []).contains { $0.hasPrefix("caf") }
      let reported = list.status == 2 && list.stderr.contains("propositions/caf")
      #expect(listed || reported, "the Latin-1 file name was dropped silently: \(list)")
      #expect(Self.listedIDs(list)?.contains("good") == true, "\(list)")
    }
    notDropped(try Self.survives(["list", "--format", "json"], in: repo.path))

    try repo.commit("Latin-1 name")
    notDropped(try Self.survives(["list", "--format", "json"], in: repo.path))
    for arguments in [
      ["list"], ["lint"], ["stale", "--allow-shallow"], ["index", "--check"], ["diff", "--base", "HEAD"],
      ["diff", "--base", "HEAD~1"], ["show", "caf\u{FFFD}"], ["show", "caf\u{E9}"],
    ] {
      try Self.survives(arguments, in: repo.path)
    }
  }

  // MARK: - Ids and templates that try to leave their folders

  /// A repository at `outer/repo`, with a workspace template in a subfolder and templates
  /// just outside the templates folder and outside the repository.
  static func escapeFixture() throws -> (outer: TemporaryFolder, root: String) {
    let outer = try TemporaryFolder()
    let root = outer.path + "/repo"
    try outer.makeFolder("repo")
    try git(["init", "-q", "-b", "main", root], in: outer.path)
    try outer.write("repo/propositions/good.md", Self.good)
    try outer.write("repo/.valprop/templates/sub/evil.md", "---\ntitle: Evil\n---\n\n# Evil below\n")
    try outer.write("repo/.valprop/escape.md", "---\ntitle: Escape\n---\n\n# Escape one up\n")
    try outer.write("escape.md", "---\ntitle: Outside\n---\n\n# Outside the repository\n")
    try git(["add", "-A"], in: root)
    try git(["commit", "-q", "-m", "Start"], in: root)
    return (outer, root)
  }

  @Test(arguments: [
    ["new", "../x"], ["new", "--", "../../x"], ["new", "x/../y"], ["new", "--", "/tmp/valprop-escape-x"],
    ["new", "--template", "../../etc/passwd", "x"], ["new", "--template", "/etc/passwd", "x"],
    ["new", "--template", "sub/evil", "x"], ["new", "--template", "../escape", "x"],
    ["new", "--template", "../../../escape", "x"], ["new", "--template", "core/../core", "x"],
    ["new", "--template", "../templates/sub/evil", "x"], ["new", "--template", "../../etc/passwd", "../x"],
  ])
  func newRefusesIDsAndTemplatesThatLeaveTheirFolders(_ arguments: [String]) throws {
    let (outer, root) = try Self.escapeFixture()
    let before = outer.snapshot()

    let result = try Self.survives(arguments, in: root)

    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(!result.stderr.contains("root:x:0"), "\(result)")
    let after = outer.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/valprop-escape-x.md"))
  }

  @Test(arguments: [
    ["show", "../../etc/passwd"], ["show", "/etc/passwd"], ["show", "../good"],
    ["show", "propositions/good"],
    ["show", "good.md"], ["log", "../good"], ["diff", "../good"], ["lint", "../../etc/passwd"],
    ["show", "../../escape"], ["show", "--at", "HEAD", "../../escape"],
  ])
  func readingCommandsRefuseIDsThatArePaths(_ arguments: [String]) throws {
    let (outer, root) = try Self.escapeFixture()
    let before = outer.snapshot()

    let result = try Self.survives(arguments, in: root)

    #expect(result.status == 2, "\(result)")
    for leaked in ["root:x:0", "Outside the repository", "Good one"] {
      #expect(!result.stdout.contains(leaked), "\(result)")
    }
    let after = outer.snapshot()
    let outsideGit = { (snapshot: FolderSnapshot) in
      snapshot.contents.filter { !$0.key.hasPrefix("repo/.git/") }
    }
    #expect(outsideGit(after) == outsideGit(before), "\(before.changes(to: after))")
  }

  @Test func fifosInPlaceOfCachesAndConfigNeverHang() throws {
    let fixture = try repository(["propositions/a.md": "# A\n\nWords.\n"])
    try fixture.git(["add", "-A"])
    try fixture.git(["commit", "-q", "-m", "add"])
    try FileManager.default.createDirectory(
      atPath: fixture.path + "/.git/valprop", withIntermediateDirectories: true)
    for name in [".git/valprop/history.cache", ".git/valprop/summaries.cache"] {
      #expect(mkfifo(fixture.path + "/" + name, 0o644) == 0)
    }
    let (list, _) = try Self.run(["list"], in: fixture.path)
    #expect(list.status == 0 && list.stdout.contains("a"), "\(list)")
    #expect(mkfifo(fixture.path + "/.valprop.yml", 0o644) == 0)
    let (listed, _) = try Self.run(["list"], in: fixture.path)
    #expect(listed.status == 2 && listed.stderr.contains(".valprop.yml"), "\(listed)")
  }
}
