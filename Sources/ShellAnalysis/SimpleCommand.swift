/// One simple command of a script: a program with its arguments, after prefix assignments and wrappers.
///
/// `sudo -u postgres FOO=1 psql -c 'SELECT 1' < /dev/null` gives `wrappers == ["sudo"]`,
/// `program == "psql"`, `arguments` `-c`, `SELECT 1`, and `stdinRedirected == true`.
public struct SimpleCommand: Hashable, Sendable {
    /// All words after the prefix assignments, wrappers included.
    public var words: [ShellWord]
    /// Names of prefix assignments (`FOO=1 cmd`), of a bare assignment, or of `env NAME=value` pairs.
    public var assignments: [String]
    /// Wrappers stripped before the effective program (`sudo`, `env`, `nohup`, `time`, `timeout` …), by name.
    public var wrappers: [String]
    /// Basename of the first word after wrappers; nil for a bare assignment.
    public var program: String?
    /// The effective program's arguments.
    public var arguments: [ShellWord]
    /// 0-based script line where the command starts.
    public var line: Int
    /// 1-based column where the command starts.
    public var column: Int
    /// Whether stdin comes from a redirection (`<`, `<<`, `<<<`) or a pipe, not from the terminal.
    public var stdinRedirected: Bool
    /// Whether the command sits inside `$(…)`, backticks, `<(…)` or a `bash -c` string.
    public var isSubstitution: Bool
    /// Text fed to stdin by a heredoc or here-string, when there is one (unexpanded).
    public var stdinText: String?
    /// Files that output redirections (`>`, `>>`, `&>`, `2>`) write to.
    public var outputRedirections: [String]

    /// Creates a command.
    public init(
        words: [ShellWord], assignments: [String] = [], wrappers: [String] = [], program: String?,
        arguments: [ShellWord], line: Int, column: Int, stdinRedirected: Bool = false,
        isSubstitution: Bool = false, stdinText: String? = nil, outputRedirections: [String] = []
    ) {
        self.words = words
        self.assignments = assignments
        self.wrappers = wrappers
        self.program = program
        self.arguments = arguments
        self.line = line
        self.column = column
        self.stdinRedirected = stdinRedirected
        self.isSubstitution = isSubstitution
        self.stdinText = stdinText
        self.outputRedirections = outputRedirections
    }

    /// The arguments' texts, for matching.
    public var argumentTexts: [String] { arguments.map(\.text) }
}
