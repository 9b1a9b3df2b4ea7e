import Foundation
import HTTPTypes
import Hummingbird
import IncidentEngine

/// `POST /api/v1/alerts/alertmanager` and `POST /v2/enqueue`.
enum IngestRoutes {
    static func alertmanager(_ call: inout APICall) async throws -> Response {
        let environment = call.environment
        let runtime = environment.runtime.value
        let limit = runtime.config.server.limits.maxBodyBytes
        let buffer = try await call.body(limit: limit)
        let webhook = try AlertmanagerWebhook.parse(buffer)
        var notification = try runtime.translator.notification(
            from: webhook, receivedAt: environment.now(), requestID: call.requestID)
        if notification.integration == nil { notification.integration = call.actor }
        try await prepare(&notification, runtime: runtime)
        let result = try await environment.timed("ingest") {
            try await environment.store.ingest(notification, using: runtime.engine)
        }
        environment.metrics.ingested(source: .alertmanager, alerts: notification.alerts.count)
        let view = IngestView(
            incidentID: result.incident?.id, opened: result.opened, deliveryID: result.deliveryID,
            requestID: call.requestID)
        return JSONResponse.make(status: .ok, json: view.json)
    }

    static func pagerDuty(_ call: inout APICall) async throws -> Response {
        let environment = call.environment
        let runtime = environment.runtime.value
        let buffer: ByteBuffer
        do {
            buffer = try await call.body(limit: PagerDutyEvent.maxBytes)
        } catch let error as APIError where error.status == .contentTooLarge {
            return invalid(["the event is larger than PagerDuty's limit of 512 KB"], status: .contentTooLarge)
        }
        let event: PagerDutyEvent
        do {
            event = try JSONBody.decode(PagerDutyEvent.self, from: buffer)
        } catch let error as APIError {
            return invalid([error.message])
        }
        let problems = event.problems(knownRoutingKeys: runtime.pagerDutyIntegrations)
        guard problems.isEmpty, let action = event.eventAction, let routingKey = event.routingKey else {
            return invalid(problems)
        }
        let dedupKey = event.dedupKey ?? RandomID.hex32()
        let now = environment.now()
        if action == "acknowledge" {
            _ = try await environment.timed("acknowledge") {
                try await environment.store.acknowledge(
                    key: dedupKey, by: runtime.pagerDutyIntegrations[routingKey], at: now, requestID: call.requestID,
                    using: runtime.engine)
            }
        } else {
            let status: AlertStatus = action == "trigger" ? .firing : .resolved
            var notification = AlertNotification(
                source: .pagerduty, key: dedupKey, summary: event.payload?.summary,
                alerts: [event.alert(dedupKey: dedupKey, status: status)],
                receivedAt: now, integration: runtime.pagerDutyIntegrations[routingKey], requestID: call.requestID)
            try await prepare(&notification, runtime: runtime)
            _ = try await environment.timed("ingest") {
                try await environment.store.ingest(notification, using: runtime.engine)
            }
            environment.metrics.ingested(source: .pagerduty, alerts: 1)
        }
        return JSONResponse.make(
            status: .accepted, PagerDutyAnswer(status: "success", message: "Event processed", dedupKey: dedupKey))
    }

    /// Attaches the runbook and, when labels name no severity, takes the runbook's.
    private static func prepare(_ notification: inout AlertNotification, runtime: ServerRuntime) async throws {
        guard notification.alerts.contains(where: { $0.status == .firing }) else { return }
        notification.runbook = await runtime.catalog.attachment(for: notification)
        if runtime.engine.severity(of: notification) == nil, let runbook = notification.runbook,
            runbook.reason != .suggestion, let severity = runtime.catalog.severity(ofRunbook: runbook.id)
        {
            notification.severity = severity
        }
    }

    private static func invalid(_ errors: [String], status: HTTPResponse.Status = .badRequest) -> Response {
        JSONResponse.make(
            status: status, PagerDutyAnswer(status: "invalid event", message: "Event object is invalid", errors: errors)
        )
    }
}

/// PagerDuty's answer shape.
struct PagerDutyAnswer: Encodable {
    var status: String
    var message: String
    var dedupKey: String?
    var errors: [String]?

    enum CodingKeys: String, CodingKey {
        case status, message, errors
        case dedupKey = "dedup_key"
    }
}
