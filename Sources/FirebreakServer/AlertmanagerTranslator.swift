import FirebreakConfig
import Foundation
import IncidentEngine
import RunbookModel

/// Checks a decoded Alertmanager webhook against the limits and turns it into one notification.
struct AlertmanagerTranslator: Sendable {
    var limits: ServerLimits

    /// The notification for `webhook`, or a 400/413 naming the first problem.
    func notification(
        from webhook: AlertmanagerWebhook, receivedAt: Date, requestID: String
    ) throws(APIError) -> AlertNotification {
        guard webhook.version == "4" else {
            throw .badRequest("version is '\(webhook.version)'; only Alertmanager webhook version 4 is supported")
        }
        guard !webhook.groupKey.isEmpty else { throw .badRequest("groupKey is empty; Alertmanager always sends one") }
        guard webhook.status == "firing" || webhook.status == "resolved" else {
            throw .badRequest("status is '\(webhook.status)'; use firing or resolved")
        }
        guard webhook.alerts.count <= limits.maxAlerts else {
            throw .tooLarge(
                "the webhook carries \(webhook.alerts.count) alerts, more than the limit of \(limits.maxAlerts); split the group (group_by in Alertmanager)"
            )
        }
        try check(webhook.groupKey, path: "groupKey")
        let common = webhook.commonLabels ?? [:]
        try check(common, path: "commonLabels")
        try check(webhook.commonAnnotations ?? [:], path: "commonAnnotations")
        try check(webhook.groupLabels ?? [:], path: "groupLabels")
        var alerts: [IncomingAlert] = []
        alerts.reserveCapacity(webhook.alerts.count)
        for (index, alert) in webhook.alerts.enumerated() {
            alerts.append(try incoming(alert, path: "alerts[\(index)]"))
        }
        return AlertNotification(
            source: .alertmanager, key: webhook.groupKey, summary: webhook.commonAnnotations?["summary"],
            commonLabels: common, alerts: alerts, receivedAt: receivedAt, integration: webhook.receiver,
            requestID: requestID)
    }

    private func incoming(
        _ alert: AlertmanagerWebhook.Alert, path: @autoclosure () -> String
    ) throws(APIError) -> IncomingAlert {
        guard let status = AlertStatus(rawValue: alert.status) else {
            throw .badRequest("\(path()).status is '\(alert.status)'; use firing or resolved")
        }
        try check(alert.labels, path: "\(path()).labels")
        let annotations = alert.annotations ?? [:]
        try check(annotations, path: "\(path()).annotations")
        let fingerprint: String
        if let given = alert.fingerprint, !given.isEmpty {
            try check(given, path: "\(path()).fingerprint")
            fingerprint = given
        } else {
            fingerprint = String(
                ContentHash.sha256Hex(
                    alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1F}")
                ).prefix(16))
        }
        return IncomingAlert(
            fingerprint: fingerprint, status: status, labels: alert.labels, annotations: annotations,
            startsAt: try date(alert.startsAt, path: "\(path()).startsAt"),
            endsAt: try date(alert.endsAt, path: "\(path()).endsAt"),
            generatorURL: alert.generatorURL)
    }

    private func date(_ text: String?, path: @autoclosure () -> String) throws(APIError) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = TimestampParser.parse(text) else {
            throw .badRequest("\(path()) is '\(text.prefix(40))', not an RFC 3339 time such as 2026-01-13T10:00:00Z")
        }
        return date == .distantPast ? nil : date
    }

    private func check(_ values: [String: String], path: @autoclosure () -> String) throws(APIError) {
        guard values.count <= limits.maxLabels else {
            throw .badRequest(
                "\(path()) has \(values.count) entries, more than the limit of \(limits.maxLabels); drop some labels")
        }
        for (key, value) in values {
            try check(key, path: "\(path()) key")
            guard value.utf8.count <= limits.maxValueBytes else {
                throw .badRequest(
                    "\(path()).\(key) is \(value.utf8.count) bytes, more than the limit of \(limits.maxValueBytes); shorten it"
                )
            }
            try check(value, path: "\(path()).\(key)")
        }
    }

    private func check(_ text: String, path: @autoclosure () -> String) throws(APIError) {
        if ByteSearch.containsNUL(text) { throw .badRequest("\(path()) contains a NUL character (\\u0000); remove it") }
    }
}
