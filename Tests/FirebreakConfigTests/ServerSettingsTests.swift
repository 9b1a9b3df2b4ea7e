import Foundation
import XCTest

@testable import FirebreakConfig

/// The strict `server:` section.
final class ServerSettingsTests: XCTestCase {
    private func parse(_ yaml: String) throws -> FirebreakConfig {
        try FirebreakConfig.parse(yaml: yaml, baseDirectory: URL(fileURLWithPath: "/srv/runbooks"))
    }

    func testDefaultsAndExample() throws {
        XCTAssertEqual(try parse("runbooks: [.]\n").server, ServerSettings())
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/firebreak.yml")
        let server = try FirebreakConfig.load(from: example).server
        XCTAssertEqual(server.listen, "127.0.0.1:8080")
        XCTAssertEqual(server.pagerDutyIntegrations.first?.routingKey.count, 32)
        XCTAssertEqual(server.severityMap["disaster"], "critical")
        let text = try String(contentsOf: example, encoding: .utf8)
        for key in ConfigDecoder.serverKeys + [
            "max_body_bytes", "max_alerts", "max_labels", "max_value_bytes", "routing_key", "integrations",
        ] {
            XCTAssertTrue(text.contains(key + ":"), "example does not document server key \(key)")
        }
    }

    func testValuesAreRead() throws {
        let config = try parse(
            """
            server:
              listen: "[::1]:0"
              data_dir: /var/lib/firebreak
              database: postgres://fb@db/fb
              limits: {max_alerts: 50, max_body_bytes: 1_000}
              severity_map: {Blocker: critical}
              service_labels: [team]
              pagerduty:
                integrations:
                  - {name: synthetics, routing_key: abcdefabcdefabcdefabcdefabcdef12}
            """)
        XCTAssertEqual(ListenAddress(config.server.listen), ListenAddress("[::1]:0"))
        XCTAssertEqual(ListenAddress(config.server.listen)?.host, "::1")
        XCTAssertEqual(config.server.database, "postgres://fb@db/fb")
        XCTAssertEqual(config.server.limits.maxAlerts, 50)
        XCTAssertEqual(config.server.limits.maxBodyBytes, 1000)
        XCTAssertEqual(config.server.severityMap, ["blocker": "critical"])
        XCTAssertEqual(config.server.serviceLabels, ["team"])
        XCTAssertEqual(
            config.server.pagerDutyIntegrations,
            [PagerDutyIntegration(name: "synthetics", routingKey: "abcdefabcdefabcdefabcdefabcdef12")])
    }

    func testBadValuesNameTheirPath() {
        let cases: [(String, String)] = [
            ("server:\n  listn: 1\n", "server.listn"),
            ("server:\n  listen: localhost\n", "server.listen"),
            ("server:\n  limits: {max_alerts: -1}\n", "server.limits.max_alerts"),
            ("server:\n  severity_map: {x: urgent}\n", "server.severity_map.x"),
            ("server:\n  database: mysql://x\n", "server.database"),
            (
                "server:\n  pagerduty:\n    integrations:\n      - {name: a, routing_key: short}\n",
                "server.pagerduty.integrations[0].routing_key"
            ),
            ("server:\n  pagerduty:\n    integrations:\n      - {name: a}\n", "server.pagerduty.integrations[0]"),
        ]
        for (yaml, path) in cases {
            XCTAssertThrowsError(try parse(yaml), yaml) { error in
                XCTAssertTrue("\(error)".contains(path), "\(error) should name \(path)")
            }
        }
    }
}
