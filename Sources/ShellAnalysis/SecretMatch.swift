/// A hard-coded secret found in text.
public struct SecretMatch: Hashable, Sendable {
    /// What it looks like (`AWS access key ID`, `password literal` …).
    public var kind: String
    /// 0-based line.
    public var line: Int
    /// 1-based column of the secret part.
    public var column: Int
    /// The secret part only (for `PASSWORD=hunter22`, just `hunter22`).
    public var range: Range<String.Index>

    /// Creates a match.
    public init(kind: String, line: Int, column: Int, range: Range<String.Index>) {
        self.kind = kind
        self.line = line
        self.column = column
        self.range = range
    }
}
