import Foundation
import IncidentEngine
import Storage

/// A ``FirebreakStore`` that keeps everything in memory, with the semantics the SQL store
/// promises: one open incident per key, ids increasing in commit order, nothing stored half-way.
///
/// For server tests and local experiments; nothing survives the process.
///
/// ```swift
/// let store = InMemoryFirebreakStore()
/// let result = try await store.ingest(notification, using: IncidentEngine())
/// ```
public actor InMemoryFirebreakStore: FirebreakStore {
    private var incidentsByID: [Int64: Incident] = [:]
    private var openByKey: [String: Int64] = [:]
    private var timelines: [Int64: [TimelineEvent]] = [:]
    private var deliveryLog: [Delivery] = []
    private var tokenRecords: [TokenRecord] = []
    private var nextIncidentID: Int64 = 1
    private var nextEventID: Int64 = 1
    private var nextDeliveryID: Int64 = 1
    private var nextTokenID: Int64 = 1
    private var isClosed = false

    /// The schema version this store reports.
    public static let schemaVersion = 1

    /// Creates an empty store.
    public init() {}

    // MARK: Incidents

    /// Applies `notification` through `engine` to its key's open incident and logs a delivery; rejects NUL text.
    public func ingest(_ notification: AlertNotification, using engine: IncidentEngine) throws -> IngestResult {
        try checkOpen()
        try Self.checkText(notification)
        let open = openByKey[notification.key].flatMap { incidentsByID[$0] }
        var incident: Incident?
        var events: [TimelineEvent] = []
        var opened = false
        if let decision = engine.ingest(notification, open: open) {
            (incident, events) = save(decision.incident, events: decision.events)
            opened = decision.opened
        }
        let delivery = Delivery(
            id: nextDeliveryID, requestID: notification.requestID, source: notification.source, key: notification.key,
            alertCount: notification.alerts.count, incidentID: incident?.id, receivedAt: notification.receivedAt)
        nextDeliveryID += 1
        deliveryLog.append(delivery)
        return IngestResult(incident: incident, opened: opened, events: events, deliveryID: delivery.id)
    }

    /// Acknowledges the open incident for `key`, if any, and logs a delivery without alerts either way.
    public func acknowledge(
        key: String, by actor: String?, at: Date, requestID: String?, using engine: IncidentEngine
    ) throws -> Incident? {
        try checkOpen()
        var acknowledged: Incident?
        if let id = openByKey[key], let incident = incidentsByID[id] {
            let transition = try engine.acknowledge(incident, by: actor, at: at)
            acknowledged = save(transition.incident, events: transition.events).incident
        }
        deliveryLog.append(
            Delivery(
                id: nextDeliveryID, requestID: requestID, source: .pagerduty, key: key, alertCount: 0,
                incidentID: acknowledged?.id,
                receivedAt: at))
        nextDeliveryID += 1
        return acknowledged
    }

    /// Acknowledges incident `id` through `engine`; throws `StoreError.notFound` for an unknown id.
    public func acknowledge(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) throws -> Incident {
        let incident = try existing(id)
        let transition = try engine.acknowledge(incident, by: actor, at: at)
        return save(transition.incident, events: transition.events).incident
    }

    /// Resolves incident `id` through `engine`; throws `StoreError.notFound` for an unknown id.
    public func resolve(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) throws -> Incident {
        let incident = try existing(id)
        let transition = try engine.resolve(incident, by: actor, at: at)
        return save(transition.incident, events: transition.events).incident
    }

    /// Appends `events` to incident `id`'s timeline with new ids, or none of them if any text holds a NUL.
    public func appendTimeline(incidentID id: Int64, events: [TimelineEvent]) throws -> [TimelineEvent] {
        _ = try existing(id)
        for event in events {
            if let bad = ([event.message, event.actor ?? ""] + Array(event.details.keys) + Array(event.details.values))
                .first(where: Self.hasNUL)
            {
                throw StoreError.invalid(
                    "timeline text contains a NUL character (\(bad.prefix(40).debugDescription)); remove it")
            }
        }
        return append(events, to: id)
    }

    /// The incident with `id`, or `nil`.
    public func incident(id: Int64) throws -> Incident? {
        try checkOpen()
        return incidentsByID[id]
    }

    /// A page of incidents matching `query`, newest first; `nextCursor` is the id of the page's last incident.
    public func incidents(matching query: IncidentQuery) throws -> IncidentPage {
        try checkOpen()
        guard (1...500).contains(query.limit) else {
            throw StoreError.invalid("page size \(query.limit) is out of range; use 1 to 500")
        }
        var below = Int64.max
        if let cursor = query.cursor {
            guard let value = Int64(cursor), value > 0 else {
                throw StoreError.invalid(
                    "cursor '\(cursor)' is not one this server issued; pass a page's next_cursor as it is")
            }
            below = value
        }
        var matches: [Incident] = []
        for id in incidentsByID.keys.sorted(by: >) where id < below {
            guard let incident = incidentsByID[id], Self.matches(incident, query) else { continue }
            matches.append(incident)
            if matches.count > query.limit { break }
        }
        let hasMore = matches.count > query.limit
        let page = Array(matches.prefix(query.limit))
        return IncidentPage(incidents: page, nextCursor: hasMore ? page.last.map { String($0.id) } : nil)
    }

    /// At most `limit` entries of incident `id`'s timeline with an id above `after`, oldest first.
    public func timeline(incidentID id: Int64, after: Int64?, limit: Int) throws -> [TimelineEvent] {
        _ = try existing(id)
        let events = timelines[id] ?? []
        return Array(events.lazy.filter { $0.id > (after ?? 0) }.prefix(max(0, limit)))
    }

    /// At most `limit` delivery records with an id above `after`, oldest first.
    public func deliveries(after: Int64?, limit: Int) throws -> [Delivery] {
        try checkOpen()
        return Array(deliveryLog.lazy.filter { $0.id > (after ?? 0) }.prefix(max(0, limit)))
    }

    /// Number of unresolved incidents by severity.
    public func openIncidentCounts() throws -> [IncidentSeverity: Int] {
        try checkOpen()
        var counts: [IncidentSeverity: Int] = [:]
        for id in openByKey.values {
            if let incident = incidentsByID[id] { counts[incident.severity, default: 0] += 1 }
        }
        return counts
    }

    // MARK: Tokens

    /// Stores `token` with the next id; throws `StoreError.conflict` when its name is taken.
    public func createToken(_ token: TokenRecord) throws -> TokenRecord {
        try checkOpen()
        guard !tokenRecords.contains(where: { $0.name == token.name }) else {
            throw StoreError.conflict("a token named '\(token.name)'")
        }
        var stored = token
        stored.id = nextTokenID
        nextTokenID += 1
        tokenRecords.append(stored)
        return stored
    }

    /// The unrevoked token whose secret hashes to `secretHash`, or `nil`.
    public func token(secretHash: String) throws -> TokenRecord? {
        try checkOpen()
        return tokenRecords.first { $0.secretHash == secretHash && $0.revokedAt == nil }
    }

    /// Every token, revoked ones included, in creation order.
    public func tokens() throws -> [TokenRecord] {
        try checkOpen()
        return tokenRecords
    }

    /// Marks token `id` revoked at `at` unless it already is; throws `StoreError.notFound` for an unknown id.
    public func revokeToken(id: Int64, at: Date) throws {
        try checkOpen()
        guard let index = tokenRecords.firstIndex(where: { $0.id == id }) else {
            throw StoreError.notFound("token \(id)")
        }
        if tokenRecords[index].revokedAt == nil { tokenRecords[index].revokedAt = at }
    }

    // MARK: Lifecycle

    /// Does nothing until the store is closed, then throws `StoreError.closed`.
    public func ping() throws { try checkOpen() }

    /// The static `schemaVersion`, as there is nothing to migrate; throws once the store is closed.
    public func schemaVersion() throws -> Int {
        try checkOpen()
        return Self.schemaVersion
    }

    /// Marks the store closed: later calls throw `StoreError.closed`, and closing again does nothing.
    public func close() { isClosed = true }

    // MARK: Helpers

    private func checkOpen() throws { if isClosed { throw StoreError.closed } }

    private func existing(_ id: Int64) throws -> Incident {
        try checkOpen()
        guard let incident = incidentsByID[id] else { throw StoreError.notFound("incident \(id)") }
        return incident
    }

    /// Stores `incident` (assigning an id when new) and appends `events` to its timeline.
    private func save(_ incident: Incident, events: [TimelineEvent]) -> (incident: Incident, events: [TimelineEvent]) {
        var stored = incident
        if stored.id == 0 {
            stored.id = nextIncidentID
            nextIncidentID += 1
        }
        incidentsByID[stored.id] = stored
        if stored.status == .resolved {
            if openByKey[stored.key] == stored.id { openByKey[stored.key] = nil }
        } else {
            openByKey[stored.key] = stored.id
        }
        return (stored, append(events, to: stored.id))
    }

    private func append(_ events: [TimelineEvent], to id: Int64) -> [TimelineEvent] {
        let stored = events.map { event -> TimelineEvent in
            var event = event
            event.id = nextEventID
            event.incidentID = id
            nextEventID += 1
            return event
        }
        timelines[id, default: []] += stored
        return stored
    }

    private static func matches(_ incident: Incident, _ query: IncidentQuery) -> Bool {
        if !query.statuses.isEmpty, !query.statuses.contains(incident.status) { return false }
        if let severity = query.severity, incident.severity != severity { return false }
        if let service = query.service, incident.service != service { return false }
        if let runbook = query.runbookID, incident.runbook?.id != runbook { return false }
        if let since = query.openedSince, incident.openedAt < since { return false }
        if let before = query.openedBefore, incident.openedAt >= before { return false }
        return true
    }

    private static func hasNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    /// The SQL store cannot keep NUL characters in text; neither does this one.
    private static func checkText(_ notification: AlertNotification) throws {
        var texts = [notification.key, notification.summary ?? ""]
        for alert in notification.alerts {
            texts.append(alert.fingerprint)
            texts += Array(alert.labels.keys) + Array(alert.labels.values)
            texts += Array(alert.annotations.keys) + Array(alert.annotations.values)
        }
        texts += Array(notification.commonLabels.keys) + Array(notification.commonLabels.values)
        if let bad = texts.first(where: hasNUL) {
            throw StoreError.invalid(
                "alert text contains a NUL character (\(bad.prefix(40).debugDescription)); remove it")
        }
    }
}
