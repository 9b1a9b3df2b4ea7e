import Foundation

/// What `firebreak lint` was asked to do.
public struct LintOptions: Sendable {
    /// Paths to lint; empty means the config's `runbooks:` roots.
    public var paths: [String]
    /// Alert rule files or directories, in addition to the config's `rules:`.
    public var ruleFiles: [String]
    /// An explicit config file; nil looks for `firebreak.yml` in the current directory.
    public var configPath: String?
    /// Overrides the config's section preset (`default`, `prometheus-operator`, `none`).
    public var preset: String?
    /// Extra URL maps (`PREFIX=PATH`, paths relative to the current directory).
    public var urlMaps: [(prefix: String, path: String)]
    /// `--full`: check tools and health endpoints too.
    public var full: Bool
    /// Use and update the shell-syntax cache.
    public var useCache: Bool
    /// With the cache on (and not `full`): take unchanged files' outlines from the cache instead of parsing them.
    /// The report's `documents` is then empty, so commands that need parsed runbooks leave this off.
    public var reuseParses: Bool
    /// Overrides the config's `lint.shellcheck` (`auto`, `on`, `off`).
    public var shellcheck: String?
    /// Clock for `stale`.
    public var now: Date
    /// The directory relative paths are reported against.
    public var workingDirectory: URL
    /// Called with a phase name and progress, for a terminal progress line.
    public var progress: (@Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void)?

    /// Creates options; the defaults lint the config's roots, from the current directory, with the cache on.
    public init(
        paths: [String] = [], ruleFiles: [String] = [], configPath: String? = nil, preset: String? = nil,
        urlMaps: [(prefix: String, path: String)] = [], full: Bool = false, useCache: Bool = true,
        reuseParses: Bool = false, shellcheck: String? = nil, now: Date = Date(),
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        progress: (@Sendable (String, Int, Int) -> Void)? = nil
    ) {
        self.paths = paths
        self.ruleFiles = ruleFiles
        self.configPath = configPath
        self.preset = preset
        self.urlMaps = urlMaps
        self.full = full
        self.useCache = useCache
        self.reuseParses = reuseParses
        self.shellcheck = shellcheck
        self.now = now
        self.workingDirectory = workingDirectory
        self.progress = progress
    }
}

/// Lint could not do what it was asked (bad config, missing path, unreadable rule file): exit status 2.
public struct LintUsageError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, one message per problem.
    public var messages: [String]
    /// Creates an error from these messages.
    public init(_ messages: [String]) { self.messages = messages }
    /// The messages, one per line.
    public var description: String { messages.joined(separator: "\n") }
}
