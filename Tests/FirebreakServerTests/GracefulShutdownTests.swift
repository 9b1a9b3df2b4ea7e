import FirebreakConfig
import FirebreakServer
import FirebreakTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentEngine
import Logging
import NIOCore
import ServiceLifecycle
import Storage
import XCTest

/// A store whose ingest waits until released, recording the order of what happened.
actor GatedStore: FirebreakStore {
    let inner = InMemoryFirebreakStore()
    private(set) var log: [String] = []
    private var entered: CheckedContinuation<Void, Never>?
    private var release: CheckedContinuation<Void, Never>?
    private var isEntered = false

    func waitUntilEntered() async {
        if isEntered { return }
        await withCheckedContinuation { entered = $0 }
    }

    func open() { release?.resume(); release = nil }

    func ingest(_ notification: AlertNotification, using engine: IncidentEngine) async throws -> IngestResult {
        isEntered = true
        entered?.resume()
        entered = nil
        await withCheckedContinuation { release = $0 }
        let result = try await inner.ingest(notification, using: engine)
        log.append("ingested")
        return result
    }

    func close() async throws {
        log.append("closed")
        await inner.close()
    }

    func acknowledge(
        key: String, by actor: String?, at: Date, requestID: String?, using engine: IncidentEngine
    ) async throws -> Incident? {
        try await inner.acknowledge(key: key, by: actor, at: at, requestID: requestID, using: engine)
    }
    func acknowledge(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) async throws -> Incident {
        try await inner.acknowledge(id: id, by: actor, at: at, using: engine)
    }
    func resolve(id: Int64, by actor: String?, at: Date, using engine: IncidentEngine) async throws -> Incident {
        try await inner.resolve(id: id, by: actor, at: at, using: engine)
    }
    func appendTimeline(incidentID id: Int64, events: [TimelineEvent]) async throws -> [TimelineEvent] {
        try await inner.appendTimeline(incidentID: id, events: events)
    }
    func incident(id: Int64) async throws -> Incident? { try await inner.incident(id: id) }
    func incidents(matching query: IncidentQuery) async throws -> IncidentPage {
        try await inner.incidents(matching: query)
    }
    func timeline(incidentID id: Int64, after: Int64?, limit: Int) async throws -> [TimelineEvent] {
        try await inner.timeline(incidentID: id, after: after, limit: limit)
    }
    func deliveries(after: Int64?, limit: Int) async throws -> [Delivery] {
        try await inner.deliveries(after: after, limit: limit)
    }
    func openIncidentCounts() async throws -> [IncidentSeverity: Int] { try await inner.openIncidentCounts() }
    func createToken(_ token: TokenRecord) async throws -> TokenRecord { try await inner.createToken(token) }
    func token(secretHash: String) async throws -> TokenRecord? { try await inner.token(secretHash: secretHash) }
    func tokens() async throws -> [TokenRecord] { try await inner.tokens() }
    func revokeToken(id: Int64, at: Date) async throws { try await inner.revokeToken(id: id, at: at) }
    func ping() async throws { try await inner.ping() }
    func schemaVersion() async throws -> Int { try await inner.schemaVersion() }
}

final class GracefulShutdownTests: XCTestCase {
    func testInFlightRequestFinishesBeforeTheStoreCloses() async throws {
        let store = GatedStore()
        let fixture = try await ServerFixture.make(store: store)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let http = fixture.app.makeApplication(listen: ListenAddress("127.0.0.1:0")!) { bound in
            portSink.yield(Int(bound.split(separator: ":").last ?? "") ?? 0)
        }
        var logger = Logger(label: "shutdown-test")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [http], logger: logger))
        let running = Task { try await group.run() }
        defer { running.cancel() }

        var iterator = ports.makeAsyncIterator()
        let bound = await iterator.next()
        let port = try XCTUnwrap(bound)
        XCTAssertGreaterThan(port, 0)
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        let request = TestClient.Request(
            "/api/v1/alerts/alertmanager", method: .post, headers: fixture.headers(.ingest),
            body: Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f")]))
        let inFlight = Task { try await client.execute(request) }
        await store.waitUntilEntered()
        await group.triggerGracefulShutdown()
        await store.open()
        let response = try await inFlight.value
        XCTAssertEqual(response.status, .ok)
        try await running.value
        try? await client.shutdown()
        let log = await store.log
        XCTAssertEqual(log, ["ingested", "closed"], "the request finished, then the store closed")
    }
}
