import FirebreakConfig
import FirebreakServer
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentEngine
import Logging
import NIOCore
import Storage
import XCTest

/// A manual clock for the server's `now`.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A server over the example runbooks, with one token per role.
struct ServerFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let exampleConfig = repositoryRoot.appendingPathComponent("examples/firebreak.yml")
    static let routingKey = "0123456789abcdef0123456789abcdef"

    let store: any FirebreakStore
    let app: FirebreakApplication
    let clock: ManualClock
    let secrets: [Role: String]

    static func make(store: (any FirebreakStore)? = nil, configFile: URL = exampleConfig) async throws -> ServerFixture
    {
        let store = store ?? InMemoryFirebreakStore()
        let clock = ManualClock()
        var secrets: [Role: String] = [:]
        let issuer = TokenIssuer(store: store, now: { clock.now })
        for role in Role.allCases {
            secrets[role] = try await issuer.issue(name: "\(role.rawValue)-token", role: role.rawValue).1
        }
        var logger = Logger(label: "firebreak-test")
        logger.logLevel = .critical
        let config = try FirebreakConfig.load(from: configFile)
        let app = try await FirebreakApplication(
            config: config, configFile: configFile, store: store, logger: logger, now: { clock.now })
        return ServerFixture(store: store, app: app, clock: clock, secrets: secrets)
    }

    /// Runs `body` against the router in-process.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: app.buildRouter()).test(.router) { client in try await body(client) }
    }

    func headers(_ role: Role?, requestID: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let role { fields[.authorization] = "Bearer \(secrets[role]!)" }
        fields[.contentType] = "application/json"
        if let requestID { fields[HTTPField.Name("X-Request-ID")!] = requestID }
        return fields
    }
}

/// Builds Alertmanager webhook bodies.
enum Webhook {
    struct Alert {
        var name: String
        var fingerprint: String
        var status = "firing"
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
    }

    static func body(
        groupKey: String, status: String = "firing", alerts: [Alert], commonLabels: [String: String] = [:]
    ) -> ByteBuffer {
        let alertObjects: [[String: Any]] = alerts.map { alert in
            var labels = alert.labels
            labels["alertname"] = alert.name
            return [
                "status": alert.status, "labels": labels, "annotations": alert.annotations,
                "startsAt": "2027-01-15T08:00:00.000Z",
                "endsAt": alert.status == "firing" ? "0001-01-01T00:00:00Z" : "2027-01-15T08:30:00Z",
                "generatorURL": "http://prometheus.example/graph", "fingerprint": alert.fingerprint,
            ]
        }
        let object: [String: Any] = [
            "version": "4", "groupKey": groupKey, "status": status, "receiver": "firebreak",
            "groupLabels": ["alertname": alerts.first?.name ?? ""], "commonLabels": commonLabels,
            "commonAnnotations": [:],
            "externalURL": "http://alertmanager.example", "truncatedAlerts": 0, "alerts": alertObjects,
        ]
        return ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }
}

extension ByteBuffer {
    init(json object: Any) {
        self.init(bytes: try! JSONSerialization.data(withJSONObject: object))
    }
}
