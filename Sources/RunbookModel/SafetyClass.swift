/// What running a command can do to the system it runs against.
///
/// `unknown` is treated as `mutating` by the safety gate: a command we cannot classify
/// is never run as if it were harmless.
public enum SafetyClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads state only (`kubectl get`, `curl` without a body, `SELECT`).
    case readOnly = "read-only"
    /// Changes state in a recoverable way (`systemctl restart`, `kubectl scale`).
    case mutating
    /// Loses data or capacity (`kubectl delete`, `rm -rf`, `DROP TABLE`, `FLUSHDB`).
    case destructive
    /// Not in the classification table.
    case unknown

    /// Risk order: read-only < unknown = mutating < destructive.
    public var risk: Int {
        switch self {
        case .readOnly: 0
        case .unknown, .mutating: 1
        case .destructive: 2
        }
    }

    /// Orders by ``risk``; `unknown` and `mutating` rank the same.
    public static func < (lhs: SafetyClass, rhs: SafetyClass) -> Bool { lhs.risk < rhs.risk }
}
