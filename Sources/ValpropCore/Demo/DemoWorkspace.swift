import Foundation
import GitKit
import Mustache

/// Builds the example workspace of `valprop demo`: a git repository with a real, back-dated
/// history — a proposition whose wording grows from weak to strong, one gone stale, one
/// recently reviewed whose code has drifted since, one superseded — relative to `today`, so
/// it always shows every state.
public struct DemoWorkspace {
  /// Where to build it; must be missing or empty.
  public let path: String
  /// The day the history leads up to.
  public let today: CalendarDate

  /// Creates a builder.
  public init(path: String, today: CalendarDate) {
    self.path = path
    self.today = today
  }

  /// One commit of the demo history.
  struct Step {
    let daysAgo: Int
    let author: String
    let message: String
    let files: [String: String]
  }

  /// Builds the repository and its history; throws, writing nothing, when the folder holds files.
  public func build() throws {
    let manager = FileManager.default
    if let contents = try? manager.contentsOfDirectory(atPath: path), !contents.isEmpty {
      throw ValpropError.refused(
        problem: "\(path) is not empty",
        hint: "give valprop demo a new folder, e.g. valprop demo /tmp/valprop-demo")
    }
    do {
      try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
      let repository = try Repository.create(at: path)
      var parent: Commit?
      for step in steps {
        let day = today.adding(days: -step.daysAgo) ?? today
        let time = DemoWorkspace.noon(day)
        let email = step.author.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com"
        let identity = Identity(name: step.author, email: email, time: time, offsetMinutes: 60)
        let updates = step.files.sorted { $0.key < $1.key }.map {
          FileUpdate(path: $0.key, content: Data($0.value.utf8))
        }
        let id = try repository.commit(
          updates, on: parent, message: step.message + "\n", author: identity, committer: identity)
        parent = try repository.commit(id)
      }
      // The work tree and the index match the last commit.
      guard let head = parent else { return }
      let tree = try head.tree()
      for file in try tree.files() {
        let full = path + "/" + file.path
        try manager.createDirectory(
          atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try repository.blobData(file.entry.id).write(to: URL(fileURLWithPath: full))
      }
      let paths = try tree.files().map(\.path)
      try repository.withIndexLock { try $0.stage(paths) }
    } catch let error as GitError {
      throw ValpropError.git(error)
    }
  }

  /// Noon UTC of a day.
  static func noon(_ day: CalendarDate) -> Date {
    Date(
      timeIntervalSince1970: TimeInterval(
        (day.dayNumber - CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86_400 + 43_200))
  }

  var steps: [Step] {
    let reviewedRecently = (today.adding(days: -12) ?? today).description
    return [
      Step(
        daysAgo: 400, author: "Ana Lopez", message: "Start the valprop workspace",
        files: [".valprop.yml": WorkspaceConfig.initialText]),
      Step(
        daysAgo: 390, author: "Ana Lopez", message: "First draft of the reconciliation proposition",
        files: ["propositions/reconciliation-autopilot.md": autopilot(version: 1)]),
      Step(
        daysAgo: 380, author: "Bo Chen", message: "Add the spreadsheet reports proposition",
        files: ["propositions/spreadsheet-reports.md": spreadsheet(status: "active", supersededBy: nil)]),
      Step(
        daysAgo: 300, author: "Ana Lopez", message: "Name the audience and quantify the benefit",
        files: ["propositions/reconciliation-autopilot.md": autopilot(version: 2)]),
      Step(
        daysAgo: 200, author: "Ana Lopez", message: "Back the claims with interview evidence",
        files: ["propositions/reconciliation-autopilot.md": autopilot(version: 3)]),
      Step(
        daysAgo: 175, author: "Cy Diaz", message: "Add the invoice inbox job story",
        files: ["propositions/invoice-inbox.md": inbox]),
      Step(
        daysAgo: 60, author: "Bo Chen", message: "Add ledger sync, which replaces spreadsheet reports",
        files: [
          "propositions/ledger-sync.md": ledger(reviewed: nil),
          "propositions/spreadsheet-reports.md": spreadsheet(
            status: "superseded", supersededBy: "ledger-sync"),
          "src/ledger/sync.swift": ledgerCode(1),
        ]),
      Step(
        daysAgo: 12, author: "Bo Chen", message: "Review ledger-sync: re-checked the pilot numbers",
        files: ["propositions/ledger-sync.md": ledger(reviewed: reviewedRecently)]),
      // The code ledger-sync promises about changes after its review: it drifts.
      Step(
        daysAgo: 9, author: "Cy Diaz", message: "Batch bank feeds by account",
        files: ["src/ledger/sync.swift": ledgerCode(2)]),
      Step(
        daysAgo: 5, author: "Cy Diaz", message: "Retry failed bank syncs at noon",
        files: ["src/ledger/sync.swift": ledgerCode(3)]),
      Step(
        daysAgo: 2, author: "Ana Lopez", message: "Sync the ledger weekly instead of nightly",
        files: [
          "src/ledger/sync.swift": ledgerCode(4), "src/ledger/schedule.swift": "let every = \"week\"\n",
        ]),
    ]
  }

  /// "Month YYYY" of a day some days before today, for evidence that ages with the demo.
  func monthYear(daysAgo: Int) -> String {
    let day = today.adding(days: -daysAgo) ?? today
    let names = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(names[day.month - 1]) \(day.year)"
  }

  /// A text of `Demo/texts/` with its placeholders filled; values are inserted as written.
  func text(_ bytes: [UInt8], _ values: [String: Any] = [:]) -> String {
    // The texts are part of the binary and tested by DemoTests: one that cannot be parsed is
    // a build mistake, not something a user can cause.
    let source = "{{% CONTENT_TYPE: TEXT }}\n" + String(decoding: bytes, as: UTF8.self)
    guard let template = try? MustacheTemplate(string: source) else {
      preconditionFailure("a demo text of Sources/ValpropCore/Demo/texts cannot be parsed as Mustache")
    }
    return template.render(values)
  }

  /// The reconciliation autopilot, from weak (1) to strong (3).
  func autopilot(version: Int) -> String {
    switch version {
    case 1: return text(PackageResources.reconciliation_autopilot_1_md)
    case 2: return text(PackageResources.reconciliation_autopilot_2_md)
    default:
      return text(PackageResources.reconciliation_autopilot_3_md, ["interviewed": monthYear(daysAgo: 210)])
    }
  }

  func spreadsheet(status: String, supersededBy: String?) -> String {
    var values: [String: Any] = ["status": status, "called": monthYear(daysAgo: 390)]
    if let supersededBy { values["supersededBy"] = supersededBy }
    return text(PackageResources.spreadsheet_reports_md, values)
  }

  var inbox: String {
    text(PackageResources.invoice_inbox_md, ["interviewed": monthYear(daysAgo: 180)])
  }

  func ledger(reviewed: String?) -> String {
    var values: [String: Any] = ["piloted": monthYear(daysAgo: 70)]
    if let reviewed { values["reviewed"] = reviewed }
    return text(PackageResources.ledger_sync_md, values)
  }

  /// The ledger sync code, version by version.
  func ledgerCode(_ version: Int) -> String {
    var lines = ["// Syncs the general ledger with the bank.", "func sync() {", "  fetchBankFeeds()"]
    if version >= 2 { lines.append("  batchByAccount()") }
    if version >= 3 { lines.append("  retryFailed(at: 12)") }
    lines.append(version >= 4 ? "  schedule(every)" : "  schedule(.nightly)")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
