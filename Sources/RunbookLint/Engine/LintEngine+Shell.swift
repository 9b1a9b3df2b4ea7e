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

    /// Checks every shell block with `bash -n` (and shellcheck), through the content-hash cache.
    func checkShell(_ documents: [AnalyzedDocument], config: FirebreakConfig) throws -> ShellCheckOutcome {
        var scripts: [String] = []
        var owners: [(document: Int, line: Int)] = []
        for (index, document) in documents.enumerated() where document.cachedFindings == nil {
            var seen = Set<Int>()
            for (block, _, _) in document.allBlocks {
                if block.language.isShell && !block.unterminated {
                    guard let analysis = document.blocks[block.location.line], seen.insert(block.location.line).inserted else { continue }
                    scripts.append(analysis.checkedScript)
                    owners.append((index, block.location.line))
                }
            }
        }
        guard !scripts.isEmpty else { return ShellCheckOutcome() }
        let shellcheck: String?
        switch config.lint.shellcheck {
        case .off: shellcheck = nil
        case .auto: shellcheck = ShellSyntaxOracle.findShellcheck()
        case .on:
            guard let found = ShellSyntaxOracle.findShellcheck() else {
                throw LintUsageError(["lint.shellcheck is `on` but shellcheck is not installed; install it (apt-get install shellcheck) or set it to `auto`"])
            }
            shellcheck = found
        }
        // Two bash processes per core: each spends part of its time waiting on its pipe, and the
        // spare one fills that gap (measured on 2 cores: 2.23 s with 2, 2.11 s with 4, same output).
        let oracle = ShellSyntaxOracle(shellcheckPath: shellcheck, parallelism: 2 * ProcessInfo.processInfo.activeProcessorCount)
        var cache: ShellSyntaxCache?
        if options.useCache {
            let directory = config.baseDirectory.appendingPathComponent(".firebreak/cache")
            cache = ShellSyntaxCache(directory: directory, toolKey: CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: shellcheck))
        }
        let checker = CachedShellChecker(oracle: oracle, cache: cache)
        options.progress?("checking shell", 0, scripts.count)
        let (results, cacheHits) = try checker.checkCountingCacheHits(scripts)
        try? cache?.save()
        var outcome = ShellCheckOutcome(checked: scripts.count, cacheHits: cacheHits)
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
        return FindingsCache(directory: config.baseDirectory.appendingPathComponent(".firebreak/cache"), fingerprint: fingerprint)
    }

    func makeContext(config: FirebreakConfig, tree: RunbookTree, hasRuleFiles: Bool, classifier: CommandClassifier) -> LintContext {
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
