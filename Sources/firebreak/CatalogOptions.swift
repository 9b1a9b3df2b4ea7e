import ArgumentParser
import Foundation
import RunbookLint

/// Options shared by the catalog commands (`list`, `show`, `card`, `coverage`): where the runbooks and rules are.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("path"),
        help: "Runbook files or directories (default: the config's `runbooks:`, else the current directory).")
    var paths: [String] = []

    @Option(
        name: .customLong("rules"), parsing: .upToNextOption,
        help: "Alert rule files or directories, in addition to the config's `rules:`.")
    var ruleFiles: [String] = []

    @Option(help: "Config file (default: firebreak.yml in the current directory, if any).")
    var config: String?

    @Option(name: .customLong("url-map"), help: "Map absolute runbook URLs to files: PREFIX=PATH (repeatable).")
    var urlMaps: [String] = []

    /// Parses and lints the tree (through the shell-syntax cache), which gives both the runbooks and their lint status.
    func load() throws -> LintReport {
        let maps: [(prefix: String, path: String)] = urlMaps.map { map in
            let parts = map.split(separator: "=", maxSplits: 1).map(String.init)
            return (prefix: parts[0], path: parts.count > 1 ? parts[1] : "")
        }
        do {
            return try LintEngine(
                options: LintOptions(paths: paths, ruleFiles: ruleFiles, configPath: config, urlMaps: maps)
            ).run()
        } catch let error as LintReportError {
            for message in error.messages { Output.error(message) }
            return error.report
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
    }
}

/// JSON output shared by the catalog commands: sorted keys, no escaped slashes.
enum JSONOutput {
    static func write<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Output.standard(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
    }
}
