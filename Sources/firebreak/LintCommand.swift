import ArgumentParser
import Foundation
import RunbookLint

/// `firebreak lint`: checks runbooks and alert rules, for CI and for authors.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract:
            "Check runbooks and alert rules: structure, shell syntax, unsafe or never-ending commands, links, runbook_url coverage.",
        discussion: """
            Exit status: 0 when no finding is at error level, 1 when one is, 2 for usage or I/O errors.
            Example: firebreak lint runbooks/ --rules alerts/ --format sarif > lint.sarif
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(
        help:
            "Runbook files or directories (default: the config's `runbooks:`, else the current directory). Files named here are linted whatever their extension."
    )
    var paths: [String] = []

    @Option(
        name: .customLong("rules"), parsing: .upToNextOption,
        help: "Alert rule files or directories (Prometheus `groups:` files, PrometheusRule resources).")
    var ruleFiles: [String] = []

    @Option(help: "Config file (default: firebreak.yml in the current directory, if any).")
    var config: String?

    @Option(help: "Output format: text, json or sarif.")
    var format: Format = .text

    @Option(help: "Required-section preset, overriding the config: default, prometheus-operator or none.")
    var preset: String?

    @Option(
        name: .customLong("url-map"),
        help: "Map absolute runbook URLs to files: PREFIX=PATH (repeatable; PATH relative to the current directory).")
    var urlMaps: [String] = []

    @Option(help: "Use shellcheck: auto (when installed), on (required) or off; overrides `lint.shellcheck`.")
    var shellcheck: String?

    @Flag(help: "Also check that the tools commands use are installed and that health endpoints answer.")
    var full = false

    @Flag(
        name: .customLong("no-cache"),
        help:
            "Ignore and do not update the cache of shell-syntax results, findings and parsed outlines (.firebreak/cache)."
    )
    var noCache = false

    func validate() throws {
        if let shellcheck, !["auto", "on", "off"].contains(shellcheck) {
            throw ValidationError("--shellcheck takes auto, on or off (got '\(shellcheck)')")
        }
        for map in urlMaps where !map.contains("=") {
            throw ValidationError(
                "--url-map takes PREFIX=PATH, for example https://runbooks.example.com/=runbooks/ (got '\(map)')")
        }
    }

    func run() throws {
        let progress = TerminalProgress()
        let maps: [(prefix: String, path: String)] = urlMaps.map { map in
            let parts = map.split(separator: "=", maxSplits: 1).map(String.init)
            return (prefix: parts[0], path: parts.count > 1 ? parts[1] : "")
        }
        var onProgress: (@Sendable (String, Int, Int) -> Void)?
        if progress.isEnabled { onProgress = { phase, done, total in progress.update(phase, done, total) } }
        let options = LintOptions(
            paths: paths, ruleFiles: ruleFiles, configPath: config, preset: preset, urlMaps: maps, full: full,
            useCache: !noCache, reuseParses: !noCache, shellcheck: shellcheck, progress: onProgress)
        let report: LintReport
        var readErrors: [String] = []
        do {
            report = try LintEngine(options: options).run()
        } catch let error as LintReportError {
            report = error.report
            readErrors = error.messages
        } catch {
            progress.finish()
            Output.error("\(error)")
            throw ExitCode(2)
        }
        progress.finish()
        switch format {
        case .text: Output.standard(TextFormatter.format(report))
        case .json: Output.standard(try JSONFormatter.format(report))
        case .sarif: Output.standard(try SARIFFormatter.format(report, toolVersion: FirebreakVersion.current))
        }
        for message in readErrors { Output.error(message) }
        if !readErrors.isEmpty { throw ExitCode(2) }
        if report.hasErrors { throw ExitCode(1) }
    }
}
