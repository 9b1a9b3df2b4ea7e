import Foundation
import IncidentEngine
import SQLKit
import Storage

extension SQLFirebreakStore {
    /// Applies a notification to its key's open incident (or opens one) and records the delivery, in
    /// one group-committed transaction; returns once the commit is durable.
    public func ingest(_ notification: AlertNotification, using engine: IncidentEngine) async throws -> IngestResult {
        try StoreText.check(notification)
        let dialect = backend.dialect
        let texts = AlertTexts(notification.alerts)
        return try await write { database in
            let open = try await Self.openIncident(key: notification.key, on: database, dialect: dialect)
            guard let decision = engine.ingest(notification, open: open) else {
                let deliveryID = try await Self.insertDelivery(notification, incidentID: nil, on: database)
                return IngestResult(incident: nil, opened: false, events: [], deliveryID: deliveryID)
            }
            var incident = Self.mergingDuplicateFingerprints(decision.incident)
            let touched: Set<String>?
            if decision.opened, dialect == .postgres,
                let opened = try await Self.insertOpened(
                    incident, events: decision.events, notification: notification, texts: texts, on: database)
            {
                incident.id = opened.incidentID
                let events = Self.stored(decision.events, ids: opened.eventIDs, incidentID: opened.incidentID)
                return IngestResult(incident: incident, opened: true, events: events, deliveryID: opened.deliveryID)
            }
            if decision.opened {
                incident.id = try await Self.insertIncident(incident, on: database)
                touched = nil
            } else {
                if incident != open { try await Self.updateIncident(incident, on: database) }
                touched = Set(notification.alerts.map(\.fingerprint))
            }
            try await Self.upsertAlerts(of: incident, only: touched, texts: texts, on: database)
            let events = try await Self.insertEvents(decision.events, incidentID: incident.id, on: database)
            let deliveryID = try await Self.insertDelivery(notification, incidentID: incident.id, on: database)
            return IngestResult(incident: incident, opened: decision.opened, events: events, deliveryID: deliveryID)
        }
    }

    /// The unresolved incident of `key` with its alerts, locked for the transaction on PostgreSQL.
    static func openIncident(
        key: String, on database: any SQLDatabase, dialect: SQLStoreDialect
    ) async throws -> Incident? {
        let rows = try await database.rows(
            StoreStatement(
                "SELECT \(StoreRows.incidentColumns) FROM incidents WHERE incident_key = ? AND status <> 'resolved'\(dialect.lockRow)",
                [.text(key)]))
        guard let row = rows.first else { return nil }
        var incident = try StoreRows.incident(row)
        incident.alerts = try await alerts(of: [incident.id], on: database)[incident.id] ?? []
        return incident
    }

    /// The tracked alerts of `ids`, each incident's in order of first sight.
    static func alerts(of ids: [Int64], on database: any SQLDatabase) async throws -> [Int64: [TrackedAlert]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.raw(
            """
            SELECT \(unsafeRaw: StoreRows.alertColumns) FROM incident_alerts \
            WHERE incident_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) ORDER BY incident_id, position
            """
        ).all()
        var alerts: [Int64: [TrackedAlert]] = [:]
        for row in rows {
            let (id, alert) = try StoreRows.alert(row)
            alerts[id, default: []].append(alert)
        }
        return alerts
    }

    /// A notification may repeat a fingerprint; the incident keeps one alert per fingerprint, at
    /// its first position, in its last reported state.
    static func mergingDuplicateFingerprints(_ incident: Incident) -> Incident {
        var positions: [String: Int] = [:]
        var alerts: [TrackedAlert] = []
        for alert in incident.alerts {
            if let index = positions[alert.fingerprint] {
                let firstSeen = alerts[index].firstSeenAt
                alerts[index] = alert
                alerts[index].firstSeenAt = firstSeen
            } else {
                positions[alert.fingerprint] = alerts.count
                alerts.append(alert)
            }
        }
        guard alerts.count != incident.alerts.count else { return incident }
        var merged = incident
        merged.alerts = alerts
        return merged
    }

    /// The columns an inserted incident sets (all but its id).
    static let incidentInsertColumns = """
        incident_key, source, title, status, severity, service, labels, runbook_id, runbook_reason, runbook_url, \
        detected_at, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by
        """

    static func insertIncident(_ incident: Incident, on database: any SQLDatabase) async throws -> Int64 {
        var statement = StoreStatement("INSERT INTO incidents (\(incidentInsertColumns)) VALUES ")
        statement.appendRow(incidentValues(incident), first: true)
        return try await database.insertedIDs(statement, count: 1)[0]
    }

    /// The values of ``incidentInsertColumns``, in order.
    static func incidentValues(_ incident: Incident) -> [StoreValue] {
        [
            .text(incident.key), .text(incident.source.rawValue), .text(incident.title),
            .text(incident.status.rawValue),
            .text(incident.severity.rawValue), StoreValue(incident.service),
            .text(StoreText.json(incident.labels)),
            StoreValue(incident.runbook?.id), StoreValue(incident.runbook?.reason.rawValue),
            StoreValue(incident.runbook?.url),
            StoreValue(incident.detectedAt), StoreValue(incident.openedAt), StoreValue(incident.acknowledgedAt),
            StoreValue(incident.acknowledgedBy), StoreValue(incident.resolvedAt),
            StoreValue(incident.resolvedBy),
        ]
    }

    /// Writes the incident's mutable columns (its key, source and opening never change).
    static func updateIncident(_ incident: Incident, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            UPDATE incidents SET title = \(bind: incident.title), status = \(bind: incident.status.rawValue), \
            severity = \(bind: incident.severity.rawValue), service = \(bind: incident.service), \
            labels = \(bind: StoreText.json(incident.labels)), runbook_id = \(bind: incident.runbook?.id), \
            runbook_reason = \(bind: incident.runbook?.reason.rawValue), runbook_url = \(bind: incident.runbook?.url), \
            detected_at = \(bind: StoreRows.seconds(incident.detectedAt)), \
            acknowledged_at = \(bind: StoreRows.seconds(incident.acknowledgedAt)), acknowledged_by = \(bind: incident.acknowledgedBy), \
            resolved_at = \(bind: StoreRows.seconds(incident.resolvedAt)), resolved_by = \(bind: incident.resolvedBy) \
            WHERE id = \(bind: incident.id)
            """
        ).run()
    }

    /// Inserts or updates the alerts of `incident` whose fingerprints are in `fingerprints` (all of
    /// them when `nil`), in one statement per ``StoreStatement/rowsPerStatement`` alerts.
    static func upsertAlerts(
        of incident: Incident, only fingerprints: Set<String>?, texts: AlertTexts, on database: any SQLDatabase
    ) async throws {
        let positions = incident.alerts.indices.filter {
            fingerprints?.contains(incident.alerts[$0].fingerprint) ?? true
        }
        for chunk in StoreStatement.chunks(of: positions) {
            var statement = StoreStatement("INSERT INTO incident_alerts (\(StoreRows.alertColumns)) VALUES ")
            for (index, position) in chunk.enumerated() {
                statement.appendRow(
                    leading: .integer(incident.id),
                    alertRow(incident.alerts[position], position: position, texts: texts),
                    first: index == 0)
            }
            statement.append(
                """
                 ON CONFLICT (incident_id, fingerprint) DO UPDATE SET position = excluded.position, \
                status = excluded.status, labels = excluded.labels, annotations = excluded.annotations, \
                starts_at = excluded.starts_at, ends_at = excluded.ends_at, last_seen_at = excluded.last_seen_at
                """)
            try await database.run(statement)
        }
    }

    /// An alert's `incident_alerts` values after `incident_id`, in ``StoreRows/alertColumns`` order.
    static func alertRow(_ alert: TrackedAlert, position: Int, texts: AlertTexts) -> [StoreValue] {
        let (labels, annotations) = texts.texts(of: alert)
        return [
            .text(alert.fingerprint), .integer(Int64(position)), .text(alert.status.rawValue),
            .text(labels), .text(annotations), StoreValue(alert.startsAt),
            StoreValue(alert.endsAt), StoreValue(alert.firstSeenAt), StoreValue(alert.lastSeenAt),
        ]
    }

    /// Appends `events` to incident `incidentID`'s timeline and returns them with their ids.
    static func insertEvents(
        _ events: [TimelineEvent], incidentID: Int64, on database: any SQLDatabase
    ) async throws -> [TimelineEvent] {
        var stored: [TimelineEvent] = []
        stored.reserveCapacity(events.count)
        for chunk in StoreStatement.chunks(of: events) {
            var statement = StoreStatement(
                "INSERT INTO timeline_events (incident_id, at, kind, actor, message, details) VALUES ")
            for (index, event) in chunk.enumerated() {
                statement.appendRow(leading: .integer(incidentID), eventRow(event), first: index == 0)
            }
            // Each chunk's ids come after the previous one's.
            let ids = try await database.insertedIDs(statement, count: chunk.count)
            stored += Self.stored(chunk, ids: ids, incidentID: incidentID)
        }
        return stored
    }

    /// An event's `timeline_events` values after `incident_id`: at, kind, actor, message, details.
    static func eventRow(_ event: TimelineEvent) -> [StoreValue] {
        [
            StoreValue(event.at), .text(event.kind.rawValue), StoreValue(event.actor), .text(event.message),
            .text(StoreText.json(event.details)),
        ]
    }

    /// `events` as stored: each with its id, in order, and the incident's id.
    static func stored(_ events: some Sequence<TimelineEvent>, ids: [Int64], incidentID: Int64) -> [TimelineEvent] {
        zip(events, ids).map { event, id in
            var stored = event
            stored.id = id
            stored.incidentID = incidentID
            return stored
        }
    }

    static func insertDelivery(
        _ notification: AlertNotification, incidentID: Int64?, on database: any SQLDatabase
    ) async throws -> Int64 {
        try await insertDelivery(
            requestID: notification.requestID, source: notification.source, key: notification.key,
            alertCount: notification.alerts.count,
            incidentID: incidentID, receivedAt: notification.receivedAt, on: database)
    }

    /// Records one accepted request.
    static func insertDelivery(
        requestID: String?, source: AlertSource, key: String, alertCount: Int, incidentID: Int64?, receivedAt: Date,
        on database: any SQLDatabase
    ) async throws -> Int64 {
        try await database.insertedIDs(
            StoreStatement(
                """
                INSERT INTO deliveries (request_id, source, incident_key, alert_count, incident_id, received_at) \
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    StoreValue(requestID), .text(source.rawValue), .text(key), .integer(Int64(alertCount)),
                    StoreValue(incidentID),
                    StoreValue(receivedAt),
                ]), count: 1)[0]
    }
}
