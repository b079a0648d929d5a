import Foundation
import GitKit

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

  func autopilot(version: Int) -> String {
    switch version {
    case 1:
      return """
        ---
        title: Reconciliation autopilot
        status: draft
        framework: core
        owner: "@finance-pm"
        ---

        # Reconciliation autopilot

        ## Target audience
        Everyone who handles money.

        ## Problem
        Reconciliation is slow.

        ## Solution
        An AI-powered platform that leverages best-in-class synergies.

        ## Key benefits
        - Faster reconciliation
        - Better accuracy

        ## Differentiation
        Great support and high quality.

        ## Evidence

        """
    case 2:
      return """
        ---
        title: Reconciliation autopilot
        status: active
        framework: core
        owner: "@finance-pm"
        audience: Controllers at SaaS companies with 50-500 employees
        ---

        # Reconciliation autopilot

        ## Target audience
        Controllers at SaaS companies with 50-500 employees that close the books monthly.

        ## Problem
        Matching Stripe payouts to NetSuite invoices by hand costs controllers 20 hours per week.

        ## Solution
        Matches every payout to its invoices overnight and flags only the exceptions.

        ## Key benefits
        - Cuts reconciliation from 20 hours to 2 hours per week
        - Better accuracy

        ## Differentiation
        Great support and high quality.

        ## Evidence

        """
    default:
      return """
        ---
        title: Reconciliation autopilot
        status: active
        framework: core
        owner: "@finance-pm"
        audience: Controllers at SaaS companies with 50-500 employees
        ---

        # Reconciliation autopilot

        ## Target audience
        Controllers at SaaS companies with 50-500 employees that close the books monthly.

        ## Problem
        Matching Stripe payouts to NetSuite invoices by hand costs controllers 20 hours per week.

        ## Solution
        Matches every payout to its invoices overnight and flags only the exceptions.

        ## Key benefits
        - Cuts reconciliation from 20 hours to 2 hours per week
        - 95% fewer manual corrections at month-end

        ## Differentiation
        Reconciles Stripe payouts to NetSuite invoices line by line without CSV exports, which spreadsheets and Blackline cannot.

        ## Evidence
        - 14 controller interviews, \(monthYear(daysAgo: 210))

        """
    }
  }

  func spreadsheet(status: String, supersededBy: String?) -> String {
    """
    ---
    title: Spreadsheet reports
    status: \(status)
    framework: lean
    owner: "@bo"
    \(supersededBy.map { "superseded-by: \($0)\n" } ?? "")---

    # Spreadsheet reports

    ## Unique value proposition
    Month-end reports in one click, straight from your spreadsheets.

    ## High-level concept
    Pivot tables for finance teams.

    ## Customer segments
    - Finance teams at companies with 10-50 employees

    ## Existing alternatives
    - Hand-built Excel workbooks

    ## Evidence
    - 6 customer calls, \(monthYear(daysAgo: 390))

    """
  }

  var inbox: String {
    """
    ---
    title: Invoice inbox
    status: active
    framework: jtbd
    owner: "@cy"
    audience: Accounts-payable clerks at companies paying 300 or more supplier invoices a month
    review-every: 6m
    ---

    # Invoice inbox

    ## Job statement
    When a supplier emails an invoice, I want it filed and matched to its purchase order, so I can pay on time without chasing approvals.

    ## Functional job
    File 300 supplier invoices a month and match each to its purchase order within a day.

    ## Emotional job
    Stop worrying that a late payment will cost a supplier relationship.

    ## Social job
    Be seen by the CFO as the person who never misses a payment run.

    ## Competing solutions
    - A shared mailbox and a spreadsheet of open invoices

    ## Evidence
    - 9 accounts-payable interviews, \(monthYear(daysAgo: 180))

    """
  }

  func ledger(reviewed: String?) -> String {
    """
    ---
    title: Ledger sync
    status: active
    framework: lean
    owner: "@bo"
    \(reviewed.map { "reviewed: \($0)\n" } ?? "")supersedes: [spreadsheet-reports]
    tracks: [src/ledger]
    drift: {commits: 3}
    ---

    # Ledger sync

    ## Unique value proposition
    Your general ledger matches the bank every morning, not once a month.

    ## High-level concept
    Continuous close for SaaS finance teams.

    ## Customer segments
    - Controllers at SaaS companies with 50-500 employees

    ## Existing alternatives
    - Month-end reconciliation in spreadsheets
    - Blackline, which needs a consultant to set up

    ## Evidence
    - Pilot with 3 customers, \(monthYear(daysAgo: 70)): close went from 8 days to 2

    """
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
