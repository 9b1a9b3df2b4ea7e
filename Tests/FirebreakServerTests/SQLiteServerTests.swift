import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import StorageSQL
import XCTest

/// The server flows again, on the SQLite store the server runs on by default.
final class SQLiteServerTests: XCTestCase {
    private var directory: URL!
    private var stores: [SQLFirebreakStore] = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-server-sqlite-\(UUID().uuidString)")
    }

    override func tearDown() async throws {
        for store in stores { try? await store.close() }
        try? FileManager.default.removeItem(at: directory)
    }

    private func fixture() async throws -> ServerFixture {
        var logger = Logger(label: "sqlite-server-test")
        logger.logLevel = .critical
        let store = try await SQLFirebreakStore.open(
            url: nil, dataDirectory: directory.appendingPathComponent("store-\(stores.count)"), logger: logger)
        stores.append(store)
        return try await ServerFixture.make(store: store)
    }

    func testAlertmanagerFlows() async throws {
        try await AlertmanagerIngestTests.groupJoinResolveAndReopen(try await fixture())
        try await AlertmanagerIngestTests.runbookAttachedByAnnotationAlertsFieldOrSuggestion(try await fixture())
        try await AlertmanagerIngestTests.generatesRequestIDAndRejectsBadOne(try await fixture())
    }

    func testPagerDutyFlows() async throws {
        try await PagerDutyTests.triggerAcknowledgeResolveKeepsLabels(try await fixture())
        try await PagerDutyTests.errorsListEveryProblem(try await fixture())
    }

    func testIncidentAPI() async throws {
        try await IncidentAPITests.pagingAndFilters(try await fixture())
        try await IncidentAPITests.actionsNotesTimelineAndRuns(try await fixture())
        try await OpsTests.metricsCountRequestsIngestAndOpenIncidents(try await fixture())
    }

    func testAuth() async throws {
        try await AuthMatrixTests.everyRoute { try await self.fixture() }
        try await AuthMatrixTests.revokedTokenIsRefusedAtOnce(try await fixture())
    }

    func testBadInputStoresNothing() async throws {
        let fixture = try await fixture()
        try await fixture.test { client in
            let huge = Webhook.Alert(
                name: "A", fingerprint: "f", labels: ["pod": String(repeating: "p", count: 70_000)])
            let nul = Webhook.Alert(name: "A", fingerprint: "f", labels: ["x": "a\u{0}b"])
            let bodies: [ByteBuffer] = [
                ByteBuffer(string: "{garbage"), Webhook.body(groupKey: "g", alerts: [huge]),
                Webhook.body(groupKey: "g", alerts: [nul]),
                Webhook.body(
                    groupKey: "g", alerts: (0..<10_001).map { Webhook.Alert(name: "A", fingerprint: "\($0)") }),
                ByteBuffer(bytes: [0x7B, 0xFF, 0x7D]),
            ]
            for body in bodies {
                let response = try await client.execute(
                    uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest), body: body)
                XCTAssertEqual(response.status.kind, .clientError, response.text)
                XCTAssertFalse(((response.json["error"] as? [String: Any])?["message"] as? String ?? "").isEmpty)
            }
            let deliveries = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(deliveries.count, 0)
            let ok = try await client.execute(
                uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f")]))
            XCTAssertEqual(ok.status, .ok)
        }
    }
}
