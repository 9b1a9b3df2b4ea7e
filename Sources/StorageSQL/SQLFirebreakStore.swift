import Foundation
import IncidentEngine
import Logging
import SQLKit
import Storage
import Synchronization

/// The ``Storage/FirebreakStore`` on SQL: a SQLite file in the data directory by default, or a
/// PostgreSQL database shared by several replicas.
///
/// Every write goes through one ``GroupCommitWriter``: concurrent calls share a transaction and its
/// fsync, and each call returns only once its change is committed. Migrations run at open.
///
/// ```swift
/// let store = try await SQLFirebreakStore.open(url: nil, dataDirectory: dataDir, logger: logger)
/// let result = try await store.ingest(notification, using: IncidentEngine())
/// try await store.close()
/// ```
public final class SQLFirebreakStore: FirebreakStore {
    /// The SQLite file's name inside the data directory.
    public static let sqliteFileName = "firebreak.sqlite"

    let backend: any SQLStoreBackend
    let writer: GroupCommitWriter
    let logger: Logger
    private let isClosed = Atomic<Bool>(false)

    /// Where the data lives: the SQLite path, or the PostgreSQL URL without its password.
    public var location: String { backend.location }

    /// Opens the store named by `url` and runs pending migrations.
    ///
    /// - `nil`, `""` or `sqlite:` → `firebreak.sqlite` in `dataDirectory` (created when missing);
    ///   `sqlite:PATH` → that file (relative paths are inside `dataDirectory`);
    /// - `postgres://user:password@host:port/database` (or `postgresql://`) → PostgreSQL.
    public static func open(url: String?, dataDirectory: URL, logger: Logger) async throws -> SQLFirebreakStore {
        let backend: any SQLStoreBackend
        switch try StoreLocation(url: url, dataDirectory: dataDirectory) {
        case .sqlite(let path):
            do {
                try FileManager.default.createDirectory(
                    at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
                backend = try await SQLiteStoreBackend.open(path: path, logger: logger)
            } catch {
                throw StoreError.unavailable(
                    "cannot open the SQLite database \(path): \(error); check that the data directory is writable")
            }
        case .postgres(let url):
            backend = try await PostgresStoreBackend.open(url: url, logger: logger)
        }
        return try await open(backend: backend, logger: logger)
    }

    /// The store on an opened backend, once pending migrations ran and are durable; shuts the
    /// backend down when they fail.
    static func open(backend: any SQLStoreBackend, logger: Logger) async throws -> SQLFirebreakStore {
        do {
            _ = try await backend.withWriter { database in
                try await StoreSchema.migrate(database, dialect: backend.dialect)
            }
            if let error = backend.flushCommits() { throw error }
        } catch {
            await backend.shutdown()
            throw StoreErrors.map(error)
        }
        return SQLFirebreakStore(backend: backend, logger: logger)
    }

    init(backend: any SQLStoreBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
        self.writer = GroupCommitWriter(
            backend: backend, isRetryable: StoreErrors.isWriteRace, mapError: StoreErrors.map)
    }

    /// Runs `SELECT 1` on a read connection: the database answers.
    public func ping() async throws {
        _ = try await read { database in try await database.raw("SELECT 1 AS one").all() }
    }

    /// The newest migration recorded in `schema_migrations`.
    public func schemaVersion() async throws -> Int {
        try await read { database in try await StoreSchema.version(database) }
    }

    /// Waits for queued writes to commit, then closes every connection. Later calls throw
    /// `StoreError.closed`; closing again does nothing.
    public func close() async throws {
        guard !isClosed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        await writer.close()
        await backend.shutdown()
    }

    /// Runs a read on a reader connection, mapping driver errors.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .sequentiallyConsistent) else { throw StoreError.closed }
        do {
            return try await body(backend.reader())
        } catch {
            throw StoreErrors.map(error)
        }
    }

    /// Queues a write for the next group commit.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .sequentiallyConsistent) else { throw StoreError.closed }
        return try await writer.write(body)
    }
}

/// Where a database URL points.
enum StoreLocation: Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    init(url: String?, dataDirectory: URL) throws {
        let text = url?.trimmingCharacters(in: .whitespaces) ?? ""
        let lower = text.lowercased()
        if text.isEmpty || lower == "sqlite:" || lower == "sqlite://" {
            self = .sqlite(path: dataDirectory.appendingPathComponent(SQLFirebreakStore.sqliteFileName).path)
        } else if lower.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            self = .sqlite(path: path.hasPrefix("/") ? path : dataDirectory.appendingPathComponent(path).path)
        } else if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw StoreError.invalid(
                "the database URL \(text.debugDescription) is neither sqlite:PATH nor postgres://USER:PASSWORD@HOST:PORT/DATABASE; fix --database"
            )
        }
    }
}
