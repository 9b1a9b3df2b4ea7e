import FirebreakServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentEngine
import NIOCore
import Storage
import XCTest

/// Alertmanager webhooks: grouping, joining, resolving, reopening, runbook attachment.
final class AlertmanagerIngestTests: XCTestCase {
    static let path = "/api/v1/alerts/alertmanager"

    func testGroupJoinResolveAndReopen() async throws {
        try await Self.groupJoinResolveAndReopen(try await ServerFixture.make())
    }

    static func groupJoinResolveAndReopen(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let a = Webhook.Alert(
                name: "LedgerAPIHighErrorRate", fingerprint: "fa",
                labels: ["severity": "critical", "service": "ledger-api"])
            var b = Webhook.Alert(
                name: "LedgerAPIHighErrorRate", fingerprint: "fb",
                labels: ["severity": "critical", "service": "ledger-api"])
            let first = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest, requestID: "req-1"),
                body: Webhook.body(
                    groupKey: "{}:{alertname=\"X\"}", alerts: [a, b], commonLabels: ["service": "ledger-api"]))
            XCTAssertEqual(first.status, .ok, first.text)
            XCTAssertEqual(first.json["opened"] as? Bool, true)
            XCTAssertEqual(first.json["request_id"] as? String, "req-1")
            XCTAssertEqual(first.headers[HTTPField.Name("X-Request-ID")!], "req-1")
            let id = try XCTUnwrap(first.json["incident_id"] as? Int)

            fixture.clock.advance(60)
            let c = Webhook.Alert(name: "LedgerAPIHighErrorRate", fingerprint: "fc", labels: ["severity": "critical"])
            let joined = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(groupKey: "{}:{alertname=\"X\"}", alerts: [a, b, c]))
            XCTAssertEqual(joined.json["incident_id"] as? Int, id)
            XCTAssertEqual(joined.json["opened"] as? Bool, false)

            var incident = try await fixture.store.incident(id: Int64(id))
            XCTAssertEqual(incident?.alerts.map(\.fingerprint), ["fa", "fb", "fc"])
            XCTAssertEqual(incident?.severity, .critical)
            XCTAssertEqual(incident?.service, "ledger-api")
            XCTAssertEqual(incident?.runbook?.id, "LED-API-001")
            let kinds = try await fixture.store.timeline(incidentID: Int64(id), after: nil, limit: 100).map(\.kind)
            XCTAssertTrue(kinds.contains(.alertJoined), "\(kinds)")

            b.status = "resolved"
            var resolvedA = a
            resolvedA.status = "resolved"
            var resolvedC = c
            resolvedC.status = "resolved"
            fixture.clock.advance(60)
            let resolved = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(
                    groupKey: "{}:{alertname=\"X\"}", status: "resolved", alerts: [resolvedA, b, resolvedC]))
            XCTAssertEqual(resolved.status, .ok)
            incident = try await fixture.store.incident(id: Int64(id))
            XCTAssertEqual(incident?.status, .resolved)
            XCTAssertEqual(incident?.timeToResolve, 120)

            fixture.clock.advance(60)
            let again = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(groupKey: "{}:{alertname=\"X\"}", alerts: [a]))
            XCTAssertEqual(again.json["opened"] as? Bool, true)
            XCTAssertNotEqual(again.json["incident_id"] as? Int, id)

            let deliveries = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(deliveries.map(\.requestID?.isEmpty), [false, false, false, false])
            XCTAssertEqual(deliveries.first?.requestID, "req-1")
            XCTAssertEqual(deliveries.map(\.alertCount), [2, 3, 3, 1])
        }
    }

    func testRunbookAttachedByAnnotationAlertsFieldOrSuggestion() async throws {
        try await Self.runbookAttachedByAnnotationAlertsFieldOrSuggestion(try await ServerFixture.make())
    }

    static func runbookAttachedByAnnotationAlertsFieldOrSuggestion(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            func post(_ key: String, _ alert: Webhook.Alert) async throws -> Incident? {
                let response = try await client.execute(
                    uri: Self.path, method: .post, headers: fixture.headers(.ingest),
                    body: Webhook.body(groupKey: key, alerts: [alert]))
                XCTAssertEqual(response.status, .ok, response.text)
                let id = try XCTUnwrap(response.json["incident_id"] as? Int)
                return try await fixture.store.incident(id: Int64(id))
            }
            let byAnnotation = try await post(
                "k1",
                Webhook.Alert(
                    name: "Anything", fingerprint: "1",
                    annotations: ["runbook": "runbooks/ledger-reconciliation-drift.md"]))
            XCTAssertEqual(
                byAnnotation?.runbook,
                RunbookAttachment(
                    id: "LED-REC-004", reason: .annotation, url: "runbooks/ledger-reconciliation-drift.md"))
            XCTAssertEqual(
                byAnnotation?.severity, .warning, "runbook severity medium maps to warning when labels say nothing")

            let byAlertsField = try await post(
                "k2", Webhook.Alert(name: "LedgerDBReplicationLag", fingerprint: "2", labels: ["severity": "disaster"]))
            XCTAssertEqual(byAlertsField?.runbook, RunbookAttachment(id: "LED-DB-002", reason: .alertsField))
            XCTAssertEqual(
                byAlertsField?.severity, .critical, "severity_map in the example config maps disaster to critical")

            let suggested = try await post(
                "k3",
                Webhook.Alert(
                    name: "RedisCacheDegraded", fingerprint: "3", annotations: ["summary": "redis cache hit ratio low"])
            )
            XCTAssertEqual(suggested?.runbook?.reason, .suggestion)
            XCTAssertNotNil(suggested?.runbook?.id)
        }
    }

    func testGeneratesRequestIDAndRejectsBadOne() async throws {
        try await Self.generatesRequestIDAndRejectsBadOne(try await ServerFixture.make())
    }

    static func generatesRequestIDAndRejectsBadOne(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let body = Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f")])
            let response = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest), body: body)
            let generated = try XCTUnwrap(response.headers[HTTPField.Name("X-Request-ID")!])
            XCTAssertEqual(response.json["request_id"] as? String, generated)
            let stored = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(stored.first?.requestID, generated)

            let bad = try await client.execute(
                uri: Self.path, method: .post,
                headers: fixture.headers(.ingest, requestID: String(repeating: "x", count: 129)), body: body)
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.text.contains("X-Request-ID"), bad.text)
            let after = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(after.count, 1)
        }
    }
}
