import Foundation
import Hummingbird
import IncidentEngine

/// `POST /api/v1/incidents/{id}/runs`: the events of a `firebreak run --incident ID` become timeline entries.
enum RunRoutes {
    struct RunBody: Decodable {
        var runID: String
        var runbook: String
        var events: [[String: JSONValue]]

        enum CodingKeys: String, CodingKey {
            case runbook, events
            case runID = "run_id"
        }
    }

    static let maxEvents = 10_000

    static func record(_ call: inout APICall) async throws -> Response {
        let id = try call.incidentID()
        let body = try await call.decode(RunBody.self, limit: 8 << 20)
        guard !body.runID.isEmpty, body.runID.count <= 128, !body.runID.utf8.contains(0) else {
            throw APIError.badRequest("run_id must be 1 to 128 characters")
        }
        guard !body.runbook.isEmpty, body.runbook.count <= 256, !body.runbook.utf8.contains(0) else {
            throw APIError.badRequest("runbook must be a runbook id, 1 to 256 characters")
        }
        guard body.events.count <= maxEvents else {
            throw APIError.tooLarge(
                "events has \(body.events.count) entries, more than \(maxEvents); post the run in parts")
        }
        let now = call.environment.now()
        var entries: [TimelineEvent] = []
        for (index, event) in body.events.enumerated() {
            guard case .string(let type)? = event["event"], !type.isEmpty else {
                throw APIError.badRequest(
                    "events[\(index)].event is missing or not a string; send the run log's lines as they are "
                        + "(run_started, step_started, command, choice, step_finished, run_finished)",
                    code: "invalid_body")
            }
            if let entry = try entry(for: event, type: type, body: body, actor: call.actor, now: now, index: index) {
                entries.append(entry)
            }
        }
        return try await IncidentRoutes.append(entries, to: id, call)
    }

    private static func entry(
        for event: [String: JSONValue], type: String, body: RunBody, actor: String?, now: Date, index: Int
    ) throws -> TimelineEvent? {
        var details: [String: String] = ["run_id": body.runID, "runbook": body.runbook, "event": type]
        for (key, value) in event where key != "event" {
            guard let text = scalarText(value) else { continue }
            guard !text.utf8.contains(0), text.utf8.count <= 64 * 1024 else {
                throw APIError.badRequest("events[\(index)].\(key) contains a NUL character or is longer than 64 KiB")
            }
            details[key] = text
        }
        let at = event["time"].flatMap(scalarText).flatMap(TimestampParser.parse) ?? now
        switch type {
        case "command":
            guard case .string(let command)? = event["command"] else { return nil }
            return TimelineEvent(
                at: at, kind: .commandRun, actor: actor, message: commandMessage(command, details), details: details)
        case "run_started":
            return TimelineEvent(
                at: at, kind: .commandRun, actor: actor, message: "Run \(body.runID) of \(body.runbook) started",
                details: details)
        case "run_finished":
            let suffix = details["status"].map { ": \($0)" } ?? ""
            return TimelineEvent(
                at: at, kind: .commandRun, actor: actor,
                message: "Run \(body.runID) of \(body.runbook) finished\(suffix)", details: details)
        default:
            return nil
        }
    }

    /// "Ran `cmd` (exit 0)", "Skipped `cmd`: mutating, needs --yes": what the timeline says of one command.
    private static func commandMessage(_ command: String, _ details: [String: String]) -> String {
        guard details["decision"] == nil || details["decision"] == "ran" else {
            let verb = details["decision"] == "declined" ? "Declined" : "Skipped"
            return "\(verb) `\(command)`" + (details["reason"].map { ": \($0)" } ?? "")
        }
        var message = "Ran `\(command)`"
        if let status = details["exit_status"] {
            message += " (exit \(status)" + (details["status"].map { ", \($0)" } ?? "") + ")"
        }
        return message
    }

    /// Strings, numbers and booleans as text; arrays and objects are left out of the details.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        default: return nil
        }
    }
}
