import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the commits of a SQLite database in WAL mode durable on a thread of its own, so the writer
/// never waits for the disk.
///
/// The writer commits with `synchronous = NORMAL`: a commit's frames reach the write-ahead log in
/// the operating system's cache, unflushed. It then hands the batch's completion here and goes on
/// with the next batch. This thread flushes the log with `fdatasync` and only then runs the
/// completions of every batch committed before the flush began, so one flush covers all the batches
/// committed while the previous one ran. A caller hears of success only after the flush: an
/// acknowledged write survives power loss as it would with `synchronous = FULL`, where each commit
/// flushed the log itself on the writer's thread.
///
/// Checkpoints still flush the log and the database file themselves (`synchronous = NORMAL` keeps
/// that), so frames copied into the database are never lost either.
///
/// The descriptor is checked for a deleted log at most once per ``linkCheckInterval``, not before
/// every flush: reading a file's status makes the kernel stamp its next write with a fine-grained
/// time, and `fdatasync` then writes the inode as well, one more synchronous disk write per flush.
/// SQLite deletes the log only when the database's last connection closes, and the store keeps
/// its connections open until it closes, so the check guards against a log removed by hand.
final class SQLiteLogFlusher: @unchecked Sendable {
    typealias Completion = @Sendable ((any Error)?) -> Void
    /// Flushes a file descriptor's data: `fdatasync` in production, `0` for success else an errno.
    typealias Flush = @Sendable (Int32) -> Int32
    /// A monotonic clock in nanoseconds.
    typealias Clock = @Sendable () -> UInt64
    /// How often the descriptor is checked for a deleted log.
    static let linkCheckInterval: UInt64 = 1_000_000_000

    /// Guards every stored property below.
    private let condition = NSCondition()
    private var pending: [Completion] = []
    private var stopping = false
    private var running = true
    /// The log's descriptor, opened on first use; touched only by the flusher thread.
    private var descriptor: Int32 = -1
    /// When the descriptor was last checked (or opened), by `now`; flusher thread only.
    private var linkCheckedAt: UInt64 = 0
    private let logPath: String
    private let flush: Flush
    private let now: Clock

    /// Starts the thread for the database at `databasePath` (its log is `databasePath-wal`).
    init(
        databasePath: String, flush: @escaping Flush = SQLiteLogFlusher.fdatasyncFlush,
        now: @escaping Clock = SQLiteLogFlusher.monotonicNow
    ) {
        self.logPath = databasePath + "-wal"
        self.flush = flush
        self.now = now
        let thread = Thread { [self] in runLoop() }
        thread.name = "firebreak-sqlite-flush"
        thread.start()
    }

    /// Runs `completion` once everything committed so far is on disk, with the flush's error if it failed.
    func whenDurable(_ completion: @escaping Completion) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            completion(StoreErrors.closedDuringFlush)
            return
        }
        pending.append(completion)
        condition.signal()
        condition.unlock()
    }

    /// Flushes and completes what is queued, then ends the thread; returns once it has.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func runLoop() {
        var batch: [Completion] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                if descriptor >= 0 { close(descriptor) }
                descriptor = -1
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            swap(&batch, &pending)
            condition.unlock()
            let error = flushLog()
            for completion in batch { completion(error) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Flushes the log, opening it first when needed (it exists once a commit happened in WAL mode).
    private func flushLog() -> (any Error)? {
        let time = now()
        if descriptor >= 0, time &- linkCheckedAt >= Self.linkCheckInterval {
            linkCheckedAt = time
            if !Self.isLinked(descriptor) {
                close(descriptor)
                descriptor = -1
            }
        }
        if descriptor < 0 {
            let opened = open(logPath, O_RDWR | O_CLOEXEC)
            guard opened >= 0 else { return StoreErrors.flushFailed(logPath, "open", errno) }
            descriptor = opened
            linkCheckedAt = time
            // The log's directory entry must be durable too, as SQLite ensures on its own first sync.
            let directory = open((logPath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
        }
        let status = flush(descriptor)
        return status == 0 ? nil : StoreErrors.flushFailed(logPath, "fdatasync", status)
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
