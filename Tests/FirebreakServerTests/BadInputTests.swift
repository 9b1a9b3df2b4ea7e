import FirebreakServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import XCTest

/// Each bad Alertmanager payload gets a 4xx with a reason, stores nothing, and the server keeps serving.
final class BadInputTests: XCTestCase {
    static let path = "/api/v1/alerts/alertmanager"

    /// A valid webhook of `alerts` as a JSON object, to break one field of.
    private static func webhookObject(_ alerts: [Webhook.Alert]) throws -> [String: Any] {
        let body = Data(buffer: Webhook.body(groupKey: "g", alerts: alerts))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    private func expectRejected(
        _ body: ByteBuffer, status: HTTPResponse.Status, mentioning words: [String], file: StaticString = #filePath,
        line: UInt = #line
    ) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest), body: body)
            XCTAssertEqual(response.status, status, response.text, file: file, line: line)
            let message = ((response.json["error"] as? [String: Any])?["message"] as? String) ?? ""
            for word in words {
                XCTAssertTrue(message.contains(word), "'\(message)' should mention \(word)", file: file, line: line)
            }
            let deliveries = try await fixture.store.deliveries(after: nil, limit: 10)
            XCTAssertEqual(deliveries.count, 0, "nothing stored", file: file, line: line)
            let incidents = try await fixture.store.incidents(matching: .init())
            XCTAssertEqual(incidents.incidents.count, 0, file: file, line: line)
            let good = try await client.execute(
                uri: Self.path, method: .post, headers: fixture.headers(.ingest),
                body: Webhook.body(groupKey: "after", alerts: [Webhook.Alert(name: "A", fingerprint: "f")]))
            XCTAssertEqual(good.status, .ok, "the server keeps serving", file: file, line: line)
        }
    }

    func testGarbageJSON() async throws {
        try await expectRejected(ByteBuffer(string: "{not json"), status: .badRequest, mentioning: ["not valid JSON"])
    }

    func testWrongTypeNamesThePath() async throws {
        var object = try Self.webhookObject([
            Webhook.Alert(name: "A", fingerprint: "f"), Webhook.Alert(name: "B", fingerprint: "g"),
        ])
        var alerts = try XCTUnwrap(object["alerts"] as? [[String: Any]])
        alerts[1]["labels"] = ["severity": 3]
        object["alerts"] = alerts
        try await expectRejected(
            ByteBuffer(json: object), status: .badRequest, mentioning: ["alerts[1].labels.severity", "string"])
    }

    func testMissingFieldNamesIt() async throws {
        var object = try Self.webhookObject([Webhook.Alert(name: "A", fingerprint: "f")])
        object["groupKey"] = nil
        try await expectRejected(ByteBuffer(json: object), status: .badRequest, mentioning: ["groupKey", "missing"])
    }

    func testTenMegabyteBody() async throws {
        let big = Webhook.Alert(
            name: "A", fingerprint: "f", annotations: ["description": String(repeating: "x", count: 11 * 1024 * 1024)])
        try await expectRejected(
            Webhook.body(groupKey: "g", alerts: [big]), status: .contentTooLarge, mentioning: ["larger than"])
    }

    func testHundredThousandAlerts() async throws {
        let alerts = (0..<100_000).map { Webhook.Alert(name: "A", fingerprint: "f\($0)") }
        let body = Webhook.body(groupKey: "g", alerts: alerts)
        try await expectRejected(body, status: .contentTooLarge, mentioning: [])
    }

    func testTooManyAlertsUnderTheByteLimit() async throws {
        let alerts = (0..<10_001).map { Webhook.Alert(name: "A", fingerprint: "\($0)") }
        try await expectRejected(
            Webhook.body(groupKey: "g", alerts: alerts), status: .contentTooLarge,
            mentioning: ["10001 alerts", "10000"])
    }

    func testInvalidUTF8() async throws {
        var bytes = Array(
            String(buffer: Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f")])).utf8)
        let index = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "A")))
        bytes[index] = 0xFF
        try await expectRejected(ByteBuffer(bytes: bytes), status: .badRequest, mentioning: ["UTF-8"])
    }

    func testHugeLabelValue() async throws {
        let alert = Webhook.Alert(
            name: "A", fingerprint: "f", labels: ["pod": String(repeating: "p", count: 65 * 1024)])
        try await expectRejected(
            Webhook.body(groupKey: "g", alerts: [alert]), status: .badRequest,
            mentioning: ["alerts[0].labels.pod", "65536"])
    }

    func testTooManyLabels() async throws {
        var labels: [String: String] = [:]
        for index in 0..<300 { labels["l\(index)"] = "v" }
        try await expectRejected(
            Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f", labels: labels)]),
            status: .badRequest,
            mentioning: ["alerts[0].labels", "256"])
    }

    func testNULCharacter() async throws {
        try await expectRejected(
            Webhook.body(groupKey: "g", alerts: [Webhook.Alert(name: "A", fingerprint: "f", labels: ["x": "a\u{0}b"])]),
            status: .badRequest,
            mentioning: ["NUL"])
    }

    func testBadTimestampAndStatus() async throws {
        var object = try Self.webhookObject([Webhook.Alert(name: "A", fingerprint: "f")])
        var alerts = try XCTUnwrap(object["alerts"] as? [[String: Any]])
        alerts[0]["startsAt"] = "yesterday"
        object["alerts"] = alerts
        try await expectRejected(
            ByteBuffer(json: object), status: .badRequest, mentioning: ["alerts[0].startsAt", "RFC 3339"])
        alerts[0]["startsAt"] = "2027-01-01T00:00:00Z"
        alerts[0]["status"] = "burning"
        object["alerts"] = alerts
        try await expectRejected(ByteBuffer(json: object), status: .badRequest, mentioning: ["alerts[0].status"])
    }

    func testWrongVersion() async throws {
        var object = try Self.webhookObject([Webhook.Alert(name: "A", fingerprint: "f")])
        object["version"] = "3"
        try await expectRejected(ByteBuffer(json: object), status: .badRequest, mentioning: ["version 4"])
    }
}
