/// Everything the lexer learned about a script.
public struct ShellParse: Sendable {
    /// Every simple command in source order, including those in substitutions and `bash -c` strings.
    public var commands: [SimpleCommand]
    /// Uses of named variables outside single quotes and quoted heredocs.
    public var variableUses: [VariableReference]
    /// Names the script assigns (`X=…`, `export X`, `read X`, `for X in`, `getopts … X`, `mapfile X` …).
    public var assignedNames: Set<String>
    /// 0-based line ranges of heredoc bodies (delimiter lines excluded).
    public var heredocBodies: [ClosedRange<Int>]
    /// Every heredoc with its delimiter and quoting; bodies may be empty.
    public var heredocs: [Heredoc]
    /// Names of shell functions the script defines.
    public var functionNames: Set<String>
    /// Structural mistakes: unterminated quotes, heredocs and substitutions.
    public var problems: [ShellProblem]

    /// Creates a parse result.
    public init(
        commands: [SimpleCommand] = [], variableUses: [VariableReference] = [], assignedNames: Set<String> = [],
        heredocBodies: [ClosedRange<Int>] = [], heredocs: [Heredoc] = [], functionNames: Set<String> = [],
        problems: [ShellProblem] = []
    ) {
        self.commands = commands
        self.variableUses = variableUses
        self.assignedNames = assignedNames
        self.heredocBodies = heredocBodies
        self.heredocs = heredocs
        self.functionNames = functionNames
        self.problems = problems
    }

    /// Whether a 0-based script line lies inside a heredoc body.
    public func isInHeredocBody(line: Int) -> Bool {
        heredocBodies.contains { $0.contains(line) }
    }
}

/// A heredoc (`<<EOF`, `<<-EOF`, `<<'EOF'`) and where its body is.
public struct Heredoc: Hashable, Sendable {
    /// The delimiter word with quotes removed.
    public var delimiter: String
    /// Whether the delimiter was quoted, which turns off expansion in the body.
    public var isQuoted: Bool
    /// Whether `<<-` was used, which strips leading tabs.
    public var stripsTabs: Bool
    /// 0-based line of the `<<` operator.
    public var operatorLine: Int
    /// 0-based lines of the body, or nil when the body is empty.
    public var body: ClosedRange<Int>?
    /// Whether the delimiter line was found.
    public var isTerminated: Bool

    /// Creates a heredoc description.
    public init(
        delimiter: String, isQuoted: Bool, stripsTabs: Bool, operatorLine: Int, body: ClosedRange<Int>?,
        isTerminated: Bool
    ) {
        self.delimiter = delimiter
        self.isQuoted = isQuoted
        self.stripsTabs = stripsTabs
        self.operatorLine = operatorLine
        self.body = body
        self.isTerminated = isTerminated
    }
}
