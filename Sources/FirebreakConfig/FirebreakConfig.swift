import Foundation
import RunbookModel

/// The settings of one runbook repository, read from `firebreak.yml`.
///
/// Every field has a default, so a repository without a config file behaves sensibly. Relative
/// paths are resolved against ``baseDirectory``, the directory that holds the config file.
///
/// ```swift
/// let (config, file) = try FirebreakConfig.discover(in: URL(fileURLWithPath: "."))
/// for root in config.runbooks { print(config.resolve(root).path) }
/// ```
public struct FirebreakConfig: Sendable {
    /// Directory that relative paths are resolved against: the config file's directory.
    public var baseDirectory: URL
    /// Runbook roots (files or directories), relative to ``baseDirectory``.
    public var runbooks: [String]
    /// Glob patterns of files to skip: the defaults plus the user's patterns.
    public var exclude: [String]
    /// Alert rule files or directories, relative to ``baseDirectory``.
    public var rules: [String]
    /// Absolute runbook URL prefixes and the directories they stand for.
    public var urlMaps: [URLMap]
    /// Which sections every runbook must have.
    public var sections: SectionRequirements
    /// Extra section names per canonical kind, on top of the built-in synonym table.
    public var synonyms: [SectionKind: [String]]
    /// Lint rule levels and lint tuning.
    public var lint: LintSettings
    /// Extra command classifications, consulted before the built-in table.
    public var commands: [CommandClassEntry]
    /// `firebreak serve` settings.
    public var server: ServerSettings

    /// Runbook roots used when the config does not name any: the whole tree.
    public static let defaultRunbooks = ["."]
    /// Patterns always excluded; user patterns are added to these.
    public static let defaultExclude = ["**/_index.md", "**/node_modules/**", "**/.git/**", ".firebreak/**"]

    /// A configuration with every default, rooted at `baseDirectory`.
    public init(
        baseDirectory: URL,
        runbooks: [String] = FirebreakConfig.defaultRunbooks,
        exclude: [String] = FirebreakConfig.defaultExclude,
        rules: [String] = [],
        urlMaps: [URLMap] = [],
        sections: SectionRequirements = .preset(.default),
        synonyms: [SectionKind: [String]] = [:],
        lint: LintSettings = LintSettings(),
        commands: [CommandClassEntry] = [],
        server: ServerSettings = ServerSettings()
    ) {
        self.baseDirectory = baseDirectory
        self.runbooks = runbooks
        self.exclude = exclude
        self.rules = rules
        self.urlMaps = urlMaps
        self.sections = sections
        self.synonyms = synonyms
        self.lint = lint
        self.commands = commands
        self.server = server
    }

    /// `path` as a file URL: absolute paths stay as they are, relative ones are taken from ``baseDirectory``.
    public func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return baseDirectory.appendingPathComponent(path).standardizedFileURL
    }

    /// A matcher for ``exclude``, compiled once for walking a tree.
    public var excludeFilter: ExcludeFilter { ExcludeFilter(patterns: exclude) }

    /// The level configured for a lint rule, or nil when the config leaves it at the rule's default.
    public func level(ofRule id: String) -> RuleLevel? { lint.ruleLevels[id] }
}

/// Decides whether a path relative to the config directory is excluded.
///
/// A pattern excludes a path when it matches the relative path or the bare file name, so
/// `_index.md` and `**/_index.md` both skip every `_index.md`.
public struct ExcludeFilter: Sendable {
    /// The compiled patterns.
    public let patterns: [GlobPattern]

    /// Compiles `patterns`.
    public init(patterns: [String]) { self.patterns = patterns.map { GlobPattern($0) } }

    /// Whether `relativePath` is excluded. Pass `isDirectory: true` to prune a whole directory
    /// while walking: `**/node_modules/**` then excludes `web/node_modules` itself.
    public func isExcluded(_ relativePath: String, isDirectory: Bool = false) -> Bool {
        let path = GlobPattern.normalize(relativePath)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var candidates = [path, name]
        if isDirectory { candidates += [path + "/", name + "/"] }
        return patterns.contains { pattern in candidates.contains { pattern.matches($0) } }
    }
}
