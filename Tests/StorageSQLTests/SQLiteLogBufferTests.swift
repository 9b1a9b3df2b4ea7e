import CSQLiteLogBuffer
import Foundation
import SQLiteNIO
import VaporCSQLite
import XCTest

@testable import StorageSQL

/// The log buffer VFS under the writer connection: a commit is readable by another connection as soon
/// as it returns, and the log on disk holds every committed frame with valid checksums (a copy of
/// the files, as a crash would leave them, recovers every row).
final class SQLiteLogBufferTests: XCTestCase {
    private var directory: TemporaryStoreDirectory!

    override func setUp() async throws {
        directory = try TemporaryStoreDirectory()
    }

    override func tearDown() async throws {
        directory.remove()
    }

    /// Commits of one small row, of many rows, of rows larger than one write of the default VFS
    /// (128 KiB) and larger than the buffer (4 MiB), at the smallest, the usual and the largest page size.
    func testEveryCommitIsReadableAtOnceAndRecoveredFromACopyOfTheFiles() throws {
        for pageSize in [512, 4096, 65536] {
            let path = directory.url.appendingPathComponent("log-\(pageSize).sqlite").path
            let writer = try SQLiteWriterConnection(path: path)
            try writer.run("PRAGMA page_size = \(pageSize)")
            try writer.run("PRAGMA journal_mode = WAL")
            try writer.run("PRAGMA synchronous = NORMAL")
            // Everything stays in the log, so the copy below recovers from the log alone.
            try writer.run("PRAGMA wal_autocheckpoint = 0")
            try writer.run("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            let reader = try PlainConnection(path: path)
            var expected = Totals()
            let before = firebreak_log_buffer_counters()
            for commit in 0..<60 {
                let sizes: [Int]
                switch commit % 6 {
                case 0: sizes = [10]
                case 1: sizes = Array(repeating: 3_000, count: 25)
                case 2: sizes = [300_000]
                default: sizes = [commit, 200, 1_000]
                }
                try writer.run("BEGIN IMMEDIATE")
                for size in sizes {
                    try writer.run("INSERT INTO t (body) VALUES (?)", [.text(Self.body(size, seed: expected.rows))])
                    expected.add(size)
                }
                try writer.run("COMMIT")
                XCTAssertEqual(try reader.totals(), expected, "page size \(pageSize), after commit \(commit)")
            }
            try writer.run("BEGIN IMMEDIATE")
            try writer.run("INSERT INTO t (body) VALUES (?)", [.text(Self.body(5_000_000, seed: 7))])
            expected.add(5_000_000)
            try writer.run("COMMIT")
            XCTAssertEqual(try reader.totals(), expected, "page size \(pageSize), after the 5 MB commit")
            let after = firebreak_log_buffer_counters()
            XCTAssertLessThan(
                after.performed - before.performed, (after.requested - before.requested) / 2,
                "frames are written together, not one call per header and page")

            let copy = try crashCopy(of: path)
            XCTAssertEqual(try PlainConnection(path: copy).totals(), expected, "page size \(pageSize): recovered copy")
            reader.close()
            writer.close()
        }
    }

    /// A writer that opens a log another connection kept (frames but no header to write) learns the
    /// page size from the file and appends after the frames already there.
    func testAWriterAppendsToALogThatAlreadyHoldsFrames() throws {
        let path = directory.url.appendingPathComponent("reopen.sqlite").path
        let first = try SQLiteWriterConnection(path: path)
        try first.run("PRAGMA journal_mode = WAL")
        try first.run("PRAGMA wal_autocheckpoint = 0")
        try first.run("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        var expected = Totals()
        for size in [100, 5_000, 200_000] {
            try first.run("INSERT INTO t (body) VALUES (?)", [.text(Self.body(size, seed: 1))])
            expected.add(size)
        }
        // The reader stays open, so closing the writer neither checkpoints nor deletes the log.
        let reader = try PlainConnection(path: path)
        XCTAssertEqual(try reader.totals(), expected)
        first.close()
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        XCTAssertGreaterThan(walSize, 32, "the log still holds frames")

        let second = try SQLiteWriterConnection(path: path)
        try second.run("PRAGMA wal_autocheckpoint = 0")
        for size in [1, 3_000, 3_000, 150_000] {
            try second.run("INSERT INTO t (body) VALUES (?)", [.text(Self.body(size, seed: 2))])
            expected.add(size)
            XCTAssertEqual(try reader.totals(), expected)
        }
        let copy = try crashCopy(of: path)
        XCTAssertEqual(try PlainConnection(path: copy).totals(), expected, "recovered copy")
        reader.close()
        second.close()
    }

    /// Copies the database and its log (not the shared-memory index) as a crash would leave them.
    private func crashCopy(of path: String) throws -> String {
        let folder = directory.url.appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return copy
    }

    /// Text of `size` bytes that differs from row to row.
    private static func body(_ size: Int, seed: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var text = ""
        text.reserveCapacity(size)
        for index in 0..<size { text.append(alphabet[(index &* 31 &+ seed &* 7) % alphabet.count]) }
        return text
    }
}

/// Row count and total body length: what a reader must see.
private struct Totals: Equatable, CustomStringConvertible {
    var rows = 0
    var bytes = 0

    mutating func add(_ size: Int) {
        rows += 1
        bytes += size
    }

    var description: String { "\(rows) rows, \(bytes) bytes" }
}

extension SQLiteWriterConnection {
    fileprivate func run(_ sql: String, _ binds: [SQLiteData] = []) throws {
        try execute(sql, binds) { _ in }
    }
}

/// A connection through SQLite's default VFS, as the store's readers open theirs.
private final class PlainConnection {
    private var handle: OpaquePointer?

    init(path: String) throws {
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil)
        guard status == SQLITE_OK else { throw SQLiteWriterError(code: status, message: "cannot open \(path)") }
    }

    func totals() throws -> Totals {
        var statement: OpaquePointer?
        let sql = "SELECT count(*), coalesce(sum(length(body)), 0) FROM t"
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw SQLiteWriterError(code: 1, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
        }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW else {
            throw SQLiteWriterError(code: 1, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
        }
        return Totals(
            rows: Int(sqlite_nio_sqlite3_column_int64(statement, 0)),
            bytes: Int(sqlite_nio_sqlite3_column_int64(statement, 1)))
    }

    func close() {
        sqlite_nio_sqlite3_close_v2(handle)
        handle = nil
    }

    deinit { close() }
}
