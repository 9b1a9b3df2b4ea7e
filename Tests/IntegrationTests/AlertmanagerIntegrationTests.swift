import Foundation
import XCTest

/// A real Alertmanager delivers to a real `firebreak serve`: two alerts of one group make one
/// incident with both fingerprints, a third fingerprint joins it (and says so on the timeline),
/// and resolving every alert resolves the incident.
final class AlertmanagerIntegrationTests: XCTestCase {
    func testAlertmanagerGroupsJoinsAndResolvesOneIncident() async throws {
        let scratch = try IntegrationScratch("firebreak-alertmanager")
        let server = try await FirebreakServerProcess(scratch: scratch)
        let serverProcess = server.process
        addTeardownBlock { serverProcess.stop() }
        let alertmanager = try await AlertmanagerProcess(
            scratch: scratch, webhookURL: "\(server.base)/api/v1/alerts/alertmanager", token: server.ingestToken)
        let alertmanagerProcess = alertmanager.process
        addTeardownBlock { alertmanagerProcess.stop() }

        // A cluster of its own, so that nothing else can match this test's incident.
        let cluster = "it-\(UUID().uuidString.prefix(8).lowercased())"
        let startsAt = Date().addingTimeInterval(-60)
        func alert(_ instance: String, endsAt: Date? = nil) -> [String: Any] {
            var alert: [String: Any] = [
                "labels": [
                    "alertname": "LedgerApiErrors", "cluster": cluster, "instance": instance, "severity": "critical",
                ],
                "annotations": ["summary": "5xx on \(instance)"],
                "startsAt": rfc3339(startsAt),
                "generatorURL": "http://127.0.0.1/graph",
            ]
            if let endsAt { alert["endsAt"] = rfc3339(endsAt) }
            return alert
        }
        let incidents = IncidentProbe(api: server.admin, cluster: cluster)

        try await alertmanager.push([alert("api-1"), alert("api-2")])
        let opened = try await incidents.waitFor("one incident with the two fingerprints") {
            $0.fingerprints.count == 2
        }
        var expected = try await alertmanager.fingerprints(matching: ["cluster": cluster])
        XCTAssertEqual(opened.fingerprints, expected, "the incident holds Alertmanager's fingerprints")
        XCTAssertEqual(opened.status, "triggered")

        try await alertmanager.push([alert("api-3")])
        let joined = try await incidents.waitFor("the third fingerprint joining") { $0.fingerprints.count == 3 }
        expected = try await alertmanager.fingerprints(matching: ["cluster": cluster])
        XCTAssertEqual(joined.id, opened.id, "the third alert joins the open incident")
        XCTAssertEqual(joined.fingerprints, expected)
        XCTAssertTrue(joined.timelineKinds.contains("alert-joined"), "timeline: \(joined.timelineKinds)")
        let all = try await incidents.matching()
        XCTAssertEqual(all.count, 1, "one incident for the group, got \(all.map(\.id))")

        let past = Date().addingTimeInterval(-1)
        try await alertmanager.push(["api-1", "api-2", "api-3"].map { alert($0, endsAt: past) })
        let resolved = try await incidents.waitFor("the incident resolving") { $0.status == "resolved" }
        XCTAssertEqual(resolved.id, opened.id)
        XCTAssertEqual(resolved.fingerprints, expected)
        scratch.remove()
    }
}

private func rfc3339(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
}
