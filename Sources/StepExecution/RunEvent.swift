import Foundation
import RunbookModel

/// One thing that happened during a run: one JSON line of the run log.
///
/// Keys are snake_case and absent fields are omitted:
/// ```json
/// {"event":"command","time":"2026-11-23T18:48:38.120Z","run_id":"20261123T184838Z-4f2a","runbook":"LED-API-001",
///  "step":2,"command":"kubectl get pods -n \"${NAMESPACE}\"","class":"read-only","decision":"ran",
///  "status":"ok","exit_status":0,"duration_ms":412,"output":"NAME READY …","output_bytes":812}
/// ```
public struct RunEvent: Codable, Sendable, Equatable {
    /// What the event records.
    public enum Kind: String, Codable, Sendable {
        /// The run began: runbook, mode, parameters (secrets redacted), user, host, incident.
        case runStarted = "run_started"
        /// A step was entered.
        case stepStarted = "step_started"
        /// A command ran, was skipped or was declined.
        case command
        /// The operator (or a flag) picked one of several alternatives.
        case choice
        /// A step was left (done, skipped, or gone back from).
        case stepFinished = "step_finished"
        /// The run ended: status, counts.
        case runFinished = "run_finished"
    }

    /// The kind of event (`event` in JSON).
    public var kind: Kind
    /// When it happened.
    public var time: Date
    /// The run this event belongs to.
    public var runID: String
    /// Runbook id.
    public var runbook: String?
    /// 1-based step number.
    public var step: Int?
    /// The step's title (on `step_started`).
    public var stepTitle: String?
    /// The command as run (placeholders rewritten to variable references), secrets redacted.
    public var command: String?
    /// Source line of the command in the runbook file.
    public var line: Int?
    /// The command's safety class.
    public var safetyClass: SafetyClass?
    /// `ran`, `skipped`, `declined`, `chosen`, `back`, `quit`.
    public var decision: String?
    /// Who decided: `operator`, `flag`, `gate`, `dry-run`.
    public var decidedBy: String?
    /// Why (for skips, failures and stops), in plain words.
    public var reason: String?
    /// For commands: `ok`, `failed`, `timed_out`, `followed` (a never-ending command stopped at its bound,
    /// which counts as success), `interrupted`, `not_run`. For `run_finished`: `succeeded`, `failed`, `quit`,
    /// `interrupted`.
    public var status: String?
    /// The shell's exit status (a signal `n` gives `128 + n`).
    public var exitStatus: Int?
    /// Wall time, in milliseconds.
    public var durationMS: Int?
    /// Captured output (stdout and stderr interleaved), capped and redacted.
    public var output: String?
    /// Total bytes the command wrote (also those beyond the cap).
    public var outputBytes: Int?
    /// Parameter values the run uses, secrets redacted (on `run_started`).
    public var parameters: [String: String]?
    /// Alternative label chosen (on `choice`).
    public var choice: String?
    /// `interactive`, `auto`, `dry-run` (on `run_started`).
    public var mode: String?
    /// The runbook file (on `run_started`).
    public var file: String?
    /// Who ran it (on `run_started`).
    public var user: String?
    /// Host name of the machine it ran on (on `run_started`).
    public var host: String?
    /// Incident the run belongs to, when given.
    public var incident: String?
    /// Counts of commands by status (on `run_finished`).
    public var counts: [String: Int]?

    /// Creates an event; every field but kind, time and run id is optional.
    public init(_ kind: Kind, time: Date, runID: String) {
        self.kind = kind
        self.time = time
        self.runID = runID
    }

    enum CodingKeys: String, CodingKey {
        case kind = "event", time, runID = "run_id", runbook, step, stepTitle = "step_title", command, line
        case safetyClass = "class", decision, decidedBy = "decided_by", reason, status, exitStatus = "exit_status"
        case durationMS = "duration_ms", output, outputBytes = "output_bytes", parameters, choice, mode, file, user,
            host
        case incident, counts
    }

    /// The encoder every sink uses: one line, sorted keys, ISO 8601 times with milliseconds.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RunEvent.timestamp(date))
        }
        return encoder
    }

    /// The decoder for run logs written by `makeEncoder`.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = RunEvent.parseTimestamp(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath, debugDescription: "expected an ISO 8601 time, found '\(text)'"))
            }
            return date
        }
        return decoder
    }

    /// `2026-11-23T18:48:38.120Z`, formatted by hand: a formatter per event would cost more than a command.
    static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let millis = min(999, Int(((interval - Double(seconds)) * 1000).rounded()))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):"
            + "\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
