/// What a fenced code block holds, from its info string or, without one, its content.
public enum BlockLanguage: Sendable, Hashable, Codable {
    /// bash, sh, shell, console, zsh, or an unlabelled block with shell content: runnable.
    case shell
    /// SQL: kept, classified by verb, never run as shell.
    case sql
    /// PromQL: kept, never run.
    case promql
    /// YAML: kept, never run.
    case yaml
    /// Anything else (json, toml, text, a directory tree …), kept by its info-string name.
    case other(String)

    /// Whether the block is executed by `firebreak run` and syntax-checked by `bash -n`.
    public var isShell: Bool { self == .shell }
}

/// A run of lines inside a block that is one of several ways to do the same thing
/// (`# Option 1: …`, `# Option 2: …`, `# Or …`). Alternatives are chosen, never run together.
public struct Alternative: Hashable, Sendable, Codable {
    /// Which group of alternatives in the block this belongs to (0-based).
    public var group: Int
    /// The marker's text without `#`, for example `Option 2: Systemd service`.
    public var label: String
    /// Script lines (0-based, inclusive) that belong to this alternative.
    public var scriptLines: ClosedRange<Int>

    /// Creates an alternative from its group, its marker's label and the script lines it covers.
    public init(group: Int, label: String, scriptLines: ClosedRange<Int>) {
        self.group = group
        self.label = label
        self.scriptLines = scriptLines
    }
}

/// A fenced code block of a runbook, with the runnable script extracted from it.
///
/// ```bash {timeout=5m name=restart}
/// $ kubectl rollout restart deploy/api
/// ```
/// gives `language == .shell`, `attributes == ["timeout": "5m", "name": "restart"]`, and
/// `script == "kubectl rollout restart deploy/api"` with `scriptLineMap == [fenceLine + 1]`.
public struct CommandBlock: Hashable, Sendable, Codable {
    /// The info string's first word, lowercased (`bash`), or nil for an unlabelled fence.
    public var infoLanguage: String?
    /// What the block holds.
    public var language: BlockLanguage
    /// Attributes from `{key=value …}` in the info string.
    public var attributes: [String: String]
    /// The block's content exactly as written.
    public var content: String
    /// The text to check and run: `$ ` prompts stripped, output lines after prompts dropped.
    public var script: String
    /// For each line of `script`, the 1-based line of the source file it came from.
    public var scriptLineMap: [Int]
    /// Where the opening fence is.
    public var location: SourceLocation
    /// The line of the closing fence (or the last line, for an unterminated fence).
    public var endLine: Int
    /// Whether the fence was never closed (the block runs to the end of its container).
    public var unterminated: Bool
    /// Alternatives inside the block; empty when the block is one sequence of commands.
    public var alternatives: [Alternative]

    /// Creates a block from parts already extracted from the fence and its content.
    public init(
        infoLanguage: String?, language: BlockLanguage, attributes: [String: String], content: String,
        script: String, scriptLineMap: [Int], location: SourceLocation, endLine: Int, unterminated: Bool,
        alternatives: [Alternative]
    ) {
        self.infoLanguage = infoLanguage
        self.language = language
        self.attributes = attributes
        self.content = content
        self.script = script
        self.scriptLineMap = scriptLineMap
        self.location = location
        self.endLine = endLine
        self.unterminated = unterminated
        self.alternatives = alternatives
    }

    /// The source line of script line `index` (0-based); falls back to the fence line.
    public func sourceLine(ofScriptLine index: Int) -> Int {
        index >= 0 && index < scriptLineMap.count ? scriptLineMap[index] : location.line
    }
}
