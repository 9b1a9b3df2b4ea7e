import RunbookModel

/// Decides, per command class, whether a command runs, needs the operator's confirmation, or is skipped.
///
/// | class | interactive | `--auto read-only` | `--yes` | `--yes --allow-destructive` |
/// |---|---|---|---|---|
/// | read-only | Enter | run | run | run |
/// | mutating, unknown | y/N | skip | run | run |
/// | destructive | type the runbook id | skip | skip | run |
public struct SafetyGate: Sendable, Equatable {
    /// How the run is driven.
    public enum Mode: Sendable, Equatable {
        /// An operator at a terminal confirms each command.
        case interactive
        /// No terminal: flags decide. Read-only always runs.
        case automatic(allowMutating: Bool, allowDestructive: Bool)
        /// Nothing runs; the plan is printed.
        case dryRun
    }

    /// What to do with one command.
    public enum Verdict: Sendable, Equatable {
        /// Run it without asking.
        case run
        /// Ask the operator: Enter runs it.
        case confirmEnter
        /// Ask the operator: only `y` runs it.
        case confirmYes
        /// Ask the operator to type the runbook id.
        case confirmTypedID
        /// Do not run it, for this reason.
        case skip(String)
    }

    /// The mode.
    public var mode: Mode

    /// Creates a gate.
    public init(mode: Mode) { self.mode = mode }

    /// The verdict for a command of class `safety`.
    public func verdict(for safety: SafetyClass) -> Verdict {
        switch mode {
        case .dryRun:
            return .skip("dry run: nothing runs")
        case .interactive:
            switch safety {
            case .readOnly: return .confirmEnter
            case .mutating, .unknown: return .confirmYes
            case .destructive: return .confirmTypedID
            }
        case .automatic(let allowMutating, let allowDestructive):
            switch safety {
            case .readOnly:
                return .run
            case .mutating, .unknown:
                return allowMutating ? .run : .skip("\(safety.rawValue) command; pass --yes to run mutating commands")
            case .destructive:
                if allowMutating && allowDestructive { return .run }
                return .skip("destructive command; it runs only with both --yes and --allow-destructive")
            }
        }
    }
}
