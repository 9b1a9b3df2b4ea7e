import FirebreakConfig
import Foundation
import RunbookCatalog
import RunbookModel
import RunbookParser
import ShellAnalysis

/// Runs every lint rule over a tree of runbooks and alert rule files.
///
/// ```swift
/// let report = try LintEngine(options: LintOptions(paths: ["runbooks"], ruleFiles: ["alerts"])).run()
/// print(TextFormatter.format(report))
/// exit(report.hasErrors ? 1 : 0)
/// ```
public struct LintEngine: Sendable {
    /// What to lint, and how.
    public var options: LintOptions

    /// Rules over one document, in the order their findings are listed.
    static let documentRules: [any DocumentLintRule] = [
        EncodingRule(), FrontMatterRule(), MissingTitleRule(), MissingSectionRule(), EmptySectionRule(), StaleRule(),
        MarkdownStructureRule(), ShellSyntaxRule(), WrongLanguageRule(), NeverTerminatesRule(),
        InteractiveCommandRule(),
        PlaceholderRule(), UndeclaredVariableRule(), HardcodedSecretRule(), DestructiveUnguardedRule(),
        BrokenLinkRule(),
    ]
    /// Rules whose findings depend on the document's content alone (cacheable by content fingerprint).
    static let contentRules = documentRules.filter { !($0 is BrokenLinkRule) && !($0 is StaleRule) }
    /// The content rules that do not wait for `bash -n`.
    static let contentRulesBesideShell = contentRules.filter { !($0 is ShellSyntaxRule) }
    /// Rules that also depend on other files or on the clock, run on every pass.
    static let freshRules = documentRules.filter { $0 is BrokenLinkRule || $0 is StaleRule }
    static let treeRules: [any TreeLintRule] = [
        DuplicateIDRule(), AlertLinkRules(), ToolMissingRule(), EndpointDownRule(),
    ]

    /// Every rule's description, in a stable order.
    public static var ruleDescriptions: [LintRuleDescription] {
        documentRules.map { type(of: $0).description } + treeRules.flatMap { type(of: $0).descriptions }
    }

    /// Creates an engine for `options`; nothing is read until ``run()``.
    public init(options: LintOptions) { self.options = options }

    /// Lints the runbooks and alert rule files that `options` and the config name, and returns the report.
    ///
    /// Throws when the config or an option is invalid, or the shell check cannot run. When part of the input
    /// could not be read (a missing path, an unreadable rule file), the run still finishes and throws
    /// ``LintReportError``, which carries the report.
    public func run() throws -> LintReport {
        let (result, usageErrors, workingSet) = try lint()
        workingSet.releaseInBackground()
        if !usageErrors.isEmpty { throw LintReportError(report: result, messages: usageErrors) }
        return result
    }

    /// The run, returning with the report what it built on the way (for `run()` to free elsewhere).
    private func lint() throws -> (report: LintReport, usageErrors: [String], workingSet: WorkingSet) {
        let clock = PhaseClock(enabled: ProcessInfo.processInfo.environment["FIREBREAK_TIMINGS"] != nil)
        defer { clock.report() }
        let config = try loadConfig()
        let cwd = options.workingDirectory
        let synonyms = SectionSynonyms(extra: config.synonyms)
        let parser = RunbookDocumentParser(synonyms: synonyms)
        let roots =
            options.paths.isEmpty
            ? config.runbooks.map { DisplayPath.relative(config.resolve($0), to: cwd) } : options.paths
        let filter = config.excludeFilter
        let findingsCache = makeFindingsCache(config: config)
        var reusing: (@Sendable (String, String) -> RunbookDocument?)?
        if options.reuseParses, let findingsCache {
            reusing = { file, hash in findingsCache.lookup(file: file, hash: hash)?.outline }
        }
        var parseProgress: (@Sendable (Int, Int) -> Void)?
        if let report = options.progress { parseProgress = { done, total in report("parsing", done, total) } }
        let tree = RunbookTree.load(
            roots: roots, baseDirectory: cwd,
            isExcluded: { relative, display in
                filter.isExcluded(display) || (relative != display && filter.isExcluded(relative))
            },
            parser: parser, progress: parseProgress, reusing: reusing)
        var usageErrors: [String] = tree.errors.map { $0.description }
        clock.mark("parse")

        let classifier = CommandClassifier(extraRules: config.commands.map(Self.rule))
        // `bash -n` works in processes of its own: each document's scripts go to it as soon as the
        // document is analysed, so it runs beside the analysis and every other rule, and only
        // `shell-syntax` waits for it.
        let shellStream = makeShellStream(config: config)
        var documents = Parallel.map(tree.documents.count) { index in
            let document = tree.documents[index]
            if let cached = findingsCache?.lookup(file: document.file, hash: document.contentHash) {
                shellStream.submit([], number: index)
                return AnalyzedDocument(document: document, cached: cached)
            }
            let analyzed = AnalyzedDocument(document: document, classifier: classifier)
            shellStream.submit(analyzed.checkedScripts.map(\.script), number: index)
            return analyzed
        }
        clock.mark("analyse")

        let ruleFiles = options.ruleFiles + config.rules.map { DisplayPath.relative(config.resolve($0), to: cwd) }
        let loaded = AlertRuleLoader.load(paths: ruleFiles, baseDirectory: cwd)
        usageErrors += loaded.errors.map(\.description)
        let urlMaps =
            config.urlMaps.map {
                URLMap(prefix: $0.prefix, path: DisplayPath.relative(config.resolve($0.path), to: cwd))
            }
            + options.urlMaps.map { URLMap(prefix: $0.prefix, path: $0.path) }
        let index = RunbookFileSet(baseDirectory: cwd, relativePaths: tree.files)
        // A relative `runbook:` path may be written from the rule file's directory or from the config's.
        let configDirectory = DisplayPath.relative(config.baseDirectory, to: cwd)
        let mapper = RunbookLinkMapper(
            urlMaps: urlMaps, index: index,
            ruleFileDirectory: { ruleFile in
                let directory = (ruleFile as NSString).deletingLastPathComponent
                return directory.isEmpty ? nil : directory
            },
            extraBases: configDirectory == "." ? [] : [configDirectory])
        let linkage = AlertCoverage.compute(documents: tree.documents, alerts: loaded.rules, mapper: mapper)
        let analyzedTree = AnalyzedTree(documents: documents, alerts: loaded.rules, linkage: linkage)

        clock.mark("alerts")
        let context = makeContext(config: config, tree: tree, hasRuleFiles: !ruleFiles.isEmpty, classifier: classifier)
        let checked = documents
        let ruled = Parallel.map(checked.count) { index -> (content: [Finding], fresh: [Finding]) in
            let document = checked[index]
            let fresh = Self.freshRules.flatMap { $0.check(document, context) }
            if let cached = document.cachedFindings { return (cached, fresh) }
            return (Self.contentRulesBesideShell.flatMap { $0.check(document, context) }, fresh)
        }
        // Tree rules do not look at `bash -n` results: they run while it may still be busy.
        let treeFindings = Self.treeRules.flatMap { $0.check(analyzedTree, context) }
        clock.mark("document rules")
        let shell = try finishShellCheck(shellStream, documents)
        clock.mark("shell syntax")
        for entry in shell.issues { documents[entry.document].shellIssues[entry.line] = entry.issues }
        let withShell = documents
        let shellFindings = Parallel.map(withShell.count) { index in
            withShell[index].cachedFindings == nil ? ShellSyntaxRule().check(withShell[index], context) : []
        }
        var (shellBlocks, cached) = (shell.checked, shell.cacheHits)
        var findings: [Finding] = []
        for (index, document) in documents.enumerated() {
            if document.cachedFindings != nil {
                shellBlocks += document.cachedShellBlocks
                cached += document.cachedShellBlocks
                findings += ruled[index].content + ruled[index].fresh
                continue
            }
            let contentOnly = ruled[index].content + shellFindings[index]
            findingsCache?.store(document.document, findings: contentOnly)
            findings += contentOnly + ruled[index].fresh
        }
        try? findingsCache?.save(keeping: Set(tree.documents.map(\.file)))
        findings += treeFindings
        findings = Self.applyLevels(findings, config: config)
        clock.mark("tree rules")
        var result = report(findings, tree, loaded.rules.count, shellBlocks, cached)
        result.documents = options.reuseParses ? [] : tree.documents
        result.parsedFiles = documents.filter { !options.reuseParses || $0.cachedFindings == nil }.map(\.document.file)
        result.coverage = ruleFiles.isEmpty ? nil : linkage
        let workingSet = WorkingSet([
            documents, checked, analyzedTree, ruled, shellFindings, tree, shellStream, context,
        ])
        return (result, usageErrors, workingSet)
    }

    private func report(
        _ findings: [Finding], _ tree: RunbookTree, _ alerts: Int, _ shellBlocks: Int, _ cached: Int
    ) -> LintReport {
        LintReport(
            findings: findings,
            summary: LintSummary(
                files: tree.documents.count, runbooks: tree.runbooks.count, alerts: alerts, findings: findings,
                shellBlocks: shellBlocks, shellBlocksCached: cached),
            rules: Self.ruleDescriptions)
    }

    private func loadConfig() throws -> FirebreakConfig {
        var config: FirebreakConfig
        if let path = options.configPath {
            config = try FirebreakConfig.load(
                from: URL(fileURLWithPath: path, relativeTo: options.workingDirectory).standardizedFileURL)
        } else {
            config = try FirebreakConfig.discover(in: options.workingDirectory).config
        }
        if let mode = options.shellcheck {
            guard let value = ShellcheckMode(rawValue: mode) else {
                throw LintUsageError(["unknown shellcheck mode '\(mode)'; use auto, on or off"])
            }
            config.lint.shellcheck = value
        }
        if let preset = options.preset {
            guard let value = SectionRequirements.Preset(rawValue: preset) else {
                throw LintUsageError([
                    "unknown preset '\(preset)'; use one of: "
                        + SectionRequirements.Preset.allCases.map(\.rawValue).joined(separator: ", ")
                ])
            }
            config.sections = .preset(value)
        }
        return config
    }

    private static func rule(_ entry: CommandClassEntry) -> CommandRule {
        CommandRule(
            program: entry.program, subcommands: entry.subcommands, whenAny: entry.whenAny, safety: entry.safety,
            neverTerminates: entry.neverTerminates, interactive: entry.interactive,
            reason: "configured in firebreak.yml")
    }

    private static func applyLevels(_ findings: [Finding], config: FirebreakConfig) -> [Finding] {
        let leveled = findings.compactMap { finding -> Finding? in
            guard let level = config.level(ofRule: finding.rule) else { return finding }
            var adjusted = finding
            switch level {
            case .off: return nil
            case .info: adjusted.severity = .info
            case .warning: adjusted.severity = .warning
            case .error: adjusted.severity = .error
            }
            return adjusted
        }
        // In (location, rule, message) order. Each file's place is found once: the sort then
        // compares small numbers where it would compare the same long paths over and over.
        let files = Set(leveled.map(\.location.file)).sorted()
        let place = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        return leveled.map { (file: place[$0.location.file] ?? 0, finding: $0) }
            .sorted {
                ($0.file, $0.finding.location.line, $0.finding.location.column, $0.finding.rule, $0.finding.message)
                    < (
                        $1.file, $1.finding.location.line, $1.finding.location.column, $1.finding.rule,
                        $1.finding.message
                    )
            }
            .map(\.finding)
    }
}

/// Lint ran, but part of the input could not be read (exit status 2); the findings are still reported.
public struct LintReportError: Error, Sendable, CustomStringConvertible {
    /// The report of everything that could be read.
    public var report: LintReport
    /// What could not be read, one message per problem.
    public var messages: [String]
    /// The messages, one per line.
    public var description: String { messages.joined(separator: "\n") }
}
