import RunbookModel

/// What the search index holds about one runbook: its text split into weighted ``SearchField``s.
///
/// ```swift
/// let document = SearchDocument(runbook: runbook)
/// document.alerts    // ["KubePodCrashLooping"]
/// document.errors    // "CrashLoopBackOff\nOOMKilled\n…\nCrash Loop Back Off\nOOM Killed"
/// ```
public struct SearchDocument: Hashable, Sendable, Codable {
    /// Runbook id.
    public var id: String
    /// Title, or the id when the runbook has none.
    public var title: String
    /// File holding the runbook.
    public var file: String
    /// Line of the title.
    public var line: Int
    /// Anchor of the unit inside a multi-runbook file.
    public var anchor: String?
    /// Normalised severity (`critical` …), or the text as written when it is not recognised.
    public var severity: String?
    /// Alert names the runbook answers: declared ones, and the alert its title names.
    public var alerts: [String]
    /// Text of the symptoms, summary (meaning) and impact sections.
    public var symptoms: String
    /// Error strings found in the text and in command output, one a line (see ``ErrorStringExtractor``).
    public var errors: String
    /// Scripts of the code blocks, one block after another.
    public var commands: String
    /// The rest of the text.
    public var body: String
    /// Digest of every field above; changes when any of them changes.
    public var contentHash: String

    /// Bumped when the way fields are built changes, so existing indexes rewrite every document.
    public static let formatVersion = 1

    /// Builds every field from a parsed runbook.
    public init(runbook: Runbook) {
        id = runbook.id
        title = runbook.title ?? runbook.id
        file = runbook.file
        line = runbook.location.line
        anchor = runbook.anchor
        severity = runbook.metadata.severity?.rawValue ?? runbook.metadata.severityText
        var alertNames = OrderedUniqueStrings()
        for alert in runbook.metadata.alerts { alertNames.append(alert) }
        if let alert = runbook.metadata.provenance["title_alert"] { alertNames.append(alert) }
        alerts = alertNames.values
        let symptomSections = Self.symptomSections(of: runbook)
        symptoms = symptomSections.map(\.text).joined(separator: "\n")
        commands = runbook.blocks.map(\.script).filter { !$0.isEmpty }.joined(separator: "\n")
        body = Self.body(of: runbook, without: symptomSections)
        errors = ErrorStringExtractor.extract(
            from: [runbook.text], outputLines: runbook.blocks.flatMap(Self.outputLines)
        ).joined(separator: "\n")
        contentHash = ""
        contentHash = computeHash()
    }

    /// Memberwise initialiser for fixtures; the hash is computed from the fields.
    public init(
        id: String, title: String, file: String, line: Int = 1, anchor: String? = nil, severity: String? = nil,
        alerts: [String] = [], symptoms: String = "", errors: String = "", commands: String = "", body: String = ""
    ) {
        self.id = id
        self.title = title
        self.file = file
        self.line = line
        self.anchor = anchor
        self.severity = severity
        self.alerts = alerts
        self.symptoms = symptoms
        self.errors = errors
        self.commands = commands
        self.body = body
        contentHash = ""
        contentHash = computeHash()
    }

    /// What identifies the document in an index: ids repeat across files (two repositories may each
    /// have a `KubeAPIDown` runbook), so the file is part of it.
    public var key: String { file + "#" + id }

    /// The text an index stores for `field`. Titles and alert names also carry their CamelCase words,
    /// and alert names their lowercase form, so `kubepodcrashlooping` and `pod crash looping` both match.
    public func text(of field: SearchField) -> String {
        switch field {
        case .title: SearchTokenizer.withNameParts(id == title ? title : title + "\n" + id)
        case .alerts: SearchTokenizer.withNameParts(alerts.joined(separator: "\n"))
        case .symptoms: symptoms
        case .errors: errors
        case .commands: commands
        case .body: body
        }
    }

    /// Recomputes ``contentHash`` from the current fields (after editing a field of a fixture).
    public func computeHash() -> String {
        var hash = SearchContentHash()
        hash.combine(String(Self.formatVersion))
        for part in [id, title, file, String(line), anchor ?? "", severity ?? "", alerts.joined(separator: "\n")] {
            hash.combine(part)
        }
        for part in [symptoms, errors, commands, body] { hash.combine(part) }
        return hash.hex
    }

    /// `documents` with repeated keys dropped (the first wins), so every index treats duplicates alike.
    public static func uniqueByKey(_ documents: [SearchDocument]) -> [SearchDocument] {
        var seen = Set<String>()
        return documents.filter { seen.insert($0.key).inserted }
    }
}

extension SearchDocument {
    private static let symptomKinds: Set<SectionKind> = [.symptoms, .summary, .impact]

    /// Symptom-like sections, outermost only: a nested one's text is already in its parent's.
    private static func symptomSections(of runbook: Runbook) -> [Section] {
        var taken: [Section] = []
        for section in runbook.sections {
            guard let kind = section.kind, symptomKinds.contains(kind) else { continue }
            if taken.contains(where: { $0.lines.contains(section.lines.start) && $0.lines.contains(section.lines.end) })
            {
                continue
            }
            taken.append(section)
        }
        return taken
    }

    /// The runbook's text with the symptom sections' text cut out (it is indexed, with more weight, as symptoms).
    private static func body(of runbook: Runbook, without sections: [Section]) -> String {
        var text = runbook.text
        for section in sections where !section.text.isEmpty {
            if let range = text.range(of: section.text) { text.removeSubrange(range) }
        }
        return text
    }

    /// Lines of a block that are output shown after a `$ ` prompt, not commands.
    private static func outputLines(of block: CommandBlock) -> [String] {
        let scriptLines = Set(block.scriptLineMap)
        let lines = block.content.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().compactMap { offset, line in
            scriptLines.contains(block.location.line + 1 + offset) ? nil : String(line)
        }
    }
}
