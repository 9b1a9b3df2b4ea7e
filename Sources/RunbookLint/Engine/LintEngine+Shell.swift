import FirebreakConfig
import Foundation
import RunbookCatalog
import RunbookModel
import ShellAnalysis

extension LintEngine {
    /// What `bash -n` (and shellcheck) said of the shell blocks of the documents not served from the cache.
    struct ShellCheckOutcome: Sendable {
        /// Issues by document index and block line; blocks without issues are left out.
        var issues: [(document: Int, line: Int, issues: [ShellSyntaxIssue])] = []
        /// Blocks checked, and how many of them came from the shell-syntax cache.
        var checked = 0
        var cacheHits = 0
    }

    /// The shell check that documents feed as they are analysed: `bash -n` (and shellcheck, as
    /// configured) through the content-hash cache unless caching is off. Nothing starts, and no
    /// tool or cache is looked at, until a script comes.
    func makeShellStream(config: FirebreakConfig) -> ShellSyntaxStream {
        let oracle = Result { () throws -> ShellSyntaxOracle in
            let shellcheck: String?
            switch config.lint.shellcheck {
            case .off: shellcheck = nil
            case .auto: shellcheck = ShellSyntaxOracle.findShellcheck()
            case .on:
                guard let found = ShellSyntaxOracle.findShellcheck() else {
                    throw LintUsageError([
                        "lint.shellcheck is `on` but shellcheck is not installed; install it (apt-get install shellcheck) or set it to `auto`"
                    ])
                }
                shellcheck = found
            }
            // Two bash processes per core: each spends part of its time waiting on its pipe, and the
            // spare one fills that gap (measured on 2 cores: 2.23 s with 2, 2.11 s with 4, same output).
            return ShellSyntaxOracle(
                shellcheckPath: shellcheck, parallelism: 2 * ProcessInfo.processInfo.activeProcessorCount)
        }
        var openCache: (() -> ShellSyntaxCache?)?
        if options.useCache, case .success(let oracle) = oracle {
            let directory = config.baseDirectory.appendingPathComponent(".firebreak/cache")
            openCache = {
                ShellSyntaxCache(
                    directory: directory,
                    toolKey: CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: oracle.shellcheckPath))
            }
        }
        return ShellSyntaxStream(oracle: oracle, openCache: openCache)
    }

    /// Waits for the shell check of every document not served from the findings cache.
    func finishShellCheck(_ stream: ShellSyntaxStream, _ documents: [AnalyzedDocument]) throws -> ShellCheckOutcome {
        var owners: [(document: Int, line: Int)] = []
        for (index, document) in documents.enumerated() where document.cachedFindings == nil {
            owners += document.checkedScripts.map { (index, $0.line) }
        }
        guard !owners.isEmpty else { return ShellCheckOutcome() }
        options.progress?("checking shell", 0, owners.count)
        let (results, cacheHits) = try stream.finish()
        try? stream.cache?.save()
        var outcome = ShellCheckOutcome(checked: owners.count, cacheHits: cacheHits)
        for (owner, issues) in zip(owners, results) where !issues.isEmpty {
            outcome.issues.append((owner.document, owner.line, issues))
        }
        return outcome
    }

    /// The findings cache, unless caching is off or `--full` needs every block analysed.
    func makeFindingsCache(config: FirebreakConfig) -> FindingsCache? {
        guard options.useCache, !options.full else { return nil }
        let shellcheck: String? = config.lint.shellcheck == .off ? nil : ShellSyntaxOracle.findShellcheck()
        let fingerprint = [
            "sections=\(config.sections.required.map { $0.map(\.rawValue).joined(separator: "|") })",
            "synonyms=\(config.synonyms.map { "\($0.key.rawValue):\($0.value.sorted())" }.sorted())",
            "commands=\(config.commands.map { "\($0)" }.sorted())",
            "reviewEvery=\(config.lint.reviewEvery.seconds)",
            CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: shellcheck),
        ].joined(separator: "; ")
        return FindingsCache(
            directory: config.baseDirectory.appendingPathComponent(".firebreak/cache"), fingerprint: fingerprint)
    }

    func makeContext(
        config: FirebreakConfig, tree: RunbookTree, hasRuleFiles: Bool, classifier: CommandClassifier
    ) -> LintContext {
        let known = Set(tree.files.map(BrokenLinkRule.normalize))
        var anchors: [String: Set<String>] = [:]
        for document in tree.documents { anchors[BrokenLinkRule.normalize(document.file)] = document.anchors }
        let frozenAnchors = anchors
        let base = options.workingDirectory.path
        return LintContext(
            requiredSections: config.sections.required, reviewEvery: config.lint.reviewEvery, now: options.now,
            classifier: classifier, hasRuleFiles: hasRuleFiles, full: options.full,
            endpointTimeout: TimeInterval(config.lint.endpointTimeout.seconds),
            fileExists: { path in
                let normalized = BrokenLinkRule.normalize(path)
                if known.contains(normalized) { return true }
                let absolute = normalized.hasPrefix("/") ? normalized : base + "/" + normalized
                return FileManager.default.fileExists(atPath: absolute)
            },
            anchorsOfFile: { frozenAnchors[BrokenLinkRule.normalize($0)] })
    }
}
