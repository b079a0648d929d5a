import Foundation
import Mustache

/// Writes the report's pages from the gathered propositions, with the Mustache templates of
/// `templates/report/` (carried inside the binary): `overview.html.mustache` for
/// `index.html`, `proposition.html.mustache` for each `propositions/<id>.html`, `report.css`
/// inlined into every page and `report.js` into the overview. Every value is escaped by
/// the templates' `{{…}}`, with `HTMLText.escape`; the only HTML inserted as is (`{{{…}}}`) is what valprop made:
/// sanitised Markdown, charts, the style sheet, the script, and the two repeated fragments
/// written here with every value escaped by `HTMLText.escape`: the overview's table rows and
/// the revision timeline with its word diffs (fixed markup, named in docs/report.md).
public struct ReportRenderer: Sendable {
  /// The name shown for the workspace (its folder's name).
  public let name: String
  /// The day states are judged on.
  public let asOf: CalendarDate
  /// HEAD's short id, when there is a commit.
  public let head: String?
  /// valprop's version, for the footer.
  public let version: String
  /// The HTML of texts earlier reports rendered; nil renders every text.
  public var markdownCache: MarkdownCache?
  /// How many weeks ahead the overview's strip of due dates looks.
  public static let weeks = 8

  /// The style sheet inlined into every page.
  public static let style = String(decoding: PackageResources.report_css, as: UTF8.self)
  /// The overview's script, inlined; the page's Content-Security-Policy allows it by hash.
  public static let script = String(decoding: PackageResources.report_js, as: UTF8.self)

  /// The Content-Security-Policy of the overview: nothing from anywhere, inline styles, and
  /// only the script whose SHA-256 hash it names.
  public static var overviewPolicy: String {
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(SHA256.base64Digest(of: script))'; "
      + "img-src data:; base-uri 'none'; form-action 'none'"
  }
  /// The Content-Security-Policy of a proposition's page, which runs no script at all.
  public static let propositionPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; img-src data:; base-uri 'none'; "
    + "form-action 'none'"

  /// A renderer.
  public init(name: String, asOf: CalendarDate, head: String?, version: String) {
    self.name = name
    self.asOf = asOf
    self.head = head
    self.version = version
  }

  /// Writes the site into a staging folder, each page as soon as it is rendered (on every
  /// core), so that no more than a page a core is held in memory.
  public func write(_ propositions: [ReportProposition], into staging: ReportSite.Staging) throws {
    // The pages' folder is made once, before the workers write into it at the same time.
    if !propositions.isEmpty {
      try FileManager.default.createDirectory(
        atPath: staging.path + "/propositions", withIntermediateDirectories: true)
    }
    try render(propositions) { path, text in try staging.write(path, text) }
  }

  /// Renders `index.html` and every proposition's page and hands each to `emit` with its
  /// path in the site; pages are rendered on every core, so `emit` is called from several
  /// threads at once. The first error `emit` throws stops the pages not
  /// yet started and is thrown.
  func render(
    _ propositions: [ReportProposition],
    emit: @Sendable (String, String) throws -> Void
  ) throws {
    let pages = ReportRenderer.pageNames(propositions.map(\.proposition.id))
    let page = try template(PackageResources.proposition_html_mustache, name: "proposition.html.mustache")
    let overview = try template(PackageResources.overview_html_mustache, name: "overview.html.mustache")
    let renderer = self
    let successors = ReportRenderer.supersededBy(propositions)
    let failure = FirstError()
    // Workers take pages in order, so the longest pages go first: a page with thousands of
    // revisions started last would leave the other cores idle while it renders. The
    // overview (a row for every proposition) goes first of all; rendered alone before the
    // pages it kept all cores but one idle.
    let order = propositions.indices.sorted {
      propositions[$0].revisions.count > propositions[$1].revisions.count
    }
    DispatchQueue.concurrentPerform(iterations: 1 + propositions.count) { turn in
      guard !failure.isSet else { return }
      do {
        if turn == 0 {
          try emit("index.html", overview.render(renderer.overviewContext(propositions, pages: pages)))
          return
        }
        let item = propositions[order[turn - 1]]
        let text = page.render(
          renderer.propositionContext(item, pages: pages, replacedBy: successors[item.proposition.id] ?? []))
        try emit("propositions/" + pages[item.proposition.id]!, text)
      } catch {
        failure.set(error)
      }
    }
    if let error = failure.error { throw error }
  }

  /// For each id, the propositions whose `supersedes:` names it.
  static func supersededBy(_ propositions: [ReportProposition]) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for item in propositions {
      for old in item.proposition.frontMatter.supersedes {
        result[old, default: []].append(item.proposition.id)
      }
    }
    return result
  }

  /// The first error concurrent workers meet.
  private final class FirstError: @unchecked Sendable {
    private var first: Error?
    private let lock = NSLock()

    var isSet: Bool { lock.withLock { first != nil } }
    var error: Error? { lock.withLock { first } }

    func set(_ error: Error) { lock.withLock { if first == nil { first = error } } }
  }

  /// The name under which `escapedHTML` is registered with Mustache.
  static let contentTypeName = "VALPROP_HTML"

  /// Mustache's own HTML escaping compares whole `Character`s, so a `"` followed by a
  /// combining mark (`"\u{301}`) is a different Character and stays unescaped, which ends a
  /// quoted attribute. Every template is rendered with `HTMLText.escape` instead, which
  /// escapes every scalar; registering it once is enough.
  private static let escapedHTML: Void = MustacheContentTypes.register(Escaper(), named: contentTypeName)

  /// `HTMLText.escape` as a Mustache content type.
  private struct Escaper: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
  }

  private func template(_ bytes: [UInt8], name: String) throws -> MustacheTemplate {
    ReportRenderer.escapedHTML
    do {
      // The pragma comes first whatever the template says, so an edited template still
      // escapes every value with HTMLText; on a line of its own, it writes nothing.
      return try MustacheTemplate(
        string: "{{% CONTENT_TYPE: \(ReportRenderer.contentTypeName) }}\n"
          + String(decoding: bytes, as: UTF8.self))
    } catch {
      throw ValpropError.invalidTemplate(
        SourceLocation(path: "templates/report/" + name), problem: "cannot be parsed as Mustache",
        hint: "fix the template's Mustache tags and rebuild valprop")
    }
  }

  /// A file name for each id's page: the id where it is made of lowercase letters, digits,
  /// `-` and `_`, else those characters with a number that keeps it unique.
  static func pageNames(_ ids: [String]) -> [String: String] {
    var names: [String: String] = [:]
    var used = Set<String>()
    for (index, id) in ids.enumerated() {
      let plain = String(
        id.lowercased().unicodeScalars.map { scalar -> Character in
          ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            ? Character(scalar) : "_"
        }.prefix(80))
      let base = plain.isEmpty ? "proposition" : plain
      var name = base
      // A changed id, or a name another page has, takes a number; that name can be taken
      // too (an id `a_-2` beside `aé` at position 2): the number grows until it is free.
      var number = index + 1
      if name != id || used.contains(name + ".html") {
        name = base + "-\(number)"
        while used.contains(name + ".html") {
          number += ids.count
          name = base + "-\(number)"
        }
      }
      used.insert(name + ".html")
      names[id] = name + ".html"
    }
    return names
  }

  /// How a state is labelled on its chip: the state's name in words, so that a state the
  /// model adds later (drifted) shows without a change here, with the class `state-<name>`.
  static func label(_ state: FreshnessState) -> String {
    state.rawValue.replacingOccurrences(of: "-", with: " ")
  }

  private static func day(_ stamp: CommitStamp?) -> String {
    stamp.map { String($0.isoDate.prefix(10)) } ?? ""
  }

  private func ownerText(_ owners: [String]) -> String {
    owners.isEmpty ? "none" : owners.joined(separator: ", ")
  }

  // MARK: The overview

  func overviewContext(_ propositions: [ReportProposition], pages: [String: String]) -> [String: Any] {
    var counts: [[String: Any]] = [["key": "total", "label": "total", "count": propositions.count]]
    for state in FreshnessState.allCases {
      let count = propositions.filter { $0.freshness.state == state }.count
      if count > 0 || [.fresh, .dueSoon, .stale].contains(state) {
        counts.append(["key": state.rawValue, "label": ReportRenderer.label(state), "count": count])
      }
    }
    let drifted = propositions.filter { $0.driftReason != nil }.count
    if drifted > 0 { counts.append(["key": "drifted", "label": "drifted", "count": drifted]) }
    let strip = dueStrip(propositions, pages: pages)
    var context: [String: Any] = [
      "name": name, "asOf": asOf.description, "version": version,
      "csp": ReportRenderer.overviewPolicy, "style": ReportRenderer.style, "script": ReportRenderer.script,
      "counts": counts, "rowItems": rowItems(propositions, pages: pages), "total": propositions.count,
      "owners": Array(Set(propositions.flatMap(\.proposition.frontMatter.owners))).sorted(),
      "states": Array(Set(propositions.map(\.freshness.state.rawValue))).sorted(),
      "frameworks": Array(Set(propositions.map(\.proposition.framework.rawValue))).sorted(),
      "weekCount": ReportRenderer.weeks,
      "weeks": (0..<ReportRenderer.weeks).map { "from " + (asOf.adding(days: 7 * $0)?.description ?? "") },
      "strip": strip, "hasStrip": !strip.isEmpty,
    ]
    if let head { context["head"] = head }
    return context
  }

  /// The overview table's rows, written here rather than by a Mustache loop (some 28 lookups
  /// a row, each through a chain of dynamic casts, on one core while the pages wait). The
  /// markup is fixed (docs/report.md names it); every value is escaped with
  /// `HTMLText.escape`.
  func rowItems(_ propositions: [ReportProposition], pages: [String: String]) -> String {
    var html = ""
    for item in propositions {
      let proposition = item.proposition
      let owners = proposition.frontMatter.owners
      var stateLabel = ReportRenderer.label(item.freshness.state)
      if item.freshness.state == .superseded, let successor = proposition.frontMatter.supersededBy {
        stateLabel += " by \(successor)"
      }
      let state = HTMLText.escape(item.freshness.state.rawValue)
      let framework = HTMLText.escape(proposition.framework.rawValue)
      let lastEdited = HTMLText.escape(ReportRenderer.day(item.history?.lastEdited))
      let reviewed = proposition.frontMatter.reviewed?.description
      let due = item.freshness.due?.description
      html += "<tr data-owners=\""
      html += HTMLText.escape(owners.joined(separator: "\n"))
      html += "\" data-state=\""
      html += state
      html += "\" data-framework=\""
      html += framework
      html += "\">\n<th scope=\"row\" data-value=\""
      html += HTMLText.escape(proposition.title.lowercased())
      html += "\"><a href=\""
      html += HTMLText.escape("propositions/" + pages[proposition.id]!)
      html += "\">"
      html += HTMLText.escape(proposition.title)
      html += "</a><br><span class=\"id\">"
      html += HTMLText.escape(proposition.id)
      html += " · "
      html += framework
      html += "</span></th>\n<td>"
      html += HTMLText.escape(ownerText(owners))
      html += "</td>\n<td class=\"optional\">"
      html += HTMLText.escape(proposition.status.rawValue)
      html += "</td>\n<td data-value=\""
      html += state
      html += "\"><span class=\"chip state-"
      html += state
      html += "\">"
      html += HTMLText.escape(stateLabel)
      html += "</span>"
      if let reason = item.driftReason {
        html += " <span class=\"chip state-drifted\" title=\""
        html += HTMLText.escape(reason)
        html += "\">drifted</span>"
      }
      html += "</td>\n<td data-value=\"\(item.lint.score)\">\(item.lint.score)</td>\n"
      html += "<td class=\"optional date\" data-value=\""
      html += lastEdited
      html += "\">"
      html += lastEdited
      html += "</td>\n<td class=\"optional date\" data-value=\""
      html += HTMLText.escape(reviewed ?? "")
      html += "\">"
      html += HTMLText.escape(reviewed ?? "never")
      html += "</td>\n<td class=\"date\" data-value=\""
      html += HTMLText.escape(due ?? "")
      html += "\">"
      html += HTMLText.escape(due ?? "–")
      html += "</td>\n</tr>\n"
    }
    return html
  }

  /// One row per owner with something past due or due within the coming weeks: a cell for
  /// past due, then one per week.
  func dueStrip(_ propositions: [ReportProposition], pages: [String: String]) -> [[String: Any]] {
    var byOwner: [String: [[[String: Any]]]] = [:]
    for item in propositions {
      guard let due = item.freshness.due else { continue }
      let days = due.days(since: asOf)
      let column = days < 0 ? 0 : 1 + days / 7
      guard column <= ReportRenderer.weeks else { continue }
      let owners =
        item.proposition.frontMatter.owners.isEmpty ? ["(no owner)"] : item.proposition.frontMatter.owners
      let link: [String: Any] = [
        "id": item.proposition.id, "title": "\(item.proposition.title), due \(due)",
        "href": "propositions/" + pages[item.proposition.id]!,
      ]
      for owner in owners {
        var cells = byOwner[owner] ?? Array(repeating: [], count: ReportRenderer.weeks + 1)
        cells[column].append(link)
        byOwner[owner] = cells
      }
    }
    return byOwner.keys.sorted().map { owner in
      ["owner": owner, "cells": byOwner[owner]!.map { ["items": $0] as [String: Any] }]
    }
  }

  // MARK: A proposition's page

  func propositionContext(
    _ item: ReportProposition, pages: [String: String], replacedBy: [String]
  ) -> [String: Any] {
    let proposition = item.proposition
    func link(_ id: String) -> [String: Any] {
      var value: [String: Any] = ["label": id]
      if let page = pages[id] { value["href"] = page }
      return value
    }
    var bodyLines = proposition.bodyLines
    if let heading = proposition.heading {
      let index = heading.line - proposition.bodyFirstLine
      if bodyLines.indices.contains(index) { bodyLines.remove(at: index) }
    }
    let evidence = proposition.sections.first {
      $0.heading.equalsIgnoringCase("Evidence")
    }
    let others = replacedBy.filter { $0 != proposition.frontMatter.supersededBy }.map(link)
    var context: [String: Any] = [
      "name": name, "asOf": asOf.description, "version": version, "csp": ReportRenderer.propositionPolicy,
      "style": ReportRenderer.style, "id": proposition.id, "title": proposition.title,
      "path": proposition.path,
      "state": item.freshness.state.rawValue, "stateLabel": ReportRenderer.label(item.freshness.state),
      "drifted": item.driftReason != nil, "driftReason": item.driftReason ?? "",
      "strength": item.lint.score, "ownerText": ownerText(proposition.frontMatter.owners),
      "status": proposition.status.rawValue, "framework": proposition.framework.rawValue,
      "lastEditedText": item.history?.lastEdited.map {
        "\(ReportRenderer.day($0)) by \($0.author)"
      } ?? "not committed",
      "lastReviewedText": proposition.frontMatter.reviewed?.description ?? "never",
      "dueText": item.freshness.due?.description ?? "–",
      "hasTags": !proposition.frontMatter.tags.isEmpty,
      "tagText": proposition.frontMatter.tags.joined(separator: ", "),
      "supersedes": proposition.frontMatter.supersedes.map(link),
      "hasSupersedes": !proposition.frontMatter.supersedes.isEmpty,
      "supersededByOthers": others, "hasSupersededByOthers": !others.isEmpty,
      "body": html(bodyLines.joined(separator: "\n"), headingShift: 1),
      "findings": item.lint.findings.map { finding -> [String: Any] in
        [
          "severity": finding.severity.rawValue, "line": finding.line, "rule": finding.rule.id.rawValue,
          "message": finding.message,
        ]
      },
      "hasFindings": !item.lint.findings.isEmpty,
      "truncated": item.truncated,
      "hasRevisions": !item.revisions.isEmpty,
      "revisionItems": ReportRenderer.revisionItems(item.revisions, item.scores),
    ]
    if let successor = proposition.frontMatter.supersededBy { context["supersededBy"] = link(successor) }
    if let evidence, !evidence.isEmpty {
      context["evidence"] = html(evidence.text, headingShift: 2)
    }
    let (strength, activity) = charts(item)
    context["strengthChart"] = strength
    context["activityChart"] = activity
    return context
  }

  /// The safe HTML of a text, from the Markdown cache when there is one.
  func html(_ markdown: String, headingShift: Int) -> String {
    markdownCache?.html(markdown, headingShift: headingShift)
      ?? MarkdownRenderer.html(markdown, headingShift: headingShift)
  }

  /// The strength chart and the chart of edits and reviews, from the oldest revision to the
  /// report's day.
  func charts(_ item: ReportProposition) -> (String, String) {
    let days = item.revisions.map(\.stamp.day)
    guard let first = days.min() else { return ("", "") }
    let last = max(asOf, days.max()!)
    let points = zip(item.revisions, item.scores).compactMap { entry, score in
      score.map { ReportChart.Point(day: entry.stamp.day, score: $0.total) }
    }
    var marks: [ReportChart.Mark] = []
    for entry in item.revisions {
      if entry.diff.sections.contains(where: \.wordingChanged)
        || entry.diff.fields.contains(where: { ["title", "audience"].contains($0.name) })
      {
        marks.append(ReportChart.Mark(day: entry.stamp.day, kind: .edit))
      }
      if entry.diff.fields.contains(where: { $0.name == "reviewed" && $0.new != nil }) {
        marks.append(ReportChart.Mark(day: entry.stamp.day, kind: .review))
      }
    }
    let id = item.proposition.id
    return (
      ReportChart.strength(points, id: id, first: first, last: last),
      ReportChart.activity(marks, id: id, first: first, last: last)
    )
  }

  /// The revision timeline's list items, written here rather than by a Mustache loop:
  /// Mustache looked up some 17 values a revision, each through a chain of dynamic casts,
  /// which was most of the time a page with thousands of revisions took. The markup is fixed
  /// (docs/report.md names it); every value is escaped with `HTMLText.escape`, and the
  /// word diffs with `appendDiff`.
  static func revisionItems(_ revisions: [LogEntry], _ scores: [LintScore?]) -> String {
    var html = ""
    for (entry, score) in zip(revisions, scores) { appendRevision(entry, score, to: &html) }
    return html
  }

  /// One revision's `<li>`: its date, author, subject, commit, change, word counts and
  /// strength, the fields it changed, and the word diff of each section whose wording
  /// changed.
  static func appendRevision(_ entry: LogEntry, _ score: LintScore?, to html: inout String) {
    let changed = entry.diff.sections.filter(\.wordingChanged)
    var change = entry.change.rawValue
    if let oldPath = entry.oldPath { change += " from \(oldPath)" }
    let added = changed.reduce(0) { $0 + $1.wordsAdded }
    let removed = changed.reduce(0) { $0 + $1.wordsRemoved }
    html += "<li class=\"revision\">\n<h3>"
    html += HTMLText.escape(String(entry.stamp.isoDate.prefix(10)))
    html += " · "
    html += HTMLText.escape(entry.stamp.author)
    html += "</h3>\n<p>"
    html += HTMLText.escape(entry.subject)
    html += "</p>\n<p class=\"muted\">Commit <code>"
    html += HTMLText.escape(String(entry.stamp.commit.hex.prefix(7)))
    html += "</code> · "
    html += HTMLText.escape(change)
    html += " · +\(added) −\(removed) words · strength "
    html += score.map { String($0.total) } ?? "–"
    html += "</p>\n"
    if !entry.diff.fields.isEmpty {
      html += "<ul>"
      for field in entry.diff.fields {
        html += "<li>"
        switch (field.old, field.new) {
        case (nil, let new?): html += HTMLText.escape("\(field.name) set to \(new)")
        case (_, nil): html += HTMLText.escape("\(field.name) removed")
        case (let old?, let new?): html += HTMLText.escape("\(field.name): \(old) → \(new)")
        }
        html += "</li>"
      }
      html += "</ul>"
    }
    html += "\n"
    for section in changed {
      html += "<h4>"
      html += HTMLText.escape(section.heading.isEmpty ? "(introduction)" : section.heading)
      html += "</h4>\n<p class=\"diff\">"
      appendDiff(section.tokens, to: &html)
      html += "</p>\n"
    }
    html += "</li>\n"
  }

  /// Appends a word diff as HTML to `html`: insertions in `<ins>`, deletions in `<del>`,
  /// unchanged text shortened to its first and last 160 characters when it is long.
  static func appendDiff(_ tokens: [DiffToken], to html: inout String) {
    for token in tokens {
      switch token.op {
      case .insert:
        html += "<ins>"
        html += HTMLText.escape(token.text)
        html += "</ins>"
      case .delete:
        html += "<del>"
        html += HTMLText.escape(token.text)
        html += "</del>"
      case .equal:
        if token.text.count > 400 {
          html += HTMLText.escape(String(token.text.prefix(160)))
          html += " … "
          html += HTMLText.escape(String(token.text.suffix(160)))
        } else {
          html += HTMLText.escape(token.text)
        }
      }
    }
  }
}
