import FirebreakConfig
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the config file and re-indexes the runbooks; a config that does not load is rejected
/// with an error log and the running one is kept.
public final class ConfigReloader: Sendable {
    private let box: RuntimeBox
    private let configFile: URL?
    private let overrides: @Sendable (inout FirebreakConfig) -> Void
    private let logger: Logger

    init(
        box: RuntimeBox, configFile: URL?, overrides: @escaping @Sendable (inout FirebreakConfig) -> Void,
        logger: Logger
    ) {
        self.box = box
        self.configFile = configFile
        self.overrides = overrides
        self.logger = logger
    }

    /// Reloads; returns whether the new config is now in use. On failure the error is logged and returned.
    @discardableResult
    public func reload() async -> Result<ServerRuntime, any Error> {
        do {
            var config = try configFile.map { try FirebreakConfig.load(from: $0) } ?? box.value.config
            overrides(&config)
            let old = box.value.config.server
            if config.server.listen != old.listen || config.server.database != old.database
                || config.server.dataDirectory != old.dataDirectory
            {
                logger.warning(
                    "server.listen, server.database and server.data_dir change only on restart; keeping the running values"
                )
            }
            let runtime = try await ServerRuntime.load(config: config)
            box.replace(with: runtime)
            logger.info("config reloaded: \(runtime.catalog.runbooks.count) runbooks")
            return .success(runtime)
        } catch {
            logger.error("config reload rejected, keeping the running config: \(error)")
            return .failure(error)
        }
    }
}

/// Reloads on SIGHUP until the service group shuts down.
public struct ReloadOnHangUp: Service {
    let reloader: ConfigReloader

    /// Creates the service.
    public init(reloader: ConfigReloader) { self.reloader = reloader }

    /// Waits for SIGHUP and reloads on each, until graceful shutdown.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await reloader.reload()
        }
    }
}
