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
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-pg-\(UUID().uuidString.prefix(8))")
        let output = try Self.run(Self.script, ["start", directory.path])
        guard output.status == 0, let line = output.text.split(separator: "\n").last(where: { $0.hasPrefix("postgres://") }) else {
            throw ClusterError(message: "scripts/pg-test-cluster.sh start failed (exit \(output.status)):\n\(output.text)")
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
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/pg-test-cluster.sh").path
    }

    /// Runs a program with its output in a file, through posix_spawn and waitpid: the server that
    /// pg_ctl leaves running inherits the child's descriptors, so Foundation's `Process` (which
    /// watches one of them) would wait for the server's end.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-run-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterError(message: "cannot start \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }

    struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
