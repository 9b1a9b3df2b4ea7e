import FirebreakTesting
import Foundation
import IncidentEngine
import Logging
import Storage
import StorageSQL
import XCTest

final class SQLiteFirebreakStoreTests: XCTestCase {
    private var directory: TemporaryStoreDirectory!

    override func setUp() async throws {
        directory = try TemporaryStoreDirectory()
    }

    override func tearDown() async throws {
        directory.remove()
    }

    private func open(_ url: String? = nil) async throws -> SQLFirebreakStore {
        try await SQLFirebreakStore.open(url: url, dataDirectory: directory.url, logger: .storeTests)
    }

    func testConformance() async throws {
        let base = directory.url
        let counter = Counter()
        try await FirebreakStoreConformance(makeStore: {
            let dir = base.appendingPathComponent("store-\(counter.next())")
            return try await SQLFirebreakStore.open(url: nil, dataDirectory: dir, logger: .storeTests)
        }).run()
    }

    func testDefaultLocationIsTheDataDirectoryAndURLsAreChecked() async throws {
        let store = try await open("sqlite:")
        try await store.close()
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("firebreak.sqlite").path))
        let other = try await open("sqlite:nested/other.sqlite")
        try await other.close()
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("nested/other.sqlite").path))
        do {
            _ = try await open("mysql://db/x")
            XCTFail("an unknown scheme must be refused")
        } catch let error as StoreError {
            XCTAssertTrue(error.isInvalid, "\(error)")
            XCTAssertTrue("\(error)".contains("postgres://"), "the message says what is accepted: \(error)")
        }
    }

    func testMigrationsAreIdempotentAndDataSurvivesReopen() async throws {
        let engine = IncidentEngine()
        let first = try await open()
        let opened = try await first.ingest(
            StoreFixtures.firing(key: "persist", count: 3, requestID: "r1"), using: engine)
        let token = try await first.createToken(StoreFixtures.token("keeper", role: .admin))
        let version = try await first.schemaVersion()
        try await first.close()

        for _ in 0..<2 {
            let again = try await open()
            let reopenedVersion = try await again.schemaVersion()
            XCTAssertEqual(reopenedVersion, version)
            let incident = try await again.incident(id: XCTUnwrap(opened.incident?.id))
            XCTAssertEqual(incident, opened.incident)
            let found = try await again.token(secretHash: token.secretHash)
            XCTAssertEqual(found, token)
            let deliveries = try await again.deliveries(after: nil, limit: 10)
            XCTAssertEqual(deliveries.map(\.requestID), ["r1"])
            try await again.close()
        }
    }

    func testFilesCopiedWhileOpenKeepEveryCommittedDelivery() async throws {
        let engine = IncidentEngine()
        let store = try await open()
        var committed: [Int64] = []
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<200 {
                group.addTask {
                    try await store.ingest(
                        StoreFixtures.firing(key: "k-\(i % 17)", count: 2, prefix: "fp\(i)", requestID: "req-\(i)"),
                        using: engine
                    )
                    .deliveryID
                }
            }
            for try await id in group { committed.append(id) }
        }
        // A snapshot of the files as a crash would leave them: database and write-ahead log, no clean close.
        let copy = directory.url.appendingPathComponent("crashed")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] {
            let source = directory.url.appendingPathComponent("firebreak.sqlite\(suffix)")
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(
                    at: source, to: copy.appendingPathComponent("firebreak.sqlite\(suffix)"))
            }
        }
        try await store.close()
        let recovered = try await SQLFirebreakStore.open(url: nil, dataDirectory: copy, logger: .storeTests)
        let deliveries = try await recovered.deliveries(after: nil, limit: 1000)
        XCTAssertEqual(Set(deliveries.map(\.id)), Set(committed))
        XCTAssertEqual(Set(deliveries.compactMap(\.requestID)), Set((0..<200).map { "req-\($0)" }))
        let open = try await recovered.openIncidentCounts()
        XCTAssertEqual(open.values.reduce(0, +), 17)
        try await recovered.close()
    }

    func testAFailingWriteFailsAloneInItsBatch() async throws {
        let engine = IncidentEngine()
        let store = try await open()
        let resolved = try await store.ingest(StoreFixtures.firing(key: "done", count: 1), using: engine)
        let id = try XCTUnwrap(resolved.incident?.id)
        _ = try await store.resolve(id: id, by: "x", at: StoreFixtures.at(1), using: engine)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<50 {
                group.addTask {
                    if i == 25 {
                        return
                            (try? await store.acknowledge(id: id, by: "late", at: StoreFixtures.at(2), using: engine))
                            != nil
                    }
                    return (try? await store.ingest(StoreFixtures.firing(key: "batch-\(i)", count: 1), using: engine))
                        != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.filter { $0 }.count, 49, "every write but the refused acknowledge succeeds")
        let deliveries = try await store.deliveries(after: nil, limit: 100)
        XCTAssertEqual(deliveries.count, 50)
        try await store.close()
    }
}

/// A thread-safe counter for unique names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
