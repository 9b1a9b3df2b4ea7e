import Foundation

/// What a token may do. Each role includes the ones before it, except `ingest`, which may only
/// post alerts.
public enum Role: String, Sendable, Codable, CaseIterable {
    case viewer
    case responder
    case admin
    case ingest

    /// Whether a token of this role may act with `required`'s rights.
    public func allows(_ required: Role) -> Bool {
        switch (self, required) {
        case (.admin, .ingest), (.ingest, .ingest): return true
        case (.ingest, _), (_, .ingest): return false
        case (.admin, _): return true
        case (.responder, .viewer), (.responder, .responder): return true
        case (.viewer, .viewer): return true
        default: return false
        }
    }
}

/// A stored API token: its secret is kept only as a SHA-256 hash.
public struct TokenRecord: Sendable, Equatable, Codable {
    /// Store-assigned id.
    public var id: Int64
    /// Unique human name (shown as the actor on the timeline).
    public var name: String
    /// What it may do.
    public var role: Role
    /// Lowercase hex SHA-256 of the secret.
    public var secretHash: String
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked; revoked tokens authenticate nothing.
    public var revokedAt: Date?

    /// Creates a record.
    public init(id: Int64 = 0, name: String, role: Role, secretHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Durable storage of API tokens.
public protocol TokenStore: Sendable {
    /// Stores a new token. Throws `StoreError.conflict` when the name is taken.
    func createToken(_ token: TokenRecord) async throws -> TokenRecord
    /// The unrevoked token whose secret hashes to `secretHash`, or `nil`.
    func token(secretHash: String) async throws -> TokenRecord?
    /// Every token, revoked ones included, by id.
    func tokens() async throws -> [TokenRecord]
    /// Revokes token `id`; throws `StoreError.notFound` when there is none.
    func revokeToken(id: Int64, at: Date) async throws
}

/// The whole store a server runs on.
public protocol FirebreakStore: IncidentStore, TokenStore {
    /// Checks the database answers (for `/health/ready`).
    func ping() async throws
    /// The schema version after migrations; migrations run when the store opens.
    func schemaVersion() async throws -> Int
    /// Closes connections; the store is unusable afterwards.
    func close() async throws
}
