import Foundation
import XCTest

/// `firebreak serve` on SQLite in a scratch directory, listening on a free 127.0.0.1 port, with
/// an ingest and an admin token created by `firebreak token create` beforehand.
final class FirebreakServerProcess {
    let port: Int
    let ingestToken: String
    let adminToken: String
    let process: ChildProcess
    var base: String { "http://127.0.0.1:\(port)" }

    init(scratch: IntegrationScratch) async throws {
        let dataDir = scratch.path("data")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        ingestToken = try Self.createToken(role: "ingest", dataDir: dataDir, scratch: scratch)
        adminToken = try Self.createToken(role: "admin", dataDir: dataDir, scratch: scratch)
        port = try IntegrationPaths.freePort()
        process = try ChildProcess(
            "firebreak serve", executable: IntegrationPaths.firebreak,
            arguments: [
                "serve", "--config", IntegrationPaths.exampleConfig.path, "--data-dir", dataDir.path,
                "--listen", "127.0.0.1:\(port)",
            ],
            log: scratch.path("firebreak.log"))
        try await process.waitUntilAnswering(
            JSONHTTP(base: "http://127.0.0.1:\(port)"), path: "/health/ready", seconds: 60)
    }

    /// The API as the admin.
    var admin: JSONHTTP { JSONHTTP(base: base, token: adminToken) }

    private static func createToken(role: String, dataDir: URL, scratch: IntegrationScratch) throws -> String {
        let out = scratch.path("token-\(role).out")
        let child = try ChildProcess(
            "firebreak token create", executable: IntegrationPaths.firebreak,
            arguments: [
                "token", "create", "--name", "integration-\(role)", "--role", role, "--data-dir", dataDir.path,
            ],
            log: out)
        let status = child.wait(timeout: 60)
        let lines = child.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // The secret is the last line of stdout; log lines, if any, come before it.
        guard status == 0, let secret = lines.last(where: { !$0.isEmpty && !$0.contains(" ") }) else {
            throw IntegrationError("firebreak token create --role \(role) failed (\(status)): \(child.output)")
        }
        return secret
    }
}
