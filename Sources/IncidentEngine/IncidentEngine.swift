import Foundation

/// Settings the engine decides with; plain values, reloadable with the config.
public struct IncidentEngineSettings: Sendable, Equatable {
    /// Label values mapped to severities (lower-cased keys), checked on the `severity` label, then `priority`.
    public var severityByLabel: [String: IncidentSeverity]
    /// Labels naming the service, first present wins.
    public var serviceLabels: [String]

    /// The defaults: common spellings of severities and priorities.
    public init(
        severityByLabel: [String: IncidentSeverity] = IncidentEngineSettings.defaultSeverities,
        serviceLabels: [String] = ["service", "app", "job"]
    ) {
        self.severityByLabel = severityByLabel
        self.serviceLabels = serviceLabels
    }

    /// Common severity spellings: Prometheus `severity`, PagerDuty severities, P1…P5.
    public static let defaultSeverities: [String: IncidentSeverity] = [
        "critical": .critical, "page": .critical, "p1": .critical, "sev1": .critical, "fatal": .critical,
        "high": .high, "error": .high, "major": .high, "p2": .high, "sev2": .high,
        "warning": .warning, "warn": .warning, "minor": .warning, "p3": .warning, "sev3": .warning,
        "info": .info, "informational": .info, "none": .info, "low": .info, "p4": .info, "p5": .info,
    ]
}

/// The incident lifecycle as a pure state machine: notifications and operator actions in,
/// the next incident state and its timeline entries out. No I/O, no clock: times come in.
///
/// ```swift
/// let engine = IncidentEngine()
/// if let decision = engine.ingest(notification, open: storedOpenIncident) { store(decision) }
/// ```
public struct IncidentEngine: Sendable {
    /// The settings it decides with.
    public var settings: IncidentEngineSettings

    /// Creates an engine.
    public init(settings: IncidentEngineSettings = IncidentEngineSettings()) {
        self.settings = settings
    }

    /// Applies a notification to the open incident of its key (or to none).
    ///
    /// Returns `nil` when nothing changes: only resolved alerts for a key with no open incident,
    /// or an empty notification. A firing alert for a key with no open incident opens one (a
    /// trigger on a resolved key opens a new incident).
    public func ingest(_ notification: AlertNotification, open: Incident?) -> IngestDecision? {
        guard var incident = open, incident.status != .resolved else {
            return openIncident(for: notification)
        }
        let at = notification.receivedAt
        var events: [TimelineEvent] = []
        var positions = Dictionary(
            incident.alerts.enumerated().map { ($1.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        for alert in notification.alerts {
            if let index = positions[alert.fingerprint] {
                let previous = incident.alerts[index]
                let before = previous.status
                // A status-only report (PagerDuty resolve) must not wipe what the trigger said.
                var update = alert
                if update.labels.isEmpty { update.labels = previous.labels }
                if update.annotations.isEmpty { update.annotations = previous.annotations }
                if update.startsAt == nil { update.startsAt = previous.startsAt }
                incident.alerts[index] = tracked(update, firstSeenAt: previous.firstSeenAt, at: at)
                if before != alert.status { events.append(statusEvent(for: alert, at: at)) }
            } else {
                positions[alert.fingerprint] = incident.alerts.count
                incident.alerts.append(tracked(alert, firstSeenAt: at, at: at))
                if alert.status == .firing {
                    events.append(event(.alertJoined, at, "\(alert.name) joined the incident", alert))
                } else {
                    events.append(event(.alertResolved, at, "\(alert.name) resolved", alert))
                }
            }
        }
        incident.detectedAt = earliestStart(incident.alerts, current: incident.detectedAt)
        if let severity = severity(of: notification), severity > incident.severity { incident.severity = severity }
        if incident.runbook == nil, let runbook = notification.runbook {
            incident.runbook = runbook
            events.append(runbookEvent(runbook, at: at))
        }
        if !incident.alerts.isEmpty, incident.alerts.allSatisfy({ $0.status == .resolved }) {
            incident.status = .resolved
            incident.resolvedAt = at
            events.append(TimelineEvent(at: at, kind: .resolved, message: "All alerts resolved"))
        }
        guard !events.isEmpty || incident != open else {
            return IngestDecision(incident: incident, opened: false, events: [])
        }
        return IngestDecision(incident: incident, opened: false, events: events)
    }

    /// Acknowledges an incident; acknowledging an acknowledged one changes nothing.
    public func acknowledge(
        _ incident: Incident, by actor: String?, at: Date
    ) throws(IncidentTransitionError) -> IncidentTransition {
        switch incident.status {
        case .resolved: throw IncidentTransitionError(.alreadyResolved(id: incident.id, action: "acknowledge"))
        case .acknowledged: return IncidentTransition(incident: incident, events: [])
        case .triggered:
            var next = incident
            next.status = .acknowledged
            next.acknowledgedAt = at
            next.acknowledgedBy = actor
            let who = actor.map { " by \($0)" } ?? ""
            return IncidentTransition(
                incident: next,
                events: [TimelineEvent(at: at, kind: .acknowledged, actor: actor, message: "Acknowledged\(who)")])
        }
    }

    /// Resolves an incident by hand; its alerts keep their last reported state.
    public func resolve(
        _ incident: Incident, by actor: String?, at: Date
    ) throws(IncidentTransitionError) -> IncidentTransition {
        guard incident.status != .resolved else {
            throw IncidentTransitionError(.alreadyResolved(id: incident.id, action: "resolve"))
        }
        var next = incident
        next.status = .resolved
        next.resolvedAt = at
        next.resolvedBy = actor
        if next.acknowledgedAt == nil {
            next.acknowledgedAt = at
            next.acknowledgedBy = actor
        }
        let who = actor.map { " by \($0)" } ?? ""
        return IncidentTransition(
            incident: next, events: [TimelineEvent(at: at, kind: .resolved, actor: actor, message: "Resolved\(who)")])
    }

    /// The severity a notification asks for: the server's mapping, else the labels.
    public func severity(of notification: AlertNotification) -> IncidentSeverity? {
        if let severity = notification.severity { return severity }
        let labelSets = [notification.commonLabels] + notification.alerts.map(\.labels)
        var best: IncidentSeverity?
        for labels in labelSets {
            for key in ["severity", "priority"] {
                if let value = labels[key], let mapped = settings.severityByLabel[value.lowercased()] {
                    best = max(best ?? mapped, mapped)
                }
            }
        }
        return best
    }

    private func openIncident(for notification: AlertNotification) -> IngestDecision? {
        let firing = notification.alerts.filter { $0.status == .firing }
        guard !firing.isEmpty else { return nil }
        let at = notification.receivedAt
        let labels = notification.commonLabels.isEmpty ? firing[0].labels : notification.commonLabels
        let title = notification.summary ?? firing[0].annotations["summary"] ?? firing[0].name
        var incident = Incident(
            key: notification.key, source: notification.source, title: title,
            severity: severity(of: notification) ?? .unknown,
            service: settings.serviceLabels.lazy.compactMap { labels[$0] ?? firing[0].labels[$0] }.first,
            labels: labels, runbook: notification.runbook, openedAt: at)
        incident.alerts = notification.alerts.map { tracked($0, firstSeenAt: at, at: at) }
        incident.detectedAt = earliestStart(incident.alerts, current: nil)
        var events = [
            TimelineEvent(
                at: at, kind: .opened, message: "Incident opened: \(title)",
                details: ["source": notification.source.rawValue])
        ]
        events += notification.alerts.map { alert in
            alert.status == .firing
                ? event(.alertFired, at, "\(alert.name) fired", alert)
                : event(.alertResolved, at, "\(alert.name) resolved", alert)
        }
        if let runbook = notification.runbook { events.append(runbookEvent(runbook, at: at)) }
        return IngestDecision(incident: incident, opened: true, events: events)
    }

    private func tracked(_ alert: IncomingAlert, firstSeenAt: Date, at: Date) -> TrackedAlert {
        TrackedAlert(
            fingerprint: alert.fingerprint, status: alert.status, labels: alert.labels, annotations: alert.annotations,
            startsAt: alert.startsAt, endsAt: alert.endsAt, firstSeenAt: firstSeenAt, lastSeenAt: at)
    }

    private func statusEvent(for alert: IncomingAlert, at: Date) -> TimelineEvent {
        alert.status == .firing
            ? event(.alertFired, at, "\(alert.name) fired again", alert)
            : event(.alertResolved, at, "\(alert.name) resolved", alert)
    }

    private func event(
        _ kind: TimelineEventKind, _ at: Date, _ message: String, _ alert: IncomingAlert
    ) -> TimelineEvent {
        TimelineEvent(
            at: at, kind: kind, message: message, details: ["fingerprint": alert.fingerprint, "alertname": alert.name])
    }

    private func runbookEvent(_ runbook: RunbookAttachment, at: Date) -> TimelineEvent {
        let how = runbook.reason == .suggestion ? "Suggested runbook" : "Runbook attached"
        return TimelineEvent(
            at: at, kind: .runbookAttached, message: "\(how): \(runbook.id)",
            details: ["runbook": runbook.id, "reason": runbook.reason.rawValue])
    }

    private func earliestStart(_ alerts: [TrackedAlert], current: Date?) -> Date? {
        alerts.compactMap(\.startsAt).reduce(current) { best, start in best.map { min($0, start) } ?? start }
    }
}

/// What the engine decided for one notification.
public struct IngestDecision: Sendable, Equatable {
    /// The incident after the notification (id 0 when newly opened).
    public var incident: Incident
    /// Whether it is a new incident.
    public var opened: Bool
    /// Timeline entries to append, oldest first.
    public var events: [TimelineEvent]
}

/// The result of an operator action on an incident.
public struct IncidentTransition: Sendable, Equatable {
    /// The incident after the action.
    public var incident: Incident
    /// Timeline entries to append (none when the action changed nothing).
    public var events: [TimelineEvent]
}

/// An operator action the incident's state does not allow.
public struct IncidentTransitionError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case alreadyResolved(id: Int64, action: String)
    }

    let code: Code

    init(_ code: Code) { self.code = code }

    /// A message saying what failed and what to do instead.
    public var description: String {
        switch code {
        case .alreadyResolved(let id, let action):
            return
                "cannot \(action) incident \(id): it is already resolved; a new alert on its key opens a new incident"
        }
    }
}
