import Foundation
import IncidentEngine
import SQLKit
import Storage

extension SQLFirebreakStore {
    /// Incident `id` with its alerts.
    public func incident(id: Int64) async throws -> Incident? {
        try await read { database in
            let rows = try await database.raw(
                "SELECT \(unsafeRaw: StoreRows.incidentColumns) FROM incidents WHERE id = \(bind: id)"
            ).all()
            guard let row = rows.first else { return nil }
            var incident = try StoreRows.incident(row)
            incident.alerts = try await Self.alerts(of: [id], on: database)[id] ?? []
            return incident
        }
    }

    /// A page of incidents matching the query's filters, newest first, with the cursor of the next page.
    public func incidents(matching query: IncidentQuery) async throws -> IncidentPage {
        guard (1...500).contains(query.limit) else {
            throw StoreError.invalid("page size \(query.limit) is outside 1…500; ask for at most 500 incidents a page")
        }
        let before = try query.cursor.map(IncidentCursor.decode)
        var conditions: [SQLQueryString] = []
        if !query.statuses.isEmpty {
            conditions.append("status IN (\(binds: query.statuses.map { $0.rawValue as any Encodable & Sendable }))")
        }
        if let severity = query.severity { conditions.append("severity = \(bind: severity.rawValue)") }
        if let service = query.service { conditions.append("service = \(bind: service)") }
        if let runbook = query.runbookID { conditions.append("runbook_id = \(bind: runbook)") }
        if let since = query.openedSince { conditions.append("opened_at >= \(bind: since.timeIntervalSince1970)") }
        if let until = query.openedBefore { conditions.append("opened_at < \(bind: until.timeIntervalSince1970)") }
        if let before { conditions.append("id < \(bind: before)") }
        let filter: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try await read { database in
            let rows = try await database.raw(
                "SELECT \(unsafeRaw: StoreRows.incidentColumns) FROM incidents" + filter
                    + " ORDER BY id DESC LIMIT \(literal: query.limit + 1)"
            ).all()
            var incidents = try rows.prefix(query.limit).map(StoreRows.incident)
            let alerts = try await Self.alerts(of: incidents.map(\.id), on: database)
            for index in incidents.indices { incidents[index].alerts = alerts[incidents[index].id] ?? [] }
            let next = rows.count > query.limit ? incidents.last.map { IncidentCursor.encode(before: $0.id) } : nil
            return IncidentPage(incidents: incidents, nextCursor: next)
        }
    }

    /// Up to `limit` timeline events of incident `id` after event `after`, oldest first.
    public func timeline(incidentID id: Int64, after: Int64?, limit: Int) async throws -> [TimelineEvent] {
        guard limit > 0 else { return [] }
        return try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: StoreRows.eventColumns) FROM timeline_events \
                WHERE incident_id = \(bind: id) AND id > \(bind: after ?? 0) ORDER BY id LIMIT \(literal: limit)
                """
            ).all().map(StoreRows.event)
        }
    }

    /// Up to `limit` recorded deliveries after delivery `after`, oldest first.
    public func deliveries(after: Int64?, limit: Int) async throws -> [Delivery] {
        guard limit > 0 else { return [] }
        return try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: StoreRows.deliveryColumns) FROM deliveries \
                WHERE id > \(bind: after ?? 0) ORDER BY id LIMIT \(literal: limit)
                """
            ).all().map(StoreRows.delivery)
        }
    }

    /// The number of unresolved incidents per severity.
    public func openIncidentCounts() async throws -> [IncidentSeverity: Int] {
        try await read { database in
            let rows = try await database.raw(
                "SELECT severity, count(*) AS n FROM incidents WHERE status <> 'resolved' GROUP BY severity"
            ).all()
            var counts: [IncidentSeverity: Int] = [:]
            for row in rows {
                counts[try StoreRows.enumValue(row, "severity", IncidentSeverity.self)] = Int(
                    try row.decode(column: "n", as: Int64.self))
            }
            return counts
        }
    }
}

/// The opaque paging cursor: the last listed incident's id, versioned.
enum IncidentCursor {
    static func encode(before id: Int64) -> String { "i1.\(id)" }

    static func decode(_ cursor: String) throws -> Int64 {
        guard cursor.hasPrefix("i1."), let id = Int64(cursor.dropFirst(3)), id > 0 else {
            throw StoreError.invalid(
                "the cursor \(cursor.prefix(40).debugDescription) is not one this server gave out; start again without a cursor"
            )
        }
        return id
    }
}
