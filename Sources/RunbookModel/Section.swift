/// A part of a runbook introduced by a heading (`## Diagnosis`) or a bold label (`**Symptoms:**`).
public struct Section: Hashable, Sendable, Codable {
    /// The canonical kind, or nil when the name is not in the synonym table.
    public var kind: SectionKind?
    /// The name as written, without `#`, `**` and the trailing colon.
    public var title: String
    /// Heading level (1–6), or 0 for a bold label.
    public var level: Int
    /// Where the heading or label starts.
    public var location: SourceLocation
    /// Lines from the heading to the line before the next section of the same or a higher level.
    public var lines: LineRange
    /// The section's text with Markdown markup removed (prose, list items, inline code), code blocks excluded.
    public var text: String
    /// Number of fenced code blocks inside.
    public var blockCount: Int

    /// Creates a section from its parsed parts.
    public init(
        kind: SectionKind?, title: String, level: Int, location: SourceLocation, lines: LineRange, text: String,
        blockCount: Int
    ) {
        self.kind = kind
        self.title = title
        self.level = level
        self.location = location
        self.lines = lines
        self.text = text
        self.blockCount = blockCount
    }

    /// A section is empty when it has neither text nor code.
    public var isEmpty: Bool {
        blockCount == 0 && text.allSatisfy { $0.isWhitespace }
    }
}

/// One step of a runbook: a `Step N:` heading, a numbered list item, or a lone code block.
public struct Step: Hashable, Sendable, Codable {
    /// 1-based position in the runbook.
    public var number: Int
    /// The step's title (`Verify Prerequisites`, or the sentence before a lone block).
    public var title: String
    /// Where the step starts.
    public var location: SourceLocation
    /// The step's lines.
    public var lines: LineRange
    /// Prose of the step, markup removed, code excluded.
    public var prose: String
    /// Indexes into the runbook's `blocks` of the code blocks this step holds.
    public var blockIndexes: [Int]

    /// Creates a step from its parsed parts.
    public init(
        number: Int, title: String, location: SourceLocation, lines: LineRange, prose: String, blockIndexes: [Int]
    ) {
        self.number = number
        self.title = title
        self.location = location
        self.lines = lines
        self.prose = prose
        self.blockIndexes = blockIndexes
    }
}
