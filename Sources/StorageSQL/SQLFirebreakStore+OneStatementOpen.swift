import Foundation
import IncidentEngine
import SQLKit
import Storage

/// A new incident written in one statement on PostgreSQL.
///
/// Opening an incident writes four tables. As separate statements that is four round trips after
/// the lookup of the key, each waiting for its answer before the next is sent, and with replicas on
/// one database those round trips, not CPU, bound ingest. Data-modifying `WITH` clauses insert the
/// incident, its alerts, its timeline and the delivery in one statement, so an opening costs two
/// round trips. SQLite, in process, gains nothing from it and keeps the separate statements.
extension SQLFirebreakStore {
    struct OpenedRows {
        var incidentID: Int64
        var eventIDs: [Int64]
        var deliveryID: Int64
    }

    /// Inserts `incident` (new, id 0) with all its alerts, `events` and the delivery of
    /// `notification`; `nil` when the rows do not fit one statement (the caller writes them one by one).
    static func insertOpened(
        _ incident: Incident, events: [TimelineEvent], notification: AlertNotification, texts: AlertTexts,
        on database: any SQLDatabase
    ) async throws -> OpenedRows? {
        guard !incident.alerts.isEmpty, !events.isEmpty,
            incident.alerts.count <= StoreStatement.rowsPerStatement, events.count <= StoreStatement.rowsPerStatement
        else { return nil }
        var statement = StoreStatement("WITH opened AS (INSERT INTO incidents (\(incidentInsertColumns)) VALUES ")
        statement.appendRow(incidentValues(incident), first: true)
        statement.append(
            """
             RETURNING id), \
            alerts AS (INSERT INTO incident_alerts (\(StoreRows.alertColumns)) \
            SELECT opened.id, v.fingerprint, v.position, v.status, v.labels, v.annotations, v.starts_at, v.ends_at, \
            v.first_seen_at, v.last_seen_at FROM opened, (VALUES
            """)
        for (position, alert) in incident.alerts.enumerated() {
            statement.appendRow(alertRow(alert, position: position, texts: texts), first: position == 0)
        }
        statement.append(
            """
            ) AS v (fingerprint, position, status, labels, annotations, starts_at, ends_at, first_seen_at, last_seen_at)), \
            events AS (INSERT INTO timeline_events (incident_id, at, kind, actor, message, details) \
            SELECT opened.id, v.at, v.kind, v.actor, v.message, v.details FROM opened, (VALUES
            """)
        for (index, event) in events.enumerated() {
            statement.appendRow(leading: .integer(Int64(index)), eventRow(event), first: index == 0)
        }
        // ORDER BY makes the identity values follow the events' order.
        statement.append(
            """
            ) AS v (ordinal, at, kind, actor, message, details) ORDER BY v.ordinal RETURNING id), \
            delivery AS (INSERT INTO deliveries (request_id, source, incident_key, alert_count, incident_id, received_at) \
            SELECT ?, ?, ?, ?, opened.id, ? FROM opened RETURNING id) \
            SELECT (SELECT id FROM opened) AS incident_id, (SELECT id FROM delivery) AS delivery_id, \
            ARRAY(SELECT id FROM events ORDER BY id) AS event_ids
            """,
            StoreValue(notification.requestID), .text(notification.source.rawValue), .text(notification.key),
            .integer(Int64(notification.alerts.count)), StoreValue(notification.receivedAt))
        let rows = try await database.rows(statement)
        guard let row = rows.first else { throw StoreError.unavailable("opening an incident returned no row") }
        return OpenedRows(
            incidentID: try row.decode(column: "incident_id", as: Int64.self),
            eventIDs: try row.decode(column: "event_ids", as: [Int64].self),
            deliveryID: try row.decode(column: "delivery_id", as: Int64.self))
    }
}
