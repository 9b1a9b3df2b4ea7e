import Foundation
import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// SQLite connections on one database file: a writer and a few readers, in WAL mode with full
/// synchronous commits, so a committed transaction survives `kill -9` and power loss.
final class SQLiteStoreBackend: SQLStoreBackend {
    let dialect = SQLStoreDialect.sqlite
    let location: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writerDatabase: any SQLDatabase
    private let readerDatabases: [any SQLDatabase]
    private let next = Atomic<Int>(0)

    /// Opens `path` with `readerCount` read connections.
    static func open(path: String, readerCount: Int = 3, logger: Logger) async throws -> SQLiteStoreBackend {
        var opened: [SQLiteConnection] = []
        do {
            for role in 0...readerCount {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                opened.append(connection)
                let sql = connection.sql()
                // busy_timeout replaces SQLiteNIO's wait-forever busy handler with a bounded wait.
                try await sql.raw("PRAGMA busy_timeout = 10000").run()
                if role == 0 {
                    try await sql.raw("PRAGMA journal_mode = WAL").run()
                    try await sql.raw("PRAGMA synchronous = FULL").run()
                } else {
                    try await sql.raw("PRAGMA query_only = 1").run()
                }
            }
        } catch {
            for connection in opened { try? await connection.close() }
            throw error
        }
        return SQLiteStoreBackend(path: path, writer: opened[0], readers: Array(opened.dropFirst()))
    }

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.location = path
        self.writer = writer
        self.readers = readers
        self.writerDatabase = writer.sql()
        self.readerDatabases = readers.map { $0.sql() }
    }

    func withWriter<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(writerDatabase)
    }

    func reader() -> any SQLDatabase {
        let index = next.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
        return readerDatabases[index % readerDatabases.count]
    }

    func shutdown() async {
        for connection in readers + [writer] { try? await connection.close() }
    }
}
