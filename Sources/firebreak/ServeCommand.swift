import ArgumentParser
import FirebreakConfig
import FirebreakServer
import Foundation
import Logging

/// `firebreak serve`: the HTTP API that turns alerts into incidents.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server: Alertmanager and PagerDuty ingest, incidents, runbooks, tokens, /metrics.",
        discussion:
            "SIGTERM or SIGINT shut down gracefully (in-flight requests finish); SIGHUP reloads the config and re-indexes the runbooks."
    )

    @OptionGroup var options: ServerOptions

    @Option(
        help:
            "HOST:PORT to listen on; port 0 picks a free port (default: the config's server.listen, else 127.0.0.1:8080)."
    )
    var listen: String?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (debug logs one line per request).")
    var logLevel: String = "info"

    func validate() throws {
        if let listen, ListenAddress(listen) == nil {
            throw ValidationError("--listen must be HOST:PORT such as 127.0.0.1:8080 (got '\(listen)')")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level must be one of trace, debug, info, notice, warning, error, critical (got '\(logLevel)')")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in TextLogHandler(label: label, level: level) }
        let logger = Logger(label: "firebreak")
        let (config, file) = try options.loadConfig()
        guard let address = ListenAddress(listen ?? config.server.listen) else {
            Output.error("server.listen '\(config.server.listen)' is not HOST:PORT")
            throw ExitCode(2)
        }
        let store = try await options.openStore(config, logger: logger)
        let app: FirebreakApplication
        do {
            let options = self.options
            app = try await FirebreakApplication(
                config: config, configFile: file, store: store, logger: logger, overrides: { options.apply(to: &$0) })
        } catch {
            try? await store.close()
            Output.error("\(error)")
            throw ExitCode(2)
        }
        do {
            try await app.run(listen: address) { bound in Output.standard("listening on http://\(bound)\n") }
        } catch {
            Output.error("server stopped: \(error)")
            throw ExitCode(1)
        }
    }
}
