import Foundation
import XCTest

/// `firebreak run` end to end: the safety gate, alternatives, injection, time bounds, redaction.
final class RunCommandTests: XCTestCase {
    private func exists(_ scratch: Scratch, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(name).path)
    }

    func testAutoReadOnlyRunsReadOnlyAndSkipsTheRest() throws {
        let scratch = try Scratch()
        try scratch.write("gate.md", RunHarness.gated)
        try scratch.write("victim.txt", "keep me")
        let result = try RunHarness.run(["run", "gate.md", "--auto", "read-only"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        XCTAssertTrue(result.stdout.contains("read-only-ran"), result.stdout)
        XCTAssertFalse(exists(scratch, "mutated.txt"), "a mutating command ran under --auto read-only")
        XCTAssertTrue(exists(scratch, "victim.txt"), "a destructive command ran under --auto read-only")
        XCTAssertFalse(exists(scratch, "chose-first.txt") || exists(scratch, "chose-second.txt"))
        let decisions = try RunHarness.events(in: scratch.url).filter { $0["event"] as? String == "command" }.map {
            $0["decision"] as? String ?? ""
        }
        XCTAssertEqual(decisions, ["ran", "skipped", "skipped"])
    }

    func testDestructiveNeedsBothFlagsAndOnlyTheChosenAlternativeRuns() throws {
        let scratch = try Scratch()
        try scratch.write("gate.md", RunHarness.gated)
        try scratch.write("victim.txt", "keep me")
        let yes = try RunHarness.run(["run", "gate.md", "--yes", "--choose", "2"], in: scratch.url)
        XCTAssertEqual(yes.status, 0, yes.stderr + yes.stdout)
        XCTAssertTrue(exists(scratch, "mutated.txt"))
        XCTAssertTrue(exists(scratch, "victim.txt"), "destructive ran with --yes alone")
        XCTAssertTrue(exists(scratch, "chose-second.txt"))
        XCTAssertFalse(exists(scratch, "chose-first.txt"), "both alternatives ran")

        let flagOnly = try RunHarness.run(
            ["run", "gate.md", "--auto", "read-only", "--allow-destructive"], in: scratch.url)
        XCTAssertEqual(flagOnly.status, 0, flagOnly.stderr)
        XCTAssertTrue(exists(scratch, "victim.txt"), "destructive ran with --allow-destructive alone")

        let both = try RunHarness.run(
            ["run", "gate.md", "--yes", "--allow-destructive", "--step", "3"], in: scratch.url)
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertFalse(exists(scratch, "victim.txt"), "destructive did not run with both flags")
    }

    func testNoTerminalWithoutFlagsIsAUsageError() throws {
        let scratch = try Scratch()
        try scratch.write("gate.md", RunHarness.gated)
        let result = try RunHarness.run(["run", "gate.md"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--auto read-only"), result.stderr)
    }

    func testDryRunPrintsThePlanAndRunsNothing() throws {
        let scratch = try Scratch()
        try scratch.write("gate.md", RunHarness.gated)
        try scratch.write("victim.txt", "keep me")
        let result = try RunHarness.run(["run", "gate.md", "--dry-run", "--yes"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("[mutating] touch mutated.txt"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[destructive] rm -f victim.txt"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--allow-destructive"), result.stdout)
        XCTAssertFalse(result.stdout.contains("✓"), "dry run ran a command: \(result.stdout)")
        XCTAssertFalse(exists(scratch, "mutated.txt"))
        XCTAssertFalse(exists(scratch, ".firebreak/runs"), "a dry run writes no run log")
    }

    func testInjectionPayloadsNeverRunInAnyPath() throws {
        let payloads = [
            "$(touch PWNED)", "`touch PWNED`", "\"; touch PWNED; \"", "'$(id)'; touch PWNED", "x\ntouch PWNED",
        ]
        let runbook = """
            # Injection

            ## Steps

            ### Step 1: Echo

            ```bash
            echo "value: <value>"
            echo value: <value>
            echo "label: ${NAMESPACE:-none} env: ${FROM_ENV:-none} file: ${FROM_FILE:-none}"
            ```
            """
        for payload in payloads {
            let scratch = try Scratch()
            try scratch.write("inject.md", runbook)
            let escaped = payload.replacingOccurrences(of: "\n", with: "\\n")
            let single = payload.replacingOccurrences(of: "\n", with: " ")
            try scratch.write("values.env", "VALUE=\(single)\nFROM_FILE=\"\(single)\"\n")
            for arguments in [
                ["--param", "VALUE=\(payload)"], ["--env-file", "values.env"],
                ["--label", "value=\(payload)", "--label", "namespace=\(payload)"],
            ] {
                let result = try RunHarness.run(
                    ["run", "inject.md", "--auto", "read-only"] + arguments, in: scratch.url,
                    environment: ["FROM_ENV": payload, "VALUE": payload])
                XCTAssertEqual(result.status, 0, "payload \(escaped): \(result.stderr) \(result.stdout)")
                XCTAssertFalse(exists(scratch, "PWNED"), "payload \(escaped) via \(arguments.first!) executed")
            }
            let printed = try RunHarness.run(
                ["run", "inject.md", "--auto", "read-only", "--param", "VALUE=\(payload)"], in: scratch.url)
            XCTAssertTrue(printed.stdout.contains("value: \(payload.split(separator: "\n").first!)"), printed.stdout)
        }
    }

    func testTimeBoundsEndCommandsAndTheRunGoesOn() throws {
        let scratch = try Scratch()
        try scratch.write(
            "bounds.md",
            """
            # Bounds

            ## Steps

            ### Step 1: Follow

            ```bash
            tail -f /dev/null
            ```

            ### Step 2: Sleep

            ```bash
            sleep 1000
            ```

            ### Step 3: Stubborn

            ```bash
            trap '' TERM; sleep 1000
            ```

            ### Step 4: After

            ```bash
            echo after-the-bounds
            ```
            """)
        let result = try RunHarness.run(
            ["run", "bounds.md", "--yes", "--timeout", "2s", "--follow-for", "2s"], in: scratch.url)
        XCTAssertTrue(result.stdout.contains("after-the-bounds"), result.stdout)
        XCTAssertEqual(result.status, 1, "timed-out commands are failures; the followed one is not")
        let commands = try RunHarness.events(in: scratch.url).filter { $0["event"] as? String == "command" }
        XCTAssertEqual(commands.map { $0["status"] as? String ?? "" }, ["followed", "timed_out", "timed_out", "ok"])
        for command in commands.prefix(3) {
            XCTAssertLessThan(command["duration_ms"] as? Int ?? .max, (2 + 5) * 1000, "\(command)")
        }
        XCTAssertLessThan(result.seconds, 3 * (2 + 5) + 5)
    }

    func testSecretsFromTheEnvironmentAreRedactedInLogAndRunsOutput() throws {
        let scratch = try Scratch()
        let secret = "s3cr3t-Value-9f8e7d"
        try scratch.write(
            "secret.md",
            """
            # Secret

            ## Steps

            ### Step 1: Leak

            ```bash
            echo "$SERVICE_TOKEN"
            echo "prefix${SERVICE_TOKEN}suffix and more"
            ```
            """)
        let run = try RunHarness.run(
            ["run", "secret.md", "--auto", "read-only"], in: scratch.url, environment: ["SERVICE_TOKEN": secret])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains(secret), run.stdout)
        let log = try RunHarness.logs(in: scratch.url)
        XCTAssertFalse(log.contains(secret), log)
        XCTAssertFalse(log.contains("s3cr3t"), log)
        XCTAssertTrue(log.contains("prefix[redacted]suffix and more"), log)
        let list = try RunHarness.run(["runs"], in: scratch.url)
        XCTAssertEqual(list.status, 0, list.stderr)
        let id = try XCTUnwrap(list.stdout.split(separator: " ").first.map(String.init))
        for arguments in [["runs", id], ["runs", id, "--json"], ["runs", "--json"]] {
            let shown = try RunHarness.run(arguments, in: scratch.url)
            XCTAssertEqual(shown.status, 0, shown.stderr)
            XCTAssertFalse(shown.stdout.contains(secret), shown.stdout)
        }
        XCTAssertTrue(try RunHarness.run(["runs", id], in: scratch.url).stdout.contains("[redacted]"))
    }

    func testJSONPrintsEventsAndMissingParameterIsAUsageError() throws {
        let scratch = try Scratch()
        try scratch.write("gate.md", RunHarness.gated)
        let json = try RunHarness.run(
            ["run", "gate.md", "--auto", "read-only", "--json", "--incident", "INC-42"], in: scratch.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        let kinds = try json.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(kinds.first?["event"] as? String, "run_started")
        XCTAssertEqual(kinds.first?["incident"] as? String, "INC-42")
        XCTAssertEqual(kinds.last?["event"] as? String, "run_finished")

        try scratch.write("param.md", "# P\n\n## Steps\n\n### Step 1: Logs\n\n```bash\nkubectl logs <pod-name>\n```\n")
        let missing = try RunHarness.run(["run", "param.md", "--auto", "read-only"], in: scratch.url)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("POD_NAME") && missing.stderr.contains("--param"), missing.stderr)
    }
}
