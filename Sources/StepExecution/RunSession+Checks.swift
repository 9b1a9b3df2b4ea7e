import RunbookModel

extension RunSession {
    /// The steps `options.step` selects: all, the one with that number, or those whose title contains the word.
    public func selectedSteps() throws -> [PlannedStep] {
        guard let wanted = options.step?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty else {
            return plan.steps
        }
        let matches: [PlannedStep]
        if let number = Int(wanted) {
            matches = plan.steps.filter { $0.number == number }
        } else {
            matches = plan.steps.filter { $0.title.lowercased().contains(wanted.lowercased()) }
        }
        guard !matches.isEmpty else {
            let list = plan.steps.map { "\($0.number). \($0.title)" }.joined(separator: "; ")
            throw RunError.usage(
                "--step \(wanted): runbook \(plan.runbookID) has no such step; its steps are: \(list.isEmpty ? "(none)" : list)"
            )
        }
        return matches
    }

    /// When not interactive: the variables that commands the gate would run need but nothing supplies.
    /// An error naming them and how to supply them, before anything runs.
    public func checkParameters() throws {
        guard case .automatic = options.mode else { return }
        var missing: [String: Int] = [:]
        var order: [String] = []
        for step in try selectedSteps() {
            for item in step.items {
                var commands: [PlannedCommand] = []
                switch item {
                case .command(let command): commands = [command]
                case .choice(let choices):
                    if let index = options.choices.lazy.compactMap({ Self.match($0, in: choices) }).first {
                        commands = choices[index].commands
                    }
                case .notRunnable: break
                }
                for command in commands {
                    if case .skip = gate.verdict(for: command.safety) { continue }
                    for name in command.requiredVariables
                    where parameters.value(of: name) == nil && missing[name] == nil {
                        missing[name] = command.line
                        order.append(name)
                    }
                }
            }
        }
        guard !order.isEmpty else { return }
        let list = order.compactMap { name in missing[name].map { "\(name) (line \($0))" } }.joined(separator: ", ")
        throw RunError.usage(
            "no value for \(list) in \(plan.file); pass --param NAME=VALUE, --env-file FILE or --label, or set it in the environment"
        )
    }

    /// The plan as text, for `--dry-run`: each step, each command with its class, what the gate would do
    /// with the flags given, and the parameter values (secrets redacted).
    public func planText() -> String {
        var text = "Plan for \(plan.runbookID)\(plan.title.map { ": \($0)" } ?? "") (\(plan.file))\n"
        let names = plan.requiredVariables + plan.declaredParameters.map(\.name)
        if !names.isEmpty {
            text += "Parameters:\n"
            let values = redactor.redact(parameters: parameters.logged(names))
            for name in RunPlanner.unique(names) {
                text +=
                    "  \(name) = \(values[name].map { "'\($0)'" } ?? "(missing: asked for, or pass --param \(name)=…)")\n"
            }
        }
        let gate = SafetyGate(mode: options.flagsMode)
        for step in (try? selectedSteps()) ?? plan.steps {
            text += "\n\(step.number). \(step.title)  (line \(step.line))\n"
            for item in step.items {
                switch item {
                case .command(let command):
                    text += line(for: command, gate: gate, indent: "   ")
                case .choice(let options):
                    text += "   alternatives (one runs):\n"
                    for (index, option) in options.enumerated() {
                        text += "     \(index + 1)) \(option.label)\n"
                        for command in option.commands { text += line(for: command, gate: gate, indent: "        ") }
                    }
                case .notRunnable(let language, _, let body):
                    text += "   [\(language)] \(redactor.redact(firstLine(body)))  — not run\n"
                }
            }
        }
        return text
    }

    private func line(for command: PlannedCommand, gate: SafetyGate, indent: String) -> String {
        let verdict: String
        switch gate.verdict(for: command.safety) {
        case .run: verdict = "runs"
        case .confirmEnter: verdict = "asks: Enter"
        case .confirmYes: verdict = "asks: y/N"
        case .confirmTypedID: verdict = "asks: type the runbook id"
        case .skip(let reason): verdict = "skipped: \(reason)"
        }
        var flags: [String] = []
        if command.neverTerminates { flags.append("never ends: followed for \(DurationText.format(options.follow))") }
        if let timeout = command.timeoutSeconds { flags.append("timeout \(timeout)s") }
        let body = redactor.redact(command.text).replacingOccurrences(of: "\n", with: "\n" + indent + "  ")
        return
            "\(indent)[\(command.safety.rawValue)] \(body)\n\(indent)  → \(verdict)\(flags.isEmpty ? "" : " (" + flags.joined(separator: ", ") + ")")\n"
    }
}

extension RunOptions {
    /// For a dry run: the mode the other flags would give (interactive when none is given).
    var flagsMode: SafetyGate.Mode {
        if case .dryRun = mode { return dryRunFlags ?? .interactive }
        return mode
    }
}
