import ShellAnalysis

/// Replaces secrets with `[redacted]` in everything a run stores or prints after the fact: values of
/// variables whose names contain TOKEN, SECRET, PASSWORD, PASSWD, KEY or AUTH, and well-known secret
/// shapes (AWS access keys, bearer tokens, private key blocks, GitHub and Slack tokens, JWTs).
///
/// ```swift
/// let redactor = Redactor(secretValues: ["s3cr3t-value"])
/// redactor.redact("auth=s3cr3t-value-extra")   // "auth=[redacted]-extra"
/// ```
public struct Redactor: Sendable {
    /// The marker that replaces a secret.
    public static let marker = "[redacted]"
    private let values: [String]

    /// Creates a redactor for these values (those shorter than 4 characters are ignored: redacting `1`
    /// everywhere would hide everything and protect nothing).
    public init(secretValues: [String]) {
        values = Array(Set(secretValues.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// Whether a variable name says it holds a secret.
    public static func isSecretName(_ name: String) -> Bool { SecretScanner.isSecretName(name) }

    /// `text` with every known value and secret shape replaced.
    public func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        return SecretScanner.redact(text, values: values)
    }

    /// Parameters for the log: secret names' values redacted entirely, others scanned.
    public func redact(parameters: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in parameters { result[name] = Self.isSecretName(name) ? Self.marker : redact(value) }
        return result
    }
}
