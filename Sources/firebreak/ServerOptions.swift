import ArgumentParser
import FirebreakConfig
import Foundation
import Logging
import StorageSQL

/// Options shared by `serve` and `token`: which config, and where the store lives.
struct ServerOptions: ParsableArguments {
    @Option(help: "Config file (default: firebreak.yml in the current directory, if any).")
    var config: String?

    @Option(
        name: .customLong("data-dir"),
        help: "Directory of the SQLite database (default: the config's server.data_dir, else .firebreak).")
    var dataDirectory: String?

    @Option(
        help: "PostgreSQL URL (postgres://user@host:5432/db) instead of SQLite (default: the config's server.database)."
    )
    var database: String?

    /// The config and the file it came from, with the command-line overrides applied.
    func loadConfig() throws -> (FirebreakConfig, URL?) {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var loaded: (FirebreakConfig, URL?)
        do {
            if let config {
                let url = URL(fileURLWithPath: config, relativeTo: current).standardizedFileURL
                loaded = (try FirebreakConfig.load(from: url), url)
            } else {
                let found = try FirebreakConfig.discover(in: current)
                loaded = (found.config, found.url)
            }
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        apply(to: &loaded.0)
        return loaded
    }

    /// Applies `--data-dir` and `--database` to a config (also on every reload).
    func apply(to config: inout FirebreakConfig) {
        if let dataDirectory {
            config.server.dataDirectory =
                URL(
                    fileURLWithPath: dataDirectory,
                    relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                )
                .standardizedFileURL.path
        }
        if let database { config.server.database = database }
    }

    /// Opens the store the config names, creating the data directory when needed.
    func openStore(_ config: FirebreakConfig, logger: Logger) async throws -> SQLFirebreakStore {
        let directory = config.resolve(config.server.dataDirectory)
        do {
            if config.server.database == nil {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            return try await SQLFirebreakStore.open(
                url: config.server.database, dataDirectory: directory, logger: logger)
        } catch {
            Output.error("cannot open the store: \(error)")
            throw ExitCode(2)
        }
    }
}
