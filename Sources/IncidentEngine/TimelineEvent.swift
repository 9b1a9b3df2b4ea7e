import Foundation

/// What happened, for one timeline entry.
public enum TimelineEventKind: String, Sendable, Codable, CaseIterable {
    case opened
    case alertFired = "alert-fired"
    case alertJoined = "alert-joined"
    case alertResolved = "alert-resolved"
    case acknowledged
    case resolved
    case runbookAttached = "runbook-attached"
    case note
    case statusUpdate = "status-update"
    case commandRun = "command-run"
    case notified
    case escalated
}

/// One entry on an incident's timeline. Entries are append-only.
public struct TimelineEvent: Sendable, Equatable, Codable {
    /// Store-assigned id; 0 until stored.
    public var id: Int64
    /// The incident it belongs to; 0 until the incident is stored.
    public var incidentID: Int64
    /// When it happened.
    public var at: Date
    /// What happened.
    public var kind: TimelineEventKind
    /// Who did it (a token name), or `nil` for the system.
    public var actor: String?
    /// One-line human description.
    public var message: String
    /// Structured details (fingerprint, command, exit status…).
    public var details: [String: String]

    /// Creates an entry.
    public init(
        id: Int64 = 0, incidentID: Int64 = 0, at: Date, kind: TimelineEventKind, actor: String? = nil,
        message: String, details: [String: String] = [:]
    ) {
        self.id = id
        self.incidentID = incidentID
        self.at = at
        self.kind = kind
        self.actor = actor
        self.message = message
        self.details = details
    }
}
