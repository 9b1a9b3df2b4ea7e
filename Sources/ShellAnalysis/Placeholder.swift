/// An unfilled value in a command: `<pod-name>`, `YOUR_TOKEN`, `{{ $labels.namespace }}`, `REPLACE_ME`.
public struct Placeholder: Hashable, Sendable {
    /// How the placeholder is written.
    public enum Kind: String, Sendable {
        /// `<pod-name>`, `<YOUR_TOKEN>`.
        case angle
        /// `YOUR_ORG`, `your-api-key-here`.
        case yourPrefix
        /// Go templates from alert annotations: `{{ $labels.namespace }}`, `{{ .Labels.x }}`.
        case template
        /// `REPLACE_ME`, `CHANGE_ME`, `CHANGEME`, `<...>`, `xxx`.
        case marker
    }

    /// The placeholder exactly as written.
    public var text: String
    /// The environment variable that supplies it (`POD_NAME`, `NAMESPACE`).
    public var variable: String
    /// 0-based line in the original script.
    public var line: Int
    /// 1-based column in the original script.
    public var column: Int
    /// How it is written.
    public var kind: Kind

    /// Creates a placeholder.
    public init(text: String, variable: String, line: Int, column: Int, kind: Kind) {
        self.text = text
        self.variable = variable
        self.line = line
        self.column = column
        self.kind = kind
    }
}
