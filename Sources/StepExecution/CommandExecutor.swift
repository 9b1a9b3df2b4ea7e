import Foundation
import Subprocess

#if canImport(SystemPackage)
import SystemPackage
#else
import System
#endif

/// Runs each command in its own `bash --noprofile --norc -o errexit -o pipefail -c SCRIPT`, in its own
/// process group, with standard input from /dev/null and output streamed as it comes.
///
/// At the time bound the whole process group gets SIGTERM, then SIGKILL after `grace`, so a command that
/// ignores SIGTERM or leaves children behind still ends. `interrupt()` (Ctrl-C) stops the group the same way.
///
/// ```swift
/// let result = await CommandExecutor().run(CommandRequest(script: "kubectl get pods", environment: ["NAMESPACE": ns])) {
///     FileHandle.standardOutput.write(Data($0))
/// }
/// ```
public final class CommandExecutor: CommandRunning, @unchecked Sendable {
    /// Time between SIGTERM and SIGKILL.
    public let grace: Duration
    /// The shell.
    public let bash: String
    private let lock = NSLock()
    private var current: ProcessGroupStopper?

    /// Creates an executor.
    public init(grace: Duration = .seconds(2), bash: String = "/bin/bash") {
        self.grace = grace
        self.bash = bash
    }

    /// Stops the running command's process group (SIGTERM, then SIGKILL after `grace`); returns whether one was
    /// running.
    public func interrupt() -> Bool {
        guard let stopper = lock.withLock({ current }) else { return false }
        stopper.stop(.interrupted)
        return true
    }

    /// Runs `request`, passing output chunks to `output` as they arrive, and stops it at its `follow` bound (when
    /// set and not longer than `timeout`) or else at `timeout`; a command that cannot start gives `.notStarted`.
    public func run(_ request: CommandRequest, output: @escaping @Sendable ([UInt8]) -> Void) async -> CommandResult {
        let start = ContinuousClock.now
        let stopper = ProcessGroupStopper(grace: grace)
        lock.withLock { current = stopper }
        defer { lock.withLock { current = nil } }

        let followBound = request.follow.flatMap { $0 <= request.timeout ? $0 : nil }
        let following = followBound != nil
        let bound = followBound ?? request.timeout
        let watchdog = Task {
            do { try await Task.sleep(for: bound) } catch { return }
            stopper.stop(following ? .followed : .timedOut)
        }
        defer { watchdog.cancel() }

        var options = PlatformOptions()
        options.processGroupID = 0
        var environment: [Environment.Key: String?] = [:]
        for (name, value) in request.environment {
            if let key = Environment.Key(rawValue: name) { environment[key] = value }
        }
        let configuration = Configuration(
            executable: .path(FilePath(bash)),
            arguments: Arguments(["--noprofile", "--norc", "-o", "errexit", "-o", "pipefail", "-c", request.script]),
            environment: .inherit.updating(environment),
            workingDirectory: request.workingDirectory.map { FilePath($0) },
            platformOptions: options)
        do {
            let cap = request.outputCap
            let result = try await Subprocess.run(
                configuration, input: .none, output: .sequence, error: .combinedWithOutput
            ) { execution in
                stopper.started(pid: execution.processIdentifier.value)
                var capture = OutputCapture(cap: cap)
                for try await buffer in execution.standardOutput {
                    let bytes = buffer.withUnsafeBytes { Array($0) }
                    capture.append(bytes)
                    output(bytes)
                }
                return capture
            }
            stopper.finished()
            let exitStatus: Int
            switch result.terminationStatus {
            case .exited(let code): exitStatus = Int(code)
            case .signaled(let signal): exitStatus = 128 + Int(signal)
            }
            let capture = result.closureResult
            let duration = ContinuousClock.now - start
            let status: CommandStatus
            var reason: String?
            switch stopper.reason {
            case .followed?:
                status = .followed
                reason = "runs until stopped; followed for \(DurationText.format(bound)) then stopped"
            case .timedOut?:
                status = .timedOut
                reason =
                    "did not finish within \(DurationText.format(bound)); stopped (raise it with --timeout or {timeout=…})"
            case .interrupted?:
                status = .interrupted
                reason = "stopped by the operator"
            case nil:
                status = exitStatus == 0 ? .ok : .failed
            }
            return CommandResult(
                status: status, exitStatus: exitStatus, duration: duration, output: capture.text,
                outputBytes: capture.total, reason: reason)
        } catch {
            stopper.finished()
            return CommandResult(
                status: .notStarted, exitStatus: -1, duration: ContinuousClock.now - start,
                reason:
                    "could not start \(bash)\(request.workingDirectory.map { " in \($0)" } ?? ""): \(error); check that bash is installed and the directory exists"
            )
        }
    }
}

/// Why a process group was stopped.
enum StopReason: Sendable {
    case timedOut, followed, interrupted
}

/// Sends SIGTERM to a process group, then SIGKILL after a grace period unless it has finished.
final class ProcessGroupStopper: @unchecked Sendable {
    private let lock = NSLock()
    private let grace: Duration
    private var pid: pid_t?
    private var done = false
    private(set) var reasonStorage: StopReason?

    init(grace: Duration) { self.grace = grace }

    var reason: StopReason? { lock.withLock { reasonStorage } }

    func started(pid: pid_t) {
        let pending = lock.withLock { () -> Bool in
            self.pid = pid
            return reasonStorage != nil
        }
        if pending { signalGroup(SIGTERM) }
    }

    func finished() { lock.withLock { done = true } }

    func stop(_ reason: StopReason) {
        let first = lock.withLock { () -> Bool in
            guard reasonStorage == nil, !done else { return false }
            reasonStorage = reason
            return true
        }
        guard first else { return }
        signalGroup(SIGTERM)
        let nanoseconds =
            UInt64(grace.components.seconds) * 1_000_000_000 + UInt64(grace.components.attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            signalGroup(SIGKILL)
        }
    }

    private func signalGroup(_ signal: Int32) {
        lock.withLock {
            guard let pid, !done else { return }
            kill(-pid, signal)
            kill(pid, signal)
        }
    }
}
