import RunbookCatalog
import RunbookModel

/// How serious a finding is. `error` fails CI (exit status 1).
public enum FindingSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    /// Orders by seriousness: `error` comes before `warning`, and `warning` before `info`.
    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem lint found, at one place.
public struct Finding: Hashable, Sendable, Codable {
    /// Stable rule id (`shell-syntax`); configuration and users rely on it.
    public var rule: String
    /// How serious it is; a level `firebreak.yml` sets for the rule overrides the rule's own choice.
    public var severity: FindingSeverity
    /// Where the problem is (file, line and column).
    public var location: SourceLocation
    /// What is wrong and how to fix it.
    public var message: String
    /// Id of the runbook it concerns, when there is one.
    public var runbook: String?

    /// Creates a finding; `runbook` is nil when the problem is not in one runbook (a file, an alert rule).
    public init(
        rule: String, severity: FindingSeverity, location: SourceLocation, message: String, runbook: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.location = location
        self.message = message
        self.runbook = runbook
    }
}

/// Totals of a lint run, for the JSON summary and the closing line of text output.
public struct LintSummary: Hashable, Sendable, Codable {
    /// Markdown files linted.
    public var files: Int
    /// Runbooks found in them (a file may hold several).
    public var runbooks: Int
    /// Alert rules loaded from the rule files.
    public var alerts: Int
    /// Findings at `error` level.
    public var errors: Int
    /// Findings at `warning` level.
    public var warnings: Int
    /// Findings at `info` level (shown as notes in text output).
    public var infos: Int
    /// Shell blocks checked.
    public var shellBlocks: Int
    /// How many of `shellBlocks` were answered by the cache instead of being checked again.
    public var shellBlocksCached: Int

    /// Creates a summary; the `errors`, `warnings` and `infos` counts are taken from `findings`.
    public init(
        files: Int = 0, runbooks: Int = 0, alerts: Int = 0, findings: [Finding] = [], shellBlocks: Int = 0,
        shellBlocksCached: Int = 0
    ) {
        self.files = files
        self.runbooks = runbooks
        self.alerts = alerts
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.filter { $0.severity == .warning }.count
        infos = findings.filter { $0.severity == .info }.count
        self.shellBlocks = shellBlocks
        self.shellBlocksCached = shellBlocksCached
    }
}

/// The result of `firebreak lint`.
public struct LintReport: Sendable {
    /// Every finding of the run, ordered by file, line, column, rule and message.
    public var findings: [Finding]
    /// Totals of the run.
    public var summary: LintSummary
    /// Rules that ran (for SARIF's rule table).
    public var rules: [LintRuleDescription]
    /// The documents that were parsed, for the catalog commands built on the same run (empty when
    /// `LintOptions.reuseParses` let unchanged files go unparsed).
    public var documents: [RunbookDocument] = []
    /// The files parsed in this run, sorted; with `LintOptions.reuseParses`, unchanged files came from the cache instead.
    public var parsedFiles: [String] = []
    /// Alert ↔ runbook resolution, when rule files were given.
    public var coverage: AlertCoverage?

    /// Creates a report with no documents, parsed files or coverage; the engine fills those in.
    public init(findings: [Finding], summary: LintSummary, rules: [LintRuleDescription]) {
        self.findings = findings
        self.summary = summary
        self.rules = rules
    }

    /// Error and warning counts per runbook id.
    public var countsByRunbook: [String: (errors: Int, warnings: Int)] {
        var counts: [String: (errors: Int, warnings: Int)] = [:]
        for finding in findings {
            guard let id = finding.runbook else { continue }
            var entry = counts[id] ?? (0, 0)
            if finding.severity == .error {
                entry.errors += 1
            } else if finding.severity == .warning {
                entry.warnings += 1
            }
            counts[id] = entry
        }
        return counts
    }

    /// True when a finding is at error level: the exit status is 1.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// A rule's id, default severity and help, as shown by SARIF viewers and `--help`.
public struct LintRuleDescription: Hashable, Sendable, Codable {
    /// Stable rule id (`shell-syntax`), as in ``Finding/rule``.
    public var id: String
    /// Severity listed for the rule (SARIF's default level); a finding may differ, and `firebreak.yml` may override it.
    public var defaultSeverity: FindingSeverity
    /// One-line title (`Variable is used but never declared`).
    public var summary: String
    /// What the rule looks for, why it matters and how to fix what it finds.
    public var help: String

    /// Creates a rule description.
    public init(id: String, defaultSeverity: FindingSeverity, summary: String, help: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.help = help
    }
}
