/// What to run: one bash script with extra environment, a working directory and time bounds.
public struct CommandRequest: Sendable {
    /// The script given to `bash -c`.
    public var script: String
    /// Variables added to the inherited environment (parameter values travel only here).
    public var environment: [String: String]
    /// Working directory; nil for the current one.
    public var workingDirectory: String?
    /// Stop the command after this long (it then counts as timed out).
    public var timeout: Duration
    /// For a never-terminating command: stop it after this long, which counts as success.
    public var follow: Duration?
    /// Keep at most this many bytes of output (the rest is streamed but not kept).
    public var outputCap: Int

    /// Creates a request.
    public init(
        script: String, environment: [String: String] = [:], workingDirectory: String? = nil,
        timeout: Duration = .seconds(60),
        follow: Duration? = nil, outputCap: Int = 64 * 1024
    ) {
        self.script = script
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.follow = follow
        self.outputCap = outputCap
    }
}

/// How a command ended.
public enum CommandStatus: String, Sendable, Codable {
    /// Exit status 0.
    case ok
    /// Non-zero exit status, or killed by a signal it was not asked to stop for.
    case failed
    /// Stopped at its timeout.
    case timedOut = "timed_out"
    /// A never-terminating command stopped at its follow bound: success.
    case followed
    /// Stopped by the operator (Ctrl-C).
    case interrupted
    /// Could not be started (bash missing, bad working directory).
    case notStarted = "not_started"

    /// Whether the run counts this as success.
    public var isSuccess: Bool { self == .ok || self == .followed }
}

/// The outcome of one command.
public struct CommandResult: Sendable {
    /// How it ended.
    public var status: CommandStatus
    /// Exit status (`128 + signal` when a signal ended it; -1 when it never started).
    public var exitStatus: Int
    /// Wall time.
    public var duration: Duration
    /// Output kept (stdout and stderr interleaved), up to the cap, unredacted.
    public var output: String
    /// Total bytes written.
    public var outputBytes: Int
    /// Why it did not start, or how it was stopped.
    public var reason: String?

    /// Creates a result.
    public init(
        status: CommandStatus, exitStatus: Int, duration: Duration, output: String = "", outputBytes: Int = 0,
        reason: String? = nil
    ) {
        self.status = status
        self.exitStatus = exitStatus
        self.duration = duration
        self.output = output
        self.outputBytes = outputBytes
        self.reason = reason
    }
}

/// Runs commands. `CommandExecutor` is the real one; tests script their own.
public protocol CommandRunning: Sendable {
    /// Runs `request`, passing output chunks to `output` as they arrive.
    func run(_ request: CommandRequest, output: @escaping @Sendable ([UInt8]) -> Void) async -> CommandResult
    /// Stops the running command (if any) as the operator asked (Ctrl-C); returns whether one was running.
    @discardableResult func interrupt() -> Bool
}
