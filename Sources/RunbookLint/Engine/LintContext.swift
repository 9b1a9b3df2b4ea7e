import Foundation
import RunbookModel
import ShellAnalysis

/// Settings and shared services the rules read; built once per run by `LintEngine`.
struct LintContext: Sendable {
    /// Required sections; each inner list holds kinds of which any one satisfies the requirement.
    var requiredSections: [[SectionKind]]
    /// Review interval for runbooks that do not declare `review_every`.
    var reviewEvery: DurationSeconds
    /// "Today", injected so that `stale` is testable.
    var now: Date
    var classifier: CommandClassifier
    /// Whether alert rule files were given (alert rules only run then).
    var hasRuleFiles: Bool
    /// `--full`: tools and endpoints are checked too.
    var full: Bool
    /// Timeout for endpoint checks.
    var endpointTimeout: TimeInterval
    /// Whether a path (as reported) exists; links are resolved through it.
    var fileExists: @Sendable (String) -> Bool
    /// Anchors of another Markdown file (as reported), for `other.md#anchor` links; nil when not parsed.
    var anchorsOfFile: @Sendable (String) -> Set<String>?
}
