import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import XCTest

/// Every route of the route table × (no token → 401, wrong role → 403, right role → 2xx).
final class AuthMatrixTests: XCTestCase {
    /// A role that must not pass `required`.
    static func wrongRole(for required: Role) -> Role {
        switch required {
        case .viewer: .ingest
        case .responder: .viewer
        case .admin: .responder
        case .ingest: .viewer
        }
    }

    /// A valid request for each route, given an existing incident and a token that may be revoked.
    static func sample(_ spec: RouteSpec, incident: Int, token: Int64) -> (uri: String, body: ByteBuffer?) {
        let uri = spec.path.replacingOccurrences(
            of: "{id}",
            with: spec.path.contains("runbooks")
                ? "LED-API-001" : spec.path.contains("tokens") ? String(token) : String(incident))
        switch spec.id {
        case .ingestAlertmanager:
            return (uri, Webhook.body(groupKey: "matrix", alerts: [Webhook.Alert(name: "A", fingerprint: "m")]))
        case .ingestPagerDuty: return (uri, PagerDutyTests.event("trigger", payload: PagerDutyTests.payload))
        case .addNote, .addStatusUpdate: return (uri, ByteBuffer(json: ["text": "checking the database"]))
        case .recordRun:
            return (
                uri, ByteBuffer(json: ["run_id": "r1", "runbook": "LED-API-001", "events": [["event": "run_started"]]])
            )
        case .createToken:
            return (uri, ByteBuffer(json: ["name": "new-\(UUID().uuidString.prefix(8))", "role": "viewer"]))
        case .searchRunbooks: return (uri + "?q=latency", nil)
        default: return (uri, nil)
        }
    }

    func testEveryRouteAuthenticatesAndAuthorizes() async throws {
        try await Self.everyRoute { try await ServerFixture.make() }
    }

    static func everyRoute(_ makeFixture: () async throws -> ServerFixture) async throws {
        for spec in RouteTable.all {
            let fixture = try await makeFixture()
            try await fixture.test { client in
                let opened = try await client.execute(
                    uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                    body: Webhook.body(
                        groupKey: "existing", alerts: [Webhook.Alert(name: "LedgerAPIHighErrorRate", fingerprint: "e")])
                )
                let incident = try XCTUnwrap(opened.json["incident_id"] as? Int)
                let victim = try await TokenIssuer(store: fixture.store).issue(name: "victim", role: "viewer").0
                let request = Self.sample(spec, incident: incident, token: victim.id)
                let name = "\(spec.method) \(spec.path)"
                guard let role = spec.role else {
                    let response = try await client.execute(
                        uri: request.uri, method: spec.method, headers: [:], body: request.body)
                    XCTAssertEqual(response.status.kind, .successful, "\(name) is open: \(response.text)")
                    return
                }
                let anonymous = try await client.execute(
                    uri: request.uri, method: spec.method, headers: fixture.headers(nil), body: request.body)
                XCTAssertEqual(anonymous.status, .unauthorized, name)
                XCTAssertEqual(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer"), true, name)
                XCTAssertEqual((anonymous.json["error"] as? [String: Any])?["code"] as? String, "unauthorized", name)

                var bogus = fixture.headers(nil)
                bogus[.authorization] = "Bearer fbk_not-a-real-token"
                let unknown = try await client.execute(
                    uri: request.uri, method: spec.method, headers: bogus, body: request.body)
                XCTAssertEqual(unknown.status, .unauthorized, name)

                let wrong = try await client.execute(
                    uri: request.uri, method: spec.method, headers: fixture.headers(Self.wrongRole(for: role)),
                    body: request.body)
                XCTAssertEqual(wrong.status, .forbidden, name)
                XCTAssertTrue(wrong.text.contains(role.rawValue), "\(name): \(wrong.text)")

                let right = try await client.execute(
                    uri: request.uri, method: spec.method, headers: fixture.headers(role), body: request.body)
                XCTAssertEqual(right.status.kind, .successful, "\(name): \(right.text)")
                if role != .ingest, role != .admin {
                    let admin = try await client.execute(
                        uri: request.uri, method: spec.method, headers: fixture.headers(.admin), body: request.body)
                    XCTAssertNotEqual(admin.status, .forbidden, "admin may do everything: \(name)")
                }
            }
        }
    }

    func testRevokedTokenIsRefusedAtOnce() async throws {
        try await Self.revokedTokenIsRefusedAtOnce(try await ServerFixture.make())
    }

    static func revokedTokenIsRefusedAtOnce(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let created = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: fixture.headers(.admin),
                body: ByteBuffer(json: ["name": "ci", "role": "viewer"]))
            XCTAssertEqual(created.status, .created)
            let secret = try XCTUnwrap(created.json["secret"] as? String)
            XCTAssertTrue(secret.hasPrefix("fbk_"))
            XCTAssertEqual(secret.count, 4 + 64)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(secret)"
            let before = try await client.execute(uri: "/api/v1/incidents", method: .get, headers: headers)
            XCTAssertEqual(before.status, .ok)

            let listed = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: fixture.headers(.admin))
            XCTAssertFalse(listed.text.contains(secret), "secrets are never listed")
            let stored = try await fixture.store.tokens().first { $0.name == "ci" }
            XCTAssertEqual(stored?.secretHash, TokenIssuer.hash(secret))
            XCTAssertNotEqual(stored?.secretHash, secret)

            let id = try XCTUnwrap(created.json["id"] as? Int)
            let revoke = try await client.execute(
                uri: "/api/v1/tokens/\(id)", method: .delete, headers: fixture.headers(.admin))
            XCTAssertEqual(revoke.status, .noContent)
            let after = try await client.execute(uri: "/api/v1/incidents", method: .get, headers: headers)
            XCTAssertEqual(after.status, .unauthorized)

            let duplicate = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: fixture.headers(.admin),
                body: ByteBuffer(json: ["name": "ci", "role": "viewer"]))
            XCTAssertEqual(duplicate.status, .conflict)
            let badRole = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: fixture.headers(.admin),
                body: ByteBuffer(json: ["name": "x", "role": "root"]))
            XCTAssertEqual(badRole.status, .badRequest)
            XCTAssertTrue(badRole.text.contains("viewer, responder, admin or ingest"))
        }
    }
}
