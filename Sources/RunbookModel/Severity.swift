/// How urgent a runbook's scenario is, normalised from what documents write
/// (`P0`, `SEV1`, `Critical`, `high`, `warning` …).
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical, high, medium, low, info

    /// Order used for sorting: critical first.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        case .info: 4
        }
    }

    /// Orders by ``rank``: more urgent sorts first (`critical` < `high` < … < `info`).
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Normalises a free-form severity or priority (`P1 (High)`, `SEV-2`, `Critical`, `warning`).
    /// Returns nil when nothing recognisable is found.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        for word in words {
            switch word {
            case "p0", "sev0", "sev1", "critical", "crit", "blocker", "emergency", "page": self = .critical; return
            case "p1", "sev2", "high", "major", "error", "urgent": self = .high; return
            case "p2", "sev3", "medium", "moderate", "warning", "warn", "normal": self = .medium; return
            case "p3", "p4", "sev4", "sev5", "low", "minor": self = .low; return
            case "info", "informational", "none": self = .info; return
            default: continue
            }
        }
        // "SEV 1", "P 1", "sev-1" split into two words.
        for (index, word) in words.enumerated() where (word == "sev" || word == "p") && index + 1 < words.count {
            switch words[index + 1] {
            case "0": self = .critical; return
            case "1": self = word == "sev" ? .critical : .high; return
            case "2": self = word == "sev" ? .high : .medium; return
            case "3": self = word == "sev" ? .medium : .low; return
            default: continue
            }
        }
        return nil
    }
}
