import FirebreakConfig
import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// Config reload (what SIGHUP triggers): a good config re-indexes the runbooks, a bad one is rejected and the old kept.
final class ReloadTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
        let examples = ServerFixture.repositoryRoot.appendingPathComponent("examples")
        try FileManager.default.copyItem(
            at: examples.appendingPathComponent("runbooks/postgres-replication-lag.md"),
            to: directory.appendingPathComponent("runbooks/postgres-replication-lag.md"))
        try "runbooks: [runbooks]\n".write(
            to: directory.appendingPathComponent("firebreak.yml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testReloadReindexesAndRejectsBadConfig() async throws {
        let fixture = try await ServerFixture.make(configFile: directory.appendingPathComponent("firebreak.yml"))
        XCTAssertEqual(fixture.app.runtime.catalog.runbooks.map(\.id), ["LED-DB-002"])

        let added = """
            ---
            id: NET-001
            title: Packet loss between zones
            alerts: [ZonePacketLoss]
            ---
            # Packet loss between zones

            ## Diagnosis

            ```bash
            ping -c 3 "$TARGET"
            ```
            """
        try added.write(to: directory.appendingPathComponent("runbooks/net.md"), atomically: true, encoding: .utf8)
        try "runbooks: [runbooks]\nserver:\n  severity_map: {blocker: critical}\n".write(
            to: directory.appendingPathComponent("firebreak.yml"), atomically: true, encoding: .utf8)
        let good = await fixture.app.reloader.reload()
        XCTAssertNoThrow(try good.get())
        XCTAssertEqual(Set(fixture.app.runtime.catalog.runbooks.map(\.id)), ["LED-DB-002", "NET-001"])
        XCTAssertEqual(fixture.app.runtime.config.server.severityMap["blocker"], "critical")

        try await fixture.test { client in
            let incident = try await client.execute(
                uri: "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(
                    groupKey: "z",
                    alerts: [Webhook.Alert(name: "ZonePacketLoss", fingerprint: "z", labels: ["severity": "blocker"])]))
            let id = try XCTUnwrap(incident.json["incident_id"] as? Int)
            let stored = try await fixture.store.incident(id: Int64(id))
            XCTAssertEqual(stored?.runbook?.id, "NET-001", "the reloaded index attaches the new runbook")
            XCTAssertEqual(stored?.severity, .critical, "the reloaded severity map is used")
        }

        try "runbooks: [runbooks]\nserver:\n  listne: 1\n".write(
            to: directory.appendingPathComponent("firebreak.yml"), atomically: true, encoding: .utf8)
        let bad = await fixture.app.reloader.reload()
        XCTAssertThrowsError(try bad.get()) { error in XCTAssertTrue("\(error)".contains("server.listne"), "\(error)") }
        XCTAssertEqual(
            Set(fixture.app.runtime.catalog.runbooks.map(\.id)), ["LED-DB-002", "NET-001"], "the old config is kept")
        XCTAssertEqual(fixture.app.runtime.config.server.severityMap["blocker"], "critical")
    }
}
