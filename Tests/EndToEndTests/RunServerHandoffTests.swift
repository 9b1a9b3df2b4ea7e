import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `firebreak run --incident ID --server URL` against a real `firebreak serve`: the run's commands
/// appear on the incident's timeline.
final class RunServerHandoffTests: XCTestCase {
    func testRunEventsReachTheIncidentTimeline() throws {
        let scratch = try Scratch()
        try scratch.write("firebreak.yml", Data("runbooks:\n  - runbooks\n".utf8))
        try scratch.write(
            "runbooks/handoff.md",
            Data(
                """
                ---
                id: HANDOFF-001
                title: Queue backlog
                alerts: [QueueBacklog]
                ---
                # Queue backlog

                ## Diagnosis

                ```bash
                echo "backlog in $NAMESPACE"
                ```

                ## Resolution

                ```bash
                touch mutated-by-run
                ```
                """.utf8))
        let data = scratch.url.appendingPathComponent("data").path
        let admin = try token(role: "admin", data: data, in: scratch.url)
        let ingest = try token(role: "ingest", data: data, in: scratch.url)
        let responder = try token(role: "responder", data: data, in: scratch.url)

        let server = try ServerProcess(
            arguments: ["serve", "--config", "firebreak.yml", "--data-dir", data, "--listen", "127.0.0.1:0"],
            in: scratch.url)
        defer { server.stop() }
        let base = try server.waitForURL()

        let alert: [String: Any] = [
            "version": "4", "groupKey": "{}:{alertname=\"QueueBacklog\"}", "status": "firing", "receiver": "firebreak",
            "groupLabels": ["alertname": "QueueBacklog"],
            "commonLabels": ["alertname": "QueueBacklog", "namespace": "orders"],
            "commonAnnotations": [:], "externalURL": "http://alertmanager", "truncatedAlerts": 0,
            "alerts": [
                [
                    "status": "firing", "labels": ["alertname": "QueueBacklog", "namespace": "orders"],
                    "annotations": [:],
                    "startsAt": "2026-11-23T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "",
                    "fingerprint": "f1",
                ]
            ],
        ]
        let ingested = try HTTP.send("POST", base + "/api/v1/alerts/alertmanager", token: ingest, json: alert)
        XCTAssertTrue((200..<300).contains(ingested.status), ingested.text)
        let incident = try XCTUnwrap(ingested.json["incident_id"] as? Int, ingested.text)

        let run = try FirebreakBinary.run(
            [
                "run", "HANDOFF-001", "--config", "firebreak.yml", "--auto", "read-only", "--label", "namespace=orders",
                "--incident", String(incident), "--server", base, "--token", responder,
            ], in: scratch.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("mutated-by-run").path))

        let timeline = try HTTP.send("GET", base + "/api/v1/incidents/\(incident)/timeline", token: admin)
        XCTAssertEqual(timeline.status, 200, timeline.text)
        let events = timeline.json["events"] as? [[String: Any]] ?? []
        let messages = events.filter { $0["kind"] as? String == "command-run" }.compactMap { $0["message"] as? String }
        XCTAssertTrue(messages.contains { $0.hasPrefix("Ran `echo \"backlog in $NAMESPACE\"` (exit 0") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("Skipped `touch mutated-by-run`") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("started") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("finished: succeeded") }, "\(messages)")
        let actors = Set(events.filter { $0["kind"] as? String == "command-run" }.compactMap { $0["actor"] as? String })
        XCTAssertEqual(actors, ["e2e-responder"])
    }

    func testAViewerTokenCannotRecordARunAndTheRunStillSucceeds() throws {
        let scratch = try Scratch()
        try scratch.write("firebreak.yml", Data("runbooks:\n  - runbooks\n".utf8))
        try scratch.write(
            "runbooks/one.md", Data("---\nid: ONE-1\n---\n# One\n\n## Diagnosis\n\n```bash\ntrue\n```\n".utf8))
        let data = scratch.url.appendingPathComponent("data").path
        let viewer = try token(role: "viewer", data: data, in: scratch.url)
        let server = try ServerProcess(
            arguments: ["serve", "--config", "firebreak.yml", "--data-dir", data, "--listen", "127.0.0.1:0"],
            in: scratch.url)
        defer { server.stop() }
        let base = try server.waitForURL()
        let run = try FirebreakBinary.run(
            [
                "run", "ONE-1", "--config", "firebreak.yml", "--auto", "read-only", "--incident", "1", "--server", base,
                "--token", viewer,
            ],
            in: scratch.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("403"), "the refusal is reported: \(run.stderr)")
    }

    private func token(role: String, data: String, in directory: URL) throws -> String {
        let result = try FirebreakBinary.run(
            ["token", "create", "--name", "e2e-\(role)", "--role", role, "--data-dir", data], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A `firebreak serve` child process whose output is collected from a pipe, stopped with SIGTERM.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    /// Guards `text` and `ended`; signalled on new output and at the end of it.
    private let changed = NSCondition()
    private var text = ""
    private var ended = false

    init(arguments: [String], in directory: URL) throws {
        process.executableURL = FirebreakBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        // Read for the server's whole life, so that it never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            changed.withLock {
                if data.isEmpty { ended = true } else { text += String(decoding: data, as: UTF8.self) }
                changed.broadcast()
            }
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        try process.run()
    }

    /// The `http://HOST:PORT` the server prints once it listens; fails after `timeout` seconds.
    func waitForURL(timeout: TimeInterval = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        return try changed.withLock {
            while true {
                if let range = text.range(of: #"listening on (http://[0-9.]+:[0-9]+)"#, options: .regularExpression) {
                    return String(text[range].dropFirst("listening on ".count))
                }
                if ended || !changed.wait(until: deadline) { throw ServerStartError(log: text) }
            }
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// `firebreak serve` exited or never said where it listens.
struct ServerStartError: Error, CustomStringConvertible {
    var log: String
    var description: String { "firebreak serve did not start listening; its output:\n\(log)" }
}

/// Minimal blocking HTTP calls for tests.
enum HTTP {
    struct Response {
        var status: Int
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    static func send(_ method: String, _ url: String, token: String? = nil, json: Any? = nil) throws -> Response {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 30)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(Response(status: (response as? HTTPURLResponse)?.statusCode ?? -1, body: data ?? Data()), error)
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 40) == .success else { throw URLError(.timedOut) }
        if let error = box.error { throw error }
        return box.response!
    }

    private final class ResponseBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Response?
        private var failure: Error?
        func set(_ response: Response, _ error: Error?) { lock.withLock { (stored, failure) = (response, error) } }
        var response: Response? { lock.withLock { stored } }
        var error: Error? { lock.withLock { failure } }
    }
}
