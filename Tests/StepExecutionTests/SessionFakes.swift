import Foundation
import StepExecution

/// Records the scripts it is asked to run and answers with scripted results.
final class RecordingExecutor: CommandRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var ran: [CommandRequest] = []
    private var results: [CommandStatus]
    private let outputText: String

    init(results: [CommandStatus] = [], output: String = "") {
        self.results = results
        self.outputText = output
    }

    func run(_ request: CommandRequest, output: @escaping @Sendable ([UInt8]) -> Void) async -> CommandResult {
        let status = lock.withLock { () -> CommandStatus in
            ran.append(request)
            return results.isEmpty ? .ok : results.removeFirst()
        }
        output(Array(outputText.utf8))
        return CommandResult(
            status: status, exitStatus: status == .ok ? 0 : 1, duration: .milliseconds(5), output: outputText,
            outputBytes: outputText.utf8.count)
    }

    func interrupt() -> Bool { false }

    var requests: [CommandRequest] { lock.withLock { ran } }
    /// The last line of each script run (the command itself, after carried setup).
    var commands: [String] { requests.map { String($0.script.split(separator: "\n").last ?? "") } }
}

/// A clock frozen at one instant.
struct FixedClock: RunClock {
    var date = Date(timeIntervalSince1970: 1_800_000_000)
    func now() -> Date { date }
}
