import Foundation
import TestSupport
import Testing

/// Headless Chromium (Debian's `chromium`), which opens the generated report as a reader's
/// browser would. `.ci/run` installs it; without it the browser tests fail, unless
/// `VALPROP_SKIP_BROWSER_TESTS=1` says to skip them.
enum Chromium {
  static let path = Shell.whichOrNil("chromium")
  /// Whether the browser tests run: always, except when Chromium is absent and skipping was asked for.
  static let runs = path != nil || ProcessInfo.processInfo.environment["VALPROP_SKIP_BROWSER_TESTS"] != "1"

  /// Runs Chromium headless on a page with extra arguments; returns its standard output.
  static func run(_ arguments: [String], page: String) throws -> String {
    let binary = try #require(
      path, "chromium is not installed: apt-get install chromium (or set VALPROP_SKIP_BROWSER_TESTS=1)")
    let profile = try TemporaryFolder()
    let result = try Shell.run(
      binary,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile.path]
        + arguments + [URL(fileURLWithPath: page).absoluteString])
    #expect(result.status == 0, "\(result)")
    return result.stdout
  }

  /// The page's DOM after its scripts ran.
  static func dom(_ page: String) throws -> String { try run(["--dump-dom"], page: page) }

  /// A screenshot of the page at a window size, checked to show something: the PNG has the
  /// size asked for, many colours, and no colour covering nearly all of it.
  static func checkScreenshot(
    _ page: String, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let folder = try TemporaryFolder()
    let png = folder.path + "/shot.png"
    _ = try run(["--screenshot=" + png, "--window-size=\(width),\(height)", "--hide-scrollbars"], page: page)
    let result = try Shell.run(Shell.which("python3"), ["-c", pngSummary, png])
    #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
    let numbers = result.stdout.split(separator: " ").compactMap {
      Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    try #require(numbers.count == 4, "\(result)", sourceLocation: sourceLocation)
    #expect(
      Int(numbers[0]) == width && Int(numbers[1]) == height, "\(result)", sourceLocation: sourceLocation)
    #expect(numbers[2] >= 16, "too few colours: \(result)", sourceLocation: sourceLocation)
    #expect(numbers[3] < 0.97, "one colour covers the page: \(result)", sourceLocation: sourceLocation)
  }

  /// Decodes an 8-bit RGB or RGBA PNG with Python's standard library and prints its width,
  /// height, number of colours and the share of the commonest colour.
  static let pngSummary = """
    import struct, sys, zlib
    from collections import Counter
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'not a PNG'
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b'IHDR':
            width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    print(width, height, len(colours), colours.most_common(1)[0][1] / (width * height))
    """
}

/// `valprop report`: the static site, opened in a real browser.
@Suite(.serialized) struct ReportTests {
  /// The pages an HTML file links to with relative `href`s (fragments and schemes left out).
  static func relativeLinks(_ html: String) -> [String] {
    html.components(separatedBy: "href=\"").dropFirst().compactMap { rest in
      let target = String(rest.prefix { $0 != "\"" })
      return target.hasPrefix("#") || target.contains(":") ? nil : target
    }
  }

  @Test(.enabled(if: Chromium.runs, "chromium is absent and VALPROP_SKIP_BROWSER_TESTS=1"))
  func theDemosReportShowsEverythingInABrowser() throws {
    let parent = try TemporaryFolder()
    let demo = try valprop(["demo", "demo"], in: parent.path)
    #expect(demo.status == 0, "\(demo)")
    let site = parent.path + "/demo/.git/valprop/report"
    #expect(demo.stdout.contains("Open \(site)/index.html in a browser"), "\(demo.stdout)")
    let ids = try listedByID(try valprop(["list", "--format", "json"], in: parent.path + "/demo")).keys
      .sorted()
    #expect(ids.count == 4)
    let overview = site + "/index.html"
    let page = site + "/propositions/reconciliation-autopilot.html"

    for (width, height) in [(1280, 900), (390, 844)] {
      try Chromium.checkScreenshot(overview, width: width, height: height)
      try Chromium.checkScreenshot(page, width: width, height: height)
    }

    let dom = try Chromium.dom(overview)
    // Every proposition has its row, and its link leads to a page that exists.
    let rows = dom.components(separatedBy: "<tr data-owners=").count - 1
    #expect(rows == ids.count, "\(dom)")
    for id in ids { #expect(dom.contains("href=\"propositions/\(id).html\""), "\(id)") }
    let links = Self.relativeLinks(dom)
    #expect(links.count >= ids.count)
    for link in links { #expect(FileManager.default.fileExists(atPath: site + "/" + link), "\(link)") }
    // The inline script ran, so the policy's hash is right: it shows the filters and counts the rows.
    #expect(dom.contains("4 of 4 propositions shown"), "the overview's script did not run: \(dom)")
    #expect(dom.contains("<button type=\"button\">Strength</button>"), "\(dom)")
    // Counts by state at the top, and the strip of what falls due by owner.
    #expect(dom.contains("<span class=\"chip state-stale\">stale</span> <strong>1</strong>"), "\(dom)")
    #expect(dom.contains("<table class=\"strip\">"), "\(dom)")
    // The demo's ledger-sync drifted from the code it tracks: its row and the counts say so.
    #expect(dom.contains("<span class=\"chip state-drifted\" title=\""), "\(dom)")
    #expect(dom.contains("<span class=\"chip state-drifted\">drifted</span> <strong>1</strong>"), "\(dom)")
    #expect(dom.contains("<th scope=\"row\">@cy</th>"), "the owner of the proposition due soon: \(dom)")

    let pageDOM = try Chromium.dom(page)
    #expect(pageDOM.contains("<ins>") && pageDOM.contains("<del>"), "\(pageDOM)")
    #expect(pageDOM.contains("<svg class=\"chart\""), "\(pageDOM)")
    #expect(pageDOM.contains("<polyline class=\"chart-line\""), "\(pageDOM)")
    #expect(pageDOM.contains("<circle class=\"mark-edit\""), "\(pageDOM)")
    #expect(pageDOM.contains("<title id=\"strength-reconciliation-autopilot-title\">"), "\(pageDOM)")
    for link in Self.relativeLinks(pageDOM) {
      let target = URL(fileURLWithPath: site + "/propositions/" + link).standardizedFileURL.path
      #expect(FileManager.default.fileExists(atPath: target), "\(link)")
    }
    // The superseded proposition links to its successor.
    let superseded = try String(
      contentsOfFile: site + "/propositions/spreadsheet-reports.html", encoding: .utf8)
    #expect(superseded.contains("<a href=\"ledger-sync.html\">ledger-sync</a>"), "\(superseded)")
  }

  /// A proposition, owner, commit message and author written to run script: the pages show
  /// the text and run none of it.
  @Test(.enabled(if: Chromium.runs, "chromium is absent and VALPROP_SKIP_BROWSER_TESTS=1"))
  func hostileContentShowsAsTextAndRunsNothing() throws {
    let attack =
      "document.title='OWNED';document.body.insertAdjacentHTML('beforeend','<p id=owned-marker>x</p>')"
    let proposition = """
      ---
      title: "<script>\(attack)</script>"
      owner: "<img src=x onerror=\\"\(attack)\\">"
      ---

      # Title

      ## Target audience
      <script>\(attack)</script>

      ## Problem
      <img src=x onerror="\(attack)"> and </style><script>\(attack)</script>

      ## Solution
      [click me](javascript:\(attack)) and [data](data:text/html,<script>\(attack)</script>)

      ## Evidence
      - <svg onload="\(attack)"></svg> survey, 2026
      """
    let fixture = try repository(["propositions/hostile.md": proposition])
    try fixture.git(["add", "-A"])
    try fixture.git(
      ["commit", "-q", "-m", "<script>\(attack)</script>"],
      environment: ["GIT_AUTHOR_NAME": "<img src=x onerror=\"\(attack)\">"])
    let result = try valprop(["report", "--output", "site"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let site = fixture.path + "/site"
    for file in ["index.html", "propositions/hostile.html"] {
      let html = try String(contentsOfFile: site + "/" + file, encoding: .utf8)
      // The page's only script is the overview's own; the attack is there as text.
      #expect(html.components(separatedBy: "<script").count - 1 == (file == "index.html" ? 1 : 0), "\(file)")
      // No real tag (a `<`, not the `&lt;` of text) loads, handles or links to a script.
      #expect(
        !html.contains("<img") && !html.contains("<svg onload") && !html.contains("<a href=\"javascript"))
      #expect(html.contains("&lt;script&gt;document.title=&#39;OWNED&#39;"), "\(file): the text is not shown")
      #expect(html.contains("Content-Security-Policy"), "\(file)")
      let dom = try Chromium.dom(site + "/" + file)
      #expect(!dom.contains("<title>OWNED</title>"), "\(file): a script changed the title: \(dom)")
      #expect(!dom.contains("id=\"owned-marker\""), "\(file): a script wrote to the page: \(dom)")
      #expect(dom.contains("&lt;script&gt;document.title='OWNED'"), "\(file): \(dom)")
    }
  }

  /// Mustache's escaper compares Characters, and `"` followed by a combining mark is another
  /// Character: it stayed as it was and ended the attribute it stood in. Every value of a
  /// page is escaped scalar by scalar.
  @Test func aQuoteBeforeACombiningMarkCannotEndAnAttribute() throws {
    let trap = "a\"\u{301} data-injected=\"1"
    let proposition = "---\ntitle: 'T\(trap)'\nowner: '\(trap)'\n---\n\n# T\n\n## Problem\nIt is slow.\n"
    let fixture = try repository(["propositions/trap.md": proposition])
    try fixture.commit("Add trap")
    let result = try valprop(["report", "--output", "site"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    let leftAsIs = "\"\u{301} data-injected"
    let escaped = "a&quot;\u{301} data-injected=&quot;1"
    for file in ["index.html", "propositions/trap.html"] {
      let html = try #require(fixture.folder.read("site/" + file))
      #expect(!html.contains(leftAsIs), "\(file): the quote was left as is")
      #expect(html.contains(escaped), "\(file): \(html)")
    }
  }

  /// A second report takes the rendered Markdown of unchanged texts from the cache the first
  /// wrote: every page is byte-identical to one rendered without the cache, and a text edited
  /// between the runs is rendered anew.
  @Test func aReportFromTheMarkdownCacheIsTheSameSite() throws {
    let fixture = try repository([
      "propositions/a.md": Samples.strongCore(title: "Alpha"),
      "propositions/b.md":
        "# B <script>x()</script>\n\n## Problem\nIt is *slow*.\n\n## Evidence\n- [s](javascript:x)\n",
    ])
    try fixture.commit("Add two")
    func site(_ name: String, _ environment: [String: String] = [:]) throws -> [String: String] {
      let result = try valprop(
        ["report", "--output", name, "--as-of", "2026-12-01"], in: fixture.path, environment: environment)
      #expect(result.status == 0, "\(result)")
      var pages: [String: String] = [:]
      for page in ["index.html", "propositions/a.html", "propositions/b.html"] {
        let text = fixture.folder.read(name + "/" + page)
        #expect(text != nil, "\(name)/\(page) is missing")
        pages[page] = text ?? ""
      }
      return pages
    }
    let first = try site("first")
    #expect(fixture.folder.exists(".git/valprop/markdown.cache"))
    // Every text of the second run is found in the cache, which is then left as it was
    // (a cache that was ignored would be written anew, as a new file).
    let cache = fixture.path + "/.git/valprop/markdown.cache"
    let inode = try FileManager.default.attributesOfItem(atPath: cache)[.systemFileNumber] as? Int
    #expect(try site("second") == first)
    #expect(try FileManager.default.attributesOfItem(atPath: cache)[.systemFileNumber] as? Int == inode)
    #expect(try site("uncached", ["VALPROP_MARKDOWN_CACHE": "off"]) == first)
    try fixture.folder.write("propositions/b.md", "# B\n\n## Problem\nIt is **slower** now.\n")
    let edited = try site("edited")
    #expect(edited["propositions/b.html"]!.contains("<strong>slower</strong>"), "\(edited)")
    #expect(try site("edited-uncached", ["VALPROP_MARKDOWN_CACHE": "off"]) == edited)
  }

  /// A cold report reads freshness from its walk of every revision: the site is the one a
  /// report that walks history again for it writes, and the caches it leaves (written by
  /// the time the process exits) give `list` what a cold `list` finds.
  @Test func aColdReportLeavesTheCachesListReads() throws {
    let fixture = try repository([
      "propositions/a.md": Samples.strongCore(title: "Alpha"),
      "propositions/b.md": "---\nowner: \"@b\"\n---\n# B\n\n## Problem\nIt is slow.\n",
    ])
    try fixture.commit("Add two")
    try fixture.commit(
      "Edit b", files: ["propositions/b.md": "---\nowner: \"@b\"\n---\n# B\n\n## Problem\nIt is very slow.\n"]
    )
    try fixture.commit(
      "Review b",
      files: [
        "propositions/b.md":
          "---\nowner: \"@c\"\nreviewed: 2026-01-04\n---\n# B\n\n## Problem\nIt is very slow.\n"
      ])
    let caches = fixture.path + "/.git/valprop"
    func site(_ name: String, _ environment: [String: String] = [:]) throws -> [String: String] {
      try? FileManager.default.removeItem(atPath: caches)
      let result = try valprop(
        ["report", "--output", name, "--as-of", "2026-12-01"], in: fixture.path, environment: environment)
      #expect(result.status == 0, "\(result)")
      var pages: [String: String] = [:]
      for page in ["index.html", "propositions/a.html", "propositions/b.html"] {
        pages[page] = fixture.folder.read(name + "/" + page) ?? "\(name)/\(page) is missing"
      }
      return pages
    }
    let walked = try site("walked", ["VALPROP_REPORT_FRESHNESS": "walk"])
    let read = try site("read")
    #expect(read == walked)
    #expect(read["index.html"]!.contains("2026-01-04"), "the review shows: \(read["index.html"]!)")
    #expect(fixture.folder.exists(".git/valprop/scores.cache"))
    #expect(fixture.folder.exists(".git/valprop/history.cache"))
    let listed = try valprop(["list", "--format", "json", "--as-of", "2026-12-01"], in: fixture.path)
    try FileManager.default.removeItem(atPath: caches)
    let cold = try valprop(["list", "--format", "json", "--as-of", "2026-12-01"], in: fixture.path)
    #expect(listed.status == 0 && cold.status == 0)
    #expect(listed.stdout == cold.stdout)
  }

  /// Before the first commit: every proposition is uncommitted and has no revision yet.
  @Test func reportsARepositoryWithoutCommits() throws {
    let fixture = try repository(["propositions/a.md": "# A\n\n## Problem\nIt is slow.\n"])
    let result = try valprop(["report", "--output", "site"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    let overview = try #require(fixture.folder.read("site/index.html"))
    // Nothing, not even the templates' leading comment and pragma, comes before the doctype.
    #expect(overview.hasPrefix("<!DOCTYPE html>\n"), "\(overview.prefix(80))")
    #expect(overview.contains("<span class=\"chip state-uncommitted\">uncommitted</span>"), "\(overview)")
    #expect(!overview.contains("from commit"), "\(overview)")
    let page = try #require(fixture.folder.read("site/propositions/a.html"))
    #expect(page.hasPrefix("<!DOCTYPE html>\n"), "\(page.prefix(80))")
    #expect(page.contains("No commit holds this file yet."), "\(page)")
    #expect(!page.contains("<svg"), "no chart without revisions")
  }

  /// A workspace without a proposition still gets its overview, saying so: the overview is
  /// one of the jobs the page workers take, and with no pages it is the only one.
  @Test func reportsAWorkspaceWithoutPropositions() throws {
    let fixture = try GitFixture()
    try fixture.commit(
      "start",
      files: [".valprop.yml": "directory: propositions\n", "propositions/.gitkeep": "", "README.md": "x\n"])
    let result = try valprop(["report", "--output", "site"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    let overview = try #require(fixture.folder.read("site/index.html"))
    #expect(overview.hasPrefix("<!DOCTYPE html>\n"), "\(overview.prefix(80))")
    #expect(overview.contains("0 propositions."), "\(overview)")
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "/site/propositions"))
  }

  /// A bare repository (a CI mirror, a server hook) is reported from HEAD: revisions from its
  /// history, the site in its own folder by default, and nothing else in it changes.
  @Test func reportsABareRepositoryFromHEAD() throws {
    let bare = try GitFixture(bare: true)
    let work = try GitFixture()
    try work.commit("Add ledger", files: ["propositions/ledger.md": "# Ledger\n\n## Problem\nIt is slow.\n"])
    try work.commit(
      "Sharpen ledger", files: ["propositions/ledger.md": "# Ledger\n\n## Problem\nClosing takes 9 days.\n"])
    try work.push(to: bare)
    try work.folder.write("propositions/unpushed.md", "# Not pushed\n")
    let before = bare.folder.snapshot()

    let result = try valprop(["report"], in: bare.path)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("Wrote the report of 1 proposition to"), "\(result)")
    let page = try #require(bare.folder.read("valprop/report/propositions/ledger.html"))
    #expect(page.contains("Sharpen ledger") && page.contains("Add ledger"), "both revisions: \(page)")
    #expect(page.contains("Closing takes 9 days."), "the text at HEAD: \(page)")
    let overview = try #require(bare.folder.read("valprop/report/index.html"))
    #expect(!overview.contains("unpushed"), "\(overview)")
    // Only the report's own folder (and valprop's caches beside it) appeared.
    let changed = before.changes(to: bare.folder.snapshot()).split(separator: "\n")
    #expect(!changed.isEmpty && changed.allSatisfy { $0.hasPrefix("added: valprop") }, "\(changed)")
  }

  @Test func writesIntoTheGitFolderByDefaultAndRefusesAForeignFolder() throws {
    let fixture = try repository(["propositions/a.md": "# A\n\n## Problem\nIt is slow.\n"])
    try fixture.commit("Add a")
    let result = try valprop(["report"], in: fixture.path)
    #expect(result.status == 0, "\(result)")
    #expect(FileManager.default.fileExists(atPath: fixture.path + "/.git/valprop/report/propositions/a.html"))
    #expect(try fixture.git(["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    // A second run replaces the first.
    #expect(try valprop(["report", "--as-of", "2026-12-01"], in: fixture.path).status == 0)

    try fixture.folder.write("docs/guide.md", "mine")
    let refused = try valprop(["report", "--output", "docs"], in: fixture.path)
    #expect(refused.status == 2, "\(refused)")
    #expect(refused.stderr.contains("docs is not empty and does not hold a valprop report"), "\(refused)")
    #expect(fixture.folder.read("docs/guide.md") == "mine")
    #expect(!fixture.folder.exists("docs/index.html"))
  }
}
