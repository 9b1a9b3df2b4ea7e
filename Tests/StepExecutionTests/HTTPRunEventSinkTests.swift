import Foundation
import StepExecution
import XCTest

final class HTTPRunEventSinkTests: XCTestCase {
    private func event(_ kind: RunEvent.Kind, step: Int? = nil) -> RunEvent {
        var event = RunEvent(kind, time: Date(timeIntervalSince1970: 1_800_000_000), runID: "run-1")
        event.runbook = "RB-1"
        event.step = step
        return event
    }

    func testPostsBatchesWithBearerTokenAndSnakeCaseBody() async throws {
        let server = try TinyHTTPServer(statuses: [201, 201])
        defer { server.stop() }
        let warnings = WarningBox()
        let sink = HTTPRunEventSink(
            server: URL(string: "http://127.0.0.1:\(server.port)/")!, incident: "INC 7", token: "t0k", runID: "run-1",
            runbook: "RB-1",
            warn: { warnings.add($0) })
        sink.record(event(.runStarted))
        sink.record(event(.stepStarted, step: 1))
        await sink.flush()
        sink.record(event(.runFinished))
        await sink.flush()
        XCTAssertEqual(warnings.all, [])
        let requests = server.requests
        XCTAssertEqual(
            requests.map(\.requestLine),
            ["POST /api/v1/incidents/INC%207/runs HTTP/1.1", "POST /api/v1/incidents/INC%207/runs HTTP/1.1"])
        XCTAssertEqual(requests.first?.headers["authorization"], "Bearer t0k")
        let object = try JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any]
        XCTAssertEqual(object?["run_id"] as? String, "run-1")
        XCTAssertEqual(object?["runbook"] as? String, "RB-1")
        let events = object?["events"] as? [[String: Any]]
        XCTAssertEqual(events?.map { $0["event"] as? String }, ["run_started", "step_started"])
        XCTAssertEqual(events?.last?["step"] as? Int, 1)
        XCTAssertEqual(events?.first?["time"] as? String, "2027-01-15T08:00:00.000Z")
        let second = try RunEvent.makeDecoder().decode(HTTPRunEventSink.Batch.self, from: requests[1].body)
        XCTAssertEqual(second.events.map(\.kind), [.runFinished], "accepted events are not sent twice")
    }

    func testRetriesAServerErrorThenSucceeds() async throws {
        let server = try TinyHTTPServer(statuses: [503, 201])
        defer { server.stop() }
        let warnings = WarningBox()
        let sink = HTTPRunEventSink(
            server: URL(string: "http://127.0.0.1:\(server.port)")!, incident: "INC-1", token: nil, runID: "run-1",
            runbook: "RB-1",
            retryDelay: .milliseconds(10), warn: { warnings.add($0) })
        sink.record(event(.runStarted))
        await sink.flush()
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertNil(server.requests.last?.headers["authorization"])
        XCTAssertEqual(warnings.all, [])
    }

    func testServerDownWarnsAndKeepsEventsForTheNextFlush() async throws {
        let probe = try TinyHTTPServer(statuses: [])
        let port = probe.port
        probe.stop()
        let warnings = WarningBox()
        let sink = HTTPRunEventSink(
            server: URL(string: "http://127.0.0.1:\(port)")!, incident: "INC-1", token: "x", runID: "run-1",
            runbook: "RB-1", attempts: 2,
            retryDelay: .milliseconds(10), warn: { warnings.add($0) })
        sink.record(event(.runStarted))
        await sink.flush()
        XCTAssertEqual(warnings.all.count, 1)
        XCTAssertTrue(warnings.all.first?.contains("/api/v1/incidents/INC-1/runs") ?? false, warnings.all.joined())
    }
}

final class WarningBox: @unchecked Sendable {
    private let lock = NSLock()
    private var warnings: [String] = []
    func add(_ warning: String) { lock.withLock { warnings.append(warning) } }
    var all: [String] { lock.withLock { warnings } }
}
