import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentEngine
import NIOCore
import Storage
import XCTest

/// PagerDuty Events API v2 on `/v2/enqueue`.
final class PagerDutyTests: XCTestCase {
    static func event(
        _ action: String, dedupKey: String? = nil, routingKey: String = ServerFixture.routingKey,
        payload: [String: Any]? = nil
    ) -> ByteBuffer {
        var object: [String: Any] = ["routing_key": routingKey, "event_action": action]
        object["dedup_key"] = dedupKey
        object["payload"] = payload
        return ByteBuffer(json: object)
    }

    static var payload: [String: Any] {
        [
            "summary": "Ledger API p99 latency over 2s", "source": "synthetics-eu", "severity": "error",
            "component": "ledger-api",
            "group": "ledger", "class": "LedgerAPILatencyHigh", "custom_details": ["region": "eu-west-1", "probes": 3],
        ]
    }

    func testTriggerAcknowledgeResolveKeepsLabels() async throws {
        try await Self.triggerAcknowledgeResolveKeepsLabels(try await ServerFixture.make())
    }

    static func triggerAcknowledgeResolveKeepsLabels(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let trigger = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("trigger", payload: Self.payload))
            XCTAssertEqual(trigger.status, .accepted, trigger.text)
            XCTAssertEqual(trigger.json["status"] as? String, "success")
            XCTAssertEqual(trigger.json["message"] as? String, "Event processed")
            let key = try XCTUnwrap(trigger.json["dedup_key"] as? String)
            XCTAssertFalse(key.isEmpty)

            let page = try await fixture.store.incidents(matching: .init())
            let incident = try XCTUnwrap(page.incidents.first)
            XCTAssertEqual(incident.key, key)
            XCTAssertEqual(incident.severity, .high)
            XCTAssertEqual(incident.runbook?.id, "LED-API-001", "class names the alert the runbook lists")
            XCTAssertEqual(incident.alerts.first?.labels["region"], "eu-west-1")

            let ack = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest, requestID: "pd-ack"),
                body: Self.event("acknowledge", dedupKey: key))
            XCTAssertEqual(ack.status, .accepted)
            let acked = try await fixture.store.incident(id: incident.id)
            XCTAssertEqual(acked?.status, .acknowledged)
            let ackDelivery = try await fixture.store.deliveries(after: nil, limit: 10).last
            XCTAssertEqual(ackDelivery?.requestID, "pd-ack", "the acknowledge is recorded like every accepted request")
            XCTAssertEqual(ackDelivery?.incidentID, incident.id)
            XCTAssertEqual(ackDelivery?.alertCount, 0)

            let resolve = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("resolve", dedupKey: key))
            XCTAssertEqual(resolve.json["dedup_key"] as? String, key)
            let resolved = try await fixture.store.incident(id: incident.id)
            XCTAssertEqual(resolved?.status, .resolved)
            XCTAssertEqual(
                resolved?.alerts.first?.labels["component"], "ledger-api", "resolve keeps the trigger's labels")
            XCTAssertEqual(resolved?.alerts.first?.annotations["summary"], "Ledger API p99 latency over 2s")
        }
    }

    func testErrorsListEveryProblem() async throws {
        try await Self.errorsListEveryProblem(try await ServerFixture.make())
    }

    static func errorsListEveryProblem(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let noPayload = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest), body: Self.event("trigger"))
            XCTAssertEqual(noPayload.status, .badRequest)
            XCTAssertEqual(noPayload.json["status"] as? String, "invalid event")
            XCTAssertEqual(noPayload.json["message"] as? String, "Event object is invalid")
            XCTAssertTrue((noPayload.json["errors"] as? [String] ?? []).contains { $0.contains("payload") })

            let unknownKey = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("trigger", routingKey: String(repeating: "z", count: 32), payload: Self.payload))
            XCTAssertEqual(unknownKey.status, .badRequest)
            XCTAssertTrue(
                (unknownKey.json["errors"] as? [String] ?? []).contains { $0.contains("routing_key") }, unknownKey.text)

            var badPayload = Self.payload
            badPayload["severity"] = "apocalyptic"
            badPayload["summary"] = nil
            let bad = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("explode", payload: badPayload))
            XCTAssertEqual(
                (bad.json["errors"] as? [String])?.count, 1, "an unknown action is reported first: \(bad.text)")
            let worse = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("trigger", payload: badPayload))
            XCTAssertEqual((worse.json["errors"] as? [String])?.count, 2, worse.text)

            let resolveWithoutKey = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest), body: Self.event("resolve"))
            XCTAssertEqual(resolveWithoutKey.status, .badRequest)

            let garbage = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest), body: ByteBuffer(string: "[1,2"))
            XCTAssertEqual(garbage.status, .badRequest)
            XCTAssertEqual(garbage.json["status"] as? String, "invalid event")

            var huge = Self.payload
            huge["custom_details"] = ["blob": String(repeating: "b", count: 600 * 1024)]
            let tooBig = try await client.execute(
                uri: "/v2/enqueue", method: .post, headers: fixture.headers(.ingest),
                body: Self.event("trigger", payload: huge))
            XCTAssertEqual(tooBig.status, .contentTooLarge)

            let deliveries = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(deliveries.count, 0)
        }
    }
}
