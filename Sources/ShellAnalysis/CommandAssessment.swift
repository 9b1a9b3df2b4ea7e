import RunbookModel

/// What the classifier concluded about one command.
public struct CommandAssessment: Hashable, Sendable {
    /// What running the command can do.
    public var safety: SafetyClass
    /// Whether the command runs until interrupted.
    public var neverTerminates: Bool
    /// Whether the command waits for a person at a terminal.
    public var interactive: Bool
    /// Short explanations, most relevant first.
    public var reasons: [String]

    /// Creates an assessment.
    public init(safety: SafetyClass, neverTerminates: Bool = false, interactive: Bool = false, reasons: [String] = []) {
        self.safety = safety
        self.neverTerminates = neverTerminates
        self.interactive = interactive
        self.reasons = reasons
    }

    /// Raises safety to `other` when `other` is worse, recording the reason.
    mutating func raise(to other: SafetyClass, reason: String? = nil) {
        if Self.rank(other) > Self.rank(safety) {
            safety = other
        }
        if let reason, !reason.isEmpty, !reasons.contains(reason) { reasons.append(reason) }
    }

    /// Adds another command's effects (for commands run by `watch`, `ssh`, `find -exec` …).
    mutating func absorb(_ inner: CommandAssessment, flags: Bool) {
        raise(to: inner.safety)
        if flags {
            neverTerminates = neverTerminates || inner.neverTerminates
            interactive = interactive || inner.interactive
        }
        for reason in inner.reasons where !reasons.contains(reason) { reasons.append(reason) }
    }

    /// Total order used to pick the worst class: read-only < unknown < mutating < destructive.
    static func rank(_ safety: SafetyClass) -> Int {
        switch safety {
        case .readOnly: 0
        case .unknown: 1
        case .mutating: 2
        case .destructive: 3
        }
    }

    /// The worse of two classes.
    static func worst(_ a: SafetyClass, _ b: SafetyClass) -> SafetyClass { rank(b) > rank(a) ? b : a }
}
