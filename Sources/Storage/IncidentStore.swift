import Foundation
import IncidentEngine

/// Filters and paging for listing incidents.
public struct IncidentQuery: Sendable, Equatable {
    /// Only these states; empty means all.
    public var statuses: [IncidentStatus]
    /// Only this severity.
    public var severity: IncidentSeverity?
    /// Only this service label.
    public var service: String?
    /// Only incidents with this runbook attached.
    public var runbookID: String?
    /// Only incidents opened at or after this time.
    public var openedSince: Date?
    /// Only incidents opened before this time.
    public var openedBefore: Date?
    /// Page size (1…500).
    public var limit: Int
    /// Opaque cursor from a previous page's `nextCursor`.
    public var cursor: String?

    /// Creates a query; defaults list the 50 newest incidents of any state.
    public init(
        statuses: [IncidentStatus] = [], severity: IncidentSeverity? = nil, service: String? = nil,
        runbookID: String? = nil, openedSince: Date? = nil, openedBefore: Date? = nil, limit: Int = 50,
        cursor: String? = nil
    ) {
        self.statuses = statuses
        self.severity = severity
        self.service = service
        self.runbookID = runbookID
        self.openedSince = openedSince
        self.openedBefore = openedBefore
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of incidents, newest first.
public struct IncidentPage: Sendable, Equatable {
    /// The incidents on this page.
    public var incidents: [Incident]
    /// Cursor for the next page, `nil` on the last one.
    public var nextCursor: String?

    /// Creates a page.
    public init(incidents: [Incident], nextCursor: String?) {
        self.incidents = incidents
        self.nextCursor = nextCursor
    }
}

/// What one ingested notification did.
public struct IngestResult: Sendable, Equatable {
    /// The incident it landed in (after the change), or `nil` when it changed nothing
    /// (a resolve for a key with no open incident).
    public var incident: Incident?
    /// Whether a new incident was opened.
    public var opened: Bool
    /// Timeline entries it added, with ids.
    public var events: [TimelineEvent]
    /// The id of the stored delivery record (every accepted notification gets one, even when it
    /// changed no incident).
    public var deliveryID: Int64

    /// Creates a result.
    public init(incident: Incident?, opened: Bool, events: [TimelineEvent], deliveryID: Int64) {
        self.incident = incident
        self.opened = opened
        self.events = events
        self.deliveryID = deliveryID
    }
}

/// The record of one accepted notification: proof that a request answered 2xx was kept.
public struct Delivery: Sendable, Equatable, Codable {
    /// Store-assigned id, increasing in commit order.
    public var id: Int64
    /// The request id the notification carried, if any.
    public var requestID: String?
    /// Where it came from.
    public var source: AlertSource
    /// Its incident key.
    public var key: String
    /// Number of alerts it carried.
    public var alertCount: Int
    /// The incident it landed in, or `nil` when it changed nothing.
    public var incidentID: Int64?
    /// When the server accepted it.
    public var receivedAt: Date

    /// Creates a delivery record.
    public init(
        id: Int64 = 0, requestID: String?, source: AlertSource, key: String, alertCount: Int, incidentID: Int64?,
        receivedAt: Date
    ) {
        self.id = id
        self.requestID = requestID
        self.source = source
        self.key = key
        self.alertCount = alertCount
        self.incidentID = incidentID
        self.receivedAt = receivedAt
    }
}

/// Durable storage of incidents and their timelines.
///
/// Every mutating call returns only once its change is durable (committed and synced), so an
/// API that answers 2xx after it never loses the request. Implementations may commit several
/// concurrent calls in one transaction (group commit).
public protocol IncidentStore: Sendable {
    /// Applies a notification through `engine` atomically: finds the open incident for its key,
    /// lets the engine decide, and stores the incident, its alerts, the new timeline entries and a
    /// `Delivery` record, all in one transaction.
    func ingest(_ notification: AlertNotification, using engine: IncidentEngine) async throws -> IngestResult

    /// Acknowledges the open incident with `key` (PagerDuty `acknowledge`); `nil` when none is open.
    /// Either way the request gets a `Delivery` record (no alerts) with `requestID`, in the same transaction.
    func acknowledge(
        key: String, by actor: String?, at: Date, requestID: String?, using engine: IncidentEngine
    ) async throws -> Incident?

    /// Acknowledges incident `id`. Throws `StoreError.notFound` or the engine's transition error.
    func acknowledge(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) async throws -> Incident

    /// Resolves incident `id` by hand.
    func resolve(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) async throws -> Incident

    /// Appends entries (notes, status updates, command runs) to incident `id`'s timeline and
    /// returns them with their ids. Throws `StoreError.notFound` for an unknown incident.
    func appendTimeline(incidentID id: Int64, events: [TimelineEvent]) async throws -> [TimelineEvent]

    /// The incident with `id`, or `nil`.
    func incident(id: Int64) async throws -> Incident?

    /// A page of incidents matching `query`, newest first.
    func incidents(matching query: IncidentQuery) async throws -> IncidentPage

    /// The timeline of incident `id`, oldest first; `after` returns only entries with a larger id.
    func timeline(incidentID id: Int64, after: Int64?, limit: Int) async throws -> [TimelineEvent]

    /// Accepted notifications with an id larger than `after`, oldest first, at most `limit`.
    func deliveries(after: Int64?, limit: Int) async throws -> [Delivery]

    /// Number of unresolved incidents by severity (for metrics).
    func openIncidentCounts() async throws -> [IncidentSeverity: Int]
}
