import FirebreakConfig
import Foundation

/// Turns the runbook link of an alert rule (`runbook_url` / `runbook` annotation) into a file of the
/// runbook tree. Pure: the only file access goes through the ``RunbookFileIndex``.
///
/// - `#anchor` is split off and returned with the file.
/// - An absolute URL under a configured ``URLMap`` prefix (compared case-insensitively) maps to the
///   prefix's directory plus the rest of the URL.
/// - `https://github.com/ORG/REPO/blob|tree/REF/PATH` without a configured prefix maps to `PATH`.
/// - Any other absolute URL is ``LinkResolution/external(_:)``.
/// - A relative path is tried against the rule file's directory, then the base directory;
///   a path starting with `/` against the base directory only.
/// - A candidate path matches the file itself, or `path.md`, `path/README.md`, `path/_index.md`,
///   `path/index.md`, in any letter case.
///
/// ```swift
/// let mapper = RunbookLinkMapper(urlMaps: config.urlMaps, index: RunbookFileSet.scanning(config.baseDirectory))
/// mapper.resolve("https://runbooks.ledger.example.com/balance-drift#diagnosis", fromRuleFile: "alerts/ledger.yml")
/// // .resolved(path: "runbooks/balance-drift.md", anchor: "diagnosis")
/// ```
public struct RunbookLinkMapper: Sendable {
    /// Suffixes tried after a candidate path, in order.
    public static let candidateSuffixes = ["", ".md", "/README.md", "/_index.md", "/index.md"]

    /// The configured URL prefixes.
    public let urlMaps: [URLMap]
    /// The files links may lead to.
    public let index: any RunbookFileIndex
    private let ruleFileDirectory: @Sendable (String) -> String?
    /// Further directories relative links are tried against (the config file's directory).
    private let extraBases: [String]

    /// Creates a mapper. `ruleFileDirectory` gives the directory of a rule file relative to the
    /// base directory (for links relative to the rule file), or nil to use the base directory only.
    public init(
        urlMaps: [URLMap], index: any RunbookFileIndex,
        ruleFileDirectory: @escaping @Sendable (String) -> String? = { _ in nil }, extraBases: [String] = []
    ) {
        self.urlMaps = urlMaps
        self.index = index
        self.ruleFileDirectory = ruleFileDirectory
        self.extraBases = extraBases
    }

    /// Where `link`, written in the rule file `fromRuleFile`, leads.
    public func resolve(_ link: String, fromRuleFile: String) -> LinkResolution {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        var target = trimmed
        var anchor: String?
        if let hash = trimmed.firstIndex(of: "#") {
            target = String(trimmed[..<hash])
            let fragment = String(trimmed[trimmed.index(after: hash)...])
            anchor = fragment.isEmpty ? nil : (fragment.removingPercentEncoding ?? fragment)
        }
        guard !target.isEmpty else { return .missing(tried: []) }

        let bases: [String]
        if Self.isAbsoluteURL(target) {
            let withoutQuery = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
            if let mapped = mapConfigured(withoutQuery) {
                bases = [mapped]
            } else if let path = Self.gitHubPath(withoutQuery) {
                bases = [path]
            } else {
                return .external(trimmed)
            }
        } else {
            let decoded = target.removingPercentEncoding ?? target
            if decoded.hasPrefix("/") {
                bases = [String(decoded.drop { $0 == "/" })]
            } else {
                let ruleDirectory = ruleFileDirectory(fromRuleFile).map { $0 + "/" + decoded }
                bases = [ruleDirectory, decoded].compactMap { $0 } + extraBases.map { $0 + "/" + decoded }
            }
        }
        let normalized = Self.unique(bases.compactMap(Self.normalize))
        guard !normalized.isEmpty else { return .missing(tried: bases) }

        if normalized.contains(where: Self.hasTemplate) {
            return templated(normalized)
        }
        var tried: [String] = []
        for base in normalized {
            for candidate in Self.candidates(base) where !tried.contains(candidate) {
                tried.append(candidate)
                if let actual = index.lookup(relativePath: candidate) { return .resolved(path: actual, anchor: anchor) }
            }
        }
        return .missing(tried: tried)
    }

    /// Candidate file paths for a base path: itself, `.md`, and the directory index files.
    static func candidates(_ base: String) -> [String] {
        if base.isEmpty { return ["README.md", "_index.md", "index.md"] }
        return candidateSuffixes.map { base + $0 }
    }

    /// Matches a templated path against the index, as a glob per candidate suffix.
    private func templated(_ bases: [String]) -> LinkResolution {
        let all = index.allPaths()
        var firstPattern: String?
        for base in bases {
            let pattern = Self.globPattern(forTemplated: base)
            firstPattern = firstPattern ?? pattern
            let globs = Self.candidates(pattern).map { GlobPattern($0, caseInsensitive: true) }
            let matches = all.filter { path in Self.isRunbookFileName(path) && globs.contains { $0.matches(path) } }
            if !matches.isEmpty { return .templated(pattern: pattern, matches: matches.sorted()) }
        }
        return .templated(pattern: firstPattern ?? "", matches: [])
    }

    /// Markdown files, and files without an extension (some trees keep runbooks that way).
    private static func isRunbookFileName(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") || !name.dropFirst().contains(".")
    }

    private static func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}
