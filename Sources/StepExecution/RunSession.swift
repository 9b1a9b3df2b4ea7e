import Foundation
import RunbookModel

/// How a run ended.
public struct RunSummary: Sendable, Equatable {
    /// `succeeded`, `failed`, `quit` or `interrupted`.
    public var status: String
    /// Commands by outcome: `ok`, `failed`, `timed_out`, `followed`, `interrupted`, `skipped`, `declined`, `not_started`.
    public var counts: [String: Int]

    /// The process exit status: 0 all good, 1 some command failed, 130 quit or interrupted.
    public var exitCode: Int32 {
        switch status {
        case "succeeded": 0
        case "failed": 1
        default: 130
        }
    }
}

/// The step loop of `firebreak run`: shows each step, asks or applies the safety gate, runs commands,
/// and records every event. The terminal, the command runner, the sinks and the clock are injected.
///
/// ```swift
/// let session = RunSession(plan: plan, options: options, parameters: resolver, executor: CommandExecutor(),
///                          terminal: StandardTerminal(), sinks: [fileSink])
/// let summary = await session.run()
/// exit(summary.exitCode)
/// ```
public final class RunSession: @unchecked Sendable {
    let plan: RunPlan
    let options: RunOptions
    let gate: SafetyGate
    let executor: any CommandRunning
    let terminal: (any RunTerminal)?
    let sinks: [any RunEventSink]
    let clock: any RunClock
    let lock = NSLock()
    var parameters: ParameterResolver
    var redactor: Redactor
    var counts: [String: Int] = [:]
    var stopRequested = false
    var finished = false

    /// Creates a session. `terminal` shows progress (nil shows nothing) and, in interactive mode, asks.
    public init(
        plan: RunPlan, options: RunOptions, parameters: ParameterResolver, executor: any CommandRunning,
        terminal: (any RunTerminal)?, sinks: [any RunEventSink], clock: any RunClock = SystemRunClock()
    ) {
        self.plan = plan
        self.options = options
        self.gate = SafetyGate(mode: options.mode)
        self.executor = executor
        self.terminal = terminal
        self.sinks = sinks
        self.clock = clock
        self.parameters = parameters
        self.redactor = Redactor(secretValues: parameters.secretValues)
    }

    var isInteractive: Bool { options.mode == .interactive }

    /// What a step's operator asked for.
    enum Flow {
        case next, back, quit
    }

    /// Runs the plan (the steps `options.step` selects) and returns how it ended.
    public func run() async -> RunSummary {
        let steps = (try? selectedSteps()) ?? plan.steps
        recordRunStarted()
        var index = 0
        var quit = false
        while index < steps.count && !quit && !isStopRequested {
            let step = steps[index]
            show("\n== Step \(step.number)/\(plan.steps.count): \(step.title)\n")
            if !step.prose.isEmpty { show(indent(step.prose) + "\n") }
            var event = makeEvent(.stepStarted)
            event.step = step.number
            event.stepTitle = step.title
            record(event)
            let flow = await run(step)
            var done = makeEvent(.stepFinished)
            done.step = step.number
            done.decision = flow == .next ? "done" : (flow == .back ? "back" : "quit")
            record(done)
            await flushAll()
            switch flow {
            case .next: index += 1
            case .back: index = max(0, index - 1)
            case .quit: quit = true
            }
        }
        let status: String
        if isStopRequested {
            status = "interrupted"
        } else if quit {
            status = "quit"
        } else {
            let failures = ["failed", "timed_out", "not_started"].reduce(0) { $0 + (counts[$1] ?? 0) }
            status = failures > 0 ? "failed" : "succeeded"
        }
        return await finish(status)
    }

    /// Records the end of the run once; returns the summary.
    func finish(_ status: String) async -> RunSummary {
        let summary = finishEvent(status)
        await flushAll()
        return summary
    }

    /// Ends the run now (Ctrl-C at a prompt): records `run_finished` as interrupted. The caller flushes
    /// file sinks synchronously and exits.
    public func abort() -> RunSummary { finishEvent("interrupted") }

    /// Asks the run to stop after the current command (Ctrl-C when not interactive).
    public func requestStop() { lock.withLock { stopRequested = true } }

    var isStopRequested: Bool { lock.withLock { stopRequested } }

    private func finishEvent(_ status: String) -> RunSummary {
        let snapshot = lock.withLock { () -> [String: Int]? in
            if finished { return nil }
            finished = true
            return counts
        }
        guard let snapshot else { return RunSummary(status: status, counts: lock.withLock { counts }) }
        var event = makeEvent(.runFinished)
        event.status = status
        event.counts = snapshot
        record(event)
        let summary = RunSummary(status: status, counts: snapshot)
        show(
            "\nRun \(options.runID) \(status): "
                + snapshot.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n")
        return summary
    }

    private func recordRunStarted() {
        var event = makeEvent(.runStarted)
        event.file = plan.file
        event.mode = {
            switch options.mode {
            case .interactive: "interactive"
            case .automatic: "auto"
            case .dryRun: "dry-run"
            }
        }()
        event.user = options.user
        event.host = options.host
        event.incident = options.incident
        let names = plan.requiredVariables + plan.declaredParameters.map(\.name)
        event.parameters = redactor.redact(parameters: parameters.logged(names))
        record(event)
        show("Running \(plan.runbookID)\(plan.title.map { ": \($0)" } ?? "") (run \(options.runID))\n")
    }

    func makeEvent(_ kind: RunEvent.Kind) -> RunEvent {
        var event = RunEvent(kind, time: clock.now(), runID: options.runID)
        event.runbook = plan.runbookID
        if let incident = options.incident, kind != .runStarted { event.incident = incident }
        return event
    }

    func record(_ event: RunEvent) {
        for sink in sinks { sink.record(event) }
    }

    func count(_ outcome: String) { lock.withLock { counts[outcome, default: 0] += 1 } }

    func flushAll() async {
        for sink in sinks { await sink.flush() }
    }

    func show(_ text: String) { terminal?.write(text) }

    func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}
