import Foundation
import IncidentEngine
import Prometheus
import Synchronization

/// The server's Prometheus metrics, in a registry of its own (no global state, one per app).
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// The metrics each request updates, kept so that a request looks them up once instead of asking
    /// the registry (name validation, label sorting, its lock) several times.
    private let requestCounters = Mutex<[RequestKey: Counter]>([:])
    private let storeHistograms = Mutex<[String: DurationHistogram]>([:])
    private let ingestCounters: [AlertSource: (notifications: Counter, alerts: Counter)]

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// Creates empty metrics.
    public init() {
        var ingestCounters: [AlertSource: (notifications: Counter, alerts: Counter)] = [:]
        for source in AlertSource.allCases {
            ingestCounters[source] = (
                registry.makeCounter(
                    name: "firebreak_ingest_notifications_total", labels: [("source", source.rawValue)]),
                registry.makeCounter(name: "firebreak_ingest_alerts_total", labels: [("source", source.rawValue)])
            )
        }
        self.ingestCounters = ingestCounters
    }

    /// Counts one answered request.
    func request(route: String, method: String, status: Int) {
        Self.kept(RequestKey(route: route, method: method, status: status), in: requestCounters) {
            registry.makeCounter(
                name: "firebreak_http_requests_total",
                labels: [("route", route), ("method", method), ("status", String(status))])
        }.increment()
    }

    /// Counts an accepted notification and its alerts.
    func ingested(source: AlertSource, alerts: Int) {
        guard let counters = ingestCounters[source] else { return }
        counters.notifications.increment()
        counters.alerts.increment(by: Int64(alerts))
    }

    /// Records how long a store call took.
    func store(_ operation: String, took duration: Duration) {
        Self.kept(operation, in: storeHistograms) {
            registry.makeDurationHistogram(
                name: "firebreak_store_duration_seconds", labels: [("operation", operation)],
                buckets: Self.latencyBuckets)
        }.record(duration)
    }

    /// The metric kept under `key`, made by `make` and kept on first use.
    private static func kept<Key: Hashable & Sendable, Metric: Sendable>(
        _ key: Key, in metrics: borrowing Mutex<[Key: Metric]>, make: () -> Metric
    ) -> Metric {
        metrics.withLock { metrics in
            if let metric = metrics[key] { return metric }
            let metric = make()
            metrics[key] = metric
            return metric
        }
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
