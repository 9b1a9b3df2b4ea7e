import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the commits of a SQLite database in WAL mode durable: the writer commits a batch with
/// `synchronous = NORMAL` (its frames reach the write-ahead log in the operating system's cache,
/// unflushed), calls ``flush()`` (`fdatasync` of the log) on its own thread, and only then answers
/// the batch's callers. Writes that arrive meanwhile queue up and share the next commit and flush.
/// An acknowledged write survives power loss as it would with `synchronous = FULL`.
///
/// Checkpoints still flush the log and the database file themselves (`synchronous = NORMAL` keeps
/// that), so frames copied into the database are never lost either.
///
/// The descriptor is checked for a deleted log at most once per ``linkCheckInterval``, not before
/// every flush: reading a file's status makes the kernel stamp its next write with a fine-grained
/// time, and `fdatasync` then writes the inode as well, one more synchronous disk write per flush.
/// SQLite deletes the log only when the database's last connection closes, and the store keeps
/// its connections open until it closes, so the check guards against a log removed by hand.
final class SQLiteLogFlusher: Sendable {
    /// Flushes a file descriptor's data: `fdatasync` in production, `0` for success else an errno.
    typealias Flush = @Sendable (Int32) -> Int32
    /// A monotonic clock in nanoseconds.
    typealias Clock = @Sendable () -> UInt64
    /// How often the descriptor is checked for a deleted log.
    static let linkCheckInterval: UInt64 = 1_000_000_000

    private struct State {
        /// The log's descriptor, opened on first use.
        var descriptor: Int32 = -1
        /// When the descriptor was last checked (or opened), by `now`.
        var linkCheckedAt: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let logPath: String
    private let flushDescriptor: Flush
    private let now: Clock

    /// A flusher for the database at `databasePath` (its log is `databasePath-wal`).
    init(
        databasePath: String, flush: @escaping Flush = SQLiteLogFlusher.fdatasyncFlush,
        now: @escaping Clock = SQLiteLogFlusher.monotonicNow
    ) {
        self.logPath = databasePath + "-wal"
        self.flushDescriptor = flush
        self.now = now
    }

    /// Flushes the log (opening it first when needed: it exists once a commit happened in WAL mode)
    /// and returns the error that leaves the last commit possibly not on disk, if any.
    func flush() -> (any Error)? {
        let logPath = self.logPath
        let time = now()
        return state.withLock { state -> (any Error)? in
            if state.closed { return StoreErrors.closedDuringFlush }
            if state.descriptor >= 0, time &- state.linkCheckedAt >= Self.linkCheckInterval {
                state.linkCheckedAt = time
                if !Self.isLinked(state.descriptor) {
                    closeDescriptor(state.descriptor)
                    state.descriptor = -1
                }
            }
            if state.descriptor < 0 {
                let opened = open(logPath, O_RDWR | O_CLOEXEC)
                guard opened >= 0 else { return StoreErrors.flushFailed(logPath, "open", errno) }
                state.descriptor = opened
                state.linkCheckedAt = time
                // The log's directory entry must be durable too, as SQLite ensures on its own first sync.
                let directory = open((logPath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
                if directory >= 0 {
                    _ = fsync(directory)
                    closeDescriptor(directory)
                }
            }
            let status = flushDescriptor(state.descriptor)
            return status == 0 ? nil : StoreErrors.flushFailed(logPath, "fdatasync", status)
        }
    }

    /// Closes the log's descriptor; later flushes fail with ``StoreErrors/closedDuringFlush``.
    func close() {
        state.withLock { state in
            if state.descriptor >= 0 { closeDescriptor(state.descriptor) }
            state.descriptor = -1
            state.closed = true
        }
    }

    /// Whether the open file still has a name (SQLite deletes the log only when its last connection closes).
    private static func isLinked(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) != 0 || info.st_nlink > 0
    }

    static let fdatasyncFlush: Flush = { descriptor in
        fdatasync(descriptor) == 0 ? 0 : errno
    }

    static let monotonicNow: Clock = { DispatchTime.now().uptimeNanoseconds }
}

/// `close(2)`, named apart from ``SQLiteLogFlusher/close()``.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
