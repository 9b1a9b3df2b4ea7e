import Foundation
import RunbookCatalog

/// The shell check with its cache in front: identical scripts are checked once, known ones
/// come from the cache, and only the rest reach bash and shellcheck.
///
/// ```swift
/// let key = CachedShellChecker.toolKey(bashPath: "/bin/bash", shellcheckPath: ShellSyntaxOracle.findShellcheck())
/// let checker = CachedShellChecker(oracle: ShellSyntaxOracle(), cache: ShellSyntaxCache(directory: dir, toolKey: key))
/// let results = try checker.check(blocks)   // one [ShellSyntaxIssue] per block
/// try checker.cache?.save()
/// ```
public struct CachedShellChecker: Sendable {
    /// Version of this analysis (framing, message mapping, shellcheck options); part of every
    /// tool key, so that a change here invalidates old cache files.
    public static let analyzerVersion = "shell-syntax-1"

    /// The checker that answers cache misses.
    public let oracle: ShellSyntaxOracle
    /// The cache, or nil to always run the tools. The caller saves it when done.
    public let cache: ShellSyntaxCache?

    /// Creates a checker.
    public init(oracle: ShellSyntaxOracle, cache: ShellSyntaxCache?) {
        self.oracle = oracle
        self.cache = cache
    }

    /// Checks every script; one entry per script, in order, as ``ShellSyntaxOracle/check(_:)``.
    public func check(_ scripts: [String]) throws -> [[ShellSyntaxIssue]] {
        try checkCountingCacheHits(scripts).results
    }

    /// As ``check(_:)``, also saying how many scripts were answered from the cache.
    public func checkCountingCacheHits(_ scripts: [String]) throws -> (results: [[ShellSyntaxIssue]], cacheHits: Int) {
        let hashes = Parallel.map(scripts.count) { ContentHash.sha256Hex(scripts[$0]) }
        var known: [String: [ShellSyntaxIssue]] = [:]
        var missing: [String] = []
        var missingHashes: [String] = []
        for (index, hash) in hashes.enumerated() where known[hash] == nil {
            if let cached = cache?.lookup(hash) {
                known[hash] = cached
            } else {
                known[hash] = []
                missing.append(scripts[index])
                missingHashes.append(hash)
            }
        }
        if !missing.isEmpty {
            let fresh = try oracle.check(missing)
            for (hash, issues) in zip(missingHashes, fresh) {
                known[hash] = issues
                cache?.store(hash, issues)
            }
        }
        let freshHashes = Set(missingHashes)
        return (hashes.map { known[$0] ?? [] }, hashes.filter { !freshHashes.contains($0) }.count)
    }

    /// The key naming the tools a result depends on: the bash and shellcheck versions (each
    /// asked once here), the shellcheck path, level and excluded rules, and ``analyzerVersion``.
    public static func toolKey(
        bashPath: String, shellcheckPath: String?, shellcheckSeverity: String = "warning"
    ) -> String {
        var parts = ["bash=\(bashPath) \(ProcessCapture.versionLine(bashPath) ?? "unavailable")"]
        if let shellcheckPath {
            parts.append("shellcheck=\(shellcheckPath) \(ProcessCapture.versionLine(shellcheckPath) ?? "unavailable")")
            parts.append("severity=\(shellcheckSeverity) exclude=\(ShellcheckRunner.excludedCodes)")
        } else {
            parts.append("shellcheck=none")
        }
        parts.append("analyzer=\(analyzerVersion)")
        return parts.joined(separator: "; ")
    }
}
