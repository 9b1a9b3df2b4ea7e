import Foundation
import StepExecution
import XCTest

final class CommandExecutorTests: XCTestCase {
    private func run(
        _ script: String, env: [String: String] = [:], timeout: Duration = .seconds(20), follow: Duration? = nil,
        cap: Int = 65536
    ) async -> CommandResult {
        await CommandExecutor(grace: .seconds(1)).run(
            CommandRequest(script: script, environment: env, timeout: timeout, follow: follow, outputCap: cap)
        ) { _ in }
    }

    func testExitStatusOutputAndErrexit() async {
        let ok = await run("echo out; echo err >&2")
        XCTAssertEqual(ok.status, .ok)
        XCTAssertEqual(ok.output, "out\nerr\n")
        let failed = await run("false\necho not reached")
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.exitStatus, 1)
        XCTAssertEqual(failed.output, "", "errexit stops at the first failure")
        let piped = await run("false | true")
        XCTAssertEqual(piped.status, .failed, "pipefail makes a failing pipeline fail")
    }

    func testValuesArriveAsEnvironmentAndAreNeverEvaluated() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = "$(touch PWNED) `touch PWNED` \"; touch PWNED; \" '$(id)'\ntouch PWNED"
        let result = await CommandExecutor().run(
            CommandRequest(
                script: "printf '%s' \"${VALUE}\"", environment: ["VALUE": payload], workingDirectory: dir.path)
        ) { _ in }
        XCTAssertEqual(result.output, payload)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("PWNED").path))
    }

    func testTimeoutStopsACommandIgnoringSIGTERMAndItsChildren() async {
        let start = ContinuousClock.now
        let result = await run("trap '' TERM; sleep 1000 & sleep 1000; wait", timeout: .seconds(1))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(result.status, .timedOut)
        XCTAssertLessThan(elapsed, .seconds(6), "bound 1 s + grace 1 s, within the 5 s allowance")
        XCTAssertEqual(result.exitStatus, 137, "SIGKILL after the grace")
    }

    func testNeverTerminatingCommandIsFollowedThenStoppedAsSuccess() async {
        let start = ContinuousClock.now
        let result = await run("echo started; tail -f /dev/null", follow: .seconds(1))
        XCTAssertEqual(result.status, .followed)
        XCTAssertTrue(result.status.isSuccess)
        XCTAssertEqual(result.output, "started\n")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(6))
    }

    func testOutputIsCappedButCounted() async {
        let result = await run("head -c 10000 /dev/zero | tr '\\0' x", cap: 100)
        XCTAssertEqual(result.outputBytes, 10000)
        XCTAssertTrue(
            result.output.hasPrefix(String(repeating: "x", count: 100) + "\n… [9900 more bytes"), result.output)
    }

    func testInterruptStopsOnlyTheRunningCommand() async {
        let executor = CommandExecutor(grace: .seconds(1))
        XCTAssertFalse(executor.interrupt(), "nothing runs yet")
        let started = expectation(description: "output arrived")
        let box = OnceBox(started)
        let task = Task { await executor.run(CommandRequest(script: "echo go; sleep 1000")) { _ in box.fulfill() } }
        await fulfillment(of: [started], timeout: 10)
        XCTAssertTrue(executor.interrupt())
        let result = await task.value
        XCTAssertEqual(result.status, .interrupted)
        let next = await executor.run(CommandRequest(script: "echo again")) { _ in }
        XCTAssertEqual(next.output, "again\n")
    }

    func testMissingWorkingDirectoryIsReported() async {
        let result = await CommandExecutor().run(CommandRequest(script: "true", workingDirectory: "/nonexistent/dir")) {
            _ in
        }
        XCTAssertEqual(result.status, .notStarted)
        XCTAssertTrue(result.reason?.contains("/nonexistent/dir") ?? false, result.reason ?? "")
    }
}

/// Fulfils an expectation once, from any thread.
final class OnceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var expectation: XCTestExpectation?
    init(_ expectation: XCTestExpectation) { self.expectation = expectation }
    func fulfill() {
        lock.withLock {
            expectation?.fulfill()
            expectation = nil
        }
    }
}
