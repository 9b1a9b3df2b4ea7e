import RunbookModel

/// How seriously a lint rule's findings are taken.
public enum RuleLevel: String, Sendable, CaseIterable, Comparable {
    /// The rule does not run.
    case off
    /// Reported, never fails the run.
    case info
    /// Reported, never fails the run.
    case warning
    /// Reported and fails the run (exit status 1).
    case error

    private var rank: Int {
        switch self {
        case .off: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    /// Order of seriousness: off < info < warning < error.
    public static func < (lhs: RuleLevel, rhs: RuleLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Whether `shellcheck` findings are part of lint.
public enum ShellcheckMode: String, Sendable, CaseIterable {
    /// Used when installed, silently skipped otherwise.
    case auto
    /// Required: a missing `shellcheck` is an error.
    case on
    /// Never used.
    case off
}

/// The `lint:` part of the config.
public struct LintSettings: Hashable, Sendable {
    /// Review interval used by the `stale` rule when a runbook declares none.
    public static let defaultReviewEvery = DurationSeconds(seconds: 180 * 86_400)
    /// Time allowed for a health endpoint to answer under `--full`.
    public static let defaultEndpointTimeout = DurationSeconds(seconds: 5)

    /// Level per rule id; rules not listed keep their built-in level.
    public var ruleLevels: [String: RuleLevel]
    /// Review interval for the `stale` rule.
    public var reviewEvery: DurationSeconds
    /// Whether to run `shellcheck`.
    public var shellcheck: ShellcheckMode
    /// Time allowed for a health endpoint to answer.
    public var endpointTimeout: DurationSeconds

    /// Creates settings; every argument has the documented default.
    public init(
        ruleLevels: [String: RuleLevel] = [:], reviewEvery: DurationSeconds = LintSettings.defaultReviewEvery,
        shellcheck: ShellcheckMode = .auto, endpointTimeout: DurationSeconds = LintSettings.defaultEndpointTimeout
    ) {
        self.ruleLevels = ruleLevels
        self.reviewEvery = reviewEvery
        self.shellcheck = shellcheck
        self.endpointTimeout = endpointTimeout
    }
}
