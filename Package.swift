// swift-tools-version: 6.0
import PackageDescription

/// The proposition templates of `templates/`, carried inside the binary so that a release
/// binary copied alone into an empty folder still creates propositions.
let builtinTemplates = ["core", "canvas", "jtbd", "lean", "before-after"]

/// The git hooks of `hooks/`, carried inside the binary for `valprop hooks install`.
let builtinHooks = ["pre-commit", "post-merge"]

/// The templates, style sheet and script of `valprop report` (`templates/report/`), carried
/// inside the binary; their look can change without touching Swift.
let reportTemplates = ["overview.html.mustache", "proposition.html.mustache", "report.css", "report.js"]

/// The propositions of `valprop demo`'s history (`Sources/ValpropCore/Demo/texts/`), Mustache
/// templates filled with the demo's dates, carried inside the binary.
let demoTexts = [
  "reconciliation-autopilot-1", "reconciliation-autopilot-2", "reconciliation-autopilot-3",
  "spreadsheet-reports", "invoice-inbox", "ledger-sync",
]

/// Whether to link libgit2 from its static archives: opt-in, for release binaries, with
/// `VALPROP_STATIC_LIBGIT2=1 swift build -c release --static-swift-stdlib --product valprop`.
///
/// A plain build links the system's shared libgit2 through pkg-config, so it works on any
/// distribution and on macOS whatever libgit2 was built on (mbedTLS or OpenSSL, http-parser
/// or llhttp, PCRE 1 or 2). The static list below is Debian 12's (libgit2 1.5 on mbedTLS);
/// another distribution needs its own (`pkg-config --static --libs libgit2` names it).
/// docs/building.md gives the measured saving.
let staticLibGit2 = Context.environment["VALPROP_STATIC_LIBGIT2"] == "1"

/// The word lists lint rules read (`Sources/ValpropCore/Lint/words/`), carried inside the binary.
let lintWordLists = [
  "alternatives", "belief-phrases", "buzzwords", "english-words", "everyone-words", "feature-words",
  "generic-claims", "number-words", "outcome-verbs", "sized-segments", "superlatives", "technology-words",
  "known-acronyms", "time-frames", "vague-words", "wordy-phrases",
]

/// libgit2 and the libraries it uses, from the static archives that libgit2-dev's dependencies
/// install on Debian 12 (Kerberos has none and stays shared). Loading the shared libgit2 and
/// its 18 libraries took about 3 ms of every run; most of them serve transports valprop never
/// uses. `--wrap` sends libgit2's load of the CA certificates, and its start of libssh2, to
/// GitKit's stand-ins.
let libgit2Static = [
  "--wrap=mbedtls_x509_crt_parse_file", "--wrap=libssh2_init", "-l:libgit2.a", "-l:libmbedtls.a",
  "-l:libmbedx509.a",
  "-l:libmbedcrypto.a", "-l:libhttp_parser.a", "-l:libssh2.a", "-l:libcrypto.a", "-l:libpcre2-8.a",
  "-l:libz.a",
  "-l:libgssapi_krb5.so.2",
].flatMap { ["-Xlinker", $0] }

/// How GitKit links libgit2: the static archives when asked for, else the shared library that
/// pkg-config names (`-lgit2` as well, for a machine without pkg-config's file). On Linux the
/// executable exports GitKit's certificate stand-in under mbedTLS's name, so that a shared
/// libgit2 built on mbedTLS calls it instead of parsing every CA certificate at start-up, and
/// its libssh2 stand-in under libssh2's, so that libgit2 does not start OpenSSL for SSH.
let libgit2Linking: [LinkerSetting] =
  staticLibGit2
  ? [.unsafeFlags(libgit2Static, .when(platforms: [.linux]))]
  : [
    .linkedLibrary("git2"),
    .unsafeFlags(
      [
        "-Xlinker", "--export-dynamic-symbol=mbedtls_x509_crt_parse_file", "-Xlinker",
        "--export-dynamic-symbol=libssh2_init",
      ], .when(platforms: [.linux])),
  ]

/// GitKit's compiler settings: `VALPROP_STATIC_LIBGIT2` compiles the stand-ins' wrapped names in.
let gitKitSettings: [SwiftSetting] = staticLibGit2 ? [.define("VALPROP_STATIC_LIBGIT2")] : []

/// valprop's own modules reach generic types' metadata by direct calls, not by mangled names
/// the runtime demangles and checks against every conformance of the binary on first use
/// (docs/building.md says why, docs/performance.md's session 32 what it saves).
let directMetadata: [SwiftSetting] = [
  .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

let package = Package(
  name: "valprop",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "valprop", targets: ["valprop"])
  ],
  dependencies: [
    // Pinned to a minor version: the help and error text the tests read are ArgumentParser's,
    // and QuickYAML reads plain YAML exactly as Yams does (the frontmatter fuzz target checks),
    // so a new minor version is taken on purpose, with the suite run, never by chance.
    .package(url: "https://github.com/apple/swift-argument-parser", .upToNextMinor(from: "1.8.0")),
    .package(url: "https://github.com/jpsim/Yams", .upToNextMinor(from: "6.2.0")),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    // The report's Markdown renderer; its output is sanitised (Report/HTMLSanitizer.swift).
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
  ],
  targets: [
    // Static linking must not add the shared library, so pkg-config is asked only without it;
    // the static build finds git2.h in /usr/include.
    .systemLibrary(
      name: "CLibGit2",
      pkgConfig: staticLibGit2 ? nil : "libgit2",
      providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
    ),
    .systemLibrary(
      name: "CDeflate",
      pkgConfig: "libdeflate",
      providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
    ),
    // glibc's mallopt, for the heap limits valprop sets at start-up (HeapTuning).
    .systemLibrary(name: "CMalloc"),
    .target(
      name: "GitKit", dependencies: ["CLibGit2", "CDeflate"],
      swiftSettings: gitKitSettings + directMetadata,
      linkerSettings: libgit2Linking),
    .target(
      name: "ValpropCore",
      dependencies: [
        "GitKit",
        .product(name: "Yams", package: "Yams"),
        .product(name: "HeapModule", package: "swift-collections"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Ink", package: "Ink"),
      ],
      exclude: ["templates/ci"],
      resources: builtinTemplates.map { .embedInCode("templates/\($0).md") }
        + builtinHooks.map { .embedInCode("hooks/\($0)") }
        + lintWordLists.map { .embedInCode("Lint/words/\($0).txt") }
        + reportTemplates.map { .embedInCode("templates/report/\($0)") }
        + demoTexts.map { .embedInCode("Demo/texts/\($0).md") },
      swiftSettings: directMetadata
    ),
    .target(
      name: "ValpropCommands",
      dependencies: [
        "ValpropCore", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: directMetadata
    ),
    .executableTarget(name: "valprop", dependencies: ["ValpropCommands"], swiftSettings: directMetadata),
    // Fuzz targets (Tests/Fuzz/run.sh builds them with libFuzzer); built plainly, it replays a corpus.
    .executableTarget(name: "ValpropFuzz", dependencies: ["ValpropCore", "GitKit"]),
    .target(name: "TestSupport", dependencies: ["GitKit"], path: "Tests/TestSupport"),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(
      name: "ValpropCoreTests",
      dependencies: ["ValpropCore", "GitKit", "TestSupport", .product(name: "Yams", package: "Yams")],
      exclude: ["LintCorpus", "IndependentCorpus"]),
    .testTarget(
      name: "ValpropCommandsTests", dependencies: ["ValpropCommands", "ValpropCore", "TestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["valprop", "ValpropFuzz", "TestSupport", .product(name: "Yams", package: "Yams")]),
  ]
)
