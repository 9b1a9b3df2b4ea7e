import FirebreakServer
import FirebreakTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import XCTest

/// Health, readiness, metrics and the OpenAPI document.
final class OpsTests: XCTestCase {
    func testHealthAndReadiness() async throws {
        let store = InMemoryFirebreakStore()
        let fixture = try await ServerFixture.make(store: store)
        try await fixture.test { client in
            let live = try await client.execute(uri: "/health/live", method: .get)
            XCTAssertEqual(live.status, .ok)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            XCTAssertEqual(ready.status, .ok)
            XCTAssertEqual(ready.json["schema_version"] as? Int, InMemoryFirebreakStore.schemaVersion)
            await store.close()
            let down = try await client.execute(uri: "/health/ready", method: .get)
            XCTAssertEqual(down.status, .serviceUnavailable)
            XCTAssertTrue(down.text.contains("closed"), down.text)
            let ingest = try await client.execute(
                uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f")]))
            XCTAssertEqual(ingest.status, .serviceUnavailable, ingest.text)
            XCTAssertEqual(ingest.headers[.retryAfter], "1")
        }
    }

    func testMetricsCountRequestsIngestAndOpenIncidents() async throws {
        try await Self.metricsCountRequestsIngestAndOpenIncidents(try await ServerFixture.make())
    }

    static func metricsCountRequestsIngestAndOpenIncidents(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            for key in ["a", "b"] {
                _ = try await client.execute(
                    uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                    body: Webhook.body(
                        groupKey: key,
                        alerts: [
                            Webhook.Alert(name: "A", fingerprint: "1", labels: ["severity": "critical"]),
                            Webhook.Alert(name: "A", fingerprint: "2"),
                        ]))
            }
            _ = try await client.execute(uri: "/api/v1/incidents", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            XCTAssertEqual(metrics.status, .ok)
            let text = metrics.text
            for line in [
                #"firebreak_http_requests_total{route="/api/v1/alerts/alertmanager",method="POST",status="200"} 2"#,
                #"firebreak_http_requests_total{route="/api/v1/incidents",method="GET",status="401"} 1"#,
                #"firebreak_ingest_alerts_total{source="alertmanager"} 4"#,
                #"firebreak_ingest_notifications_total{source="alertmanager"} 2"#,
                #"firebreak_open_incidents{severity="critical"} 2"#,
                #"firebreak_open_incidents{severity="warning"} 0"#,
            ] {
                XCTAssertTrue(text.contains(line), "missing \(line) in\n\(text)")
            }
            XCTAssertTrue(text.contains(#"firebreak_store_duration_seconds_count{operation="ingest"} 2"#), text)
        }
    }

    func testOpenAPIDocumentMatchesRouteTableAndResponses() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            let document = response.json
            XCTAssertEqual(document["openapi"] as? String, "3.1.0")
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, methods) in paths {
                for method in methods.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            XCTAssertEqual(documented, Set(RouteTable.all.map { "\($0.method.rawValue) \($0.path)" }))
            for spec in RouteTable.all {
                let operation = try XCTUnwrap(paths[spec.path]?[spec.method.rawValue.lowercased()] as? [String: Any])
                XCTAssertEqual(operation["operationId"] as? String, spec.id.rawValue)
                let security = operation["security"] as? [[String: Any]] ?? []
                XCTAssertEqual(!security.isEmpty, spec.role != nil, spec.path)
                XCTAssertEqual(operation["x-required-role"] as? String, spec.role?.rawValue)
                let responses = operation["responses"] as? [String: Any] ?? [:]
                if spec.role != nil { XCTAssertNotNil(responses["401"]); XCTAssertNotNil(responses["403"]) }
            }

            // Responses of real calls validate against the documented schemas.
            let check = SchemaCheck(document: document)
            let opened = try await client.execute(
                uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(
                    groupKey: "g", alerts: [Webhook.Alert(name: "LedgerAPIHighErrorRate", fingerprint: "f")]))
            let id = try XCTUnwrap(opened.json["incident_id"] as? Int)
            let calls: [(RouteID, String, HTTPRequest.Method, Role?, ByteBuffer?, Int)] = [
                (
                    .ingestAlertmanager, "/api/v1/alerts/alertmanager", .post, .ingest,
                    Webhook.body(groupKey: "h", alerts: [Webhook.Alert(name: "A", fingerprint: "x")]), 200
                ),
                (
                    .ingestPagerDuty, "/v2/enqueue", .post, .ingest,
                    PagerDutyTests.event("trigger", payload: PagerDutyTests.payload), 202
                ),
                (.ingestPagerDuty, "/v2/enqueue", .post, .ingest, PagerDutyTests.event("trigger"), 400),
                (.listIncidents, "/api/v1/incidents", .get, .viewer, nil, 200),
                (.getIncident, "/api/v1/incidents/\(id)", .get, .viewer, nil, 200),
                (.getIncident, "/api/v1/incidents/9999", .get, .viewer, nil, 404),
                (.addNote, "/api/v1/incidents/\(id)/notes", .post, .responder, ByteBuffer(json: ["text": "n"]), 201),
                (.getTimeline, "/api/v1/incidents/\(id)/timeline", .get, .viewer, nil, 200),
                (.acknowledgeIncident, "/api/v1/incidents/\(id)/acknowledge", .post, .responder, nil, 200),
                (.listRunbooks, "/api/v1/runbooks", .get, .viewer, nil, 200),
                (.getRunbook, "/api/v1/runbooks/LED-API-001", .get, .viewer, nil, 200),
                (.searchRunbooks, "/api/v1/runbooks/search?q=latency", .get, .viewer, nil, 200),
                (.listTokens, "/api/v1/tokens", .get, .admin, nil, 200),
                (
                    .createToken, "/api/v1/tokens", .post, .admin, ByteBuffer(json: ["name": "doc", "role": "viewer"]),
                    201
                ),
                (.listDeliveries, "/api/v1/deliveries", .get, .admin, nil, 200),
                (.healthReady, "/health/ready", .get, nil, nil, 200),
                (.healthLive, "/health/live", .get, nil, nil, 200),
            ]
            for (route, uri, method, role, body, status) in calls {
                let answer = try await client.execute(
                    uri: uri, method: method, headers: fixture.headers(role), body: body)
                XCTAssertEqual(answer.status.code, status, "\(uri): \(answer.text)")
                let spec = RouteTable.spec(route)
                let operation = paths[spec.path]?[spec.method.rawValue.lowercased()] as? [String: Any]
                let documentedResponse = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any]
                let schema =
                    ((documentedResponse?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                        "schema"] as? [String: Any]
                guard let schema else { return XCTFail("\(uri): status \(status) is not documented") }
                let value = try JSONSerialization.jsonObject(with: Data(buffer: answer.body))
                XCTAssertEqual(check.problems(value, against: schema), [], uri)
            }
        }
    }
}
