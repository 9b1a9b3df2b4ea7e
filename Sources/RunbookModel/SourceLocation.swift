/// A position in a source file: 1-based line and column, as editors and SARIF count them.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The file path as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column (in characters of the line).
    public var column: Int

    /// Creates a location; lines and columns below 1 are clamped to 1.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by file path, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// An inclusive range of lines in one file.
public struct LineRange: Hashable, Sendable, Codable {
    /// First line (1-based, inclusive).
    public var start: Int
    /// Last line (1-based, inclusive).
    public var end: Int

    /// Creates a range; `end` is never before `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// Whether `line` lies inside the range.
    public func contains(_ line: Int) -> Bool { line >= start && line <= end }
}
