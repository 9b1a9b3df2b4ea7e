/// One word of a shell command, as bash would split it.
///
/// `--namespace="$NS"` gives `text == "--namespace=$NS"`, `raw == "--namespace=\"$NS\""`,
/// `isQuoted == true` and `hasExpansion == true`.
public struct ShellWord: Hashable, Sendable {
    /// The value with quotes removed and escapes resolved; `$VAR`, `${…}`, `$(…)` and backticks kept literally.
    public var text: String
    /// The word exactly as written.
    public var raw: String
    /// 0-based line of the word's first character in the script.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the word's first character.
    public var column: Int
    /// Whether any part of the word is quoted or backslash-escaped.
    public var isQuoted: Bool
    /// Whether the word contains a parameter expansion, command substitution or arithmetic.
    public var hasExpansion: Bool

    /// Creates a word.
    public init(text: String, raw: String, line: Int, column: Int, isQuoted: Bool, hasExpansion: Bool) {
        self.text = text
        self.raw = raw
        self.line = line
        self.column = column
        self.isQuoted = isQuoted
        self.hasExpansion = hasExpansion
    }
}

/// A use of a named shell variable (`$NAME`, `${NAME}`, `${NAME:-default}`).
public struct VariableReference: Hashable, Sendable {
    /// The variable's name, without `$` or braces.
    public var name: String
    /// 0-based script line of the `$`.
    public var line: Int
    /// 1-based column of the `$`.
    public var column: Int

    /// Creates a reference.
    public init(name: String, line: Int, column: Int) {
        self.name = name
        self.line = line
        self.column = column
    }
}

/// A structural mistake found while lexing (an unterminated quote, heredoc or substitution).
public struct ShellProblem: Hashable, Sendable {
    /// 0-based script line where the broken construct starts.
    public var line: Int
    /// 1-based column where the broken construct starts.
    public var column: Int
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates a problem.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}
