import Foundation
import SQLKit
import SQLiteKit
import Storage
import XCTest

@testable import StorageSQL

/// The SQLite writer: a thread of its own and statements run directly.
final class SQLiteWriterTests: XCTestCase {
    private var directory: TemporaryStoreDirectory!

    override func setUp() async throws {
        directory = try TemporaryStoreDirectory()
    }

    override func tearDown() async throws {
        directory.remove()
    }

    func testTasksPreferringTheWriterRunOnOneThreadOfItsOwnEvenAfterStop() async throws {
        let executor = WriterThreadExecutor(name: "writer-test")
        let first = await Task(executorPreference: executor) { currentThreadID() }.value
        let second = await Task(executorPreference: executor) { currentThreadID() }.value
        let shared = await Task { currentThreadID() }.value
        XCTAssertEqual(first, second, "every job runs on the writer's thread")
        XCTAssertNotEqual(first, shared, "the writer's thread is not one of the shared pool's")
        executor.stop()
        // A job that arrives after stop() still runs (on a new thread) instead of waiting forever.
        let late = await Task(executorPreference: executor) { 42 }.value
        XCTAssertEqual(late, 42)
        executor.stop()
    }

    func testTheWritersThreadCarriesItsNameCutToWhatLinuxKeeps() async throws {
        let executor = WriterThreadExecutor(name: "writer-name-test-longer-than-15")
        defer { executor.stop() }
        let name = await Task(executorPreference: executor) { currentThreadName() }.value
        // What `top -H` and /proc show; Linux refuses a name over 15 bytes, which would leave the pool's.
        XCTAssertEqual(name, "writer-name-tes")
    }

    func testStoreValuesBindAsTheirTypesAndTheStatementCacheStaysBoundedAcrossEvictions() throws {
        let connection = try SQLiteWriterConnection(path: directory.url.appendingPathComponent("c.sqlite").path)
        defer { connection.close() }
        func row(_ sql: String, _ values: [StoreValue]) throws -> [SQLiteData] {
            var rows: [[SQLiteData]] = []
            try connection.execute(sql, values) { rows.append($0.values) }
            return try XCTUnwrap(rows.first)
        }
        let bound = try row(
            "SELECT ? AS t, ? AS i, ? AS r, ? AS n, typeof(?) AS nt",
            [.text("ünï"), .integer(1 << 40), .real(-2.5), .integer(nil), .real(nil)])
        XCTAssertEqual(bound, [.text("ünï"), .integer(1 << 40), .float(-2.5), .null, .text("null")])
        // 300 distinct statements pass the cache's 256; evicted ones are prepared again when used.
        for round in 0..<2 {
            for number in 0..<300 {
                XCTAssertEqual(
                    try row("SELECT ? + \(number) AS v", [.integer(Int64(round))]),
                    [.integer(round + number)])
            }
        }
        XCTAssertEqual(connection.preparedStatementCount, 256)
    }

    func testStatementsBindValuesAndReturnRowsAndErrorsCarrySQLitesCode() async throws {
        let backend = try await SQLiteStoreBackend.open(
            path: directory.url.appendingPathComponent("w.sqlite").path, logger: .storeTests)
        try await backend.withWriter { database in
            try await database.raw("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, note TEXT)")
                .run()
            for (name, score) in [("a", 1.5), ("b\u{0}x", 2.0), ("ünï", -3.25)] {
                try await database.raw(
                    "INSERT INTO t (name, score, note) VALUES (\(bind: name), \(bind: score), \(bind: nil as String?))"
                ).run()
            }
            let rows = try await database.raw("SELECT id, name, score, note FROM t ORDER BY id").all()
            XCTAssertEqual(try rows.map { try $0.decode(column: "name", as: String.self) }, ["a", "b\u{0}x", "ünï"])
            XCTAssertEqual(try rows.map { try $0.decode(column: "score", as: Double.self) }, [1.5, 2.0, -3.25])
            XCTAssertEqual(try rows.map { try $0.decode(column: "id", as: Int64.self) }, [1, 2, 3])
            XCTAssertTrue(try rows[0].decodeNil(column: "note"))
            do {
                try await database.raw("INSERT INTO t (name) VALUES (\(bind: "a"))").run()
                XCTFail("a duplicate must be refused")
            } catch {
                XCTAssertTrue(StoreErrors.isUniqueViolation(error), "\(error)")
            }
            do {
                try await database.raw("SELECT nope FROM t").run()
                XCTFail("a bad statement must throw")
            } catch {
                XCTAssertTrue("\(StoreErrors.map(error))".contains("no such column"), "\(error)")
            }
        }
        await backend.shutdown()
    }
}

private func currentThreadID() -> UInt {
    UInt(pthread_self())
}

/// The calling thread's name as the kernel holds it.
private func currentThreadName() -> String {
    let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return comm.trimmingCharacters(in: .newlines)
}
