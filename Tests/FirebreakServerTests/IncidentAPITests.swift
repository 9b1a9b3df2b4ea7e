import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentEngine
import NIOCore
import Storage
import XCTest

/// Incidents API: paging and filters, acknowledge/resolve, notes, status updates, timeline, runs.
final class IncidentAPITests: XCTestCase {
    private static func open(
        _ client: any TestClientProtocol, _ fixture: ServerFixture, key: String, severity: String, service: String
    ) async throws -> Int {
        let response = try await client.execute(
            uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
            body: Webhook.body(
                groupKey: key,
                alerts: [
                    Webhook.Alert(
                        name: "Alert\(key)", fingerprint: key, labels: ["severity": severity, "service": service])
                ]))
        XCTAssertEqual(response.status, .ok, response.text)
        return try XCTUnwrap(response.json["incident_id"] as? Int)
    }

    func testPagingAndFilters() async throws { try await Self.pagingAndFilters(try await ServerFixture.make()) }

    static func pagingAndFilters(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            var ids: [Int] = []
            for index in 0..<7 {
                fixture.clock.advance(60)
                ids.append(
                    try await Self.open(
                        client, fixture, key: "k\(index)", severity: index % 2 == 0 ? "critical" : "warning",
                        service: "svc\(index % 3)"))
            }
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/incidents?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(uri: uri, method: .get, headers: fixture.headers(.viewer))
                XCTAssertEqual(page.status, .ok, page.text)
                seen += (page.json["incidents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil && seen.count < 20
            XCTAssertEqual(seen, ids.reversed(), "newest first, each once")

            let critical = try await client.execute(
                uri: "/api/v1/incidents?severity=critical&service=svc0", method: .get, headers: fixture.headers(.viewer)
            )
            XCTAssertEqual(
                (critical.json["incidents"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [ids[6], ids[0]])

            let since = try await client.execute(
                uri: "/api/v1/incidents?since=2027-01-15T08:03:30Z", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(since.status, .ok)
            let bad = try await client.execute(
                uri: "/api/v1/incidents?status=sleeping", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.text.contains("triggered, acknowledged or resolved"), bad.text)
            let badLimit = try await client.execute(
                uri: "/api/v1/incidents?limit=0", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(badLimit.status, .badRequest)
            let badCursor = try await client.execute(
                uri: "/api/v1/incidents?cursor=zzz", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(badCursor.status, .badRequest)
        }
    }

    func testActionsNotesTimelineAndRuns() async throws {
        try await Self.actionsNotesTimelineAndRuns(try await ServerFixture.make())
    }

    static func actionsNotesTimelineAndRuns(_ fixture: ServerFixture) async throws {
        try await fixture.test { client in
            let id = try await Self.open(client, fixture, key: "db", severity: "critical", service: "ledger")
            fixture.clock.advance(90)
            let ack = try await client.execute(
                uri: "/api/v1/incidents/\(id)/acknowledge", method: .post, headers: fixture.headers(.responder))
            XCTAssertEqual(ack.status, .ok, ack.text)
            XCTAssertEqual(ack.json["status"] as? String, "acknowledged")
            XCTAssertEqual(ack.json["acknowledged_by"] as? String, "responder-token")
            XCTAssertEqual(ack.json["mtta_seconds"] as? Double, 90)

            let note = try await client.execute(
                uri: "/api/v1/incidents/\(id)/notes", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: ["text": "replica lag <b>high</b>"]))
            XCTAssertEqual(note.status, .created, note.text)
            let status = try await client.execute(
                uri: "/api/v1/incidents/\(id)/status-updates", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: ["text": "failing over", "status": "identified"]))
            XCTAssertEqual(status.status, .created)
            let emptyNote = try await client.execute(
                uri: "/api/v1/incidents/\(id)/notes", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: ["text": "  "]))
            XCTAssertEqual(emptyNote.status, .badRequest)
            let wrongType = try await client.execute(
                uri: "/api/v1/incidents/\(id)/notes", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: ["text": 5]))
            XCTAssertEqual(wrongType.status, .badRequest)
            XCTAssertTrue(wrongType.text.contains("text must be a string"), wrongType.text)

            let run = try await client.execute(
                uri: "/api/v1/incidents/\(id)/runs", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: [
                    "run_id": "run-7", "runbook": "LED-DB-002",
                    "events": [
                        ["event": "run_started", "time": "2026-11-23T18:48:38.120Z", "user": "ana"],
                        [
                            "event": "command", "step": 1, "command": "psql -c 'select 1'", "decision": "ran",
                            "exit_status": 0, "class": "read-only", "duration_ms": 250, "status": "ok",
                        ],
                        [
                            "event": "command", "step": 2, "command": "kubectl delete pod x", "decision": "skipped",
                            "reason": "destructive",
                        ],
                        ["event": "step_finished", "step": 1],
                        ["event": "run_finished", "status": "succeeded"],
                    ],
                ]))
            XCTAssertEqual(run.status, .created, run.text)
            let recorded = run.json["events"] as? [[String: Any]] ?? []
            XCTAssertEqual(recorded.count, 4)
            XCTAssertEqual(
                recorded.compactMap { $0["message"] as? String }.filter { $0.hasPrefix("Skipped") },
                ["Skipped `kubectl delete pod x`: destructive"])
            XCTAssertEqual(recorded.first?["at"] as? String, "2026-11-23T18:48:38Z")
            let command = try XCTUnwrap(
                recorded.first { ($0["details"] as? [String: String])?["command"] == "psql -c 'select 1'" })
            XCTAssertEqual(command["message"] as? String, "Ran `psql -c 'select 1'` (exit 0, ok)")
            let details = try XCTUnwrap(command["details"] as? [String: String])
            XCTAssertEqual(command["kind"] as? String, "command-run")
            XCTAssertEqual(details["exit_status"], "0")
            XCTAssertEqual(details["class"], "read-only")
            XCTAssertEqual(details["duration_ms"], "250")
            XCTAssertEqual(details["run_id"], "run-7")
            let missingType = try await client.execute(
                uri: "/api/v1/incidents/\(id)/runs", method: .post, headers: fixture.headers(.responder),
                body: ByteBuffer(json: [
                    "run_id": "r", "runbook": "X", "events": [["event": "run_started"], ["command": "ls"]],
                ]))
            XCTAssertEqual(missingType.status, .badRequest)
            XCTAssertTrue(missingType.text.contains("events[1].event"), missingType.text)

            let resolve = try await client.execute(
                uri: "/api/v1/incidents/\(id)/resolve", method: .post, headers: fixture.headers(.responder))
            XCTAssertEqual(resolve.json["status"] as? String, "resolved")
            let again = try await client.execute(
                uri: "/api/v1/incidents/\(id)/resolve", method: .post, headers: fixture.headers(.responder))
            XCTAssertEqual(again.status, .conflict)
            XCTAssertTrue(again.text.contains("already resolved"))

            let timeline = try await client.execute(
                uri: "/api/v1/incidents/\(id)/timeline", method: .get, headers: fixture.headers(.viewer))
            let events = timeline.json["events"] as? [[String: Any]] ?? []
            let kinds = events.compactMap { $0["kind"] as? String }
            XCTAssertEqual(Array(kinds.prefix(2)), ["opened", "alert-fired"])
            for expected in ["acknowledged", "note", "status-update", "command-run", "resolved"] {
                XCTAssertTrue(kinds.contains(expected), "\(kinds)")
            }
            XCTAssertEqual(
                events.first { $0["kind"] as? String == "note" }?["message"] as? String, "replica lag <b>high</b>")
            let lastID = try XCTUnwrap(events.dropLast().last?["id"] as? Int)
            let tail = try await client.execute(
                uri: "/api/v1/incidents/\(id)/timeline?after=\(lastID)", method: .get, headers: fixture.headers(.viewer)
            )
            XCTAssertEqual((tail.json["events"] as? [[String: Any]])?.count, 1)

            let missing = try await client.execute(
                uri: "/api/v1/incidents/999/acknowledge", method: .post, headers: fixture.headers(.responder))
            XCTAssertEqual(missing.status, .notFound)
            let notNumber = try await client.execute(
                uri: "/api/v1/incidents/abc", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(notNumber.status, .notFound)
        }
    }

    func testRunbooksAPI() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let list = try await client.execute(
                uri: "/api/v1/runbooks", method: .get, headers: fixture.headers(.viewer))
            let ids = (list.json["runbooks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            XCTAssertTrue(ids.contains("LED-API-001") && ids.contains("LED-DB-002"), "\(ids)")
            let one = try await client.execute(
                uri: "/api/v1/runbooks/led-db-002", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(one.status, .ok)
            XCTAssertEqual((one.json["runbook"] as? [String: Any])?["id"] as? String, "LED-DB-002")
            XCTAssertFalse((one.json["steps"] as? [Any] ?? []).isEmpty)
            let missing = try await client.execute(
                uri: "/api/v1/runbooks/NOPE", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(missing.status, .notFound)
            let search = try await client.execute(
                uri: "/api/v1/runbooks/search?q=replication%20lag", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(
                (search.json["results"] as? [[String: Any]])?.first?["id"] as? String, "LED-DB-002", search.text)
            let empty = try await client.execute(
                uri: "/api/v1/runbooks/search", method: .get, headers: fixture.headers(.viewer))
            XCTAssertEqual(empty.status, .badRequest)
        }
    }
}
