import Foundation
import IncidentEngine
import SQLKit
import Storage

extension SQLFirebreakStore {
    /// Acknowledges the open incident of `key` (PagerDuty `acknowledge`) and records the delivery, with
    /// or without an incident to acknowledge.
    public func acknowledge(
        key: String, by actor: String?, at: Date, requestID: String?, using engine: IncidentEngine
    ) async throws -> Incident? {
        try StoreText.check(actor, "the actor")
        try StoreText.check(key, "the incident key", indexed: true)
        try StoreText.check(requestID, "the request id")
        let dialect = backend.dialect
        return try await write { database in
            var acknowledged: Incident?
            if let open = try await Self.openIncident(key: key, on: database, dialect: dialect) {
                acknowledged = try await Self.apply(try engine.acknowledge(open, by: actor, at: at), on: database)
            }
            _ = try await Self.insertDelivery(
                requestID: requestID, source: .pagerduty, key: key, alertCount: 0, incidentID: acknowledged?.id,
                receivedAt: at, on: database)
            return acknowledged
        }
    }

    /// Acknowledges incident `id` by hand.
    public func acknowledge(
        id: Int64, by actor: String?, at: Date, using engine: IncidentEngine
    ) async throws -> Incident {
        try await transition(id: id, actor: actor) { incident in try engine.acknowledge(incident, by: actor, at: at) }
    }

    /// Resolves incident `id` by hand; its alerts keep their last reported state.
    public func resolve(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) async throws -> Incident {
        try await transition(id: id, actor: actor) { incident in try engine.resolve(incident, by: actor, at: at) }
    }

    /// Applies an operator action to incident `id` in one write.
    private func transition(
        id: Int64, actor: String?, _ action: @escaping @Sendable (Incident) throws -> IncidentTransition
    ) async throws -> Incident {
        try StoreText.check(actor, "the actor")
        let dialect = backend.dialect
        return try await write { database in
            let incident = try await Self.lockedIncident(id: id, on: database, dialect: dialect)
            return try await Self.apply(try action(incident), on: database)
        }
    }

    /// Appends notes, status updates or run records to incident `id`'s timeline and returns them with ids.
    public func appendTimeline(incidentID id: Int64, events: [TimelineEvent]) async throws -> [TimelineEvent] {
        for event in events { try StoreText.check(event) }
        return try await write { database in
            let rows = try await database.raw("SELECT id FROM incidents WHERE id = \(bind: id)").all()
            guard !rows.isEmpty else { throw StoreError.notFound("incident \(id)") }
            return try await Self.insertEvents(events, incidentID: id, on: database)
        }
    }

    /// Incident `id` with its alerts, locked for the transaction on PostgreSQL; `notFound` when missing.
    static func lockedIncident(
        id: Int64, on database: any SQLDatabase, dialect: SQLStoreDialect
    ) async throws -> Incident {
        let rows = try await database.raw(
            "SELECT \(unsafeRaw: StoreRows.incidentColumns) FROM incidents WHERE id = \(bind: id)\(unsafeRaw: dialect.lockRow)"
        ).all()
        guard let row = rows.first else { throw StoreError.notFound("incident \(id)") }
        var incident = try StoreRows.incident(row)
        incident.alerts = try await alerts(of: [id], on: database)[id] ?? []
        return incident
    }

    /// Stores an operator action's outcome: the incident's columns and its new timeline entries.
    static func apply(_ transition: IncidentTransition, on database: any SQLDatabase) async throws -> Incident {
        guard !transition.events.isEmpty else { return transition.incident }
        try await updateIncident(transition.incident, on: database)
        _ = try await insertEvents(transition.events, incidentID: transition.incident.id, on: database)
        return transition.incident
    }
}
