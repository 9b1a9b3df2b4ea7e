import Foundation
import RunbookModel
import StepExecution
import XCTest

final class RunSessionTests: XCTestCase {
    private func session(
        _ mode: SafetyGate.Mode, answers: [String] = [], choices: [String] = [],
        params: [String: String] = ["NAMESPACE": "prod", "POD_NAME": "api-1"],
        executor: RecordingExecutor = RecordingExecutor()
    ) -> (RunSession, ScriptedTerminal, MemoryRunEventSink) {
        var resolver = ParameterResolver(environment: [:])
        try! resolver.addAssignments(params.map { "\($0.key)=\($0.value)" }.sorted(), source: "--param")
        var options = RunOptions(mode: mode, runID: "run-1")
        options.choices = choices
        let terminal = ScriptedTerminal(answers: answers)
        let sink = MemoryRunEventSink()
        let session = RunSession(
            plan: PlanFixtures.plan(PlanFixtures.mixed), options: options, parameters: resolver, executor: executor,
            terminal: terminal,
            sinks: [sink], clock: FixedClock())
        return (session, terminal, sink)
    }

    func testAutoReadOnlyRunsOnlyReadOnlyAndRecordsSkips() async {
        let executor = RecordingExecutor()
        let (session, _, sink) = session(.automatic(allowMutating: false, allowDestructive: false), executor: executor)
        let summary = await session.run()
        XCTAssertEqual(executor.commands, ["kubectl get pods -n \"${NAMESPACE}\""])
        XCTAssertEqual(summary.status, "succeeded")
        XCTAssertEqual(summary.counts["ok"], 1)
        XCTAssertEqual(summary.counts["skipped"], 3, "mutating, destructive, and the unchosen alternatives")
        let commandEvents = sink.events.filter { $0.kind == .command }
        XCTAssertEqual(commandEvents.map(\.decision), ["ran", "skipped", "skipped"])
        XCTAssertEqual(commandEvents.map(\.safetyClass), [.readOnly, .mutating, .destructive])
        XCTAssertEqual(sink.events.first?.kind, .runStarted)
        XCTAssertEqual(sink.events.last?.kind, .runFinished)
        XCTAssertEqual(sink.flushCount, 5, "one flush per step and one at the end")
    }

    func testParametersTravelAsEnvironmentNotText() async {
        let executor = RecordingExecutor()
        let (session, _, _) = session(
            .automatic(allowMutating: false, allowDestructive: false), params: ["NAMESPACE": "$(touch PWNED)"],
            executor: executor)
        _ = await session.run()
        XCTAssertEqual(executor.requests.first?.environment["NAMESPACE"], "$(touch PWNED)")
        XCTAssertFalse(executor.requests.first?.script.contains("PWNED") ?? true)
    }

    func testYesAndAllowDestructiveWithChoice() async {
        let executor = RecordingExecutor()
        let (session, _, sink) = session(
            .automatic(allowMutating: true, allowDestructive: true), choices: ["reload"], executor: executor)
        _ = await session.run()
        XCTAssertEqual(executor.commands.count, 4)
        XCTAssertEqual(executor.commands.last, "systemctl reload nginx")
        XCTAssertEqual(sink.events.first { $0.kind == .choice }?.choice?.contains("Reload"), true)
    }

    func testInteractiveEnterYesTypedIDAndChoice() async {
        let executor = RecordingExecutor()
        let (session, terminal, _) = session(.interactive, answers: ["", "y", "RB-MIX", "1", "y"], executor: executor)
        let summary = await session.run()
        XCTAssertEqual(executor.commands.count, 4, terminal.transcript)
        XCTAssertEqual(executor.commands.last, "systemctl restart nginx")
        XCTAssertEqual(summary.exitCode, 0)
        XCTAssertTrue(terminal.prompts[2].contains("Type the runbook id (RB-MIX)"), terminal.prompts[2])
    }

    func testInteractiveWrongIDAndNoDecline() async {
        let executor = RecordingExecutor()
        let (session, _, sink) = session(.interactive, answers: ["", "n", "rb-mix", "s"], executor: executor)
        let summary = await session.run()
        XCTAssertEqual(executor.commands, ["kubectl get pods -n \"${NAMESPACE}\""])
        XCTAssertEqual(summary.counts["declined"], 2)
        XCTAssertEqual(sink.events.filter { $0.kind == .command }.map(\.decision), ["ran", "declined", "declined"])
    }

    func testBackRepeatsTheStepAndQuitEnds() async {
        let executor = RecordingExecutor()
        let (session, _, _) = session(.interactive, answers: ["", "b", "", "q"], executor: executor)
        let summary = await session.run()
        XCTAssertEqual(executor.commands.count, 2, "step 1 ran, back from step 2 ran step 1 again")
        XCTAssertEqual(summary.status, "quit")
        XCTAssertEqual(summary.exitCode, 130)
    }

    func testMissingParameterIsAskedInteractivelyAndIsAnErrorOtherwise() async throws {
        let executor = RecordingExecutor()
        let (interactive, terminal, _) = session(
            .interactive, answers: ["", "payments", "q"], params: [:], executor: executor)
        _ = await interactive.run()
        XCTAssertTrue(terminal.prompts.contains { $0.contains("Value for NAMESPACE") }, terminal.transcript)
        XCTAssertEqual(executor.requests.first?.environment["NAMESPACE"], "payments")

        let (automatic, _, _) = session(.automatic(allowMutating: false, allowDestructive: false), params: [:])
        XCTAssertThrowsError(try automatic.checkParameters()) { error in
            XCTAssertTrue("\(error)".contains("NAMESPACE") && "\(error)".contains("--param"), "\(error)")
            XCTAssertFalse(
                "\(error)".contains("POD_NAME"), "POD_NAME is only needed by a command that is skipped: \(error)")
        }
    }

    func testFailureMakesExitOneAndRunGoesOn() async {
        let executor = RecordingExecutor(results: [.failed, .ok, .ok, .ok])
        let (session, _, _) = session(
            .automatic(allowMutating: true, allowDestructive: true), choices: ["1"], executor: executor)
        let summary = await session.run()
        XCTAssertEqual(executor.commands.count, 4)
        XCTAssertEqual(summary.exitCode, 1)
    }

    func testSecretOutputIsRedactedInEventsAndOnScreen() async throws {
        var resolver = ParameterResolver(environment: ["API_TOKEN": "tok-abcdef123456"])
        try resolver.addAssignments(["NAMESPACE=prod"], source: "--param")
        let terminal = ScriptedTerminal(answers: [])
        let sink = MemoryRunEventSink()
        let executor = RecordingExecutor(output: "using tok-abcdef123456 and xtok-abcdef123456y\n")
        let session = RunSession(
            plan: PlanFixtures.plan(PlanFixtures.mixed),
            options: RunOptions(mode: .automatic(allowMutating: false, allowDestructive: false), runID: "r"),
            parameters: resolver, executor: executor, terminal: terminal, sinks: [sink], clock: FixedClock())
        _ = await session.run()
        let output = sink.events.compactMap(\.output).joined()
        XCTAssertEqual(output, "using [redacted] and x[redacted]y\n")
        XCTAssertFalse(terminal.transcript.contains("tok-abcdef123456"), terminal.transcript)
    }

    func testStepSelection() throws {
        var options = RunOptions(mode: .dryRun, runID: "r")
        options.step = "delete"
        let session = RunSession(
            plan: PlanFixtures.plan(PlanFixtures.mixed), options: options,
            parameters: ParameterResolver(environment: [:]),
            executor: RecordingExecutor(), terminal: nil, sinks: [])
        XCTAssertEqual(try session.selectedSteps().map(\.number), [3])
        options.step = "9"
        let missing = RunSession(
            plan: PlanFixtures.plan(PlanFixtures.mixed), options: options,
            parameters: ParameterResolver(environment: [:]),
            executor: RecordingExecutor(), terminal: nil, sinks: [])
        XCTAssertThrowsError(try missing.selectedSteps()) { XCTAssertTrue("\($0)".contains("1. Look"), "\($0)") }
    }
}
