import RunbookModel
import ShellAnalysis

/// Turns a parsed runbook into a `RunPlan`: steps, commands with their class, alternatives as choices,
/// placeholders rewritten to quoted variable references (`<pod-name>` → `"${POD_NAME}"`).
///
/// Each top-level command runs in its own bash, so the assignments, `export`s and `cd`s a runbook makes
/// (`NS=prod`, `POD=$(kubectl get pods -o name | head -1)`) are carried into every later command, as they
/// would be in the responder's terminal; setup inside one alternative stays inside it.
///
/// ```swift
/// let plan = RunPlanner().plan(runbook)
/// plan.steps[0].items  // [.command(PlannedCommand(text: "kubectl logs \"${POD_NAME}\"", safety: .readOnly, …))]
/// ```
public struct RunPlanner: Sendable {
    private let classifier: CommandClassifier

    /// Programs whose effect is on the shell itself, carried into later commands.
    static let setupPrograms: Set<String> = [
        "export", "cd", "set", "source", ".", "unset", "alias", "declare", "typeset", "readonly", "shopt", "umask",
        "pushd", "popd",
    ]

    /// Creates a planner; `classifier` may carry extra command classes from the config.
    public init(classifier: CommandClassifier = CommandClassifier()) {
        self.classifier = classifier
    }

    /// The plan of `runbook`: one planned step per runbook step (or per block, when it has no steps).
    public func plan(_ runbook: Runbook) -> RunPlan {
        let declared = Set(runbook.metadata.params.map(\.name))
        var setup = Setup()
        var steps: [PlannedStep] = []
        if runbook.steps.isEmpty {
            for (index, block) in runbook.blocks.enumerated() {
                let items = plan(block, declared: declared, setup: &setup)
                steps.append(
                    PlannedStep(
                        number: index + 1, title: "Block at line \(block.location.line)", prose: "",
                        line: block.location.line, items: items))
            }
        } else {
            for step in runbook.steps {
                let items = step.blockIndexes.filter { $0 < runbook.blocks.count }.flatMap {
                    plan(runbook.blocks[$0], declared: declared, setup: &setup)
                }
                steps.append(
                    PlannedStep(
                        number: step.number, title: step.title, prose: step.prose, line: step.location.line,
                        items: items))
            }
        }
        return RunPlan(
            runbookID: runbook.id, title: runbook.title, file: runbook.file, steps: steps,
            declaredParameters: runbook.metadata.params)
    }

    /// Setup lines carried forward, with what they need and how risky they are.
    struct Setup {
        var lines: [String] = []
        var safety: SafetyClass = .readOnly
        var variables: [String] = []
        var reasons: [String] = []
    }

    private func plan(_ block: CommandBlock, declared: Set<String>, setup: inout Setup) -> [PlanItem] {
        guard block.language.isShell else {
            let name: String
            switch block.language {
            case .sql: name = "sql"
            case .promql: name = "promql"
            case .yaml: name = "yaml"
            case .other(let other): name = other
            case .shell: name = "shell"
            }
            return [.notRunnable(language: name, line: block.location.line, text: block.script)]
        }
        let (script, placeholders) = Placeholders.rewrite(block.script)
        let timeout = block.attributes["timeout"].flatMap { DurationSeconds(parsing: $0)?.seconds }
        var items: [PlanItem] = []
        var choiceIndex: [Int: Int] = [:]
        var optionSetups: [String: Setup] = [:]
        var blockHasCommand = false
        var setupOnly: [String] = []
        for unit in ScriptSplitter.split(script) {
            let alternative = block.alternatives.first { $0.scriptLines.contains(unit.lines.lowerBound) }
            let key = alternative.map { "\($0.group)/\($0.label)" }
            var current = key.flatMap { optionSetups[$0] } ?? setup
            let variables = unitVariables(unit, placeholders: placeholders, declared: declared)
            let assessed = classifier.assess(script: unit.text)
            if isSetup(assessed.map(\.command)) {
                current.lines.append(unit.text)
                current.variables.append(contentsOf: variables)
                for (_, assessment) in assessed { current.safety = Self.worst(current.safety, assessment.safety) }
                if let key { optionSetups[key] = current } else { setup = current }
                if alternative == nil { setupOnly.append(unit.text) }
                continue
            }
            let command = makeCommand(
                unit, assessed: assessed, variables: variables, setup: current, block: block, timeout: timeout)
            blockHasCommand = true
            if let alternative {
                if let index = choiceIndex[alternative.group], case .choice(var options) = items[index] {
                    if let o = options.firstIndex(where: { $0.label == alternative.label }) {
                        options[o].commands.append(command)
                    } else {
                        options.append(PlannedOption(label: alternative.label, commands: [command]))
                    }
                    items[index] = .choice(options)
                } else {
                    choiceIndex[alternative.group] = items.count
                    items.append(.choice([PlannedOption(label: alternative.label, commands: [command])]))
                }
            } else {
                items.append(.command(command))
            }
        }
        if !blockHasCommand && !setupOnly.isEmpty {
            let text = setupOnly.joined(separator: "\n")
            items.append(
                .command(
                    PlannedCommand(
                        text: text, script: setup.lines.joined(separator: "\n"),
                        line: block.sourceLine(ofScriptLine: 0),
                        safety: setup.safety, requiredVariables: Self.unique(setup.variables), timeoutSeconds: timeout,
                        reasons: setup.reasons)))
        }
        return items
    }

    private func makeCommand(
        _ unit: ScriptSplitter.Unit, assessed: [(command: SimpleCommand, assessment: CommandAssessment)],
        variables: [String],
        setup: Setup, block: CommandBlock, timeout: Int?
    ) -> PlannedCommand {
        var safety = setup.safety
        var reasons: [String] = []
        var neverTerminates = false
        for (command, assessment) in assessed {
            safety = Self.worst(safety, assessment.safety)
            for reason in assessment.reasons where !reasons.contains(reason) { reasons.append(reason) }
            if assessment.neverTerminates && !command.wrappers.contains("timeout") { neverTerminates = true }
        }
        let script = (setup.lines + [unit.text]).joined(separator: "\n")
        return PlannedCommand(
            text: unit.text, script: script, line: block.sourceLine(ofScriptLine: unit.lines.lowerBound),
            safety: safety,
            neverTerminates: neverTerminates, requiredVariables: Self.unique(setup.variables + variables),
            timeoutSeconds: timeout,
            reasons: reasons)
    }

    private func unitVariables(
        _ unit: ScriptSplitter.Unit, placeholders: [Placeholder], declared: Set<String>
    ) -> [String] {
        var names = placeholders.filter { unit.lines.contains($0.line) }.map(\.variable)
        if !declared.isEmpty {
            names += ShellParser.parse(unit.text).variableUses.map(\.name).filter { declared.contains($0) }
        }
        return Self.unique(names)
    }

    private func isSetup(_ commands: [SimpleCommand]) -> Bool {
        let top = commands.filter { !$0.isSubstitution }
        return !top.isEmpty
            && top.allSatisfy { command in command.program.map { Self.setupPrograms.contains($0) } ?? true }
    }

    static func worst(_ a: SafetyClass, _ b: SafetyClass) -> SafetyClass {
        func rank(_ s: SafetyClass) -> Int {
            switch s {
            case .readOnly: 0
            case .unknown: 1
            case .mutating: 2
            case .destructive: 3
            }
        }
        return rank(b) > rank(a) ? b : a
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
