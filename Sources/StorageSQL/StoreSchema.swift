import Foundation
import SQLKit

/// The store's versioned schema: each migration runs once, in order, recorded in
/// `schema_migrations`. Migrations only ever get appended.
enum StoreSchema {
    /// The statements of migration `version` (1-based) for `dialect`.
    static func migrations(_ dialect: SQLStoreDialect) -> [[String]] {
        let id = dialect.idColumn
        return [
            [
                """
                CREATE TABLE incidents (
                    id \(id),
                    incident_key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    title TEXT NOT NULL,
                    status TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    service TEXT,
                    labels TEXT NOT NULL,
                    runbook_id TEXT,
                    runbook_reason TEXT,
                    runbook_url TEXT,
                    detected_at DOUBLE PRECISION,
                    opened_at DOUBLE PRECISION NOT NULL,
                    acknowledged_at DOUBLE PRECISION,
                    acknowledged_by TEXT,
                    resolved_at DOUBLE PRECISION,
                    resolved_by TEXT
                )
                """,
                // At most one unresolved incident per key, whatever the number of writers.
                "CREATE UNIQUE INDEX incidents_one_open_per_key ON incidents (incident_key) WHERE status <> 'resolved'",
                "CREATE INDEX incidents_by_status ON incidents (status, id)",
                """
                CREATE TABLE incident_alerts (
                    incident_id BIGINT NOT NULL REFERENCES incidents (id),
                    fingerprint TEXT NOT NULL,
                    position BIGINT NOT NULL,
                    status TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    annotations TEXT NOT NULL,
                    starts_at DOUBLE PRECISION,
                    ends_at DOUBLE PRECISION,
                    first_seen_at DOUBLE PRECISION NOT NULL,
                    last_seen_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (incident_id, fingerprint)
                )
                """,
                """
                CREATE TABLE timeline_events (
                    id \(id),
                    incident_id BIGINT NOT NULL REFERENCES incidents (id),
                    at DOUBLE PRECISION NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT,
                    message TEXT NOT NULL,
                    details TEXT NOT NULL
                )
                """,
                "CREATE INDEX timeline_events_by_incident ON timeline_events (incident_id, id)",
                """
                CREATE TABLE deliveries (
                    id \(id),
                    request_id TEXT,
                    source TEXT NOT NULL,
                    incident_key TEXT NOT NULL,
                    alert_count BIGINT NOT NULL,
                    incident_id BIGINT,
                    received_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE tokens (
                    id \(id),
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    secret_hash TEXT NOT NULL UNIQUE,
                    created_at DOUBLE PRECISION NOT NULL,
                    revoked_at DOUBLE PRECISION
                )
                """,
            ]
        ]
    }

    /// The newest schema version this code knows.
    static var latestVersion: Int { migrations(.sqlite).count }

    /// Brings the database to the latest version in one transaction. On PostgreSQL a transaction
    /// advisory lock makes replicas starting together migrate one after the other; on SQLite
    /// `BEGIN IMMEDIATE` does the same. Returns the version afterwards.
    static func migrate(_ database: any SQLDatabase, dialect: SQLStoreDialect) async throws -> Int {
        try await database.raw(dialect.begin).run()
        do {
            if dialect == .postgres {
                try await database.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLockKey))").run()
            }
            try await database.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)"
            ).run()
            let current = try await version(database)
            let all = migrations(dialect)
            guard current <= all.count else {
                throw StoreErrors.newerSchema(found: current, known: all.count)
            }
            for (index, statements) in all.enumerated() where index + 1 > current {
                for statement in statements { try await database.raw(SQLQueryString(statement)).run() }
                let now = Date().timeIntervalSince1970
                try await database.raw(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: index + 1), \(bind: now))"
                ).run()
            }
            try await database.raw("COMMIT").run()
            return all.count
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
    }

    /// The highest applied migration, 0 for an empty database.
    static func version(_ database: any SQLDatabase) async throws -> Int {
        let rows = try await database.raw("SELECT max(version) AS v FROM schema_migrations").all()
        return try rows.first?.decode(column: "v", as: Int?.self) ?? 0
    }

    /// Arbitrary constant naming Firebreak's migration lock ("fbmigrat" in ASCII).
    static let advisoryLockKey: Int64 = 0x6662_6D69_6772_6174
}
