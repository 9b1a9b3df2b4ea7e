import Foundation

/// An incident's place in its lifecycle: triggered → acknowledged → resolved.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable {
    case triggered
    case acknowledged
    case resolved
}

/// Incident severity, most urgent first; ordered so `max` picks the most urgent.
public enum IncidentSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical
    case high
    case warning
    case info
    case unknown

    /// Rank used for ordering: lower is more urgent.
    private var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    /// `a < b` when `a` is less urgent than `b`.
    public static func < (a: Self, b: Self) -> Bool { a.rank > b.rank }
}

/// How an incident's runbook was found.
public enum RunbookAttachmentReason: String, Sendable, Codable {
    /// The alert's `runbook_url` / `runbook` annotation resolved to it.
    case annotation
    /// The runbook's `alerts:` front matter names the alert.
    case alertsField = "alerts-field"
    /// Best search hit for the alert; a suggestion only.
    case suggestion
}

/// The runbook attached to an incident.
public struct RunbookAttachment: Sendable, Equatable, Codable {
    /// The runbook's catalog id.
    public var id: String
    /// Why it was attached.
    public var reason: RunbookAttachmentReason
    /// The link the alert carried, when attached by annotation.
    public var url: String?

    /// Creates an attachment.
    public init(id: String, reason: RunbookAttachmentReason, url: String? = nil) {
        self.id = id
        self.reason = reason
        self.url = url
    }
}

/// One alert tracked inside an incident, by fingerprint.
public struct TrackedAlert: Sendable, Equatable, Codable {
    /// The alert's fingerprint (or PagerDuty dedup key).
    public var fingerprint: String
    /// Firing or resolved, as last reported.
    public var status: AlertStatus
    /// Labels as last reported.
    public var labels: [String: String]
    /// Annotations as last reported.
    public var annotations: [String: String]
    /// When the condition started, per the source.
    public var startsAt: Date?
    /// When the condition ended, per the source.
    public var endsAt: Date?
    /// When this server first saw the fingerprint.
    public var firstSeenAt: Date
    /// When this server last heard of it.
    public var lastSeenAt: Date

    /// Creates a tracked alert.
    public init(
        fingerprint: String, status: AlertStatus, labels: [String: String], annotations: [String: String],
        startsAt: Date?, endsAt: Date?, firstSeenAt: Date, lastSeenAt: Date
    ) {
        self.fingerprint = fingerprint
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}

/// An incident: the alerts of one key, their lifecycle and the people acting on them.
public struct Incident: Sendable, Equatable, Codable {
    /// Store-assigned id; 0 until stored.
    public var id: Int64
    /// Group key or dedup key; at most one unresolved incident per key.
    public var key: String
    /// The source of the first notification.
    public var source: AlertSource
    /// Human title.
    public var title: String
    /// Lifecycle state.
    public var status: IncidentStatus
    /// Severity from labels or the runbook.
    public var severity: IncidentSeverity
    /// The `service` (or `job`) label, when there is one.
    public var service: String?
    /// Labels common to the incident's alerts.
    public var labels: [String: String]
    /// The attached runbook, if one was found.
    public var runbook: RunbookAttachment?
    /// The alerts by fingerprint, in order of first sight.
    public var alerts: [TrackedAlert]
    /// Earliest alert start (the detection reference for MTTD).
    public var detectedAt: Date?
    /// When the incident opened here.
    public var openedAt: Date
    /// When it was first acknowledged.
    public var acknowledgedAt: Date?
    /// Who acknowledged it.
    public var acknowledgedBy: String?
    /// When it resolved.
    public var resolvedAt: Date?
    /// Who resolved it (`nil` when its alerts resolved on their own).
    public var resolvedBy: String?

    /// Creates an incident.
    public init(
        id: Int64 = 0, key: String, source: AlertSource, title: String, status: IncidentStatus = .triggered,
        severity: IncidentSeverity = .unknown, service: String? = nil, labels: [String: String] = [:],
        runbook: RunbookAttachment? = nil, alerts: [TrackedAlert] = [], detectedAt: Date? = nil,
        openedAt: Date, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil,
        resolvedAt: Date? = nil, resolvedBy: String? = nil
    ) {
        self.id = id
        self.key = key
        self.source = source
        self.title = title
        self.status = status
        self.severity = severity
        self.service = service
        self.labels = labels
        self.runbook = runbook
        self.alerts = alerts
        self.detectedAt = detectedAt
        self.openedAt = openedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
    }

    /// Time to acknowledge, from opening; `nil` until acknowledged.
    public var timeToAcknowledge: TimeInterval? { acknowledgedAt.map { $0.timeIntervalSince(openedAt) } }
    /// Time to resolve, from opening; `nil` until resolved.
    public var timeToResolve: TimeInterval? { resolvedAt.map { $0.timeIntervalSince(openedAt) } }
    /// Time to detect: from the alert's own start to the incident opening.
    public var timeToDetect: TimeInterval? { detectedAt.map { openedAt.timeIntervalSince($0) } }
}
