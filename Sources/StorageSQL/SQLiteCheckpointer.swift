import Foundation
import VaporCSQLite

/// Copies the SQLite write-ahead log back into the database on a thread and connection of its own.
///
/// SQLite's default checkpoint runs inside a commit every 1,000 log pages and holds up every
/// write queued behind it (tens of milliseconds under load). Here the writer's WAL hook only asks
/// this thread for a passive checkpoint, which runs beside the writes. Should the log still grow
/// past ``syncPages`` (the checkpointer cannot keep up), the commit checkpoints itself, as SQLite would.
final class SQLiteCheckpointer: @unchecked Sendable {
    /// Log size, in pages, from which a commit asks for a checkpoint.
    static let requestPages: Int32 = 1000
    /// Log size from which the committing writer checkpoints itself.
    static let syncPages: Int32 = 16000

    private let connection: SQLiteWriterConnection
    /// Guards `requested`, `stopped` and `completed`.
    private let condition = NSCondition()
    private var requested = false
    private var stopped = false
    private var completed = 0

    /// Opens a connection to `path` and starts the thread.
    init(path: String) throws {
        connection = try SQLiteWriterConnection(path: path)
        let thread = Thread { [self] in run() }
        thread.name = "firebreak-sqlite-checkpoint"
        thread.start()
    }

    /// Checkpoints finished so far (for tests and metrics).
    var completedCheckpoints: Int {
        condition.lock()
        defer { condition.unlock() }
        return completed
    }

    /// Asks for a checkpoint; returns at once.
    func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread after the checkpoint in progress and closes its connection.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while !requested && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                connection.close()
                return
            }
            requested = false
            condition.unlock()
            // A busy or failed passive checkpoint is simply tried again at the next request.
            _ = connection.checkpointPassive()
            condition.lock()
            completed += 1
            condition.unlock()
        }
    }
}

extension SQLiteWriterConnection {
    /// Routes this connection's WAL commits to `checkpointer` instead of SQLite's built-in checkpoint.
    /// `checkpointer` must outlive the hook: remove it with ``removeWALHook()`` first.
    func installWALHook(_ checkpointer: SQLiteCheckpointer) {
        withHandle { handle in
            _ = sqlite_nio_sqlite3_wal_hook(handle, { context, database, _, pages in
                guard let context else { return SQLITE_OK }
                if pages >= SQLiteCheckpointer.requestPages {
                    Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().request()
                }
                if pages >= SQLiteCheckpointer.syncPages {
                    _ = sqlite_nio_sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(checkpointer).toOpaque())
        }
    }

    /// Removes the WAL hook (SQLite checkpoints no more by itself until closed).
    func removeWALHook() {
        withHandle { handle in _ = sqlite_nio_sqlite3_wal_hook(handle, nil, nil) }
    }

    /// Runs a passive checkpoint: copies what it can without waiting for readers or writers.
    func checkpointPassive() -> Int32 {
        withHandle { handle in sqlite_nio_sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) } ?? SQLITE_MISUSE
    }
}
