import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with its output in a file, through posix_spawn and waitpid.
///
/// Programs that leave a daemon behind (pg_ctl's server, tmux's server) pass it their descriptors;
/// Foundation's `Process` watches one of those to learn that the child ended, so it would wait for the
/// daemon's end instead. Here nothing but the output file is shared, and waitpid sees the exit.
public enum SpawnedCommand {
    /// The exit status (128 + signal for a killed program) and everything it wrote to stdout and stderr.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal number when a signal killed the program.
        public var status: Int32
        /// Stdout and stderr interleaved as written; stderr is left out when discarding errors.
        public var output: String
    }

    /// Runs `program` (looked up on PATH) with `arguments`; stdin is /dev/null.
    public static func run(_ program: String, _ arguments: [String], discardingErrors: Bool = false) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-spawn-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if discardingErrors {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw SpawnError(message: "cannot start \(program): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output)
    }

    /// A program that could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        /// Which program failed to start and why.
        public var message: String
        /// The message.
        public var description: String { message }
    }
}
