import Foundation
import Logging
@preconcurrency import PostgresKit
import SQLKit
import Storage
import Synchronization

/// PostgreSQL connections: a dedicated writer connection (reconnected after a failure) and a pool
/// for reads. (The pool locks its own state; it predates `Sendable`.)
final class PostgresStoreBackend: SQLStoreBackend, @unchecked Sendable {
    let dialect = SQLStoreDialect.postgres
    let location: String
    /// Group commits run on the writer connection's event loop.
    private let writerLoop: EventLoopTaskExecutor
    var writerExecutor: (any TaskExecutor)? { writerLoop }
    private let configuration: PostgresConnection.Configuration
    private let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    private let writerConnection = Mutex<PostgresConnection?>(nil)
    private let logger: Logger

    /// Connects to the database at `url`; fails at once when it cannot be reached.
    static func open(url: String, logger: Logger) async throws -> PostgresStoreBackend {
        let location = redacted(url)
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StoreError.invalid(
                "the PostgreSQL URL \(location) cannot be read (\(error)); use postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        }
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 2,
            pruneInterval: nil, logger: logger, on: NIOSingletons.posixEventLoopGroup)
        let backend = PostgresStoreBackend(
            location: location, configuration: configuration.coreConfiguration, pool: pool, logger: logger)
        do {
            _ = try await backend.writer()
        } catch {
            await backend.shutdown()
            throw StoreError.unavailable("cannot connect to PostgreSQL at \(location): \(String(reflecting: error))")
        }
        return backend
    }

    private init(
        location: String, configuration: PostgresConnection.Configuration,
        pool: EventLoopGroupConnectionPool<PostgresConnectionSource>, logger: Logger
    ) {
        self.location = location
        self.configuration = configuration
        self.pool = pool
        self.logger = logger
        self.writerLoop = EventLoopTaskExecutor(eventLoop: NIOSingletons.posixEventLoopGroup.next())
    }

    private func writer() async throws -> PostgresConnection {
        if let connection = writerConnection.withLock({ $0 }), !connection.isClosed { return connection }
        let connection = try await PostgresConnection.connect(
            on: writerLoop.eventLoop, configuration: configuration, id: 0, logger: logger)
        writerConnection.withLock { $0 = connection }
        return connection
    }

    func withWriter<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(try await writer().sql())
    }

    /// Nothing to do: PostgreSQL's COMMIT returns once its log is flushed.
    func flushCommits() -> (any Error)? { nil }

    func reader() -> any SQLDatabase { pool.database(logger: logger).sql() }

    func shutdown() async {
        try? await pool.shutdownAsync()
        let connection = writerConnection.withLock { current in
            defer { current = nil }
            return current
        }
        try? await connection?.close()
    }

    /// `url` without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
