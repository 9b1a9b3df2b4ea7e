import Foundation
import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// SQLite connections on one database file: a writer and a few readers, in WAL mode. A write is
/// reported done only once its commit is flushed to disk, so it survives `kill -9` and power loss.
///
/// The writer is driven directly on a thread of its own (``writerExecutor``): a group commit runs
/// its statements back to back with prepared statements, then flushes the log (``SQLiteLogFlusher``)
/// on the same thread, while reads go through SQLiteNIO's pool. Writes that arrive during a commit
/// and its flush form the next batch.
final class SQLiteStoreBackend: SQLStoreBackend {
    let dialect = SQLStoreDialect.sqlite
    let location: String
    private let writerThread = WriterThreadExecutor(name: "sqlite-writer")
    var writerExecutor: (any TaskExecutor)? { writerThread }
    private let writer: SQLiteWriterConnection
    private let readers: [SQLiteConnection]
    private let writerDatabase: any SQLDatabase
    private let readerDatabases: [any SQLDatabase]
    private let flusher: SQLiteLogFlusher
    private let next = Atomic<Int>(0)

    /// Opens `path` with `readerCount` read connections; `flush` makes the log durable (tests replace it).
    static func open(
        path: String, readerCount: Int = 3, logger: Logger,
        flush: @escaping SQLiteLogFlusher.Flush = SQLiteLogFlusher.fdatasyncFlush
    ) async throws -> SQLiteStoreBackend {
        let writer = try SQLiteWriterConnection(path: path)
        let writerDatabase = SQLiteWriterDatabase(connection: writer, logger: logger)
        var readers: [SQLiteConnection] = []
        do {
            // busy_timeout bounds the wait for another process's lock (SQLiteNIO's handler waits forever).
            try await writerDatabase.raw("PRAGMA busy_timeout = 10000").run()
            try await writerDatabase.raw("PRAGMA journal_mode = WAL").run()
            // A commit leaves the log unflushed; SQLiteLogFlusher flushes it before anyone hears of the write.
            try await writerDatabase.raw("PRAGMA synchronous = NORMAL").run()
            for _ in 0..<readerCount {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                readers.append(connection)
                let sql = connection.sql()
                try await sql.raw("PRAGMA busy_timeout = 10000").run()
                try await sql.raw("PRAGMA query_only = 1").run()
            }
        } catch {
            for connection in readers { try? await connection.close() }
            writer.close()
            throw error
        }
        return SQLiteStoreBackend(
            path: path, writer: writer, writerDatabase: writerDatabase, readers: readers,
            flusher: SQLiteLogFlusher(databasePath: path, flush: flush))
    }

    private init(
        path: String, writer: SQLiteWriterConnection, writerDatabase: SQLiteWriterDatabase, readers: [SQLiteConnection],
        flusher: SQLiteLogFlusher
    ) {
        self.location = path
        self.flusher = flusher
        self.writer = writer
        self.writerDatabase = writerDatabase
        self.readers = readers
        self.readerDatabases = readers.map { $0.sql() }
    }

    func withWriter<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(writerDatabase)
    }

    /// Flushes the log on the calling thread (the writer's, after a commit).
    func flushCommits() -> (any Error)? {
        flusher.flush()
    }

    func reader() -> any SQLDatabase {
        let index = next.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
        return readerDatabases[index % readerDatabases.count]
    }

    func shutdown() async {
        flusher.close()
        for connection in readers { try? await connection.close() }
        writer.close()
        writerThread.stop()
    }
}
