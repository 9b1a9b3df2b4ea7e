import Foundation

/// Settings of `firebreak serve`, the `server:` section of `firebreak.yml`.
///
/// Command-line options (`--listen`, `--data-dir`, `--database`) override these.
public struct ServerSettings: Sendable, Equatable {
    /// `HOST:PORT` to listen on; port 0 picks a free port.
    public var listen: String
    /// Directory for the embedded SQLite database, relative to the config file's directory.
    public var dataDirectory: String
    /// A `postgres://` URL; `nil` means SQLite in ``dataDirectory``.
    public var database: String?
    /// Request size and shape limits.
    public var limits: ServerLimits
    /// PagerDuty Events API v2 integrations: routing key → integration name.
    public var pagerDutyIntegrations: [PagerDutyIntegration]
    /// Extra label values mapped to severities (`critical`, `high`, `warning`, `info`), lower-cased;
    /// consulted before the built-in spellings.
    public var severityMap: [String: String]
    /// Labels naming an incident's service, first present wins.
    public var serviceLabels: [String]

    /// The listen address used when neither the config nor `--listen` names one.
    public static let defaultListen = "127.0.0.1:8080"
    /// The data directory used when neither the config nor `--data-dir` names one.
    public static let defaultDataDirectory = ".firebreak"
    /// Severity names a `severity_map` value may use.
    public static let severityNames = ["critical", "high", "warning", "info"]

    /// Settings with every default.
    public init(
        listen: String = ServerSettings.defaultListen, dataDirectory: String = ServerSettings.defaultDataDirectory,
        database: String? = nil, limits: ServerLimits = ServerLimits(),
        pagerDutyIntegrations: [PagerDutyIntegration] = [],
        severityMap: [String: String] = [:], serviceLabels: [String] = ["service", "app", "job"]
    ) {
        self.listen = listen
        self.dataDirectory = dataDirectory
        self.database = database
        self.limits = limits
        self.pagerDutyIntegrations = pagerDutyIntegrations
        self.severityMap = severityMap
        self.serviceLabels = serviceLabels
    }
}

/// Limits on what one request may carry; larger requests are refused with a 4xx naming the limit.
public struct ServerLimits: Sendable, Equatable {
    /// Largest Alertmanager webhook body, in bytes (default 10 MiB).
    public var maxBodyBytes: Int
    /// Most alerts in one webhook (default 10,000).
    public var maxAlerts: Int
    /// Most labels (or annotations) on one alert (default 256).
    public var maxLabels: Int
    /// Longest label or annotation value, in bytes (default 64 KiB).
    public var maxValueBytes: Int

    /// The default limits.
    public init(
        maxBodyBytes: Int = 10 * 1024 * 1024, maxAlerts: Int = 10_000, maxLabels: Int = 256,
        maxValueBytes: Int = 64 * 1024
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxAlerts = maxAlerts
        self.maxLabels = maxLabels
        self.maxValueBytes = maxValueBytes
    }
}

/// A PagerDuty Events API v2 integration: events posted with its routing key land under its name.
public struct PagerDutyIntegration: Sendable, Equatable {
    /// Integration name, shown on incidents.
    public var name: String
    /// The 32-character routing (integration) key senders use.
    public var routingKey: String

    /// Creates an integration.
    public init(name: String, routingKey: String) {
        self.name = name
        self.routingKey = routingKey
    }
}
