import Foundation
import Hummingbird
import IncidentEngine
import Storage

/// `/api/v1/incidents…`: list, get, acknowledge, resolve, notes, status updates, timeline.
enum IncidentRoutes {
    static func list(_ call: inout APICall) async throws -> Response {
        var query = IncidentQuery(
            limit: try call.integerQuery("limit", default: 50, range: 1...500), cursor: call.query("cursor"))
        if let text = call.query("status") {
            query.statuses = try text.split(separator: ",").map { word in
                guard let status = IncidentStatus(rawValue: String(word)) else {
                    throw APIError.badRequest(
                        "status=\(word) is not a state; use triggered, acknowledged or resolved (comma-separated)")
                }
                return status
            }
        }
        if let text = call.query("severity") {
            guard let severity = IncidentSeverity(rawValue: text) else {
                throw APIError.badRequest(
                    "severity=\(text) is not a severity; use \(IncidentSeverity.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            query.severity = severity
        }
        query.service = call.query("service")
        query.runbookID = call.query("runbook")
        query.openedSince = try time(call, "since")
        query.openedBefore = try time(call, "until")
        let store = call.environment.store
        let page = try await call.environment.timed("incidents") { try await store.incidents(matching: query) }
        return JSONResponse.make(
            IncidentPageView(incidents: page.incidents.map(IncidentView.init), nextCursor: page.nextCursor))
    }

    static func get(_ call: inout APICall) async throws -> Response {
        let id = try call.incidentID()
        let store = call.environment.store
        guard let incident = try await call.environment.timed("incident", { try await store.incident(id: id) }) else {
            throw APIError.notFound("incident \(id) does not exist; list incidents with GET /api/v1/incidents")
        }
        return JSONResponse.make(IncidentView(incident))
    }

    static func acknowledge(_ call: inout APICall) async throws -> Response {
        let (id, actor, environment) = (try call.incidentID(), call.actor, call.environment)
        let engine = environment.runtime.value.engine
        let incident = try await environment.timed("acknowledge") {
            try await environment.store.acknowledge(id: id, by: actor, at: environment.now(), using: engine)
        }
        return JSONResponse.make(IncidentView(incident))
    }

    static func resolve(_ call: inout APICall) async throws -> Response {
        let (id, actor, environment) = (try call.incidentID(), call.actor, call.environment)
        let engine = environment.runtime.value.engine
        let incident = try await environment.timed("resolve") {
            try await environment.store.resolve(id: id, by: actor, at: environment.now(), using: engine)
        }
        return JSONResponse.make(IncidentView(incident))
    }

    struct NoteBody: Decodable {
        var text: String
        var status: String?
    }

    static func note(_ call: inout APICall) async throws -> Response {
        let id = try call.incidentID()
        let body = try await call.decode(NoteBody.self)
        try checkText(body.text, field: "text")
        let event = TimelineEvent(at: call.environment.now(), kind: .note, actor: call.actor, message: body.text)
        return try await append([event], to: id, call)
    }

    static func statusUpdate(_ call: inout APICall) async throws -> Response {
        let id = try call.incidentID()
        let body = try await call.decode(NoteBody.self)
        try checkText(body.text, field: "text")
        var details: [String: String] = [:]
        if let status = body.status {
            guard !status.isEmpty, status.count <= 64, !status.utf8.contains(0) else {
                throw APIError.badRequest(
                    "status must be 1 to 64 characters, such as investigating, identified, monitoring")
            }
            details["status"] = status
        }
        let event = TimelineEvent(
            at: call.environment.now(), kind: .statusUpdate, actor: call.actor, message: body.text, details: details)
        return try await append([event], to: id, call)
    }

    static func timeline(_ call: inout APICall) async throws -> Response {
        let id = try call.incidentID()
        let limit = try call.integerQuery("limit", default: 100, range: 1...1000)
        var after: Int64?
        if let text = call.query("after") {
            guard let value = Int64(text), value >= 0 else {
                throw APIError.badRequest("after=\(text) must be a timeline entry id (a whole number)")
            }
            after = value
        }
        let store = call.environment.store
        let events = try await call.environment.timed("timeline") {
            try await store.timeline(incidentID: id, after: after, limit: limit)
        }
        return JSONResponse.make(TimelineView(events: events.map(TimelineEventView.init)))
    }

    /// Appends entries and answers 201 with them.
    static func append(_ events: [TimelineEvent], to id: Int64, _ call: APICall) async throws -> Response {
        let store = call.environment.store
        let stored = try await call.environment.timed("append") {
            try await store.appendTimeline(incidentID: id, events: events)
        }
        return JSONResponse.make(status: .created, TimelineView(events: stored.map(TimelineEventView.init)))
    }

    static func checkText(_ text: String, field: String) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("\(field) is empty; write something")
        }
        guard text.utf8.count <= 64 * 1024 else {
            throw APIError.badRequest("\(field) is longer than 64 KiB; shorten it")
        }
        guard !text.utf8.contains(0) else { throw APIError.badRequest("\(field) contains a NUL character; remove it") }
    }

    private static func time(_ call: APICall, _ name: String) throws -> Date? {
        guard let text = call.query(name) else { return nil }
        guard let date = TimestampParser.parse(text), date != .distantPast else {
            throw APIError.badRequest("\(name)=\(text) is not an RFC 3339 time such as 2026-01-13T10:00:00Z")
        }
        return date
    }
}

/// Timeline entries.
struct TimelineView: Encodable {
    var events: [TimelineEventView]
}
