import Foundation
import RunbookModel

extension RunSession {
    /// What the operator answered at a command's prompt.
    enum Answer {
        case run, skip(String), back, quit
    }

    func run(_ step: PlannedStep) async -> Flow {
        for item in step.items {
            if isStopRequested { return .quit }
            switch item {
            case .notRunnable(let language, let line, let text):
                show(
                    "   [\(language)] \(redactor.redact(firstLine(text)))  — shown only: \(language) blocks are not run as shell\n"
                )
                var event = makeEvent(.command)
                event.step = step.number
                event.line = line
                event.command = redactor.redact(text)
                event.decision = "skipped"
                event.decidedBy = "gate"
                event.status = "not_run"
                event.reason = "\(language) block: kept, never run as shell"
                record(event)
                count("skipped")
            case .command(let command):
                let flow = await handle(command, step: step)
                if flow != .next { return flow }
            case .choice(let options):
                guard let picked = choose(options, step: step) else { continue }
                switch picked {
                case .success(let option):
                    for command in option.commands {
                        let flow = await handle(command, step: step)
                        if flow != .next { return flow }
                    }
                case .failure(let flow):
                    if flow.flow != .next { return flow.flow }
                }
            }
        }
        return .next
    }

    /// Shows a command, applies the gate (asking when interactive), fills missing parameters and runs it.
    func handle(_ command: PlannedCommand, step: PlannedStep) async -> Flow {
        while true {
            let text = redactor.redact(command.text)
            show("   [\(command.safety.rawValue)] \(text.replacingOccurrences(of: "\n", with: "\n   "))\n")
            let answer = decide(command)
            switch answer {
            case .back: return .back
            case .quit: return .quit
            case .skip(let reason):
                recordSkip(command, step: step, reason: reason, declined: reason.hasPrefix("declined"))
                return .next
            case .run:
                break
            }
            guard fillParameters(for: command) else {
                recordSkip(
                    command, step: step, reason: "no value for \(command.requiredVariables.joined(separator: ", "))",
                    declined: true)
                return isInteractive ? .quit : .next
            }
            let result = await execute(command, step: step)
            if result.status == .interrupted && isInteractive && !isStopRequested {
                show("   interrupted — back at the prompt (s to skip, q to quit)\n")
                continue
            }
            return .next
        }
    }

    private func decide(_ command: PlannedCommand) -> Answer {
        let verdict = gate.verdict(for: command.safety)
        guard isInteractive, let terminal else {
            if case .skip(let reason) = verdict { return .skip(reason) }
            return .run
        }
        let prompt: String
        switch verdict {
        case .run: return .run
        case .skip(let reason): return .skip(reason)
        case .confirmEnter: prompt = "   Enter to run · s skip · b back · q quit > "
        case .confirmYes: prompt = "   Run this \(command.safety.rawValue) command? [y/N] · s skip · b back · q quit > "
        case .confirmTypedID:
            prompt = "   DESTRUCTIVE. Type the runbook id (\(plan.runbookID)) to run it · s skip · b back · q quit > "
        }
        guard let line = terminal.readLine(prompt: prompt) else { return .quit }
        let answer = line.trimmingCharacters(in: .whitespaces)
        switch answer.lowercased() {
        case "q", "quit": return .quit
        case "b", "back": return .back
        case "s", "skip": return .skip("declined: skipped by the operator")
        default: break
        }
        switch verdict {
        case .confirmEnter:
            return answer.isEmpty || answer.lowercased() == "y" ? .run : .skip("declined by the operator")
        case .confirmYes:
            return ["y", "yes"].contains(answer.lowercased()) ? .run : .skip("declined by the operator")
        default:
            if answer == plan.runbookID { return .run }
            show("   '\(answer)' is not the runbook id; not run\n")
            return .skip("declined: the runbook id was not typed")
        }
    }

    /// Asks for (interactive) each required variable without a value; false when one stays missing.
    private func fillParameters(for command: PlannedCommand) -> Bool {
        for name in command.requiredVariables where parameters.value(of: name) == nil {
            guard isInteractive, let terminal else { return false }
            guard let value = terminal.readLine(prompt: "   Value for \(name): ") else { return false }
            parameters.setPrompted(name, value)
            if Redactor.isSecretName(name) { redactor = Redactor(secretValues: parameters.secretValues) }
        }
        return true
    }

    private func execute(_ command: PlannedCommand, step: PlannedStep) async -> CommandResult {
        let timeout = command.timeoutSeconds.map { Duration.seconds($0) } ?? options.timeout
        let request = CommandRequest(
            script: command.script, environment: parameters.explicitValues, workingDirectory: options.workingDirectory,
            timeout: timeout, follow: command.neverTerminates ? options.follow : nil, outputCap: options.outputCap)
        let printer = LineRedactingPrinter(redactor: redactor, terminal: options.streamOutput ? terminal : nil)
        let result = await executor.run(request) { printer.write($0) }
        printer.finish()
        count(result.status.rawValue)
        var event = makeEvent(.command)
        event.step = step.number
        event.line = command.line
        event.command = redactor.redact(command.text)
        event.safetyClass = command.safety
        event.decision = "ran"
        event.decidedBy = isInteractive ? "operator" : "gate"
        event.status = result.status.rawValue
        event.exitStatus = result.exitStatus
        event.durationMS =
            Int(result.duration.components.seconds) * 1000
            + Int(result.duration.components.attoseconds / 1_000_000_000_000_000)
        event.output = result.output.isEmpty ? nil : redactor.redact(String(result.output.prefix(options.excerptBytes)))
        event.outputBytes = result.outputBytes
        event.reason = result.reason
        record(event)
        let mark = result.status.isSuccess ? "✓" : "✗"
        show(
            "   \(mark) \(result.status.rawValue) (exit \(result.exitStatus), \(DurationText.format(result.duration)))\(result.reason.map { " — \($0)" } ?? "")\n"
        )
        return result
    }

    private func recordSkip(_ command: PlannedCommand, step: PlannedStep, reason: String, declined: Bool) {
        show("   ↷ \(declined ? "declined" : "skipped"): \(reason)\n")
        count(declined ? "declined" : "skipped")
        var event = makeEvent(.command)
        event.step = step.number
        event.line = command.line
        event.command = redactor.redact(command.text)
        event.safetyClass = command.safety
        event.decision = declined ? "declined" : "skipped"
        event.decidedBy = declined ? "operator" : (gate.mode == .dryRun ? "dry-run" : "gate")
        event.status = "not_run"
        event.reason = reason
        record(event)
    }

    /// A flow wrapped as an error, so that `choose` can return either an option or a flow.
    struct FlowChange: Error {
        var flow: Flow
    }

    /// Picks an option: asks when interactive, else uses `--choose`; nil when none is picked.
    private func choose(_ options: [PlannedOption], step: PlannedStep) -> Result<PlannedOption, FlowChange>? {
        show("   Alternatives — exactly one runs:\n")
        for (index, option) in options.enumerated() {
            let worst = option.commands.map(\.safety).reduce(SafetyClass.readOnly) { RunPlanner.worst($0, $1) }
            show("     \(index + 1)) \(option.label)  [\(worst.rawValue)]\n")
            for command in option.commands { show("        \(redactor.redact(firstLine(command.text)))\n") }
        }
        var picked: Int?
        var decidedBy = "flag"
        if isInteractive, let terminal {
            decidedBy = "operator"
            while picked == nil {
                guard let line = terminal.readLine(prompt: "   Choose 1-\(options.count) · s skip · b back · q quit > ")
                else {
                    return .failure(FlowChange(flow: .quit))
                }
                let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                if answer == "q" { return .failure(FlowChange(flow: .quit)) }
                if answer == "b" { return .failure(FlowChange(flow: .back)) }
                if answer == "s" || answer.isEmpty { break }
                picked = Self.match(answer, in: options)
                if picked == nil { show("   '\(answer)' is not one of 1-\(options.count)\n") }
            }
        } else {
            picked = self.options.choices.lazy.compactMap { Self.match($0, in: options) }.first
        }
        var event = makeEvent(.choice)
        event.step = step.number
        event.line = options.first?.commands.first?.line
        if let picked {
            event.choice = options[picked].label
            event.decision = "chosen"
            event.decidedBy = decidedBy
            record(event)
            show("   → \(options[picked].label)\n")
            return .success(options[picked])
        }
        event.decision = "skipped"
        event.decidedBy = decidedBy
        let reason =
            isInteractive
            ? "skipped by the operator" : "alternatives need a choice: pass --choose N or --choose WORD_OF_LABEL"
        event.reason = reason
        record(event)
        count("skipped")
        show("   ↷ skipped: \(reason)\n")
        return nil
    }

    /// An option by number (1-based) or by a word of its label (case-insensitive).
    static func match(_ answer: String, in options: [PlannedOption]) -> Int? {
        if let number = Int(answer) { return number >= 1 && number <= options.count ? number - 1 : nil }
        let lower = answer.lowercased()
        return options.firstIndex { $0.label.lowercased().contains(lower) }
    }

    func firstLine(_ text: String) -> String {
        let first =
            text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        return first.count < text.count ? first + " …" : first
    }
}

/// Streams command output to the terminal a line at a time, with secrets redacted.
final class LineRedactingPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let redactor: Redactor
    private let terminal: (any RunTerminal)?
    private var pending: [UInt8] = []

    init(redactor: Redactor, terminal: (any RunTerminal)?) {
        self.redactor = redactor
        self.terminal = terminal
    }

    func write(_ bytes: [UInt8]) {
        guard let terminal else { return }
        lock.withLock {
            pending.append(contentsOf: bytes)
            guard let last = pending.lastIndex(of: 0x0A) else { return }
            let text = String(decoding: pending[...last], as: UTF8.self)
            pending.removeSubrange(...last)
            terminal.write(redactor.redact(text))
        }
    }

    func finish() {
        guard let terminal else { return }
        lock.withLock {
            guard !pending.isEmpty else { return }
            terminal.write(redactor.redact(String(decoding: pending, as: UTF8.self)) + "\n")
            pending.removeAll()
        }
    }
}
