import Foundation
import IncidentEngine
import RunbookModel
import Storage

/// An incident as the API shows it (snake_case keys; label keys exactly as sent).
struct IncidentView: Encodable {
    struct AlertView: Encodable {
        var fingerprint: String
        var status: String
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: Date?
        var endsAt: Date?
        var firstSeenAt: Date
        var lastSeenAt: Date

        enum CodingKeys: String, CodingKey {
            case fingerprint, status, labels, annotations
            case startsAt = "starts_at", endsAt = "ends_at", firstSeenAt = "first_seen_at", lastSeenAt = "last_seen_at"
        }
    }

    struct RunbookView: Encodable {
        var id: String
        var reason: String
        var url: String?
    }

    var id: Int64
    var key: String
    var source: String
    var title: String
    var status: String
    var severity: String
    var service: String?
    var labels: [String: String]
    var runbook: RunbookView?
    var alerts: [AlertView]
    var detectedAt: Date?
    var openedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var resolvedAt: Date?
    var resolvedBy: String?
    var mttaSeconds: Double?
    var mttrSeconds: Double?
    var mttdSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case id, key, source, title, status, severity, service, labels, runbook, alerts
        case detectedAt = "detected_at", openedAt = "opened_at", acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by", resolvedAt = "resolved_at", resolvedBy = "resolved_by"
        case mttaSeconds = "mtta_seconds", mttrSeconds = "mttr_seconds", mttdSeconds = "mttd_seconds"
    }

    init(_ incident: Incident) {
        id = incident.id
        key = incident.key
        source = incident.source.rawValue
        title = incident.title
        status = incident.status.rawValue
        severity = incident.severity.rawValue
        service = incident.service
        labels = incident.labels
        runbook = incident.runbook.map { RunbookView(id: $0.id, reason: $0.reason.rawValue, url: $0.url) }
        alerts = incident.alerts.map {
            AlertView(
                fingerprint: $0.fingerprint, status: $0.status.rawValue, labels: $0.labels, annotations: $0.annotations,
                startsAt: $0.startsAt, endsAt: $0.endsAt, firstSeenAt: $0.firstSeenAt, lastSeenAt: $0.lastSeenAt)
        }
        detectedAt = incident.detectedAt
        openedAt = incident.openedAt
        acknowledgedAt = incident.acknowledgedAt
        acknowledgedBy = incident.acknowledgedBy
        resolvedAt = incident.resolvedAt
        resolvedBy = incident.resolvedBy
        mttaSeconds = incident.timeToAcknowledge
        mttrSeconds = incident.timeToResolve
        mttdSeconds = incident.timeToDetect
    }
}

/// A page of incidents.
struct IncidentPageView: Encodable {
    var incidents: [IncidentView]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case incidents
        case nextCursor = "next_cursor"
    }
}

/// A timeline entry.
struct TimelineEventView: Encodable {
    var id: Int64
    var incidentID: Int64
    var at: Date
    var kind: String
    var actor: String?
    var message: String
    var details: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, at, kind, actor, message, details
        case incidentID = "incident_id"
    }

    init(_ event: TimelineEvent) {
        id = event.id
        incidentID = event.incidentID
        at = event.at
        kind = event.kind.rawValue
        actor = event.actor
        message = event.message
        details = event.details
    }
}

/// A token without its secret (`secret` is set only in the answer to a create).
struct TokenView: Encodable {
    var id: Int64
    var name: String
    var role: String
    var createdAt: Date
    var revokedAt: Date?
    var secret: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, secret
        case createdAt = "created_at", revokedAt = "revoked_at"
    }

    init(_ token: TokenRecord, secret: String? = nil) {
        id = token.id
        name = token.name
        role = token.role.rawValue
        createdAt = token.createdAt
        revokedAt = token.revokedAt
        self.secret = secret
    }
}

/// An accepted notification.
struct DeliveryView: Encodable {
    var id: Int64
    var requestID: String?
    var source: String
    var key: String
    var alertCount: Int
    var incidentID: Int64?
    var receivedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, source, key
        case requestID = "request_id", alertCount = "alert_count", incidentID = "incident_id", receivedAt =
            "received_at"
    }

    init(_ delivery: Delivery) {
        id = delivery.id
        requestID = delivery.requestID
        source = delivery.source.rawValue
        key = delivery.key
        alertCount = delivery.alertCount
        incidentID = delivery.incidentID
        receivedAt = delivery.receivedAt
    }
}

/// What an Alertmanager webhook did.
struct IngestView: Encodable {
    var incidentID: Int64?
    var opened: Bool
    var deliveryID: Int64
    var requestID: String

    enum CodingKeys: String, CodingKey {
        case opened
        case incidentID = "incident_id", deliveryID = "delivery_id", requestID = "request_id"
    }

    /// The same JSON as `JSONEncoder` with sorted keys writes (no `incident_id` when there is
    /// none), without its cost on every ingest.
    var json: String {
        let incident = incidentID.map { #""incident_id":\#($0),"# } ?? ""
        return
            #"{"delivery_id":\#(deliveryID),\#(incident)"opened":\#(opened),"request_id":\#(JSONText.quoted(requestID))}"#
    }
}
