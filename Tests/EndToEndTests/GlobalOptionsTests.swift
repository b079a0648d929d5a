import Foundation
import TestSupport
import Testing

/// What every command shares: `-C`, `--version`, `--help`, unknown options, running outside a
/// repository, and reading a bare repository.
@Suite struct GlobalOptionsTests {
  @Test func versionPrintsAVersion() throws {
    let folder = try TemporaryFolder()

    let result = try valprop(["--version"], in: folder.path)

    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.range(of: #"^\d+\.\d+\.\d+\S*\n$"#, options: .regularExpression) != nil, "\(result)")
    #expect(folder.listing().isEmpty)
  }

  /// Two things libgit2 does at start-up serve transports valprop never uses: a libgit2
  /// built on mbedTLS loads the system's CA certificates (for HTTPS), and it starts libssh2
  /// (for SSH), which starts OpenSSL. A static build (`VALPROP_STATIC_LIBGIT2=1`) wraps both
  /// calls, so libgit2's functions call GitKit's stand-ins; a plain build exports the
  /// stand-ins under the libraries' own names, so the dynamic linker binds libgit2's calls to
  /// the executable. A libgit2 built without mbedTLS (or without libssh2) never asks. In every
  /// case the command still works.
  @Test(
    .enabled(if: Shell.whichOrNil("objdump") != nil, "needs objdump (binutils)"),
    arguments: [
      (
        symbol: "mbedtls_x509_crt_parse_file", library: "libmbedx509",
        caller: "git_mbedtls__set_cert_location"
      ),
      (symbol: "libssh2_init", library: "libssh2", caller: "git_transport_ssh_global_init"),
    ])
  func libgit2sStartForTransportsIsStoodIn(symbol: String, library: String, caller: String) throws {
    let repo = try repository(["propositions/autopilot.md": Propositions.text()])
    try repo.commit("add")

    // glibc's dynamic linker says which object each symbol was bound to, and what it loaded.
    let result = try valprop(["list"], in: repo.path, environment: ["LD_DEBUG": "bindings,libs"])

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("autopilot"), "\(result)")
    let objdump = Shell.which("objdump")
    let headers = try Shell.run(objdump, ["-p", Binary.path])
    #expect(headers.status == 0, "\(headers.stderr)")
    let sharedLibGit2 = headers.stdout.split(separator: "\n").contains {
      $0.contains("NEEDED") && $0.contains("libgit2")
    }
    if sharedLibGit2 {
      let loaded = result.stderr.contains(library)
      let bindings = result.stderr.split(separator: "\n").filter {
        $0.contains("binding file") && $0.contains("libgit2") && $0.contains("`\(symbol)'")
      }
      if loaded {
        #expect(
          !bindings.isEmpty,
          "libgit2 with \(library) never asked for \(symbol): \(result.stderr.suffix(2_000))")
      }
      let binary = URL(fileURLWithPath: Binary.path).resolvingSymlinksInPath().path
      #expect(
        bindings.allSatisfy { $0.contains("to \(binary) ") || $0.contains("to \(Binary.path) ") },
        "libgit2's \(symbol) is the library's, not the stand-in: \(bindings)")
      return
    }
    let symbols = try Shell.run(objdump, ["-t", Binary.path])
    #expect(symbols.stdout.contains("__wrap_\(symbol)"), "the static build lacks the stand-in for \(symbol)")
    let disassembly = try Shell.run(
      objdump, ["-d", "--no-show-raw-insn", "--disassemble=\(caller)", Binary.path])
    #expect(disassembly.status == 0, "\(disassembly.stderr)")
    let calls = disassembly.stdout.split(separator: "\n").filter {
      $0.contains("call") && $0.contains(symbol)
    }
    #expect(!calls.isEmpty, "\(caller) calls no \(symbol): \(disassembly.stdout.suffix(2_000))")
    #expect(calls.allSatisfy { $0.contains("<__wrap_\(symbol)>") }, "\(calls)")
  }

  @Test(arguments: [[], ["init"], ["new"], ["templates"], ["list"], ["show"]])
  func helpOfEveryCommandHasExamples(_ command: [String]) throws {
    let folder = try TemporaryFolder()

    let result = try valprop(command + ["--help"], in: folder.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Examples:"), "\(result)")
    #expect(result.stdout.contains("valprop \(command.joined(separator: " "))"), "\(result)")
    #expect(folder.listing().isEmpty)
  }

  @Test func noArgumentsPrintsTheHelp() throws {
    let folder = try TemporaryFolder()

    let result = try valprop([], in: folder.path)

    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Examples:"), "\(result)")
    #expect(result.stdout.contains("init"), "\(result)")
  }

  @Test(arguments: [
    ["new", "x"], ["new", "x", "--template", "canvas"], ["templates"], ["templates", "--format", "json"],
    ["list"], ["list", "--format", "json"], ["show", "x"], ["show", "x", "--at", "HEAD"],
  ])
  func everyCommandButInitNeedsARepository(_ arguments: [String]) throws {
    let folder = try TemporaryFolder()
    try #require(
      try git(["rev-parse", "--git-dir"], in: folder.path).status != 0, "temp folder is in a repo")
    try folder.write("propositions/x.md", "# X\n")
    let before = folder.snapshot()

    let result = try valprop(arguments, in: folder.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("not a git repository"), "\(result)")
    #expect(result.stderr.contains("valprop init"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    let after = folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func minusCRunsInThatFolder() throws {
    let repo = try repository(["propositions/ledger.md": "# Ledger\n"])
    let elsewhere = try TemporaryFolder()
    try repo.folder.makeFolder("docs/deep")

    let absolute = try valprop(["-C", repo.path, "list", "--format", "json"], in: elsewhere.path)
    let relative = try valprop(["-C", "docs", "list", "--format", "json"], in: repo.path)
    let chained = try valprop(["-C", "docs", "-C", "deep", "show", "ledger"], in: repo.path)
    let glued = try valprop(["-Cdocs", "show", "ledger"], in: repo.path)

    for result in [absolute, relative] {
      #expect(result.status == 0, "\(result)")
      #expect(try listedByID(result)["ledger"]?["path"] as? String == "propositions/ledger.md")
    }
    #expect(chained.status == 0, "\(chained)")
    #expect(chained.stdout == "# Ledger\n")
    #expect(glued.status == 0, "\(glued)")
    #expect(glued.stdout == "# Ledger\n")
  }

  @Test(arguments: [["list"], ["init"], ["new", "x"]])
  func minusCOnAMissingFolderFails(_ command: [String]) throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let result = try valprop(["-C", "no/such/folder"] + command, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no/such/folder"), "\(result)")
    #expect(result.stderr.contains("no such folder"), "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test(arguments: [
    ["--bogus"], ["list", "--bogus"], ["new", "x", "--nope", "y"], ["list", "--format", "xml"],
    ["list", "--status", "shipped"], ["templates", "extra"], ["frobnicate"], ["show"],
  ])
  func badArgumentsExitTwoAndWriteNothing(_ arguments: [String]) throws {
    let repo = try GitFixture()
    let before = repo.folder.snapshot()

    let result = try valprop(arguments, in: repo.path)

    #expect(result.status == 2, "\(result)")
    #expect(!result.stderr.isEmpty, "\(result)")
    let after = repo.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func aBareRepositoryIsReadFromHEAD() throws {
    let bare = try GitFixture(bare: true)
    let work = try GitFixture()
    try work.commit(
      "propositions",
      files: [
        ".valprop.yml": "directory: docs/vp\nreview-every: 30d\n",
        "docs/vp/reconciliation-autopilot.md": Samples.core,
        "docs/vp/ledger.md": "# Ledger v1\n",
      ])
    try work.commit("edit", files: ["docs/vp/ledger.md": "# Ledger v2\n"])
    try work.push(to: bare)
    // Uncommitted work in the clone is not in the bare repository.
    try work.folder.write("docs/vp/uncommitted.md", "# Not pushed\n")
    let before = bare.folder.snapshot()

    let json = try valprop(["list", "--format", "json"], in: bare.path)
    let text = try valprop(["list"], in: bare.path)
    let show = try valprop(["show", "ledger"], in: bare.path)
    let old = try valprop(["show", "ledger", "--at", "HEAD~1"], in: bare.path)
    let new = try valprop(["new", "x"], in: bare.path)

    #expect(json.status == 0, "\(json)")
    let rows = try listedByID(json)
    #expect(Set(rows.keys) == ["reconciliation-autopilot", "ledger"], "\(json)")
    #expect(rows["ledger"]?["path"] as? String == "docs/vp/ledger.md")
    #expect(rows["ledger"]?["title"] as? String == "Ledger v2")
    #expect(rows["ledger"]?["reviewEvery"] as? String == "30d")
    #expect(rows["reconciliation-autopilot"]?["owners"] as? [String] == ["@finance-pm"])
    #expect(text.status == 0, "\(text)")
    #expect(
      textRows(text.stdout).dropFirst().map { $0.first ?? "" } == ["ledger", "reconciliation-autopilot"])
    #expect(show.status == 0, "\(show)")
    #expect(show.stdout == "# Ledger v2\n")
    #expect(old.status == 0, "\(old)")
    #expect(old.stdout == "# Ledger v1\n")
    #expect(new.status == 2, "\(new)")
    #expect(new.stderr.contains("bare repository"), "\(new)")
    let after = bare.folder.snapshot()
    #expect(after == before, "\(before.changes(to: after))")
  }

  @Test func anEmptyBareRepositoryListsNothing() throws {
    let bare = try GitFixture(bare: true)

    let result = try valprop(["list", "--format", "json"], in: bare.path)

    #expect(result.status == 0, "\(result)")
    #expect(try jsonObjects(result).isEmpty)
  }
}
