import ArgumentParser
import Foundation
import RunbookModel
import RunbookParser
import StepExecution

/// `firebreak run ID_OR_FILE`: runs a runbook step by step, behind the safety gate, and records the run.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Run a runbook step by step: read-only commands run, mutating ones ask, destructive ones need the runbook id.",
        discussion: """
            On a terminal each command is confirmed (Enter, y/N, or typing the runbook id). Without a terminal, \
            --auto read-only runs read-only commands only, --yes also mutating ones, and destructive ones need \
            --allow-destructive as well. Parameters reach commands only as environment variables. \
            Exit status: 0 all good, 1 a command failed, 2 usage or I/O error, 130 quit or interrupted.
            """)

    @Argument(help: "Runbook id (found under --path or the config's runbooks) or a Markdown file holding one runbook.")
    var runbook: String

    @Option(help: "Run only this step: its number, or a word of its title.")
    var step: String?

    @Option(
        name: .customLong("param"),
        help: "A parameter as KEY=VALUE (repeatable); passed to commands as an environment variable.")
    var params: [String] = []

    @Option(
        name: .customLong("env-file"),
        help: "A file of KEY=VALUE lines with parameter values (nothing in it is evaluated).")
    var envFile: String?

    @Option(
        name: .customLong("label"),
        help: "An alert label as NAME=VALUE (repeatable); label `namespace` supplies $NAMESPACE.")
    var labels: [String] = []

    @Flag(
        name: .customLong("dry-run"),
        help: "Print the plan (steps, commands, classes, parameters, what would run) and run nothing.")
    var dryRun = false

    @Option(help: "Run without asking: `read-only` runs read-only commands and skips the others.")
    var auto: String?

    @Flag(help: "Without asking, also run mutating (and unclassified) commands.")
    var yes = false

    @Flag(name: .customLong("allow-destructive"), help: "With --yes, also run destructive commands.")
    var allowDestructive = false

    @Option(
        name: .customLong("choose"),
        help:
            "Pick among alternatives without asking: an option number or a word of its label (repeatable; the first that fits a choice is used)."
    )
    var choices: [String] = []

    @Option(help: "Default time bound per command (30s, 5m, 1h); a block's {timeout=…} overrides it.")
    var timeout: String = "60s"

    @Option(
        name: .customLong("follow-for"),
        help: "How long to stream a command that never ends (tail -f, kubectl logs -f) before stopping it.")
    var followFor: String = "30s"

    @Option(help: "Working directory of the commands (default: the current directory).")
    var workdir: String?

    @Option(
        help: "Incident this run belongs to (tags the run log; with --server, also posts the events to the incident).")
    var incident: String?

    @Option(help: "Firebreak server URL to post the run's events to (needs --incident).")
    var server: String?

    @Option(help: "API token for --server (default: the FIREBREAK_TOKEN environment variable).")
    var token: String?

    @Flag(help: "Print the run's events as JSON lines instead of text (implies no prompts).")
    var json = false

    @Option(name: .customLong("data-dir"), help: "Where run logs go (DIR/runs/RUN_ID.jsonl).")
    var dataDir: String = ".firebreak"

    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if let auto, auto != "read-only" {
            throw ValidationError("--auto takes only `read-only`; use --yes to also run mutating commands")
        }
        if DurationText.parse(timeout) == nil {
            throw ValidationError("--timeout '\(timeout)' is not a duration; write it like 30s, 5m or 1h")
        }
        if DurationText.parse(followFor) == nil {
            throw ValidationError("--follow-for '\(followFor)' is not a duration; write it like 30s or 2m")
        }
        if server != nil && incident == nil {
            throw ValidationError("--server needs --incident ID: events are posted to that incident's timeline")
        }
        if let server, URL(string: server)?.scheme?.hasPrefix("http") != true {
            throw ValidationError(
                "--server '\(server)' is not an http(s) URL; write it like http://firebreak.internal:8080")
        }
    }

    func run() async throws {
        let interactive = !dryRun && auto == nil && !yes && !json && isatty(STDIN_FILENO) == 1
        if !dryRun && !interactive && auto == nil && !yes {
            Output.error(
                "standard input is not a terminal, so nothing can be confirmed: pass --auto read-only (read-only commands only), --yes (also mutating ones) or --dry-run"
            )
            throw ExitCode(2)
        }
        let runbook = try loadRunbook()
        let plan = RunPlanner().plan(runbook)
        let runID = RunOptions.newRunID()
        var options = RunOptions(mode: .interactive, runID: runID)
        let flags = SafetyGate.Mode.automatic(allowMutating: yes, allowDestructive: yes && allowDestructive)
        options.mode = dryRun ? .dryRun : (interactive ? .interactive : flags)
        options.dryRunFlags = (auto != nil || yes) ? flags : nil
        options.step = step
        options.choices = choices
        // validate() has checked both.
        guard let commandTimeout = DurationText.parse(timeout), let follow = DurationText.parse(followFor) else {
            throw ExitCode.validationFailure
        }
        options.timeout = commandTimeout
        options.follow = follow
        options.workingDirectory = workdir
        options.incident = incident
        options.user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
        options.host = ProcessInfo.processInfo.hostName
        options.streamOutput = !json

        var parameters = ParameterResolver(environment: ProcessInfo.processInfo.environment)
        let executor = CommandExecutor()
        do {
            parameters.addDefaults(plan.declaredParameters)
            try parameters.addLabelAssignments(labels)
            if let envFile { try parameters.addEnvFile(envFile) }
            try parameters.addAssignments(params, source: "--param")
        } catch let error as RunError {
            Output.error(error.message)
            throw ExitCode(2)
        }

        var sinks: [any RunEventSink] = []
        var fileSink: FileRunEventSink?
        if json { sinks.append(JSONLinesRunEventSink(handle: .standardOutput)) }
        if !dryRun {
            do {
                let sink = try FileRunEventSink(
                    runsDirectory: (dataDir as NSString).appendingPathComponent("runs"), runID: runID)
                fileSink = sink
                sinks.append(sink)
            } catch let error as RunError {
                Output.error(error.message)
                throw ExitCode(2)
            }
            if let server, let incident, let url = URL(string: server) {
                let token = token ?? ProcessInfo.processInfo.environment["FIREBREAK_TOKEN"]
                sinks.append(
                    HTTPRunEventSink(
                        server: url, incident: incident, token: token, runID: runID, runbook: plan.runbookID
                    ) { Output.error($0) })
            }
        }
        let session = RunSession(
            plan: plan, options: options, parameters: parameters, executor: executor,
            terminal: json ? nil : StandardTerminal(), sinks: sinks)
        do {
            _ = try session.selectedSteps()
            try session.checkParameters()
        } catch let error as RunError {
            Output.error(error.message)
            throw ExitCode(2)
        }
        if dryRun {
            if json {
                try JSONOutput.write(PlanView(plan))
            } else {
                Output.standard(session.planText())
            }
            return
        }
        let interrupts = InterruptHandler { [session, executor, fileSink] in
            if executor.interrupt() {
                if !interactive { session.requestStop() }
            } else {
                _ = session.abort()
                fileSink?.flushNow()
                Output.standard("\n")
                Foundation.exit(130)
            }
        }
        let summary = await session.run()
        interrupts.cancel()
        if let fileSink {
            for warning in fileSink.warnings { Output.error(warning) }
            if !json { Output.standard("Run log: \(fileSink.path)\n") }
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// The runbook named by the argument: a file holding one runbook, or an id in the catalog.
    private func loadRunbook() throws -> Runbook {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: runbook, isDirectory: &isDirectory), !isDirectory.boolValue {
            let document = RunbookDocumentParser().parse(path: runbook)
            for diagnostic in document.diagnostics where diagnostic.isError {
                Output.error("\(diagnostic.location.file):\(diagnostic.location.line): \(diagnostic.message)")
            }
            guard document.runbooks.count == 1, let only = document.runbooks.first else {
                Output.error(
                    document.runbooks.isEmpty
                        ? "\(runbook) holds no runbook; check that it is the Markdown file you meant"
                        : "\(runbook) holds \(document.runbooks.count) runbooks (\(document.runbooks.map(\.id).joined(separator: ", "))); run one by id: firebreak run ID --path \(runbook)"
                )
                throw ExitCode(2)
            }
            return only
        }
        let report = try catalog.load()
        let runbooks = report.documents.flatMap(\.runbooks)
        guard let found = runbooks.first(where: { $0.id.caseInsensitiveCompare(runbook) == .orderedSame }) else {
            Output.error(
                "no runbook file or id '\(runbook)'; `firebreak list` shows the ids, or give the path of a Markdown file"
            )
            throw ExitCode(2)
        }
        return found
    }
}

/// Ctrl-C while a run is going: handled by the run (stop the command, or end the run), not by the default action.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "firebreak.interrupt"))
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// `run --dry-run --json`: the plan as JSON.
struct PlanView: Encodable {
    struct CommandRow: Encodable {
        var line: Int
        var `class`: String
        var text: String
        var alternative: String?
        var neverTerminates: Bool
        var requiredVariables: [String]
    }

    struct StepRow: Encodable {
        var number: Int
        var title: String
        var commands: [CommandRow]
    }

    var runbook: String
    var file: String
    var steps: [StepRow]

    init(_ plan: RunPlan) {
        runbook = plan.runbookID
        file = plan.file
        steps = plan.steps.map { step in
            StepRow(
                number: step.number, title: step.title,
                commands: step.items.flatMap { item -> [CommandRow] in
                    switch item {
                    case .command(let c): return [Self.row(c, nil)]
                    case .choice(let options):
                        return options.flatMap { option in option.commands.map { Self.row($0, option.label) } }
                    case .notRunnable: return []
                    }
                })
        }
    }

    static func row(_ command: PlannedCommand, _ alternative: String?) -> CommandRow {
        CommandRow(
            line: command.line, class: command.safety.rawValue, text: command.text, alternative: alternative,
            neverTerminates: command.neverTerminates, requiredVariables: command.requiredVariables)
    }
}
