/// A rule file that could not be read as alert rules, or a part of one that is malformed.
/// The description reads `alerts/ledger.yml:12: not valid YAML: …; fix …`.
public struct AlertRuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notFound
        case unreadable
        case tooLarge
        case encoding
        case invalidYAML
        case notRuleFile
        case malformedRule
    }

    private let code: Code
    /// The rule file, as named by the caller.
    public let file: String
    /// 1-based line of the problem (1 when it concerns the whole file).
    public let line: Int
    /// What is wrong and how to fix it.
    public let message: String

    private init(_ code: Code, file: String, line: Int, message: String) {
        self.code = code
        self.file = file
        self.line = max(1, line)
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }

    /// Whether the file is valid YAML that simply holds no alert rules; such files are skipped
    /// silently when found while walking a directory.
    public var isNotAlertRuleFile: Bool { code == .notRuleFile }

    /// Whether the file is not valid YAML.
    public var isInvalidYAML: Bool { code == .invalidYAML }

    static func notFound(_ file: String) -> Self {
        Self(
            .notFound, file: file, line: 1,
            message: "no such file or directory; fix the path under `rules:` in firebreak.yml")
    }

    static func unreadable(_ file: String, reason: String) -> Self {
        Self(.unreadable, file: file, line: 1, message: "cannot read the file: \(reason)")
    }

    static func tooLarge(_ file: String, bytes: Int, limit: Int) -> Self {
        Self(
            .tooLarge, file: file, line: 1,
            message: "file is \(bytes) bytes, more than the \(limit)-byte limit for rule files; split it or exclude it")
    }

    static func encoding(_ file: String, line: Int, problem: String) -> Self {
        Self(
            .encoding, file: file, line: line, message: "\(problem); rule files must be UTF-8 text, re-save it as UTF-8"
        )
    }

    static func invalidYAML(_ file: String, line: Int, problem: String) -> Self {
        Self(.invalidYAML, file: file, line: line, message: "not valid YAML: \(problem)")
    }

    static func notRuleFile(_ file: String, line: Int) -> Self {
        Self(
            .notRuleFile, file: file, line: line,
            message: "not an alert rule file (expected top-level `groups:` or a PrometheusRule); "
                + "remove it from `rules:` in firebreak.yml or fix its structure")
    }

    static func malformed(_ file: String, line: Int, _ message: String) -> Self {
        Self(.malformedRule, file: file, line: line, message: message)
    }
}
