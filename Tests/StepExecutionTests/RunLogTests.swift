import Foundation
import StepExecution
import XCTest

final class RunLogTests: XCTestCase {
    func testFileSinkWritesOnFlushAndRunLogReadsItBack() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sink = try FileRunEventSink(runsDirectory: dir, runID: "20270115T080000Z-000001")
        var started = RunEvent(
            .runStarted, time: Date(timeIntervalSince1970: 1_800_000_000), runID: "20270115T080000Z-000001")
        started.runbook = "RB-1"
        started.incident = "INC-9"
        sink.record(started)
        XCTAssertEqual(try String(contentsOfFile: sink.path, encoding: .utf8), "", "buffered until a flush")
        var finished = RunEvent(.runFinished, time: Date(timeIntervalSince1970: 1_800_000_003), runID: started.runID)
        finished.status = "failed"
        finished.counts = ["ok": 2, "failed": 1]
        sink.record(finished)
        await sink.flush()
        let text = try String(contentsOfFile: sink.path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, 2)
        XCTAssertTrue(text.hasPrefix("{\"event\":\"run_started\","), text)

        let log = RunLog(directory: dir)
        let entries = try log.list()
        XCTAssertEqual(entries.map(\.id), ["20270115T080000Z-000001"])
        XCTAssertEqual(entries.first?.status, "failed")
        XCTAssertEqual(entries.first?.incident, "INC-9")
        XCTAssertEqual(entries.first?.counts, ["ok": 2, "failed": 1])
        XCTAssertEqual(
            try log.events(of: "20270115").map(\.kind), [.runStarted, .runFinished], "a unique prefix finds the run")
        XCTAssertThrowsError(try log.events(of: "nope")) { XCTAssertTrue("\($0)".contains("firebreak runs"), "\($0)") }
    }
}
