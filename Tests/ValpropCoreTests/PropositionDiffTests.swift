import Foundation
import TestSupport
import Testing

@testable import ValpropCore

/// A proposition parsed from text, for diffing.
private func proposition(_ text: String, id: String = "ledger") throws -> Proposition {
  try Proposition(id: id, path: "propositions/\(id).md", text: text)
}

/// Each section change as "change heading", for compact expectations.
private func outline(_ diff: PropositionDiff) -> [String] {
  diff.sections.map { "\($0.change.rawValue) \($0.heading)" }
}

/// The old and new texts of a section change, joined from its tokens.
private func sides(_ section: SectionChange) -> (old: String, new: String) {
  (
    section.tokens.filter { $0.op != .insert }.map(\.text).joined(),
    section.tokens.filter { $0.op != .delete }.map(\.text).joined()
  )
}

/// A proposition with front matter, an introduction and three sections.
private let base = """
  ---
  title: Ledger sync
  owner: "@finance"
  x-team: blue
  tags: [a, b]
  ---

  # Ledger sync

  Intro line.

  ## Problem
  Manual data reconciliation costs 20 hours per week.

  ## Solution
  An automated pipeline.

  ## Evidence
  - 14 interviews

  """

@Suite struct PropositionDiffTests {
  @Test func identicalVersionsHaveNoChanges() throws {
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(base))
    #expect(diff.fields.isEmpty)
    #expect(diff.sections.isEmpty)
    #expect(!diff.wordingChanged)
  }

  @Test func fieldChangesKnownUnknownAddedAndRemovedKeys() throws {
    let new = base.replacingOccurrences(
      of: "owner: \"@finance\"\nx-team: blue\ntags: [a, b]\n",
      with: "owner: \"@ops\"\nx-team: green\nstatus: active\n")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(
      diff.fields == [
        FieldChange(name: "owner", old: "@finance", new: "@ops"),
        FieldChange(name: "x-team", old: "blue", new: "green"),
        FieldChange(name: "status", old: nil, new: "active"),
        FieldChange(name: "tags", old: "[a, b]", new: nil),
      ])
    #expect(diff.sections.isEmpty, "only the front matter changed")
    #expect(diff.wordingChanged, "a field change counts")
  }

  @Test func fieldChangesEncodeNullForAMissingSide() throws {
    let data = try JSONEncoder().encode(FieldChange(name: "status", old: nil, new: "active"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object.keys.sorted() == ["name", "new", "old"])
    #expect(object["old"] is NSNull)
    #expect(object["new"] as? String == "active")
  }

  @Test func aModifiedSectionHasWordTokens() throws {
    let new = base.replacingOccurrences(of: "costs 20 hours", with: "costs 25 hours")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["modified Problem"])
    let section = try #require(diff.sections.first)
    #expect(
      section.tokens.filter { $0.op != .equal } == [DiffToken(.delete, "20"), DiffToken(.insert, "25")])
    #expect(sides(section).old == "Manual data reconciliation costs 20 hours per week.\n\n")
    #expect(sides(section).new == "Manual data reconciliation costs 25 hours per week.\n\n")
    #expect(section.wordingChanged)
    #expect(section.wordsAdded == 1)
    #expect(section.wordsRemoved == 1)
  }

  @Test func anAddedSectionIsOneInsertion() throws {
    let new = base + "## Differentiation\nThe only one.\n"
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["added Differentiation"])
    #expect(diff.sections.first?.tokens == [DiffToken(.insert, "The only one.\n")])
    #expect(diff.sections.first?.wordsAdded == 3)
  }

  @Test func aRemovedSectionFollowsTheSectionBeforeIt() throws {
    let new = base.replacingOccurrences(of: "## Solution\nAn automated pipeline.\n\n", with: "")
      .replacingOccurrences(of: "- 14 interviews", with: "- 15 interviews")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["removed Solution", "modified Evidence"])
    #expect(diff.sections.first?.tokens == [DiffToken(.delete, "An automated pipeline.\n\n")])
    #expect(diff.sections.first?.wordsRemoved == 3)
  }

  @Test func aRemovedFirstSectionWithoutIntroductionComesFirst() throws {
    let old = "## Problem\nSlow.\n## Solution\nFast.\n"
    let new = "## Solution\nFaster.\n"
    let diff = PropositionDiff(old: try proposition(old), new: try proposition(new))
    #expect(outline(diff) == ["removed Problem", "modified Solution"])
  }

  @Test func aRenamedHeadingIsRemovedAndAdded() throws {
    let new = base.replacingOccurrences(of: "## Problem", with: "## Pain")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["removed Problem", "added Pain"])
    let text = "Manual data reconciliation costs 20 hours per week.\n\n"
    #expect(diff.sections.map(\.tokens) == [[DiffToken(.delete, text)], [DiffToken(.insert, text)]])
  }

  @Test func headingsMatchWithoutCase() throws {
    let new = base.replacingOccurrences(of: "## Problem", with: "## problem")
      .replacingOccurrences(of: "costs 20", with: "costs 25")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["modified problem"])
  }

  @Test func reorderedSectionsAreMatchedByHeading() throws {
    let old =
      "# T\n\n## Problem\nSlow close.\n\n## Solution\nAn automated pipeline.\n\n## Evidence\n- 14 interviews\n"
    let reordered =
      "# T\n\n## Evidence\n- 14 interviews\n\n## Problem\nSlow close.\n\n## Solution\nAn automated pipeline.\n"
    let diff = PropositionDiff(old: try proposition(old), new: try proposition(reordered))
    // Only the blank lines between sections moved: no section was added, removed or reworded.
    #expect(diff.sections.allSatisfy { $0.change == .modified && !$0.wordingChanged }, "\(outline(diff))")
    #expect(!diff.wordingChanged)

    let edited = reordered.replacingOccurrences(of: "Slow close.", with: "A slow close.")
    let editedDiff = PropositionDiff(old: try proposition(old), new: try proposition(edited))
    #expect(editedDiff.sections.filter(\.wordingChanged).map(\.heading) == ["Problem"])
    #expect(editedDiff.sections.allSatisfy { $0.change == .modified })
    // Evidence and Solution only gained or lost a blank line; all come in the new file's order.
    #expect(editedDiff.sections.map(\.heading) == ["Evidence", "Problem", "Solution"])
  }

  @Test func theIntroductionIsTheSectionWithoutHeading() throws {
    let new = base.replacingOccurrences(of: "Intro line.", with: "Intro paragraph.")
      .replacingOccurrences(of: "# Ledger sync", with: "# Ledger autopilot")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))
    #expect(outline(diff) == ["modified "])
    let section = try #require(diff.sections.first)
    #expect(sides(section).old == "\n# Ledger sync\n\nIntro line.\n\n")
    #expect(sides(section).new == "\n# Ledger autopilot\n\nIntro paragraph.\n\n")
    #expect(
      section.tokens.filter { $0.op != .equal }.map(\.text) == ["sync", "autopilot", "line", "paragraph"])
  }

  @Test func aReflowedSectionIsNoWordingChange() throws {
    let old =
      "# T\n\n## Target audience\nFinance teams at mid-market SaaS companies that close the books monthly.\n"
    let new =
      "# T\n\n## Target audience\nFinance teams at mid-market SaaS\ncompanies  that close\r\nthe books monthly.\n"
    let diff = PropositionDiff(old: try proposition(old), new: try proposition(new))
    #expect(outline(diff) == ["modified Target audience"], "the white space shows in the tokens")
    let section = try #require(diff.sections.first)
    #expect(!section.wordingChanged)
    #expect(section.wordsAdded == 0)
    #expect(section.wordsRemoved == 0)
    #expect(section.tokens.filter { $0.op != .equal }.allSatisfy { $0.isWhitespace })
    #expect(!diff.wordingChanged)
    #expect(
      sides(section).old == "Finance teams at mid-market SaaS companies that close the books monthly.\n")
    #expect(
      sides(section).new == "Finance teams at mid-market SaaS\ncompanies  that close\r\nthe books monthly.\n")
  }

  @Test func anAddedPropositionAddsEveryFieldAndSection() throws {
    let diff = PropositionDiff(old: nil, new: try proposition(base))
    #expect(diff.fields.map(\.name) == ["title", "owner", "x-team", "tags"])
    #expect(diff.fields.allSatisfy { $0.old == nil })
    #expect(outline(diff) == ["added ", "added Problem", "added Solution", "added Evidence"])
    let deleted = PropositionDiff(old: try proposition(base), new: nil)
    #expect(deleted.fields.allSatisfy { $0.new == nil })
    #expect(outline(deleted) == ["removed ", "removed Problem", "removed Solution", "removed Evidence"])
  }

  @Test func lenientReadingKeepsBrokenFilesComparable() {
    let latin1 = Data("---\ntitle: Caf".utf8) + Data([0xE9]) + Data("\n---\n\n## Problem\nSlow.\n".utf8)
    let read = Proposition.lenient(id: "x", path: "propositions/x.md", data: latin1)
    #expect(read.section("Problem")?.text == "Slow.\n")
    #expect(read.title.contains("\u{FFFD}"))
    let unclosed = Proposition.lenient(
      id: "x", path: "propositions/x.md", data: Data("---\ntitle: [\n## Problem\nSlow.\n".utf8))
    #expect(unclosed.section("Problem")?.text == "Slow.\n")
  }
}

@Suite struct DiffRendererTests {
  /// One modified proposition: the owner changed and "20" became "25".
  private func modified() throws -> PropositionChange {
    let new = base.replacingOccurrences(of: "\"@finance\"", with: "\"@ops\"")
      .replacingOccurrences(of: "costs 20 hours", with: "costs 25 hours")
    return PropositionChange(
      id: "ledger", path: "propositions/ledger.md", oldPath: "propositions/ledger.md", change: .modified,
      diff: PropositionDiff(old: try proposition(base), new: try proposition(new)))
  }

  /// A proposition whose only change is a reflowed paragraph.
  private func reflowed() throws -> PropositionChange {
    let new = base.replacingOccurrences(of: "costs 20 hours per week.", with: "costs 20\nhours  per week.")
    return PropositionChange(
      id: "ledger", path: "propositions/ledger.md", oldPath: "propositions/ledger.md", change: .modified,
      diff: PropositionDiff(old: try proposition(base), new: try proposition(new)))
  }

  @Test func textMarksDeletionsAndInsertionsWithoutColour() throws {
    let text = DiffRenderer.text([try modified()], color: false)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    #expect(lines.first == "modified propositions/ledger.md (ledger)")
    #expect(lines.contains("owner: @finance → @ops"))
    #expect(lines.contains("## Problem"))
    #expect(lines.contains("Manual data reconciliation costs [-20-]{+25+} hours per week."), "\(text)")
    #expect(!text.contains("\u{1B}"), "no colour")
    #expect(!text.contains("An automated pipeline"), "unchanged sections are left out")
    #expect(
      text.hasSuffix("\n  unchanged sections: (before the first section), Solution, Evidence\n"), "\(text)")
    #expect(
      text.hasPrefix("modified propositions/ledger.md (ledger)\n  owner: @finance → @ops\n  ## Problem\n"))
    let full = DiffRenderer.text([try modified()], color: false, view: .full)
    #expect(!full.contains("Solution"), "the full view names no unchanged section")
    #expect(
      full
        == text.replacingOccurrences(
          of: "  unchanged sections: (before the first section), Solution, Evidence\n", with: ""))
  }

  /// Many changes, rendered on several threads, come out in their order, each as it is
  /// rendered alone.
  @Test func textOfManyChangesKeepsTheirOrder() throws {
    var changes: [PropositionChange] = []
    for index in 0..<40 {
      let new = base.replacingOccurrences(of: "costs 20 hours", with: "costs \(21 + index) hours")
      changes.append(
        PropositionChange(
          id: "p\(index)", path: "propositions/p\(index).md", oldPath: "propositions/p\(index).md",
          change: .modified, diff: PropositionDiff(old: try proposition(base), new: try proposition(new))))
      changes.append(try reflowed())
    }
    for color in [false, true] {
      let alone = changes.map { DiffRenderer.text([$0], color: color) }
      #expect(Set(alone).count == 41, "the changes render apart")
      #expect(DiffRenderer.text(changes, color: color) == alone.joined())
    }
    #expect(DiffRenderer.text([], color: false) == "")
  }

  @Test func textInColourUsesRedAndGreen() throws {
    let text = DiffRenderer.text([try modified()], color: true)
    #expect(text.contains("\u{1B}[31;9m20\u{1B}[0m"))
    #expect(text.contains("\u{1B}[32m25\u{1B}[0m"))
    #expect(!text.contains("[-"))
  }

  @Test func textShowsNothingForAReflow() throws {
    let text = DiffRenderer.text([try reflowed()], color: false)
    #expect(text == "modified propositions/ledger.md (ledger)\n  (layout only: no wording changed)\n")
  }

  @Test func textNamesRenamesAndMissingFieldValues() throws {
    let old = try proposition("---\nowner: a\n---\n\n## Problem\nSlow.\n", id: "old-name")
    let new = try proposition("---\nstatus: draft\n---\n\n## Problem\nSlow.\n", id: "new-name")
    let change = PropositionChange(
      id: "new-name", path: "propositions/new-name.md", oldPath: "propositions/old-name.md", change: .renamed,
      diff: PropositionDiff(old: old, new: new))
    #expect(
      DiffRenderer.text([change], color: false)
        == """
        renamed propositions/old-name.md → propositions/new-name.md (new-name)
          status: (none) → draft
          owner: a → (none)

        """)
  }

  @Test func markdownUsesDelAndInsAndATable() throws {
    let markdown = DiffRenderer.markdown([try modified()])
    #expect(
      markdown == """
        <!-- valprop-diff -->
        ## Value proposition changes

        ### `ledger` — modified

        `propositions/ledger.md`

        | Field | Before | After |
        |---|---|---|
        | owner | @finance | @ops |

        **Problem**

        Manual data reconciliation costs <del>20</del><ins>25</ins> hours per week.

        _Unchanged sections: Introduction, Solution, Evidence._


        """)
  }

  @Test func markdownEscapesHTMLAndTablePipes() throws {
    let old = try proposition(
      "---\nx-note: \"a | b <i>\"\n---\n\n## R&D <lab>\nCosts < 5 hours & more.\n", id: "escape")
    let new = try proposition(
      "---\nx-note: \"c | d & e\"\n---\n\n## R&D <lab>\nCosts < 6 hours & more <script>.\n", id: "escape")
    let change = PropositionChange(
      id: "escape", path: "propositions/escape.md", oldPath: "propositions/escape.md", change: .modified,
      diff: PropositionDiff(old: old, new: new))
    let markdown = DiffRenderer.markdown([change])
    #expect(markdown.contains("| x-note | a \\| b &lt;i&gt; | c \\| d &amp; e |\n"), "\(markdown)")
    #expect(markdown.contains("**R&amp;D &lt;lab&gt;**"), "\(markdown)")
    #expect(
      markdown.contains("Costs &lt; <del>5</del><ins>6</ins> hours &amp; more<ins> &lt;script&gt;</ins>."),
      "\(markdown)")
    #expect(!markdown.contains("<script>"))
    #expect(!markdown.contains("<i>"))
    #expect(!markdown.contains("<lab>"))
  }

  @Test func markdownHasAHeadingPerProposition() throws {
    let added = PropositionChange(
      id: "fresh", path: "propositions/fresh.md", oldPath: nil, change: .added,
      diff: PropositionDiff(old: nil, new: try proposition("## Problem\nNew.\n", id: "fresh")))
    let renamed = PropositionChange(
      id: "moved", path: "propositions/b/moved.md", oldPath: "propositions/a/moved.md", change: .renamed,
      diff: PropositionDiff(
        old: try proposition("## Problem\nSame.\n", id: "moved"),
        new: try proposition("## Problem\nSame.\n", id: "moved")))
    let deleted = PropositionChange(
      id: "gone", path: "propositions/gone.md", oldPath: "propositions/gone.md", change: .deleted,
      diff: PropositionDiff(old: try proposition("## Problem\nOld.\n", id: "gone"), new: nil))
    let markdown = DiffRenderer.markdown([added, renamed, deleted])
    let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
    #expect(headings == ["### `fresh` — added", "### `moved` — renamed", "### `gone` — deleted"])
    #expect(markdown.contains("`propositions/a/moved.md` → `propositions/b/moved.md`"))
    #expect(markdown.contains("**Problem** (added)\n\n<ins>New.</ins>"), "\(markdown)")
    #expect(markdown.contains("**Problem** (removed)\n\n<del>Old.</del>"), "\(markdown)")
  }

  @Test func markdownShowsNothingForAReflow() throws {
    let markdown = DiffRenderer.markdown([try reflowed()])
    #expect(!markdown.contains("<del>"))
    #expect(!markdown.contains("<ins>"))
    #expect(!markdown.contains("**Problem**"))
  }

  /// The same change in a file with CRLF line endings renders as in one with LF endings:
  /// each deleted or inserted line on its own, never one `<del>` across a blank line.
  @Test
  func crlfFilesRenderLineByLineAsLFFilesDo() throws {
    let old =
      "# T\n\n## Problem\nFirst paragraph stays.\n\nSecond paragraph goes.\n\nThird paragraph goes too.\n"
    let new = "# T\n\n## Problem\nFirst paragraph stays.\n"
    func change(_ old: String, _ new: String) throws -> PropositionChange {
      PropositionChange(
        id: "t", path: "propositions/t.md", oldPath: "propositions/t.md", change: .modified,
        diff: PropositionDiff(old: try proposition(old, id: "t"), new: try proposition(new, id: "t")))
    }
    let lf = try change(old, new)
    let crlf = try change(
      old.replacingOccurrences(of: "\n", with: "\r\n"), new.replacingOccurrences(of: "\n", with: "\r\n"))

    #expect(
      DiffRenderer.markdown([lf]).contains(
        "<del>Second paragraph goes.</del>\n\n<del>Third paragraph goes too.</del>"))
    #expect(
      DiffRenderer.markdown([crlf]).replacingOccurrences(of: "\r", with: "") == DiffRenderer.markdown([lf]),
      "\(DiffRenderer.markdown([crlf]).debugDescription)")
    #expect(
      DiffRenderer.text([crlf], color: false).replacingOccurrences(of: "\r", with: "")
        == DiffRenderer.text([lf], color: false),
      "\(DiffRenderer.text([crlf], color: false).debugDescription)")
  }

  @Test func markdownSaysWhenNothingChanged() {
    #expect(
      DiffRenderer.markdown([])
        == "<!-- valprop-diff -->\n## Value proposition changes\n\nNo proposition changed.\n")
  }
}

/// The default view of `diff`: changed blocks with a little context, as git shows hunks.
@Suite struct DiffHunkTests {
  /// A long section: a paragraph, a list, a table and a code block, each of several blocks.
  private let long = """
    # Long

    ## Design
    First paragraph of the design,
    wrapped over two lines.

    Second paragraph.

    Third paragraph.

    - item one
    - item two
    - item three
    - item four

    | name | owner |
    |---|---|
    | ledger | ana |
    | payouts | bo |
    | vendors | cy |

    ```swift
    let a = 1
    let b = 2
    let c = 3
    ```

    Last paragraph.

    ## Other
    Untouched.

    """

  private func change(_ old: String, _ new: String) throws -> PropositionChange {
    PropositionChange(
      id: "long", path: "propositions/long.md", oldPath: "propositions/long.md", change: .modified,
      diff: PropositionDiff(old: try proposition(old, id: "long"), new: try proposition(new, id: "long")))
  }

  @Test func aChangedListItemShowsWithOneBlockAround() throws {
    let edited = try change(long, long.replacingOccurrences(of: "item three", with: "item 3"))
    #expect(
      DiffRenderer.text([edited], color: false) == """
        modified propositions/long.md (long)
          ## Design
            … 4 unchanged blocks
            - item two
            - item [-three-]{+3+}
            - item four

            … 11 unchanged blocks
          unchanged sections: (before the first section), Other

        """)
  }

  @Test func contextWidensAndZeroShowsOnlyTheChange() throws {
    let edited = try change(long, long.replacingOccurrences(of: "| payouts | bo |", with: "| payouts | di |"))
    let none = DiffRenderer.text([edited], color: false, view: DiffView(context: 0, markdownLimit: nil))
    #expect(
      none.contains("    … 10 unchanged blocks\n    | payouts | [-bo-]{+di+} |\n    … 7 unchanged blocks\n"),
      "\(none)")
    let two = DiffRenderer.text([edited], color: false, view: DiffView(context: 2, markdownLimit: nil))
    #expect(
      two.contains(
        "    … 8 unchanged blocks\n    |---|---|\n    | ledger | ana |\n    | payouts | [-bo-]{+di+} |\n"
          + "    | vendors | cy |\n\n    ```swift\n    … 5 unchanged blocks\n"), "\(two)")
  }

  @Test func aWrappedParagraphIsOneBlockAndCodeLinesAreBlocks() throws {
    let edited = try change(
      long,
      long.replacingOccurrences(of: "wrapped over two", with: "wrapped over 2")
        .replacingOccurrences(of: "let b = 2", with: "let b = 4"))
    let text = DiffRenderer.text([edited], color: false, view: DiffView(context: 0, markdownLimit: nil))
    #expect(
      text.contains("    First paragraph of the design,\n    wrapped over [-two-]{+2+} lines.\n"), "\(text)")
    #expect(
      text.contains("    … 13 unchanged blocks\n    let b = [-2-]{+4+}\n    … 3 unchanged blocks\n"),
      "\(text)")
  }

  @Test func markdownKeepsTablesAndCodeBlocksWhole() throws {
    let edited = try change(long, long.replacingOccurrences(of: "let b = 2", with: "let b = 4"))
    let markdown = DiffRenderer.markdown([edited], view: DiffView(context: 0, markdownLimit: nil))
    #expect(
      markdown.hasSuffix(
        """
        **Design**

        _… 8 unchanged blocks_

        ```swift
        let a = 1
        let b = <del>2</del><ins>4</ins>
        let c = 3
        ```

        _… 1 unchanged block_

        _Unchanged sections: Introduction, Other._


        """), "\(markdown)")
  }

  @Test func theMarkdownCommentNamesWhatItCutToFit() throws {
    let paragraph = (0..<40).map { "Sentence \($0) of a long paragraph." }.joined(separator: " ")
    let changes = try (0..<30).map { index in
      PropositionChange(
        id: "p\(index)", path: "propositions/p\(index).md", oldPath: nil, change: .added,
        diff: PropositionDiff(old: nil, new: try proposition("## Problem\n\(paragraph)\n", id: "p\(index)")))
    }
    let markdown = DiffRenderer.markdown(changes, view: DiffView(context: 1, markdownLimit: 10_000))
    #expect(markdown.count <= 10_000)
    let shown = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.count
    #expect(shown > 0 && shown < 30)
    #expect(
      markdown.contains("**Cut to fit a pull-request comment:** \(30 - shown) more propositions changed"),
      "\(markdown)")
    #expect(markdown.contains("`p29` (added)"))
    let full = DiffRenderer.markdown(changes, view: .full)
    #expect(full.split(separator: "\n").filter { $0.hasPrefix("### ") }.count == 30)
    #expect(!full.contains("Cut to fit"))
  }

  @Test func aDocumentTooLongForTheCommentShowsItsFirstSections() throws {
    let paragraph = (0..<40).map { "Sentence \($0) of a long paragraph." }.joined(separator: " ")
    let text = (0..<20).map { "## Part \($0)\n\(paragraph)\n" }.joined(separator: "\n")
    let big = PropositionChange(
      id: "big", path: "propositions/big.md", oldPath: nil, change: .added,
      diff: PropositionDiff(old: nil, new: try proposition(text, id: "big")))
    let small = PropositionChange(
      id: "small", path: "propositions/small.md", oldPath: nil, change: .added,
      diff: PropositionDiff(old: nil, new: try proposition("## Problem\nShort.\n", id: "small")))
    let markdown = DiffRenderer.markdown([big, small], view: DiffView(context: 1, markdownLimit: 12_000))
    #expect(markdown.count <= 12_000)
    #expect(markdown.contains("**Part 0** (added)"))
    #expect(!markdown.contains("**Part 19**"))
    #expect(markdown.contains(" more changed sections of this proposition not shown._"), "\(markdown)")
    #expect(
      markdown.contains(
        "**Cut to fit a pull-request comment:** 1 more proposition changed and is not shown here: `small` (added)."
      ),
      "\(markdown)")
  }

  // MARK: Heading levels

  /// A document written with `# ` headings throughout, as many proposal collections are.
  /// The opening of an RFC-style document: `# ` headings throughout.
  private static let rfcOpening = """
    - Start Date: 2026-01-01

    # Summary

    Ledger sync keeps the books aligned every night.

    # Motivation

    Manual data reconciliation costs 20 hours per week.


    """

  private static let hashHeadings =
    rfcOpening + """
      ```sh
      # a comment, not a heading
      ```

      # Design

      An automated pipeline.

      """

  @Test func everyLevelOneHeadingButTheTitleStartsASection() throws {
    let parts = PropositionDiff.parts(try proposition(Self.hashHeadings))
    #expect(parts.map(\.heading) == ["", "Motivation", "Design"])
    #expect(parts.map(\.level) == [0, 1, 1])
    #expect(parts[0].title?.heading == "Summary")
    #expect(parts[1].text.contains("# a comment, not a heading"), "fenced code is no heading")
  }

  @Test func aTitleHeadingThatBecomesASectionChangesNoWord() throws {
    let new = Self.hashHeadings.replacingOccurrences(of: "# Summary", with: "## Summary")
    let diff = PropositionDiff(old: try proposition(Self.hashHeadings), new: try proposition(new))

    #expect(outline(diff) == ["modified Summary"], "\(diff.sections)")
    #expect(!diff.wordingChanged)
    #expect(diff.sections.allSatisfy { $0.wordsAdded == 0 && $0.wordsRemoved == 0 })
    #expect(diff.headingChanges.map { "\($0.old) → \($0.new)" } == ["# Summary → ## Summary"])
    #expect(sides(diff.sections[0]).new == "\nLedger sync keeps the books aligned every night.\n\n")

    let back = PropositionDiff(old: try proposition(new), new: try proposition(Self.hashHeadings))
    #expect(outline(back) == ["modified Summary"], "\(back.sections)")
    #expect(!back.wordingChanged)
    #expect(back.headingChanges.map { "\($0.old) → \($0.new)" } == ["## Summary → # Summary"])
  }

  @Test func aSectionMovedALevelKeepsItsIdentityAndItsWordChanges() throws {
    let new = Self.hashHeadings.replacingOccurrences(of: "# Motivation", with: "## Motivation")
      .replacingOccurrences(of: "20 hours", with: "25 hours")
    let diff = PropositionDiff(old: try proposition(Self.hashHeadings), new: try proposition(new))

    #expect(outline(diff) == ["modified Motivation"], "\(diff.sections)")
    #expect(diff.sections[0].level == 2)
    #expect(diff.sections[0].previousHeading == "# Motivation")
    #expect(diff.sections[0].wordsAdded == 1 && diff.sections[0].wordsRemoved == 1)
  }

  @Test func aValpropDocumentsSectionMovedUpALevel() throws {
    let new = base.replacingOccurrences(of: "## Solution", with: "# Solution")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))

    #expect(outline(diff) == ["modified Solution"], "\(diff.sections)")
    #expect(!diff.wordingChanged)
    #expect(diff.sections[0].headingLine == "# Solution")
    #expect(diff.sections[0].previousHeading == "## Solution")
  }

  /// rust-lang/rfcs' `f17e8623` moved every heading of every RFC down a level: `## Status
  /// Quo` under `# Motivation` became `### Status Quo` under `## Motivation`, no longer a
  /// section of its own. The diff once showed its text inserted into Motivation and the old
  /// section removed: 2,344 lines for one RFC where no word changed.
  @Test func aHeadingSweepOverSubsectionsChangesNoWord() throws {
    let old =
      Self.rfcOpening + """
        ## Status quo

        Teams export spreadsheets.

        ```sh
        ### not a heading, in code
        ```

        ### Today's tools

        Nothing reconciles.

        # Design

        A nightly job.

        """
    // Every heading down a level; the code block as it was.
    let new = old.replacingOccurrences(of: "\n# ", with: "\n## ")
      .replacingOccurrences(of: "\n## Status", with: "\n### Status")
      .replacingOccurrences(of: "\n### Today", with: "\n#### Today")
    let diff = PropositionDiff(old: try proposition(old), new: try proposition(new))
    // The only change left is the mark of the heading below the moved one, a level deeper
    // inside its section's text.
    let changed = diff.sections.flatMap(\.tokens).filter { $0.op != .equal }
    #expect(changed.map(\.text) == ["#"], "\(diff.sections)")
    #expect(
      diff.headingChanges.map { "\($0.old) → \($0.new)" } == [
        "# Summary → ## Summary", "# Motivation → ## Motivation", "## Status quo → ### Status quo",
        "# Design → ## Design",
      ])
    #expect(diff.headings == ["", "Summary", "Motivation", "Status quo", "Design"])
    #expect(sides(diff.sections[2]).new.contains("### not a heading, in code"), "code stays in its section")
    #expect(sides(diff.sections[2]).new.contains("#### Today's tools"))
    // And back: the subsection becomes a section again.
    let back = PropositionDiff(old: try proposition(new), new: try proposition(old))
    #expect(
      back.sections.flatMap(\.tokens).filter { $0.op != .equal }.map(\.text) == ["#"], "\(back.sections)")
    #expect(back.headingChanges.map(\.old).contains("### Status quo"))
    // A wording change inside the moved section is still one.
    let edited = PropositionDiff(
      old: try proposition(old),
      new: try proposition(new.replacingOccurrences(of: "export spreadsheets", with: "export CSV files")))
    #expect(edited.sections.filter { $0.wordsAdded > 0 }.map(\.heading) == ["Status quo"])
  }

  /// A section removed for real is not paired with a subsection of the same words that
  /// another section had all along.
  @Test func aRemovedSectionIsNotTakenFromASubsectionThatWasThereBefore() throws {
    let old = """
      # Ledger sync

      ## Design

      A nightly job.

      ### Alternatives

      A weekly job.

      ## Alternatives

      Spreadsheets.

      """
    let new = old.replacingOccurrences(of: "## Alternatives\n\nSpreadsheets.\n", with: "")
    #expect(new.contains("### Alternatives") && !new.contains("Spreadsheets"))
    let diff = PropositionDiff(old: try proposition(old), new: try proposition(new))
    #expect(outline(diff) == ["removed Alternatives"], "\(diff.sections)")
    #expect(diff.headingChanges.isEmpty)
    let back = PropositionDiff(old: try proposition(new), new: try proposition(old))
    #expect(outline(back) == ["added Alternatives"], "\(back.sections)")
  }

  @Test func aNewTitleWordingStaysAWordChangeOfTheIntroduction() throws {
    let new = base.replacingOccurrences(of: "# Ledger sync\n", with: "# Ledger sync nightly\n")
    let diff = PropositionDiff(old: try proposition(base), new: try proposition(new))

    #expect(outline(diff) == ["modified "], "\(diff.sections)")
    #expect(diff.sections[0].wordsAdded == 1 && diff.sections[0].wordsRemoved == 0)
    #expect(diff.headingChanges.isEmpty)
  }
}

/// Parts taken from the other version for its unchanged sections are the parts cut anew.
@Suite struct PropositionDiffPartReuseTests {
  @Test func reusedPartsAreThePartsCutAnew() throws {
    var generator = SplitMix(seed: 90)
    let blocks = [
      "# Motivation\n\nCosts 20 hours.\n", "## Problem\nManual work.\n", "## Solution\nA pipeline.\n",
      "```sh\n# a comment\n```\n", "# Design\n\nAn automated pipeline.\n", "Plain text.\n", "## Risks\n",
      "- a list item\n", "# Summary\n", "caf\u{E9} noir\n", "cafe\u{301} noir\n", "\n",
    ]
    func document() -> String {
      "# Title\n\n"
        + (0..<Int.random(in: 0...10, using: &generator)).map { _ in
          blocks.randomElement(using: &generator)!
        }.joined()
    }
    for _ in 0..<1_000 {
      let oldText = document()
      var lines = oldText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      // A few lines changed, inserted or removed; sometimes none.
      for _ in 0..<Int.random(in: 0...2, using: &generator) where lines.count > 2 {
        let index = Int.random(in: 2..<lines.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: lines[index] = blocks.randomElement(using: &generator)!.trimmingCharacters(in: .newlines)
        case 1: lines.insert(blocks.randomElement(using: &generator)!, at: index)
        default: lines.remove(at: index)
        }
      }
      let old = try Proposition(id: "a", path: "p/a.md", text: oldText)
      let new = try Proposition(id: "a", path: "p/a.md", text: lines.joined(separator: "\n"))
      let reused = PropositionDiff.partGroups(new, reusing: (old, PropositionDiff.partGroups(old))).flatMap {
        $0
      }
      let fresh = PropositionDiff.parts(new)
      #expect(reused.count == fresh.count)
      for (a, b) in zip(reused, fresh) {
        #expect(Array(a.heading.utf8) == Array(b.heading.utf8) && a.level == b.level)
        #expect(Array(a.text.utf8) == Array(b.text.utf8))
        #expect(
          a.title.map { Array(($0.heading + "\u{0}" + $0.lead + "\u{0}" + $0.after).utf8) }
            == b.title.map { Array(($0.heading + "\u{0}" + $0.lead + "\u{0}" + $0.after).utf8) })
      }
    }
  }
}

/// The renderer's byte paths give what its `Character` and scalar paths give.
@Suite struct DiffRendererBytePathTests {
  static let pieces = [
    "word", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{B}", "\u{C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{A0}",
    "\u{3000}", "é", "e\u{301}", "—", "", "x", "\u{1F600}", "\u{301}", "\u{200D}", "\u{2027}", "\u{202A}",
    "\u{C285}", "🇫🇷", "\u{C2}", "\u{600}", "\u{903}",
  ]

  /// Thousands of generated tokens and lines: the same pieces and the same trimmed lines.
  @Test func bytePathsAgreeWithTheCharacterPaths() {
    var generator = SplitMix(seed: 88)
    var byBytes = (lines: 0, trimmed: 0, whitespace: 0)
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
        Self.pieces.randomElement(using: &generator)!
      }.joined()
      let split = DiffRenderer.splitAtNewlinesByCharacter(text)
      #expect(DiffRenderer.splitAtNewlines(text).map { Array($0.utf8) } == split.map { Array($0.utf8) })
      let trimmed = DiffRenderer.trimmingTrailingSpace(text)
      #expect(Array(trimmed.utf8) == Array(DiffRenderer.trimmingTrailingSpaceByScalar(text).utf8))
      for op in [DiffToken.Operation.equal, .insert] {
        let token = DiffToken(op, text)
        #expect(token.isWhitespace == token.isWhitespaceByCharacter, "\(Array(text.unicodeScalars))")
      }
      if DiffToken(.equal, text).isWhitespace, !text.isEmpty { byBytes.whitespace += 1 }
      let blanked = [" ", "\t", "  \t"].randomElement(using: &generator)! + text
      for candidate in [text, blanked] {
        #expect(
          Hunks.Line.droppingLeadingBlanks(candidate)
            == Hunks.Line.droppingLeadingBlanksByCharacter(candidate),
          "\(Array(candidate.unicodeScalars))")
      }
      if DiffRenderer.splitAtNewlines(text).count == 1 { byBytes.lines += 1 }
      if trimmed.utf8.last.map({ $0 < 0x80 }) ?? true { byBytes.trimmed += 1 }
    }
    #expect(byBytes.lines > 1_000 && byBytes.trimmed > 1_000 && byBytes.whitespace > 500, "\(byBytes)")
  }

  /// Lines' kinds (fence, table row, list item) on the bytes, as the Character reference
  /// tells them: openings, near misses, digits long and short, marks and a canonical
  /// backtick (U+1FEF) after or inside them.
  @Test func lineKindsOnTheBytesAgreeWithCharacters() {
    var generator = SplitMix(seed: 2_215)
    let pieces = [
      "-", "*", "+", " ", "1", "23", "456789", "0", ".", ")", "`", "``", "~", "|", "x", "\u{301}",
      "\u{1FEF}", "é", "\t", "-\u{301}", "\u{FF11}", "\u{0661}", "- ", "12. ", "3) ", "123456789) ", "\r",
      "\n",
      "\r\n",
      "1234567890. ",
    ]
    var kinds = (fence: 0, row: 0, item: 0, bytes: 0)
    for round in 0..<30_000 {
      let text = (0..<Int.random(in: 0...7, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let plain = Substring(text)
      let fast = Hunks.kind(of: plain)
      let reference = Hunks.kindByCharacter(plain)
      #expect(
        fast.fence == reference.fence && fast.row == reference.row && fast.item == reference.item,
        "round \(round): \(text.debugDescription)")
      if reference.fence { kinds.fence += 1 }
      if reference.row { kinds.row += 1 }
      if reference.item { kinds.item += 1 }
      if text.utf8.prefix(12).allSatisfy({ $0 < 0x80 }) { kinds.bytes += 1 }
    }
    #expect(kinds.fence > 100 && kinds.row > 500 && kinds.item > 1_000 && kinds.bytes > 5_000, "\(kinds)")
  }
}
