/// A problem with `firebreak.yml`: a missing or unreadable file, invalid YAML, an unknown key or a
/// value of the wrong kind. The description reads `firebreak.yml:7: unknown key 'lint.rulez'; …`.
public struct FirebreakConfigError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case fileNotFound
        case unreadable
        case ambiguous
        case invalidYAML
        case unknownKey
        case invalidValue
    }

    private let code: Code
    /// The config file as shown to the user.
    public let file: String
    /// 1-based line of the offending key or value, when known.
    public let line: Int?
    /// Dotted path of the offending key (`lint.rules.stale`, `sections.required[2]`), when known.
    public let keyPath: String?
    /// What is wrong and how to fix it, without the location.
    public let message: String

    private init(_ code: Code, file: String, line: Int?, keyPath: String?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    /// Whether the file named explicitly does not exist.
    public var isFileNotFound: Bool { code == .fileNotFound }

    static func fileNotFound(_ file: String) -> Self {
        Self(
            .fileNotFound, file: file, line: nil, keyPath: nil,
            message:
                "config file not found; check the path, or leave it out to use firebreak.yml from the current directory"
        )
    }

    static func unreadable(_ file: String, reason: String) -> Self {
        Self(.unreadable, file: file, line: nil, keyPath: nil, message: "cannot read config file: \(reason)")
    }

    static func ambiguous(_ file: String, others: [String]) -> Self {
        Self(
            .ambiguous, file: file, line: nil, keyPath: nil,
            message: "several config files found (\(([file] + others).joined(separator: ", "))); keep only one")
    }

    static func invalidYAML(_ file: String, line: Int?, problem: String) -> Self {
        Self(.invalidYAML, file: file, line: line, keyPath: nil, message: "not valid YAML: \(problem)")
    }

    static func unknownKey(_ file: String, line: Int?, keyPath: String, known: [String], suggestion: String?) -> Self {
        var message = "unknown key '\(keyPath)'; known keys: \(known.joined(separator: ", "))"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return Self(.unknownKey, file: file, line: line, keyPath: keyPath, message: message)
    }

    static func invalidValue(_ file: String, line: Int?, keyPath: String, message: String) -> Self {
        Self(.invalidValue, file: file, line: line, keyPath: keyPath, message: "\(keyPath) \(message)")
    }
}
