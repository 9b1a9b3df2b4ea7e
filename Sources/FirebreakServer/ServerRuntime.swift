import FirebreakConfig
import Foundation
import IncidentEngine

/// Everything a reload replaces at once: the config, the runbook catalog and the engine settings.
public struct ServerRuntime: Sendable {
    /// The loaded config.
    public let config: FirebreakConfig
    /// The indexed runbooks.
    public let catalog: RunbookCatalogSnapshot
    /// The incident engine with the config's severity mapping.
    public let engine: IncidentEngine
    let translator: AlertmanagerTranslator
    let pagerDutyIntegrations: [String: String]

    /// Builds the runtime for `config`: indexes its runbooks. Throws when the config cannot be used.
    public static func load(config: FirebreakConfig) async throws -> ServerRuntime {
        let catalog = try await RunbookCatalogSnapshot.load(config: config)
        var severities = IncidentEngineSettings.defaultSeverities
        for (label, name) in config.server.severityMap {
            if let severity = IncidentSeverity(rawValue: name) { severities[label] = severity }
        }
        let settings = IncidentEngineSettings(severityByLabel: severities, serviceLabels: config.server.serviceLabels)
        var integrations: [String: String] = [:]
        for integration in config.server.pagerDutyIntegrations {
            integrations[integration.routingKey] = integration.name
        }
        return ServerRuntime(
            config: config, catalog: catalog, engine: IncidentEngine(settings: settings),
            translator: AlertmanagerTranslator(limits: config.server.limits), pagerDutyIntegrations: integrations)
    }
}

/// The current runtime, swapped whole on reload; readers take a consistent snapshot.
final class RuntimeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current: ServerRuntime

    init(_ runtime: ServerRuntime) { current = runtime }

    var value: ServerRuntime { lock.withLock { current } }

    func replace(with runtime: ServerRuntime) { lock.withLock { current = runtime } }
}
