import ArgumentParser
import Foundation
import StepExecution

/// `firebreak runs [ID]`: the recorded runs, or one run's events.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded runs, or show one run's events (secrets are already redacted in the log).")

    @Argument(help: "A run id (or a unique prefix of one) to show its events.")
    var id: String?

    @Flag(
        help:
            "Print JSON: the list as [{id, runbook, started, status, incident, counts, file}], or one run's events as JSON lines."
    )
    var json = false

    @Option(name: .customLong("data-dir"), help: "Where run logs are (DIR/runs).")
    var dataDir: String = ".firebreak"

    func run() throws {
        let log = RunLog(directory: (dataDir as NSString).appendingPathComponent("runs"))
        do {
            if let id {
                let events = try log.events(of: id)
                if json {
                    let encoder = RunEvent.makeEncoder()
                    for event in events {
                        Output.standard(String(decoding: try encoder.encode(event), as: UTF8.self) + "\n")
                    }
                } else {
                    Output.standard(events.map(RunsCommand.line).joined(separator: "\n") + "\n")
                }
                return
            }
            let entries = try log.list()
            if json { return try JSONOutput.write(entries) }
            if entries.isEmpty { return Output.standard("No runs in \(log.directory).\n") }
            for entry in entries {
                let counts = entry.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                    separator: ", ")
                let started = entry.started.map { ISO8601DateFormatter().string(from: $0) } ?? "?"
                Output.standard(
                    "\(entry.id)  \(started)  \(entry.runbook ?? "?")  \(entry.status ?? "unfinished")  \(counts)\(entry.incident.map { "  incident \($0)" } ?? "")\n"
                )
            }
        } catch let error as RunError {
            Output.error(error.message)
            throw ExitCode(2)
        }
    }

    /// One event as a readable line.
    static func line(_ event: RunEvent) -> String {
        var parts = [ISO8601DateFormatter().string(from: event.time), event.kind.rawValue]
        if let step = event.step { parts.append("step \(step)") }
        if let title = event.stepTitle { parts.append(title) }
        if let safety = event.safetyClass { parts.append("[\(safety.rawValue)]") }
        if let command = event.command { parts.append(command.replacingOccurrences(of: "\n", with: " ⏎ ")) }
        if let choice = event.choice { parts.append("chose \(choice)") }
        if let decision = event.decision { parts.append(decision) }
        if let status = event.status { parts.append(status) }
        if let exit = event.exitStatus { parts.append("exit \(exit)") }
        if let ms = event.durationMS { parts.append("\(ms)ms") }
        if let reason = event.reason { parts.append("(\(reason))") }
        if let parameters = event.parameters, !parameters.isEmpty {
            parts.append(parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        var line = parts.joined(separator: "  ")
        if let output = event.output, !output.isEmpty {
            line +=
                "\n"
                + output.split(separator: "\n", omittingEmptySubsequences: false).map { "    | " + $0 }.joined(
                    separator: "\n")
        }
        return line
    }
}
