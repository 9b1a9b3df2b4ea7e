import Foundation
import IncidentEngine
import Prometheus

/// The server's Prometheus metrics, in a registry of its own (no global state, one per app).
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// Creates empty metrics.
    public init() {}

    /// Counts one answered request.
    func request(route: String, method: String, status: Int) {
        registry.makeCounter(
            name: "firebreak_http_requests_total",
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
    }

    /// Counts an accepted notification and its alerts.
    func ingested(source: AlertSource, alerts: Int) {
        registry.makeCounter(name: "firebreak_ingest_notifications_total", labels: [("source", source.rawValue)])
            .increment()
        registry.makeCounter(name: "firebreak_ingest_alerts_total", labels: [("source", source.rawValue)]).increment(
            by: Int64(alerts))
    }

    /// Records how long a store call took.
    func store(_ operation: String, took duration: Duration) {
        registry.makeDurationHistogram(
            name: "firebreak_store_duration_seconds", labels: [("operation", operation)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The exposition text, with the open-incident gauge set from `openCounts` first.
    func render(openCounts: [IncidentSeverity: Int]) -> [UInt8] {
        for severity in IncidentSeverity.allCases {
            registry.makeGauge(name: "firebreak_open_incidents", labels: [("severity", severity.rawValue)])
                .set(Double(openCounts[severity] ?? 0))
        }
        return registry.emitToBuffer()
    }
}
