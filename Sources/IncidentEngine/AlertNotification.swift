import Foundation

/// One delivery from a source for one incident key: an Alertmanager webhook group, or a
/// PagerDuty `trigger`/`resolve` event.
///
/// The server fills `runbook` and `severity` before ingestion (runbook resolution needs the
/// catalog, which the pure engine does not see).
public struct AlertNotification: Sendable, Equatable, Codable {
    /// Which source delivered it.
    public var source: AlertSource
    /// The incident key: Alertmanager's `groupKey` or PagerDuty's `dedup_key`.
    public var key: String
    /// A human title (`commonAnnotations.summary`, PagerDuty `payload.summary`), if any.
    public var summary: String?
    /// Labels shared by every alert of the group.
    public var commonLabels: [String: String]
    /// The alerts in this delivery, each firing or resolved.
    public var alerts: [IncomingAlert]
    /// When the server accepted the delivery.
    public var receivedAt: Date
    /// The integration it arrived through (token name or PagerDuty routing key's integration).
    public var integration: String?
    /// The runbook the server resolved for this notification, if any.
    public var runbook: RunbookAttachment?
    /// The severity the server derived from labels (config mapping), if any.
    public var severity: IncidentSeverity?
    /// The request's id (the client's `X-Request-ID`, else one the server made up), recorded
    /// with the delivery so a client can check afterwards that an acknowledged request was kept.
    public var requestID: String?

    /// Creates a notification.
    public init(
        source: AlertSource, key: String, summary: String? = nil, commonLabels: [String: String] = [:],
        alerts: [IncomingAlert], receivedAt: Date, integration: String? = nil,
        runbook: RunbookAttachment? = nil, severity: IncidentSeverity? = nil, requestID: String? = nil
    ) {
        self.source = source
        self.key = key
        self.summary = summary
        self.commonLabels = commonLabels
        self.alerts = alerts
        self.receivedAt = receivedAt
        self.integration = integration
        self.runbook = runbook
        self.severity = severity
        self.requestID = requestID
    }
}
