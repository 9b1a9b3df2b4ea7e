import Foundation
import IncidentEngine
import XCTest

final class IncidentEngineIngestTests: XCTestCase {
    let engine = IncidentEngine()
    let t0 = Date(timeIntervalSince1970: 1_772_366_400)

    func alert(
        _ fingerprint: String, _ status: AlertStatus = .firing, labels: [String: String] = [:], startsAt: Date? = nil
    ) -> IncomingAlert {
        IncomingAlert(
            fingerprint: fingerprint, status: status,
            labels: ["alertname": "Alert\(fingerprint)"].merging(labels) { $1 },
            annotations: ["summary": "summary \(fingerprint)"], startsAt: startsAt)
    }

    func note(
        _ alerts: [IncomingAlert], at seconds: Double = 0, labels: [String: String] = [:], summary: String? = nil,
        runbook: RunbookAttachment? = nil, severity: IncidentSeverity? = nil
    ) -> AlertNotification {
        AlertNotification(
            source: .alertmanager, key: "group", summary: summary, commonLabels: labels, alerts: alerts,
            receivedAt: t0.addingTimeInterval(seconds), runbook: runbook, severity: severity)
    }

    func testFiringAlertOnNewKeyOpensTriggeredIncident() throws {
        let decision = try XCTUnwrap(
            engine.ingest(
                note(
                    [alert("a", startsAt: t0.addingTimeInterval(-30)), alert("b", .resolved)],
                    labels: ["service": "ledger", "severity": "P1"],
                    summary: "Ledger down"), open: nil))
        XCTAssertTrue(decision.opened)
        XCTAssertEqual(decision.incident.status, .triggered)
        XCTAssertEqual(decision.incident.title, "Ledger down")
        XCTAssertEqual(decision.incident.severity, .critical)
        XCTAssertEqual(decision.incident.service, "ledger")
        XCTAssertEqual(decision.incident.alerts.map(\.fingerprint), ["a", "b"])
        XCTAssertEqual(decision.incident.detectedAt, t0.addingTimeInterval(-30))
        XCTAssertEqual(decision.incident.timeToDetect, 30)
        XCTAssertEqual(decision.events.map(\.kind), [.opened, .alertFired, .alertResolved])
    }

    func testOnlyResolvedAlertsOrNothingForAnUnknownKeyChangeNothing() {
        XCTAssertNil(engine.ingest(note([alert("a", .resolved)]), open: nil))
        XCTAssertNil(engine.ingest(note([]), open: nil))
    }

    func testTitleFallsBackToAnnotationThenAlertName() throws {
        let fromAnnotation = try XCTUnwrap(engine.ingest(note([alert("a")]), open: nil))
        XCTAssertEqual(fromAnnotation.incident.title, "summary a")
        let bare = IncomingAlert(fingerprint: "z", status: .firing, labels: ["alertname": "DiskFull"])
        let fromName = try XCTUnwrap(engine.ingest(note([bare]), open: nil))
        XCTAssertEqual(fromName.incident.title, "DiskFull")
    }

    func testNewFingerprintJoinsAndKnownOneChangesStatus() throws {
        let open = try XCTUnwrap(engine.ingest(note([alert("a")]), open: nil)).incident
        let joined = try XCTUnwrap(engine.ingest(note([alert("a"), alert("b")], at: 10), open: open))
        XCTAssertFalse(joined.opened)
        XCTAssertEqual(joined.events.map(\.kind), [.alertJoined])
        XCTAssertEqual(joined.events.first?.details["fingerprint"], "b")
        XCTAssertEqual(joined.incident.alerts.map(\.fingerprint), ["a", "b"])
        XCTAssertEqual(joined.incident.alerts[0].firstSeenAt, t0)
        XCTAssertEqual(joined.incident.alerts[0].lastSeenAt, t0.addingTimeInterval(10))

        let partly = try XCTUnwrap(engine.ingest(note([alert("a", .resolved)], at: 20), open: joined.incident))
        XCTAssertEqual(partly.events.map(\.kind), [.alertResolved])
        XCTAssertEqual(partly.incident.status, .triggered)
        let refired = try XCTUnwrap(engine.ingest(note([alert("a")], at: 30), open: partly.incident))
        XCTAssertEqual(refired.events.map(\.kind), [.alertFired])
        XCTAssertEqual(refired.events.first?.message, "Alerta fired again")
    }

    func testResolvedNewcomerIsRecordedAsResolved() throws {
        let open = try XCTUnwrap(engine.ingest(note([alert("a")]), open: nil)).incident
        let decision = try XCTUnwrap(engine.ingest(note([alert("b", .resolved)], at: 5), open: open))
        XCTAssertEqual(decision.events.map(\.kind), [.alertResolved])
        XCTAssertEqual(decision.incident.status, .triggered)
    }

    func testAllAlertsResolvedResolvesTheIncident() throws {
        let open = try XCTUnwrap(engine.ingest(note([alert("a"), alert("b")]), open: nil)).incident
        let decision = try XCTUnwrap(
            engine.ingest(note([alert("a", .resolved), alert("b", .resolved)], at: 60), open: open))
        XCTAssertEqual(decision.incident.status, .resolved)
        XCTAssertEqual(decision.incident.resolvedAt, t0.addingTimeInterval(60))
        XCTAssertNil(decision.incident.resolvedBy)
        XCTAssertEqual(decision.events.map(\.kind), [.alertResolved, .alertResolved, .resolved])
        XCTAssertEqual(decision.incident.timeToResolve, 60)
    }

    func testTriggerOnResolvedIncidentOpensANewOne() throws {
        var resolved = try XCTUnwrap(engine.ingest(note([alert("a")]), open: nil)).incident
        resolved.id = 7
        resolved.status = .resolved
        let decision = try XCTUnwrap(engine.ingest(note([alert("a")], at: 100), open: resolved))
        XCTAssertTrue(decision.opened)
        XCTAssertEqual(decision.incident.id, 0)
        XCTAssertEqual(decision.incident.openedAt, t0.addingTimeInterval(100))
    }

    func testRepeatedNotificationChangesOnlyLastSeen() throws {
        let open = try XCTUnwrap(engine.ingest(note([alert("a")]), open: nil)).incident
        let decision = try XCTUnwrap(engine.ingest(note([alert("a")], at: 30), open: open))
        XCTAssertEqual(decision.events, [])
        XCTAssertFalse(decision.opened)
        XCTAssertEqual(decision.incident.alerts[0].lastSeenAt, t0.addingTimeInterval(30))
    }

    func testSeverityOnlyEscalatesAndRunbookAttachesOnce() throws {
        let open = try XCTUnwrap(engine.ingest(note([alert("a", labels: ["severity": "warning"])]), open: nil)).incident
        XCTAssertEqual(open.severity, .warning)
        let runbook = RunbookAttachment(id: "RB-1", reason: .suggestion)
        let raised = try XCTUnwrap(
            engine.ingest(note([alert("b", labels: ["severity": "critical"])], at: 1, runbook: runbook), open: open))
        XCTAssertEqual(raised.incident.severity, .critical)
        XCTAssertEqual(raised.incident.runbook, runbook)
        XCTAssertEqual(raised.events.map(\.kind), [.alertJoined, .runbookAttached])
        XCTAssertEqual(raised.events.last?.message, "Suggested runbook: RB-1")
        let other = RunbookAttachment(id: "RB-2", reason: .annotation)
        let lowered = try XCTUnwrap(
            engine.ingest(
                note([alert("c", labels: ["severity": "info"])], at: 2, runbook: other), open: raised.incident))
        XCTAssertEqual(lowered.incident.severity, .critical, "severity never lowers")
        XCTAssertEqual(lowered.incident.runbook, runbook, "the first runbook stays")
    }

    func testServerSeverityWinsOverLabelsAndUnknownLabelsGiveUnknown() throws {
        let mapped = try XCTUnwrap(
            engine.ingest(note([alert("a", labels: ["severity": "critical"])], severity: .info), open: nil))
        XCTAssertEqual(mapped.incident.severity, .info)
        let unknown = try XCTUnwrap(engine.ingest(note([alert("a", labels: ["severity": "bogus"])]), open: nil))
        XCTAssertEqual(unknown.incident.severity, .unknown)
        let custom = IncidentEngine(
            settings: IncidentEngineSettings(severityByLabel: ["bogus": .high], serviceLabels: ["team"]))
        let decided = try XCTUnwrap(
            custom.ingest(note([alert("a", labels: ["severity": "BOGUS", "team": "core"])]), open: nil))
        XCTAssertEqual(decided.incident.severity, .high)
        XCTAssertEqual(decided.incident.service, "core")
    }

    func testSeverityOrderingPutsCriticalHighest() {
        XCTAssertEqual([IncidentSeverity.info, .critical, .warning].max(), .critical)
        XCTAssertLessThan(IncidentSeverity.unknown, .info)
        XCTAssertLessThan(IncidentSeverity.high, .critical)
    }
}
