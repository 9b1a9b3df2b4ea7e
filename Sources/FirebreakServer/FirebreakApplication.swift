import FirebreakConfig
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Storage

/// Builds the Firebreak HTTP server: routes from ``RouteTable``, auth, ingest, incidents,
/// runbooks, tokens and operations, over a ``FirebreakStore``.
///
/// ```swift
/// let app = try await FirebreakApplication(config: config, configFile: url, store: store, logger: logger)
/// try await app.makeApplication(listen: ListenAddress("127.0.0.1:8080")!) { print("listening on \($0)") }.runService()
/// ```
public struct FirebreakApplication: Sendable {
    let environment: ServerEnvironment
    /// Reloads the config and the runbook index (SIGHUP does this).
    public let reloader: ConfigReloader

    /// Loads the runbook index for `config` and prepares the routes. `configFile` is re-read on reload;
    /// `overrides` are applied to every config loaded (command-line options win over the file).
    public init(
        config: FirebreakConfig, configFile: URL?, store: any FirebreakStore, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        overrides: @escaping @Sendable (inout FirebreakConfig) -> Void = { _ in }
    ) async throws {
        var config = config
        overrides(&config)
        let runtime = try await ServerRuntime.load(config: config)
        for error in runtime.catalog.errors { logger.warning("runbook tree: \(error)") }
        environment = ServerEnvironment(
            store: store, runtime: runtime, metrics: ServerMetrics(), now: now, logger: logger)
        reloader = ConfigReloader(
            box: environment.runtime, configFile: configFile, overrides: overrides, logger: logger)
    }

    /// The current runtime (config and runbook index).
    public var runtime: ServerRuntime { environment.runtime.value }

    /// The router with every route of ``RouteTable``.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let dispatcher = RequestDispatcher(environment: environment)
        for spec in RouteTable.all {
            let handler = Self.handler(spec.id)
            router.on(RouterPath(spec.routerPath), method: spec.method) { request, context in
                await dispatcher.respond(spec, request, context, handler: handler)
            }
        }
        return router
    }

    /// The HTTP application listening on `listen`; `onListening` receives `HOST:PORT` once bound
    /// (the real port when `listen` asks for port 0). Shutting down closes the store after the last
    /// in-flight request finished.
    public func makeApplication(
        listen: ListenAddress, extraServices: [any Service] = [],
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let host = listen.host
        return Application(
            router: buildRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: listen.port), serverName: "firebreak"),
            services: [StoreCloser(store: environment.store, logger: environment.logger)] + extraServices,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                await onListening(ListenAddress("\(host):\(port)")?.description ?? "\(host):\(port)")
            },
            logger: environment.logger)
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: in-flight requests finish, the
    /// store closes last. SIGHUP reloads the config and re-indexes the runbooks.
    public func run(listen: ListenAddress, onListening: @escaping @Sendable (String) async -> Void) async throws {
        let http = makeApplication(
            listen: listen, extraServices: [ReloadOnHangUp(reloader: reloader)], onListening: onListening)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [http], gracefulShutdownSignals: [.sigterm, .sigint], logger: environment.logger))
        try await group.run()
    }

    static func handler(_ id: RouteID) -> RouteHandler {
        switch id {
        case .ingestAlertmanager: IngestRoutes.alertmanager
        case .ingestPagerDuty: IngestRoutes.pagerDuty
        case .listIncidents: IncidentRoutes.list
        case .getIncident: IncidentRoutes.get
        case .acknowledgeIncident: IncidentRoutes.acknowledge
        case .resolveIncident: IncidentRoutes.resolve
        case .addNote: IncidentRoutes.note
        case .addStatusUpdate: IncidentRoutes.statusUpdate
        case .getTimeline: IncidentRoutes.timeline
        case .recordRun: RunRoutes.record
        case .listRunbooks: RunbookRoutes.list
        case .searchRunbooks: RunbookRoutes.search
        case .getRunbook: RunbookRoutes.get
        case .listTokens: AdminRoutes.listTokens
        case .createToken: AdminRoutes.createToken
        case .revokeToken: AdminRoutes.revokeToken
        case .listDeliveries: AdminRoutes.deliveries
        case .healthLive: OpsRoutes.live
        case .healthReady: OpsRoutes.ready
        case .metrics: OpsRoutes.metrics
        case .openAPI: OpsRoutes.openAPI
        }
    }
}

/// Closes the store when the service group shuts down; listed first, so it stops last.
struct StoreCloser: Service {
    let store: any FirebreakStore
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await store.close()
            logger.info("store closed")
        } catch {
            logger.error("closing the store failed: \(error)")
        }
    }
}
