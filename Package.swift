// swift-tools-version: 6.0
import PackageDescription

/// The proposition templates of `templates/`, carried inside the binary so that a release
/// binary copied alone into an empty folder still creates propositions.
let builtinTemplates = ["core", "canvas", "jtbd", "lean", "before-after"]

/// The git hooks of `hooks/`, carried inside the binary for `valprop hooks install`.
let builtinHooks = ["pre-commit", "post-merge"]

/// The word lists lint rules read (`Sources/ValpropCore/Lint/words/`), carried inside the binary.
let lintWordLists = [
  "alternatives", "belief-phrases", "buzzwords", "english-words", "everyone-words", "feature-words",
  "generic-claims", "number-words", "outcome-verbs", "sized-segments", "superlatives", "technology-words",
  "known-acronyms", "time-frames", "vague-words", "wordy-phrases",
]

/// libgit2 and the libraries it uses, from the static archives that libgit2-dev's dependencies
/// install (Kerberos has none and stays shared). Loading the shared libgit2 and its 18
/// libraries took about 3 ms of every run; most of them serve transports valprop never uses.
/// `--wrap` sends libgit2's load of the CA certificates to GitKit's stand-in.
let libgit2Static = [
  "--wrap=mbedtls_x509_crt_parse_file", "-l:libgit2.a", "-l:libmbedtls.a", "-l:libmbedx509.a",
  "-l:libmbedcrypto.a", "-l:libhttp_parser.a", "-l:libssh2.a", "-l:libcrypto.a", "-l:libpcre2-8.a",
  "-l:libz.a",
  "-l:libgssapi_krb5.so.2",
].flatMap { ["-Xlinker", $0] }

let package = Package(
  name: "valprop",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "valprop", targets: ["valprop"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
  ],
  targets: [
    // libgit2 is linked from its static archive on Linux (see `libgit2Static`): no pkg-config
    // here, which would add the shared library. Its header is in /usr/include.
    .systemLibrary(
      name: "CLibGit2",
      providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
    ),
    .systemLibrary(
      name: "CDeflate",
      pkgConfig: "libdeflate",
      providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
    ),
    .target(
      name: "GitKit", dependencies: ["CLibGit2", "CDeflate"],
      swiftSettings: [.unsafeFlags(["-Xcc", "-I/opt/homebrew/include"], .when(platforms: [.macOS]))],
      linkerSettings: [
        .unsafeFlags(libgit2Static, .when(platforms: [.linux])),
        .unsafeFlags(["-L/opt/homebrew/lib"], .when(platforms: [.macOS])),
        .linkedLibrary("git2", .when(platforms: [.macOS])),
      ]),
    .target(
      name: "ValpropCore",
      dependencies: [
        "GitKit",
        .product(name: "Yams", package: "Yams"),
        .product(name: "HeapModule", package: "swift-collections"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      exclude: ["templates/ci"],
      resources: builtinTemplates.map { .embedInCode("templates/\($0).md") }
        + builtinHooks.map { .embedInCode("hooks/\($0)") }
        + lintWordLists.map { .embedInCode("Lint/words/\($0).txt") }
    ),
    .target(
      name: "ValpropCommands",
      dependencies: [
        "ValpropCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "valprop", dependencies: ["ValpropCommands"]),
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
