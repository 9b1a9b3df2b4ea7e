import RunbookModel

/// A command ready to run: one top-level shell command of a block, placeholders rewritten.
public struct PlannedCommand: Hashable, Sendable {
    /// The command as shown and logged (placeholders rewritten to `"${NAME}"`).
    public var text: String
    /// What bash runs: the block's earlier assignments, `export`s and `cd`s, then `text`.
    public var script: String
    /// Source line in the runbook file.
    public var line: Int
    /// Worst class of the command and of the setup lines it carries.
    public var safety: SafetyClass
    /// Runs until interrupted (`tail -f`, `kubectl logs -f`): streamed for the follow bound, then stopped.
    public var neverTerminates: Bool
    /// Variables that must have a value before it runs (placeholders, declared params it uses).
    public var requiredVariables: [String]
    /// Per-block `timeout` attribute, in seconds.
    public var timeoutSeconds: Int?
    /// Why it is classified so, most relevant first.
    public var reasons: [String]

    /// Creates a planned command.
    public init(
        text: String, script: String, line: Int, safety: SafetyClass, neverTerminates: Bool = false,
        requiredVariables: [String] = [], timeoutSeconds: Int? = nil, reasons: [String] = []
    ) {
        self.text = text
        self.script = script
        self.line = line
        self.safety = safety
        self.neverTerminates = neverTerminates
        self.requiredVariables = requiredVariables
        self.timeoutSeconds = timeoutSeconds
        self.reasons = reasons
    }
}

/// One way of several (`# Option 1: Restart`): a label and its commands.
public struct PlannedOption: Hashable, Sendable {
    /// The marker's text (`Option 1: Restart`).
    public var label: String
    /// Its commands, in order.
    public var commands: [PlannedCommand]

    /// Creates an option.
    public init(label: String, commands: [PlannedCommand]) {
        self.label = label
        self.commands = commands
    }
}

/// Something a step does, in order.
public enum PlanItem: Hashable, Sendable {
    /// A command to run (subject to the safety gate).
    case command(PlannedCommand)
    /// Alternatives: exactly one option runs, or none.
    case choice([PlannedOption])
    /// A block that is kept but never run as shell (SQL, PromQL, YAML), with its language and first line.
    case notRunnable(language: String, line: Int, text: String)
}

/// A step of the plan.
public struct PlannedStep: Hashable, Sendable {
    /// 1-based step number, as in the runbook.
    public var number: Int
    /// Title.
    public var title: String
    /// Prose of the step.
    public var prose: String
    /// Source line.
    public var line: Int
    /// Commands, choices and blocks, in document order.
    public var items: [PlanItem]

    /// Creates a step.
    public init(number: Int, title: String, prose: String, line: Int, items: [PlanItem]) {
        self.number = number
        self.title = title
        self.prose = prose
        self.line = line
        self.items = items
    }
}

/// What `firebreak run` will do with a runbook: its steps and their commands, classified.
public struct RunPlan: Hashable, Sendable {
    /// Runbook id.
    public var runbookID: String
    /// Runbook title.
    public var title: String?
    /// File the runbook is in.
    public var file: String
    /// Steps in order.
    public var steps: [PlannedStep]
    /// Parameters the runbook declares (`params:`), with defaults.
    public var declaredParameters: [RunbookParameter]

    /// Creates a plan.
    public init(
        runbookID: String, title: String?, file: String, steps: [PlannedStep],
        declaredParameters: [RunbookParameter] = []
    ) {
        self.runbookID = runbookID
        self.title = title
        self.file = file
        self.steps = steps
        self.declaredParameters = declaredParameters
    }

    /// Every variable some command requires, in first-use order.
    public var requiredVariables: [String] {
        var seen = Set<String>()
        return steps.flatMap(\.items).flatMap(\.commands).flatMap(\.requiredVariables).filter {
            seen.insert($0).inserted
        }
    }
}

extension PlanItem {
    /// Every command of the item (all options of a choice).
    public var commands: [PlannedCommand] {
        switch self {
        case .command(let command): [command]
        case .choice(let options): options.flatMap(\.commands)
        case .notRunnable: []
        }
    }
}
