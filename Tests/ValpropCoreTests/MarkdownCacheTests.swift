import Foundation
import GitKit
import TestSupport
import Testing

@testable import ValpropCore

/// The report's cache of rendered Markdown gives exactly what rendering gives, renders again
/// only what changed, and never trusts a file it did not write for this binary.
@Suite struct MarkdownCacheTests {
  static let texts = [
    Samples.strongCore(), "# Title\n\n- one\n- two <script>alert(1)</script>\n",
    "A [link](javascript:alert(1)) and `code` and **bold**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Ünïcödé — “quotes” and a % sign and a tab\there\r\nand a new line\n", "",
  ]

  static func fixture() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.commit("add", files: ["propositions/ledger.md": Samples.strongCore()])
    return fixture
  }

  @Test func cachedHTMLEqualsRenderedHTMLAndIsReadBack() throws {
    let fixture = try Self.fixture()
    let repository = try #require(try Repository.discover(from: fixture.path))
    let first = MarkdownCache(repository: repository, environment: [:])
    for shift in 0...2 {
      for text in Self.texts {
        #expect(first.html(text, headingShift: shift) == MarkdownRenderer.html(text, headingShift: shift))
      }
    }
    #expect(first.rendered == 3 * Self.texts.count)
    first.save()
    let file = fixture.path + "/.git/valprop/markdown.cache"
    #expect(FileManager.default.fileExists(atPath: file))

    let second = MarkdownCache(repository: repository, environment: [:])
    for shift in 0...2 {
      for text in Self.texts {
        #expect(second.html(text, headingShift: shift) == MarkdownRenderer.html(text, headingShift: shift))
      }
    }
    // Everything came from the file; a changed text is rendered.
    #expect(second.rendered == 0)
    #expect(second.html("changed", headingShift: 1) == MarkdownRenderer.html("changed", headingShift: 1))
    #expect(second.rendered == 1)
  }

  @Test func theFileKeepsOnlyWhatTheLastRunUsed() throws {
    let fixture = try Self.fixture()
    let repository = try #require(try Repository.discover(from: fixture.path))
    let first = MarkdownCache(repository: repository, environment: [:])
    for text in Self.texts { _ = first.html(text, headingShift: 1) }
    first.save()
    let second = MarkdownCache(repository: repository, environment: [:])
    _ = second.html(Self.texts[0], headingShift: 1)
    second.save()
    let bytes = try #require(FileBytes.readIfPresent(fixture.path + "/.git/valprop/markdown.cache"))
    let entries = try #require(MarkdownCache.decode([UInt8](bytes), settings: second.settings))
    #expect(entries.count == 1)
    #expect(
      entries[MarkdownCache.key(Self.texts[0], headingShift: 1)]
        == MarkdownRenderer.html(Self.texts[0], headingShift: 1))
  }

  @Test func aForeignDamagedOrOtherBinarysFileIsNotBelieved() throws {
    let fixture = try Self.fixture()
    let repository = try #require(try Repository.discover(from: fixture.path))
    let key = MarkdownCache.key("text", headingShift: 0)
    let settings = MarkdownCache(repository: repository, environment: [:]).settings
    let good = MarkdownCache.encode([key: "<p>planted</p>"], settings: settings)
    #expect(MarkdownCache.decode(good, settings: settings) == [key: "<p>planted</p>"])
    // An entry this binary wrote is believed (which is how the cache saves time) …
    let file = fixture.path + "/.git/valprop/markdown.cache"
    try FileManager.default.createDirectory(
      atPath: fixture.path + "/.git/valprop", withIntermediateDirectories: true)
    try Data(good).write(to: URL(fileURLWithPath: file))
    #expect(
      MarkdownCache(repository: repository, environment: [:]).html("text", headingShift: 0)
        == "<p>planted</p>")
    // … and switched off, nothing is read.
    #expect(
      MarkdownCache(repository: repository, environment: ["VALPROP_MARKDOWN_CACHE": "off"]).html(
        "text", headingShift: 0) == MarkdownRenderer.html("text", headingShift: 0))
    // Another binary's, a torn, an edited or a foreign file is not.
    var edited = good
    edited[edited.count - 30] ^= 0x20
    let damaged: [[UInt8]] = [
      MarkdownCache.encode([key: "<p>planted</p>"], settings: "binary other"),
      Array(good.dropLast(10)), edited, Array("not a cache\n".utf8), [],
    ]
    for bytes in damaged {
      #expect(MarkdownCache.decode(bytes, settings: settings) == nil)
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      #expect(
        MarkdownCache(repository: repository, environment: [:]).html("text", headingShift: 0)
          == MarkdownRenderer.html("text", headingShift: 0))
    }
  }
}
