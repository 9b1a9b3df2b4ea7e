/// One row of the quick-reference card: a scenario and the runbook that handles it.
public struct CardEntry: Hashable, Sendable, Codable {
    /// What the responder sees: the quick-reference table's scenario, else the runbook's title, else its id.
    public var scenario: String
    /// Normalised severity (`critical` … `info`), nil when the runbook states none.
    public var severity: String?
    /// The severity or priority as written (`P0`, `High`).
    public var priority: String?
    /// The runbook's id.
    public var runbookID: String
    /// The runbook's title, or its id when it has none.
    public var title: String
    /// The target time to resolve as written (`<5 min`, `15m`).
    public var mttr: String?
    /// Alert names that lead to the runbook.
    public var alerts: [String]
    /// Lint findings at error level in the runbook.
    public var lintErrors: Int
    /// Lint findings at warning level in the runbook.
    public var lintWarnings: Int
    /// The runbook's file.
    public var file: String
    /// The line of the runbook's title in `file`.
    public var line: Int

    /// Creates an entry.
    public init(
        scenario: String, severity: String?, priority: String?, runbookID: String, title: String, mttr: String?,
        alerts: [String], lintErrors: Int, lintWarnings: Int, file: String, line: Int
    ) {
        self.scenario = scenario
        self.severity = severity
        self.priority = priority
        self.runbookID = runbookID
        self.title = title
        self.mttr = mttr
        self.alerts = alerts
        self.lintErrors = lintErrors
        self.lintWarnings = lintWarnings
        self.file = file
        self.line = line
    }

    /// The priority column: the priority as written, else the severity, else an em dash.
    public var priorityLabel: String { priority ?? severity ?? "—" }

    /// The lint column: `ok`, or the counts (`1 error, 2 warnings`).
    public var lintLabel: String {
        guard lintErrors > 0 || lintWarnings > 0 else { return "ok" }
        var parts: [String] = []
        if lintErrors > 0 { parts.append("\(lintErrors) error\(lintErrors == 1 ? "" : "s")") }
        if lintWarnings > 0 { parts.append("\(lintWarnings) warning\(lintWarnings == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}
