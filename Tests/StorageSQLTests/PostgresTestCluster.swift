import FirebreakTesting
import Foundation
import XCTest

/// A throwaway PostgreSQL cluster started through `scripts/pg-test-cluster.sh`, shared by a test class.
final class PostgresTestCluster: @unchecked Sendable {
    let directory: URL
    /// The cluster's admin URL (database `postgres`).
    let url: String
    private let lock = NSLock()
    private var databases = 0

    /// Starts a cluster in a new temporary directory; throws with the script's output when it cannot.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-pg-\(UUID().uuidString.prefix(8))")
        // With this process's id the script stops the cluster should the tests crash.
        let output = try Self.run(Self.script, ["start", directory.path, String(getpid())])
        guard output.status == 0,
            let line = output.text.split(separator: "\n").last(where: { $0.hasPrefix("postgres://") })
        else {
            throw ClusterError(
                message: "scripts/pg-test-cluster.sh start failed (exit \(output.status)):\n\(output.text)")
        }
        url = String(line)
    }

    /// A URL of a new, empty database in the cluster.
    func makeDatabase() throws -> String {
        let name = lock.withLock { () -> String in
            databases += 1
            return "store_\(databases)"
        }
        let output = try Self.run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-Atc", "CREATE DATABASE \(name)"])
        guard output.status == 0 else { throw ClusterError(message: "CREATE DATABASE \(name) failed:\n\(output.text)") }
        return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Stops the server and deletes its directory.
    func stop() {
        _ = try? Self.run(Self.script, ["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The repository's script, found from this file's path.
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("scripts/pg-test-cluster.sh").path
    }

    /// Runs a program with its output in a file (see `SpawnedCommand` for why not `Process`).
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let result = try SpawnedCommand.run(program, arguments)
        return (result.status, result.output)
    }

    struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
