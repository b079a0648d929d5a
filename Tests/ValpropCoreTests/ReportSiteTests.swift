import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// Writing the report's folder: all at once, replacing only an earlier report.
@Suite struct ReportSiteTests {
  static let site = ReportSite(files: ["index.html": "<p>new</p>", "propositions/a.html": "<p>a</p>"])

  @Test func writesANewFolderWithItsMarker() throws {
    let folder = try TemporaryFolder()
    try Self.site.write(to: folder.path + "/deep/report")
    #expect(folder.read("deep/report/index.html") == "<p>new</p>")
    #expect(folder.read("deep/report/propositions/a.html") == "<p>a</p>")
    #expect(folder.exists("deep/report/" + ReportSite.marker))
    // Nothing is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/deep") == ["report"])
  }

  @Test func replacesAnEarlierReportAsAWhole() throws {
    let folder = try TemporaryFolder()
    try ReportSite(files: ["index.html": "old", "propositions/gone.html": "old"]).write(
      to: folder.path + "/r")
    try Self.site.write(to: folder.path + "/r")
    #expect(folder.read("r/index.html") == "<p>new</p>")
    #expect(!folder.exists("r/propositions/gone.html"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r"])
  }

  @Test func writesIntoAnEmptyFolder() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/empty", withIntermediateDirectories: false)
    try Self.site.write(to: folder.path + "/empty")
    #expect(folder.read("empty/index.html") == "<p>new</p>")
  }

  @Test func refusesAFolderThatIsNotAReport() throws {
    let folder = try TemporaryFolder()
    try folder.write("docs/README.md", "mine")
    #expect {
      try Self.site.write(to: folder.path + "/docs")
    } throws: { error in
      guard case .refused(let problem, let hint) = error as? ValpropError else { return false }
      return problem.contains("is not empty and does not hold a valprop report") && hint.contains("--output")
    }
    #expect(folder.read("docs/README.md") == "mine")
    #expect(!folder.exists("docs/index.html"))
    try folder.write("file", "x")
    #expect(throws: ValpropError.self) { try Self.site.write(to: folder.path + "/file") }
    #expect(folder.read("file") == "x")
  }

  @Test func pagesWrittenFromEveryCoreAllArrive() throws {
    let folder = try TemporaryFolder()
    try ReportSite.write(to: folder.path + "/r") { staging in
      DispatchQueue.concurrentPerform(iterations: 200) { index in
        try? staging.write("propositions/p\(index).html", "<p>\(index)</p>")
      }
    }
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/r/propositions")
    #expect(pages.count == 200)
    #expect(folder.read("r/propositions/p199.html") == "<p>199</p>")
    #expect(folder.exists("r/" + ReportSite.marker))
  }

  @Test func aFailedRenderingLeavesTheEarlierReport() throws {
    let folder = try TemporaryFolder()
    try Self.site.write(to: folder.path + "/r")
    let broken = ValpropError.invalidTemplate(
      SourceLocation(path: "templates/report/x"), problem: "cannot be parsed", hint: "fix it")
    #expect {
      try ReportSite.write(to: folder.path + "/r") { staging in
        try staging.write("index.html", "half")
        throw broken
      }
    } throws: { error in
      guard case .invalidTemplate = error as? ValpropError else { return false }
      return true
    }
    #expect(folder.read("r/index.html") == "<p>new</p>")
    // No staging folder is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r"])
  }

  @Test func aRefusedFolderIsRefusedBeforeAnythingIsRendered() throws {
    let folder = try TemporaryFolder()
    try folder.write("docs/README.md", "mine")
    var rendered = false
    #expect(throws: ValpropError.self) {
      try ReportSite.write(to: folder.path + "/docs") { _ in rendered = true }
    }
    #expect(!rendered)
  }

  /// Page names are unique, even where a changed id's numbered name is another id's own
  /// (`aé` at position 2 becomes `a_-2`, which `a_-2` itself holds).
  @Test(arguments: [
    ["a_-2", "a\u{E9}"], ["a\u{E9}", "a_-2"], ["a_", "a\u{E9}", "a_-2", "a_-3", "A\u{E9}"], ["", "-", "_"],
  ])
  func pageNamesNeverCollide(_ ids: [String]) {
    let names = ReportRenderer.pageNames(ids)
    #expect(names.count == ids.count)
    #expect(Set(names.values).count == ids.count, "\(names)")
    for (id, name) in names {
      #expect(name.hasSuffix(".html") && !name.contains("/"), "\(id): \(name)")
    }
  }

  /// A killed run's staging folder is removed by the next write; a live run's, an `.old-`
  /// folder and folders of other names are not.
  @Test func removesOnlyTheStagingFoldersOfRunsThatAreGone() throws {
    let folder = try TemporaryFolder()
    // A pid above the kernel's maximum (4,194,304) belongs to no process.
    let gone = ".report.new-9999999-12"
    let alive = ".report.new-\(getpid())-34"
    let kept = [alive, ".report.old-9999999-56", ".other.new-9999999-78", ".report.new-x-1"]
    for name in [gone] + kept {
      try FileManager.default.createDirectory(
        atPath: folder.path + "/" + name, withIntermediateDirectories: false)
      try "part".write(toFile: folder.path + "/" + name + "/index.html", atomically: false, encoding: .utf8)
    }
    try Self.site.write(to: folder.path + "/report")
    #expect(!folder.exists(gone))
    for name in kept { #expect(folder.exists(name + "/index.html"), "\(name)") }
    #expect(folder.read("report/index.html") == "<p>new</p>")
  }
}
