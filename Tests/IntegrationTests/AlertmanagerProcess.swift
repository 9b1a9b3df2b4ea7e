import Foundation

/// Debian's `prometheus-alertmanager` on a free 127.0.0.1 port, gossip off, storage in the scratch
/// directory, with one webhook receiver that posts to Firebreak's Alertmanager endpoint with the
/// ingest token.
final class AlertmanagerProcess {
    let port: Int
    let process: ChildProcess
    var api: JSONHTTP { JSONHTTP(base: "http://127.0.0.1:\(port)") }

    init(scratch: IntegrationScratch, webhookURL: String, token: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: IntegrationPaths.alertmanager.path) else {
            throw IntegrationError("\(IntegrationPaths.alertmanager.path) is missing; run scripts/install-deps.sh.")
        }
        let config = scratch.path("alertmanager.yml")
        try Self.config(webhookURL: webhookURL, token: token).write(to: config, atomically: true, encoding: .utf8)
        port = try IntegrationPaths.freePort()
        process = try ChildProcess(
            "prometheus-alertmanager", executable: IntegrationPaths.alertmanager,
            arguments: [
                "--config.file=\(config.path)", "--storage.path=\(scratch.path("alertmanager").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ],
            log: scratch.path("alertmanager.log"))
        try await process.waitUntilAnswering(api, path: "/-/ready", seconds: 30)
    }

    /// Groups by alertname and cluster and sends within about a second, resolved alerts too.
    static func config(webhookURL: String, token: String) -> String {
        """
        route:
          receiver: firebreak
          group_by: [alertname, cluster]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: firebreak
            webhook_configs:
              - url: \(webhookURL)
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: \(token)

        """
    }

    /// Pushes alerts into `POST /api/v2/alerts`, as Prometheus does.
    func push(_ alerts: [[String: Any]]) async throws {
        let response = try await api.send("POST", "/api/v2/alerts", json: alerts)
        guard response.status == 200 else {
            throw IntegrationError("Alertmanager refused the alerts (\(response.status)): \(response.text)")
        }
    }

    /// The fingerprints Alertmanager gave the alerts whose labels include `labels`.
    func fingerprints(matching labels: [String: String]) async throws -> Set<String> {
        let alerts = try await api.get("/api/v2/alerts").json as? [[String: Any]] ?? []
        return Set(
            alerts.compactMap { alert -> String? in
                let own = alert["labels"] as? [String: String] ?? [:]
                return labels.allSatisfy { own[$0.key] == $0.value } ? alert["fingerprint"] as? String : nil
            })
    }
}
