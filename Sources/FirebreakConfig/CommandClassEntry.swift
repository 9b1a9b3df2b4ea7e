import RunbookModel

/// A user-supplied command classification, checked before the built-in table.
///
/// ```yaml
/// commands:
///   - program: streamctl
///     subcommands: [purge]
///     when_any: [--force]
///     class: destructive
/// ```
public struct CommandClassEntry: Hashable, Sendable {
    /// Program name as invoked (`streamctl`).
    public var program: String
    /// Subcommands the entry applies to; empty means any.
    public var subcommands: [String]
    /// The entry applies only when one of these words appears; empty means always.
    public var whenAny: [String]
    /// The class to give matching commands; nil when the entry only sets a flag below.
    public var safety: SafetyClass?
    /// Whether matching commands run until stopped (`streamctl tail`).
    public var neverTerminates: Bool
    /// Whether matching commands wait for a person at a terminal.
    public var interactive: Bool

    /// Creates an entry.
    public init(
        program: String, subcommands: [String] = [], whenAny: [String] = [], safety: SafetyClass? = nil,
        neverTerminates: Bool = false, interactive: Bool = false
    ) {
        self.program = program
        self.subcommands = subcommands
        self.whenAny = whenAny
        self.safety = safety
        self.neverTerminates = neverTerminates
        self.interactive = interactive
    }
}
