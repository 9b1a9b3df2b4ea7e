import Foundation
import IncidentEngine
import Storage

/// Small builders of notifications and tokens for store tests.
public enum StoreFixtures {
    /// A fixed reference time (2026-03-01T12:00:00Z), so stored times compare exactly.
    public static let t0 = Date(timeIntervalSince1970: 1_772_366_400)

    /// `t0` plus `seconds`.
    public static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// An Alertmanager alert with fingerprint `fingerprint` and alertname `name`.
    public static func alert(
        _ fingerprint: String, _ status: AlertStatus = .firing, name: String? = nil,
        labels: [String: String] = [:], startsAt: Date? = nil
    ) -> IncomingAlert {
        var all = ["alertname": name ?? "Alert-\(fingerprint)"]
        all.merge(labels) { _, new in new }
        return IncomingAlert(
            fingerprint: fingerprint, status: status, labels: all,
            annotations: ["summary": "summary of \(fingerprint)"], startsAt: startsAt ?? t0.addingTimeInterval(-60),
            endsAt: status == .resolved ? t0 : nil, generatorURL: "http://prometheus.local/graph")
    }

    /// A notification for `key` carrying `alerts`, received at `at`.
    public static func notification(
        key: String, _ alerts: [IncomingAlert], at: Date = t0, labels: [String: String] = [:],
        severity: IncidentSeverity? = nil, runbook: RunbookAttachment? = nil, requestID: String? = nil,
        source: AlertSource = .alertmanager
    ) -> AlertNotification {
        AlertNotification(
            source: source, key: key, summary: "Incident \(key)", commonLabels: labels, alerts: alerts,
            receivedAt: at, integration: "tests", runbook: runbook, severity: severity, requestID: requestID)
    }

    /// A notification with `count` firing alerts `prefix-0`… for `key`.
    public static func firing(
        key: String, count: Int, prefix: String = "fp", at: Date = t0, requestID: String? = nil
    )
        -> AlertNotification
    {
        notification(key: key, (0..<count).map { alert("\(prefix)-\($0)") }, at: at, requestID: requestID)
    }

    /// A token record named `name` whose secret hash is derived from the name.
    public static func token(_ name: String, role: Role = .responder, at: Date = t0) -> TokenRecord {
        let hex = Array(name.utf8).map { String(format: "%02x", $0) }.joined()
        let hash = String((hex + String(repeating: "0", count: 64)).prefix(64))
        return TokenRecord(name: name, role: role, secretHash: hash, createdAt: at)
    }
}
