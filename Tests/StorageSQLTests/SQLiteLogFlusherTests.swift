import Foundation
import Storage
import Synchronization
import XCTest

@testable import StorageSQL

/// The writer flushes the log after each group commit: a write returns only once the log was flushed
/// after its commit, a failed flush fails the writes it covered, and writes that arrive during a
/// flush share the next commit and its flush.
final class SQLiteLogFlusherTests: XCTestCase {
    private var directory: TemporaryStoreDirectory!

    override func setUp() async throws {
        directory = try TemporaryStoreDirectory()
    }

    override func tearDown() async throws {
        directory.remove()
    }

    func testAWriteReturnsOnlyAfterTheLogIsFlushedPastItsCommit() async throws {
        let disk = ControlledDisk()
        let store = try await openStore(disk)
        disk.hold()
        let returned = Flag()
        let write = Task {
            let token = try await store.createToken(makeToken("ops"))
            returned.set()
            return token
        }
        await disk.waitForHeldFlush()
        // The commit is done (a reader sees it) but the flush that would make it durable is not.
        let committed = try await store.token(secretHash: makeToken("ops").secretHash)
        XCTAssertEqual(committed?.name, "ops")
        XCTAssertFalse(returned.isSet, "the write returned before its commit was flushed")
        disk.release()
        let token = try await write.value
        XCTAssertEqual(token.name, "ops")
        XCTAssertTrue(disk.flushedPaths.allSatisfy { $0.hasSuffix("firebreak.sqlite-wal") }, "\(disk.flushedPaths)")
        try await store.close()
    }

    func testAFailedFlushFailsTheWritesItCoveredAndNamesTheLog() async throws {
        let disk = ControlledDisk()
        let store = try await openStore(disk)
        disk.failNext(EIO)
        do {
            _ = try await store.createToken(makeToken("lost"))
            XCTFail("a write whose flush failed must not be reported as done")
        } catch let error as StoreError {
            XCTAssertTrue(error.isRetryable, "\(error)")
            XCTAssertTrue("\(error)".contains("fdatasync of "), "\(error)")
            XCTAssertTrue("\(error)".contains("firebreak.sqlite-wal"), "\(error)")
            XCTAssertTrue("\(error)".contains(String(cString: strerror(EIO))), "\(error)")
        }
        // The disk works again: later writes succeed.
        let token = try await store.createToken(makeToken("kept"))
        XCTAssertEqual(token.name, "kept")
        try await store.close()
    }

    func testWritesArrivingDuringAFlushShareTheNextCommitAndItsFlush() async throws {
        let disk = ControlledDisk()
        let store = try await openStore(disk)
        disk.hold()
        let first = Task { try await store.createToken(makeToken("first")) }
        await disk.waitForHeldFlush()
        let flushesBefore = disk.flushCount
        // The writer's thread is in the held flush: three more writes queue for the next batch.
        let names = ["second", "third", "fourth"]
        let later = names.map { name in Task { try await store.createToken(makeToken(name)) } }
        while store.writer.queuedCount < names.count { await Task.yield() }
        for name in names {
            let committed = try await store.token(secretHash: makeToken(name).secretHash)
            XCTAssertNil(committed, "\(name) is not committed while the writer flushes")
        }
        disk.release()
        _ = try await first.value
        for task in later { _ = try await task.value }
        XCTAssertEqual(disk.flushCount - flushesBefore, 1, "the three writes share one commit and its flush")
        try await store.close()
    }

    func testClosingFlushesWhatIsQueuedAndLaterWritesAreRefused() async throws {
        let disk = ControlledDisk()
        let store = try await openStore(disk)
        disk.hold()
        let write = Task { try await store.createToken(makeToken("last")) }
        await disk.waitForHeldFlush()
        let closing = Task { try await store.close() }
        disk.release()
        let written = try await write.value
        XCTAssertEqual(written.name, "last")
        try await closing.value
        do {
            _ = try await store.createToken(makeToken("late"))
            XCTFail("a closed store must refuse writes")
        } catch let error as StoreError {
            XCTAssertTrue(error.isClosed, "\(error)")
        }
        let reopened = try await SQLFirebreakStore.open(url: nil, dataDirectory: directory.url, logger: .storeTests)
        let stored = try await reopened.token(secretHash: makeToken("last").secretHash)
        XCTAssertEqual(stored?.name, "last")
        try await reopened.close()
    }

    func testALogReplacedByHandIsFlushedFromTheNextLinkCheckOn() throws {
        let databasePath = directory.url.appendingPathComponent("db").path
        let logPath = databasePath + "-wal"
        XCTAssertTrue(FileManager.default.createFile(atPath: logPath, contents: Data("first".utf8)))
        let clock = ManualClock()
        let flushedInodes = Mutex<[UInt64]>([])
        let flusher = SQLiteLogFlusher(
            databasePath: databasePath,
            flush: { descriptor in
                var info = stat()
                guard fstat(descriptor, &info) == 0 else { return errno }
                flushedInodes.withLock { $0.append(UInt64(info.st_ino)) }
                return 0
            },
            now: clock.now)
        defer { flusher.close() }

        try durable(flusher)
        let first = try inode(of: logPath)
        try FileManager.default.removeItem(atPath: logPath)
        XCTAssertTrue(FileManager.default.createFile(atPath: logPath, contents: Data("second".utf8)))
        let second = try inode(of: logPath)
        XCTAssertNotEqual(first, second, "the flusher's open descriptor keeps the first inode in use")
        // Within the interval the descriptor is not checked again: no status read before each flush.
        try durable(flusher)
        clock.advance(by: SQLiteLogFlusher.linkCheckInterval)
        try durable(flusher)
        XCTAssertEqual(flushedInodes.withLock { $0 }, [first, first, second])
    }

    private func durable(_ flusher: SQLiteLogFlusher) throws {
        if let error = flusher.flush() { throw error }
    }

    private func inode(of path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try XCTUnwrap((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
    }

    private func openStore(_ disk: ControlledDisk) async throws -> SQLFirebreakStore {
        let path = directory.url.appendingPathComponent(SQLFirebreakStore.sqliteFileName).path
        let backend = try await SQLiteStoreBackend.open(path: path, logger: .storeTests, flush: disk.flush)
        return try await SQLFirebreakStore.open(backend: backend, logger: .storeTests)
    }

}

private func makeToken(_ name: String) -> TokenRecord {
    TokenRecord(
        name: name, role: .viewer, secretHash: "hash-of-\(name)", createdAt: Date(timeIntervalSince1970: 1_800_000_000))
}

/// A monotonic clock the test moves by hand.
private final class ManualClock: Sendable {
    private let nanoseconds = Atomic<UInt64>(1_000)
    func advance(by interval: UInt64) { nanoseconds.add(interval, ordering: .sequentiallyConsistent) }
    var now: SQLiteLogFlusher.Clock { { [self] in nanoseconds.load(ordering: .sequentiallyConsistent) } }
}

/// A flag set by one task and read by another.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}

/// A flush function the test controls: it can hold a flush until released, or fail the next one.
private final class ControlledDisk: @unchecked Sendable {
    private let lock = NSCondition()
    private var holding = false
    private var held = false
    private var failure: Int32 = 0
    private var count = 0
    private var paths: [String] = []

    var flushCount: Int { lock.withLock { count } }
    var flushedPaths: [String] { lock.withLock { paths } }

    /// Makes the next flushes wait until `release()`.
    func hold() { lock.withLock { holding = true } }

    func release() {
        lock.withLock {
            holding = false
            lock.broadcast()
        }
    }

    func failNext(_ code: Int32) { lock.withLock { failure = code } }

    /// Returns once a flush is waiting in `hold()`.
    func waitForHeldFlush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                self.lock.withLock {
                    while !self.held { self.lock.wait() }
                }
                continuation.resume()
            }.start()
        }
    }

    var flush: SQLiteLogFlusher.Flush {
        { [self] descriptor in
            lock.lock()
            defer { lock.unlock() }
            count += 1
            paths.append(Self.path(of: descriptor))
            while holding {
                held = true
                lock.broadcast()
                lock.wait()
            }
            held = false
            if failure != 0 {
                defer { failure = 0 }
                return failure
            }
            return fdatasync(descriptor) == 0 ? 0 : errno
        }
    }

    private static func path(of descriptor: Int32) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")) ?? "?"
    }
}
