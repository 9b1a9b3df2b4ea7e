import Foundation

/// Whether a source reports an alert as still firing or as resolved.
public enum AlertStatus: String, Sendable, Codable, CaseIterable {
    case firing
    case resolved
}

/// Where a notification came from; kept on the incident and the timeline.
public enum AlertSource: String, Sendable, Codable, CaseIterable {
    case alertmanager
    case pagerduty
}

/// One alert as a source delivered it, identified by its fingerprint.
///
/// Alertmanager sends the fingerprint; a PagerDuty event uses its `dedup_key`.
public struct IncomingAlert: Sendable, Equatable, Codable {
    /// Stable identity of the alert inside its incident.
    public var fingerprint: String
    /// Firing or resolved, as the source says.
    public var status: AlertStatus
    /// The alert's labels (`alertname`, `severity`, `namespace`…).
    public var labels: [String: String]
    /// The alert's annotations (`summary`, `runbook_url`…).
    public var annotations: [String: String]
    /// When the condition started, as the source says (the MTTD reference).
    public var startsAt: Date?
    /// When the condition ended, for resolved alerts.
    public var endsAt: Date?
    /// Link back to the source's view of the alert.
    public var generatorURL: String?

    /// Creates an alert.
    public init(
        fingerprint: String, status: AlertStatus, labels: [String: String] = [:],
        annotations: [String: String] = [:], startsAt: Date? = nil, endsAt: Date? = nil,
        generatorURL: String? = nil
    ) {
        self.fingerprint = fingerprint
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// The `alertname` label, or the fingerprint when there is none.
    public var name: String { labels["alertname"] ?? fingerprint }
}
