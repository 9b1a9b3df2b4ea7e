import FirebreakTesting
import Foundation
import IncidentEngine
import Logging
import Storage
import StorageSQL
import XCTest

/// The store on a real PostgreSQL cluster, started once for the class by `scripts/pg-test-cluster.sh`.
final class PostgresFirebreakStoreTests: XCTestCase {
    private nonisolated(unsafe) static var cluster: Result<PostgresTestCluster, any Error>?

    override class func setUp() {
        super.setUp()
        cluster = Result { try PostgresTestCluster() }
    }

    override class func tearDown() {
        if case .success(let running)? = cluster { running.stop() }
        cluster = nil
        super.tearDown()
    }

    /// The running cluster; fails the test with the script's output when it did not start.
    private func running() throws -> PostgresTestCluster {
        switch Self.cluster {
        case .success(let cluster)?: return cluster
        case .failure(let error)?: throw error
        case nil: throw PostgresTestCluster.ClusterError(message: "the cluster was not started")
        }
    }

    private static func open(_ url: String) async throws -> SQLFirebreakStore {
        try await SQLFirebreakStore.open(
            url: url, dataDirectory: FileManager.default.temporaryDirectory, logger: .storeTests)
    }

    func testConformance() async throws {
        let cluster = try running()
        try await FirebreakStoreConformance(makeStore: {
            try await SQLFirebreakStore.open(
                url: try cluster.makeDatabase(), dataDirectory: FileManager.default.temporaryDirectory,
                logger: .storeTests)
        }).run()
    }

    func testMigrationsAreIdempotentAndDataSurvivesReopen() async throws {
        let url = try running().makeDatabase()
        let engine = IncidentEngine()
        let first = try await Self.open(url)
        let opened = try await first.ingest(
            StoreFixtures.firing(key: "persist", count: 2, requestID: "r1"), using: engine)
        try await first.close()
        let second = try await Self.open(url)
        let version = try await second.schemaVersion()
        XCTAssertEqual(version, 1)
        let incident = try await second.incident(id: XCTUnwrap(opened.incident?.id))
        XCTAssertEqual(incident, opened.incident)
        try await second.close()
    }

    func testReplicasStartingTogetherMigrateOnce() async throws {
        let url = try running().makeDatabase()
        let stores = try await withThrowingTaskGroup(of: SQLFirebreakStore.self) { group in
            for _ in 0..<4 { group.addTask { try await Self.open(url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for store in stores {
            let version = try await store.schemaVersion()
            XCTAssertEqual(version, 1)
            try await store.close()
        }
    }

    func testTwoReplicasIngestingOneKeyOpenOneIncident() async throws {
        let url = try running().makeDatabase()
        let engine = IncidentEngine()
        let a = try await Self.open(url)
        let b = try await Self.open(url)
        let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
            for i in 0..<60 {
                let store = i.isMultiple(of: 2) ? a : b
                group.addTask {
                    try await store.ingest(
                        StoreFixtures.notification(key: "shared", [StoreFixtures.alert("r-\(i)")]), using: engine)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(results.filter(\.opened).count, 1)
        XCTAssertEqual(Set(results.compactMap(\.incident?.id)).count, 1)
        let stored = try await a.incident(id: XCTUnwrap(results.first?.incident?.id))
        XCTAssertEqual(stored?.alerts.count, 60, "no replica lost another's alert")
        let page = try await b.incidents(matching: IncidentQuery())
        XCTAssertEqual(page.incidents.count, 1)
        try await a.close()
        try await b.close()
    }

    func testAClusterWhoseOwnerDiesIsStoppedAndDeleted() throws {
        // The owner is a stand-in for a test process that crashes: a `sleep` killed below.
        let owner = try PostgresTestCluster.run("/bin/bash", ["-c", "sleep 600 >/dev/null 2>&1 & echo $!"])
        let pid = try XCTUnwrap(Int32(owner.text.trimmingCharacters(in: .whitespacesAndNewlines)), owner.text)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "firebreak-pg-owner-\(UUID().uuidString.prefix(8))")
        let started = try PostgresTestCluster.run(PostgresTestCluster.script, ["start", directory.path, String(pid)])
        XCTAssertEqual(started.status, 0, started.text)
        let pidFile = directory.appendingPathComponent("data/postmaster.pid").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: pidFile), "the cluster runs")
        kill(pid, SIGKILL)
        XCTAssertTrue(
            try waitForDeletion(of: directory, seconds: 60), "the watcher stopped the cluster and deleted its directory"
        )
        let servers = try PostgresTestCluster.run("/usr/bin/pgrep", ["-f", directory.path])
        XCTAssertNotEqual(servers.status, 0, "no server of that cluster is left: \(servers.text)")
    }

    func testUnreachableServerIsUnavailable() async throws {
        do {
            _ = try await Self.open("postgres://firebreak@127.0.0.1:1/none?sslmode=disable")
            XCTFail("opening an unreachable database must fail")
        } catch let error as StoreError {
            XCTAssertTrue(error.isRetryable, "\(error)")
        }
    }
}
