import Foundation
import IncidentEngine
import SQLKit
import Storage

/// Reading and writing the store's rows.
enum StoreRows {
    static let incidentColumns = """
        id, incident_key, source, title, status, severity, service, labels, runbook_id, runbook_reason, runbook_url, \
        detected_at, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by
        """
    static let alertColumns =
        "incident_id, fingerprint, position, status, labels, annotations, starts_at, ends_at, first_seen_at, last_seen_at"
    static let eventColumns = "id, incident_id, at, kind, actor, message, details"
    static let deliveryColumns = "id, request_id, source, incident_key, alert_count, incident_id, received_at"
    static let tokenColumns = "id, name, role, secret_hash, created_at, revoked_at"

    static func seconds(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }

    /// An incident without its alerts.
    static func incident(_ row: any SQLRow) throws -> Incident {
        let runbook = try row.decode(column: "runbook_id", as: String?.self).map { id in
            RunbookAttachment(
                id: id, reason: try enumValue(row, "runbook_reason", RunbookAttachmentReason.self),
                url: try row.decode(column: "runbook_url", as: String?.self))
        }
        return Incident(
            id: try row.decode(column: "id", as: Int64.self),
            key: try row.decode(column: "incident_key", as: String.self),
            source: try enumValue(row, "source", AlertSource.self),
            title: try row.decode(column: "title", as: String.self),
            status: try enumValue(row, "status", IncidentStatus.self),
            severity: try enumValue(row, "severity", IncidentSeverity.self),
            service: try row.decode(column: "service", as: String?.self),
            labels: try StoreText.map(try row.decode(column: "labels", as: String.self), column: "incidents.labels"),
            runbook: runbook,
            detectedAt: date(try row.decode(column: "detected_at", as: Double?.self)),
            openedAt: try time(row, "opened_at"),
            acknowledgedAt: date(try row.decode(column: "acknowledged_at", as: Double?.self)),
            acknowledgedBy: try row.decode(column: "acknowledged_by", as: String?.self),
            resolvedAt: date(try row.decode(column: "resolved_at", as: Double?.self)),
            resolvedBy: try row.decode(column: "resolved_by", as: String?.self))
    }

    /// One tracked alert and the incident it belongs to.
    static func alert(_ row: any SQLRow) throws -> (incidentID: Int64, alert: TrackedAlert) {
        let alert = TrackedAlert(
            fingerprint: try row.decode(column: "fingerprint", as: String.self),
            status: try enumValue(row, "status", AlertStatus.self),
            labels: try StoreText.map(
                try row.decode(column: "labels", as: String.self), column: "incident_alerts.labels"),
            annotations: try StoreText.map(
                try row.decode(column: "annotations", as: String.self), column: "incident_alerts.annotations"),
            startsAt: date(try row.decode(column: "starts_at", as: Double?.self)),
            endsAt: date(try row.decode(column: "ends_at", as: Double?.self)),
            firstSeenAt: try time(row, "first_seen_at"),
            lastSeenAt: try time(row, "last_seen_at"))
        return (try row.decode(column: "incident_id", as: Int64.self), alert)
    }

    static func event(_ row: any SQLRow) throws -> TimelineEvent {
        TimelineEvent(
            id: try row.decode(column: "id", as: Int64.self),
            incidentID: try row.decode(column: "incident_id", as: Int64.self),
            at: try time(row, "at"),
            kind: try enumValue(row, "kind", TimelineEventKind.self),
            actor: try row.decode(column: "actor", as: String?.self),
            message: try row.decode(column: "message", as: String.self),
            details: try StoreText.map(
                try row.decode(column: "details", as: String.self), column: "timeline_events.details"))
    }

    static func delivery(_ row: any SQLRow) throws -> Delivery {
        Delivery(
            id: try row.decode(column: "id", as: Int64.self),
            requestID: try row.decode(column: "request_id", as: String?.self),
            source: try enumValue(row, "source", AlertSource.self),
            key: try row.decode(column: "incident_key", as: String.self),
            alertCount: Int(try row.decode(column: "alert_count", as: Int64.self)),
            incidentID: try row.decode(column: "incident_id", as: Int64?.self),
            receivedAt: try time(row, "received_at"))
    }

    static func token(_ row: any SQLRow) throws -> TokenRecord {
        TokenRecord(
            id: try row.decode(column: "id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            role: try enumValue(row, "role", Role.self),
            secretHash: try row.decode(column: "secret_hash", as: String.self),
            createdAt: try time(row, "created_at"),
            revokedAt: date(try row.decode(column: "revoked_at", as: Double?.self)))
    }

    static func time(_ row: any SQLRow, _ column: String) throws -> Date {
        Date(timeIntervalSince1970: try row.decode(column: column, as: Double.self))
    }

    static func enumValue<E: RawRepresentable>(_ row: any SQLRow, _ column: String, _: E.Type) throws -> E
    where E.RawValue == String {
        let raw = try row.decode(column: column, as: String.self)
        guard let value = E(rawValue: raw) else {
            throw StoreError.corrupt("column \(column) holds unknown value \(raw.debugDescription)")
        }
        return value
    }
}
