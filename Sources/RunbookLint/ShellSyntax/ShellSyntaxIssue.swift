/// One finding about a shell script: a `bash -n` syntax error or a shellcheck comment.
///
/// Lines and columns count within the script itself (line 1 is the script's first line), so
/// a caller that knows where the script starts in its document can map them to document lines.
public struct ShellSyntaxIssue: Hashable, Sendable, Codable {
    /// 1-based line within the script.
    public var line: Int
    /// 1-based column within the line; 1 when the tool gives none (bash never does).
    public var column: Int
    /// The tool's message without its file and line prefix,
    /// e.g. ``syntax error near unexpected token `}'``.
    public var message: String
    /// The tool that reported it: `bash` or `shellcheck`.
    public var tool: String
    /// The tool's rule code (`SC2086`), nil for bash.
    public var code: String?
    /// `error` for bash; shellcheck's own level: `error`, `warning`, `info` or `style`.
    public var level: String

    /// Creates an issue; lines and columns below 1 are clamped to 1.
    public init(line: Int, column: Int = 1, message: String, tool: String, code: String? = nil, level: String) {
        self.line = max(1, line)
        self.column = max(1, column)
        self.message = message
        self.tool = tool
        self.code = code
        self.level = level
    }
}
