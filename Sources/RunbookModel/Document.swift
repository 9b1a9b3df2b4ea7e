/// A heading of a Markdown file, with the anchor GitHub gives it.
public struct Heading: Hashable, Sendable, Codable {
    /// 1–6.
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// GitHub's anchor for it (`#` not included), unique within the file.
    public var anchor: String
    /// Where it is.
    public var location: SourceLocation

    /// Creates a heading; `anchor` is expected to be unique within the file already (see ``GitHubSlugger``).
    public init(level: Int, text: String, anchor: String, location: SourceLocation) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.location = location
    }
}

/// A Markdown link or image reference (`[text](target)`).
public struct Link: Hashable, Sendable, Codable {
    /// The destination as written.
    public var target: String
    /// Link text.
    public var text: String
    /// Where the link starts.
    public var location: SourceLocation
    /// Whether this is an image.
    public var isImage: Bool

    /// Creates a link with its destination and text as written.
    public init(target: String, text: String, location: SourceLocation, isImage: Bool) {
        self.target = target
        self.text = text
        self.location = location
        self.isImage = isImage
    }
}

/// Something the parser noticed about the input itself: bad encoding, broken front matter.
/// The parser never throws on content; it reports and keeps going with what it could read.
public struct ParseDiagnostic: Hashable, Sendable, Codable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Codable {
        /// Bytes that are not UTF-8, a NUL byte (binary file), or double-encoded UTF-8 (mojibake).
        case encoding
        /// Front matter that is not valid YAML, or whose keys have the wrong type.
        case frontMatter = "front-matter"
        /// A file too large to parse, or unreadable.
        case input
        /// Markdown that parses but is broken as a document: an unclosed code fence, absurdly deep nesting.
        case structure = "markdown-structure"
    }

    /// Problem kind; lint maps it to a rule.
    public var kind: Kind
    /// True when the problem stops the content from being read as intended (invalid UTF-8, binary, bad YAML);
    /// false for things that are merely suspicious (mojibake).
    public var isError: Bool
    /// Plain-language message saying what is wrong and how to fix it.
    public var message: String
    /// Where.
    public var location: SourceLocation

    /// Creates a diagnostic; `isError` tells an input that cannot be read as intended from a suspicious one.
    public init(kind: Kind, isError: Bool, message: String, location: SourceLocation) {
        self.kind = kind
        self.isError = isError
        self.message = message
        self.location = location
    }
}

/// A parsed Markdown file: the runbooks it holds and everything lint needs about the file itself.
public struct RunbookDocument: Sendable, Codable {
    /// The path as given.
    public var file: String
    /// One runbook per unit (one for an ordinary file; several for multi-runbook documents;
    /// none for files that are not runbooks, like a repository README without runbook units).
    public var runbooks: [Runbook]
    /// All headings, for anchor checks.
    public var headings: [Heading]
    /// All links, for link checks.
    public var links: [Link]
    /// Problems with the input itself.
    public var diagnostics: [ParseDiagnostic]
    /// Number of lines in the file.
    public var lineCount: Int
    /// Code blocks outside every runbook of a multi-runbook document (shared setup in its preamble, say).
    public var sharedBlocks: [CommandBlock] = []
    /// Prose outside every runbook of a multi-runbook document.
    public var sharedText: String = ""
    /// A fingerprint of the file's bytes (FNV-1a, 64 bits, with the length): results computed from the
    /// content alone can be cached under it.
    public var contentHash: String = ""

    /// Creates a document; shared blocks, shared text and the content hash start empty and are set afterwards.
    public init(
        file: String, runbooks: [Runbook], headings: [Heading], links: [Link], diagnostics: [ParseDiagnostic],
        lineCount: Int
    ) {
        self.file = file
        self.runbooks = runbooks
        self.headings = headings
        self.links = links
        self.diagnostics = diagnostics
        self.lineCount = lineCount
    }

    /// Every code block with the runbook it belongs to (nil for shared blocks), in document order.
    public var allBlocks: [(block: CommandBlock, runbook: Runbook?, index: Int)] {
        var result: [(block: CommandBlock, runbook: Runbook?, index: Int)] = sharedBlocks.map { ($0, nil, -1) }
        for runbook in runbooks { result += runbook.blocks.enumerated().map { ($1, runbook, $0) } }
        return result.sorted { $0.block.location.line < $1.block.location.line }
    }

    /// The set of anchors (`#…` targets) the file defines.
    public var anchors: Set<String> { Set(headings.map(\.anchor)) }
}
