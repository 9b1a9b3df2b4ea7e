/// A duration in whole seconds, parsed from `5m`, `<5 min`, `30-90 sec`, `2h`, `90d`.
public struct DurationSeconds: Hashable, Sendable, Codable, Comparable {
    /// Seconds.
    public var seconds: Int
    /// Wraps a number of seconds as given, without clamping.
    public init(seconds: Int) { self.seconds = seconds }
    /// Orders durations by length, shortest first.
    public static func < (lhs: DurationSeconds, rhs: DurationSeconds) -> Bool { lhs.seconds < rhs.seconds }
}

/// A parameter a runbook declares in front matter (`params:`): a value the operator supplies.
public struct RunbookParameter: Hashable, Sendable, Codable {
    /// Environment variable name (`NAMESPACE`).
    public var name: String
    /// What it is for.
    public var description: String?
    /// Default value, if any.
    public var defaultValue: String?
    /// Creates a parameter; description and default are optional.
    public init(name: String, description: String? = nil, defaultValue: String? = nil) {
        self.name = name
        self.description = description
        self.defaultValue = defaultValue
    }
}

/// What a runbook says about itself, from front matter or inferred from the text.
public struct RunbookMetadata: Hashable, Sendable, Codable {
    /// Severity or priority as written (`P1`, `High`, `P0 (Critical)`).
    public var severityText: String?
    /// Normalised severity.
    public var severity: Severity?
    /// Target time to resolve, as written (`30 min`).
    public var mttrText: String?
    /// Target time to resolve, parsed from ``mttrText``.
    public var mttr: DurationSeconds?
    /// Target time to respond (`Response SLA`), as written.
    public var responseText: String?
    /// Target time to respond, parsed from ``responseText``.
    public var response: DurationSeconds?
    /// Alert names this runbook answers.
    public var alerts: [String]
    /// The service the runbook is for (`service:`, or a `Service` or `Component` label).
    public var service: String?
    /// The team or person who maintains it (`owner:`, or an `Owner`, `Team` or `Maintained by` label).
    public var owner: String?
    /// Free-form tags from front matter (`tags:`).
    public var tags: [String]
    /// Date of the last review (`last_reviewed`, `**Last Updated**`), as written (YYYY-MM-DD expected).
    public var lastReviewed: String?
    /// How often the runbook must be reviewed.
    public var reviewEvery: DurationSeconds?
    /// Parameters declared in front matter (`params:`); commands receive their values as environment variables.
    public var params: [RunbookParameter]
    /// Front-matter keys Firebreak does not use, kept as text (`weight: 20`).
    public var extra: [String: String]
    /// Where each piece of metadata came from (`front-matter`, `label:Severity`, `table`, `heading`), by field name.
    public var provenance: [String: String]

    /// Creates metadata that knows nothing yet: every optional nil, every list and map empty.
    public init() {
        alerts = []
        tags = []
        params = []
        extra = [:]
        provenance = [:]
    }
}

/// One runbook: a whole file, or one unit of a multi-runbook document.
public struct Runbook: Sendable, Codable {
    /// Stable identifier: front-matter `id`, a heading code (`RB-004`), or derived from the file or title.
    public var id: String
    /// Title without status decorations.
    public var title: String?
    /// The file it lives in.
    public var file: String
    /// Anchor of the unit's heading inside the file (nil for a whole-file runbook).
    public var anchor: String?
    /// Lines of the file this runbook covers.
    public var lines: LineRange
    /// Where the title was found (the heading, or the top of the file).
    public var location: SourceLocation
    /// What the runbook says about itself: severity, targets, alerts, owner, parameters.
    public var metadata: RunbookMetadata
    /// Sections in document order (nested ones included, with their level).
    public var sections: [Section]
    /// Steps in document order.
    public var steps: [Step]
    /// All fenced code blocks, in document order.
    public var blocks: [CommandBlock]
    /// The whole runbook's text with markup removed, code excluded: for search and warnings.
    public var text: String
    /// Whether the front matter declared this (`id`, `alerts` …) rather than it being inferred.
    public var hasFrontMatter: Bool
    /// Lines of prose that warn the reader (`> **Warning:** …`, `⚠️ …`, `[!CAUTION]`), in order.
    public var cautions: [Int] = []

    /// Creates a runbook from its parsed parts; `cautions` starts empty and is set afterwards.
    public init(
        id: String, title: String?, file: String, anchor: String?, lines: LineRange, location: SourceLocation,
        metadata: RunbookMetadata, sections: [Section], steps: [Step], blocks: [CommandBlock], text: String,
        hasFrontMatter: Bool
    ) {
        self.id = id
        self.title = title
        self.file = file
        self.anchor = anchor
        self.lines = lines
        self.location = location
        self.metadata = metadata
        self.sections = sections
        self.steps = steps
        self.blocks = blocks
        self.text = text
        self.hasFrontMatter = hasFrontMatter
    }

    /// The first section of the given kind.
    public func section(_ kind: SectionKind) -> Section? { sections.first { $0.kind == kind } }

    /// The step that holds block `index`, if any.
    public func step(holdingBlock index: Int) -> Step? { steps.first { $0.blockIndexes.contains(index) } }

    /// The innermost section containing `line`.
    public func section(containing line: Int) -> Section? {
        sections.filter { $0.lines.contains(line) }.max { $0.location.line < $1.location.line }
    }
}
