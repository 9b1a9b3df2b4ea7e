import FirebreakTesting
import Foundation
import XCTest

/// `firebreak run` on a real terminal: tmux runs it in a detached session, the test sends keys and reads
/// the screen with capture-pane.
final class RunInteractiveTests: XCTestCase {
    private var session = ""

    private func tmux(_ arguments: [String]) throws -> String {
        // tmux's server outlives the first call and inherits its descriptors: see SpawnedCommand.
        try SpawnedCommand.run("tmux", arguments, discardingErrors: true).output
    }

    private func screen() throws -> String { try tmux(["capture-pane", "-p", "-S", "-200", "-t", session]) }

    /// Waits until the screen shows `text` `count` times, or fails with the screen after 20 s.
    @discardableResult
    private func waitFor(
        _ text: String, count: Int = 1, file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        var shown = ""
        while Date() < deadline {
            shown = try screen()
            if shown.components(separatedBy: text).count - 1 >= count { return shown }
            usleep(100_000)
        }
        XCTFail("screen never showed \(count)× '\(text)':\n\(shown)", file: file, line: line)
        throw ScreenTimeout(expected: text)
    }

    /// Waits until a process whose command line contains `pattern` runs (20 s at most).
    private func waitForProcess(_ pattern: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try SpawnedCommand.run("pgrep", ["-f", pattern], discardingErrors: true).status == 0 { return }
            usleep(50_000)
        }
        XCTFail("no process running '\(pattern)' appeared", file: file, line: line)
        throw ScreenTimeout(expected: pattern)
    }

    private func send(_ keys: String..., literal: Bool = false) throws {
        _ = try tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    override func tearDown() {
        if !session.isEmpty { _ = try? tmux(["kill-session", "-t", session]) }
    }

    func testOperatorDrivesARunWithKeys() throws {
        let scratch = try Scratch()
        try scratch.write(
            "interactive.md",
            """
            ---
            id: E2E-TTY
            title: Terminal fixture
            ---
            # Terminal fixture

            ## Steps

            ### Step 1: Look

            ```bash
            echo step-one-ran
            ```

            ### Step 2: Change

            ```bash
            touch mutated.txt
            ```

            ### Step 3: Refuse

            ```bash
            touch declined.txt
            ```

            ### Step 4: Destroy

            ```bash
            rm -f victim.txt
            ```

            ### Step 5: Pick

            ```bash
            # Option 1: First way
            echo first-way-ran
            # Option 2: Second way
            echo second-way-ran
            ```

            ### Step 6: Wait

            ```bash
            sleep 1000
            ```

            ### Step 7: Ask

            ```bash
            echo "typed: <value>"
            ```
            """)
        try scratch.write("victim.txt", "delete me")
        session = "fbrun-\(UUID().uuidString.prefix(8))"
        let command =
            "cd '\(scratch.url.path)' && '\(FirebreakBinary.url.path)' run interactive.md; echo EXIT=$?; sleep 600"
        _ = try tmux(["new-session", "-d", "-s", session, "-x", "160", "-y", "50", command])

        try waitFor("Enter to run")
        try send("Enter")
        try waitFor("step-one-ran")
        try waitFor("Run this mutating command? [y/N]")
        try send("y", "Enter")
        try waitFor("Run this mutating command? [y/N]", count: 2)
        try send("n", "Enter")
        try waitFor("Type the runbook id (E2E-TTY)")
        try send("E2E-TTY", literal: true)
        try send("Enter")
        try waitFor("Choose 1-2")
        try send("2", "Enter")
        try waitFor("Enter to run", count: 2)
        try send("Enter")
        try waitFor("second-way-ran")
        try waitFor("[read-only] sleep 1000")
        try waitFor("Enter to run", count: 3)
        try send("Enter")
        try waitForProcess("sleep 1000")
        try send("C-c")
        try waitFor("interrupted — back at the prompt")
        try waitFor("Enter to run", count: 4)
        try send("s", "Enter")
        try waitFor("Enter to run", count: 5)
        try send("Enter")
        try waitFor("Value for VALUE")
        try send("$(touch PWNED)", literal: true)
        try send("Enter")
        let final = try waitFor("EXIT=")

        XCTAssertTrue(final.contains("typed: $(touch PWNED)"), final)
        XCTAssertTrue(final.contains("EXIT=0"), final)
        XCTAssertFalse(
            final.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "first-way-ran" }, final)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        XCTAssertTrue(files.contains("mutated.txt"), "\(files)")
        XCTAssertFalse(files.contains("declined.txt"), "\(files)")
        XCTAssertFalse(files.contains("victim.txt"), "\(files)")
        XCTAssertFalse(files.contains("PWNED"), "\(files)")
        let log = try RunHarness.logs(in: scratch.url)
        XCTAssertTrue(log.contains("\"status\":\"interrupted\""), log)
        XCTAssertTrue(log.contains("\"choice\":\"Option 2: Second way\"") || log.contains("Second way"), log)
    }
}

/// The screen did not show what a test waited for.
struct ScreenTimeout: Error {
    var expected: String
}
