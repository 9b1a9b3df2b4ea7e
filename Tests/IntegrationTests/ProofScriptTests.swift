import Foundation
import XCTest

/// Runs the proof scripts against the built `firebreak`, in reduced form, so that `make test`
/// covers them: `scripts/durability.py` (kill -9 while webhooks are posted; nothing acknowledged
/// may be lost) on both backends, and `scripts/fuzz-api.sh` (schemathesis against /openapi.json).
final class ProofScriptTests: XCTestCase {
    func testKillNineLosesNoAcknowledgedWebhookOnSQLite() throws {
        try assertDurable(backend: "sqlite")
    }

    func testKillNineLosesNoAcknowledgedWebhookOnPostgreSQL() throws {
        try assertDurable(backend: "postgres")
    }

    func testFuzzingTheAPIFindsNoServerErrorAndNothingOffTheDocument() throws {
        let result = try runScript(
            "fuzz-api", ["bash", "scripts/fuzz-api.sh"], environment: ["MAX_EXAMPLES": "30"], timeout: 1200)
        XCTAssertEqual(result.status, 0, "schemathesis found problems:\n\(result.output.suffix(20000))")
        // Three runs (admin, ingest, token revocation), each of which must have tested operations.
        let tested = result.output.split(separator: "\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && parts[0] == "Tested" ? Int(parts[1]) : nil
        }
        XCTAssertEqual(tested.count, 3, String(result.output.suffix(4000)))
        XCTAssertFalse(tested.contains(0), "a run tested no operation: \(tested)")
    }

    private func assertDurable(backend: String, rounds: Int = 3) throws {
        let result = try runScript(
            "durability-\(backend)",
            ["python3", "scripts/durability.py", "--backend", backend, "--rounds", String(rounds)], timeout: 600)
        XCTAssertEqual(result.status, 0, result.output)
        // The summary row: backend, rounds, acknowledged, lost.
        let row = result.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            .first { $0.count == 4 && $0[0] == backend }
        XCTAssertEqual(row?[1], String(rounds), result.output)
        XCTAssertGreaterThan(Int(row?[2] ?? "") ?? 0, 0, "nothing was acknowledged:\n\(result.output)")
        XCTAssertEqual(row?[3], "0", result.output)
    }

    private func runScript(
        _ name: String, _ command: [String], environment: [String: String] = [:], timeout: TimeInterval
    )
        throws -> (status: Int32, output: String)
    {
        let scratch = try IntegrationScratch("firebreak-\(name)")
        defer { scratch.remove() }
        let child = try ChildProcess(
            name, executable: IntegrationPaths.env, arguments: command, log: scratch.path("\(name).log"),
            environment: environment.merging(["FIREBREAK": IntegrationPaths.firebreak.path]) { $1 })
        let status = child.wait(timeout: timeout)
        return (status, child.output)
    }
}
