import Foundation
import RunbookModel

/// Parses Markdown runbook files into `RunbookDocument`s.
///
/// ```swift
/// let parser = RunbookDocumentParser()
/// let document = parser.parse(path: "runbooks/api-down.md")
/// for runbook in document.runbooks { print(runbook.id, runbook.title ?? "(untitled)") }
/// ```
///
/// Content problems never throw: they come back as `diagnostics` (bad encoding, broken front matter,
/// unreadable file), and everything that could be read is kept.
public struct RunbookDocumentParser: Sendable {
    /// Section names beyond the built-in synonym table.
    public var synonyms: SectionSynonyms
    /// Files larger than this are not parsed (a diagnostic says so): a runbook of that size is a mistake
    /// (a pasted log, a generated file) and parsing it would stall every lint run.
    public var maximumBytes: Int

    /// The default limit on a runbook file's size.
    public static let defaultMaximumBytes = 16 << 20

    /// Repository files that are documentation about the repository, not runbooks, unless they hold runbook units.
    public static let repositoryFiles: Set<String> = [
        "readme.md", "contributing.md", "changelog.md", "code_of_conduct.md", "security.md", "license.md",
    ]

    /// Creates a parser that names sections with `synonyms` and leaves files over `maximumBytes` unparsed.
    public init(
        synonyms: SectionSynonyms = SectionSynonyms(), maximumBytes: Int = RunbookDocumentParser.defaultMaximumBytes
    ) {
        self.synonyms = synonyms
        self.maximumBytes = maximumBytes
    }

    /// Reads and parses the file at `path`; locations name it `reportedAs` (default: `path` as given).
    ///
    /// `reusing` is asked, with the reported name and the content fingerprint, for a document already built
    /// from these exact bytes (a cache): when it returns one, the file is not parsed again.
    public func parse(
        path: String, reportedAs: String? = nil,
        reusing: (@Sendable (_ file: String, _ contentHash: String) -> RunbookDocument?)? = nil
    ) -> RunbookDocument {
        let name = reportedAs ?? path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failed(name, "cannot read the file (missing or no permission); check the path")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        guard size <= maximumBytes else {
            return failed(
                name,
                "file is \(size >> 20) MiB, over the \(maximumBytes >> 20) MiB limit for a runbook, and was not parsed; "
                    + "split it, or add it to `exclude:` in firebreak.yml if it is not a runbook")
        }
        try? handle.seek(toOffset: 0)
        let bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
        if let reusing {
            let hash = Self.fingerprint(bytes)
            if var known = reusing(name, hash) {
                known.contentHash = hash
                return known
            }
            var document = parseContent(bytes: bytes, file: name)
            document.contentHash = hash
            return document
        }
        return parse(bytes: bytes, file: name)
    }

    private func failed(_ path: String, _ message: String) -> RunbookDocument {
        RunbookDocument(
            file: path, runbooks: [], headings: [], links: [],
            diagnostics: [
                ParseDiagnostic(
                    kind: .input, isError: true, message: message, location: SourceLocation(file: path, line: 1))
            ],
            lineCount: 0)
    }

    /// Parses Markdown bytes; `file` names them in locations.
    public func parse(bytes: [UInt8], file: String) -> RunbookDocument {
        var document = parseContent(bytes: bytes, file: file)
        document.contentHash = Self.fingerprint(bytes)
        return document
    }

    /// FNV-1a over the bytes, with their count: cheap, and enough to tell a changed file from an unchanged one.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16) + "-" + String(bytes.count, radix: 16)
    }

    private func parseContent(bytes: [UInt8], file: String) -> RunbookDocument {
        let source = SourceText(bytes: bytes, file: file)
        guard !source.isBinary else {
            return RunbookDocument(
                file: file, runbooks: [], headings: [], links: [], diagnostics: source.diagnostics, lineCount: 0)
        }
        let text = source.text
        let (frontMatter, body) = FrontMatter.split(text, file: file)
        let outline = MarkdownOutline.parse(String(body), lineOffset: frontMatter.lineCount)
        let sourceLines = TextLines.split(text)
        let lineCount = text.hasSuffix("\n") ? sourceLines.count - 1 : sourceLines.count

        var slugger = GitHubSlugger()
        let headings = outline.headings.map { heading in
            Heading(
                level: heading.level, text: heading.text, anchor: slugger.slug(for: heading.text),
                location: SourceLocation(file: file, line: heading.line, column: heading.column))
        }
        let links = outline.links.map {
            Link(
                target: $0.url, text: $0.text, location: SourceLocation(file: file, line: $0.line, column: $0.column),
                isImage: $0.isImage)
        }
        let blocks = outline.codeBlocks.map { BlockExtractor.extract($0, file: file, sourceLines: sourceLines) }
        let builder = RunbookBuilder(outline: outline, file: file, synonyms: synonyms, blocks: blocks)
        let end = max(1, lineCount)

        var runbooks: [Runbook]
        // A file whose front matter names its id is one runbook, whatever its headings look like.
        if frontMatter.id == nil, let units = UnitDetector.detect(outline.headings, end: end) {
            runbooks = unitRunbooks(units, headings: headings, outline: outline, builder: builder, file: file)
        } else if frontMatter.isPresent
            || !Self.repositoryFiles.contains((file as NSString).lastPathComponent.lowercased())
        {
            runbooks = [
                wholeFileRunbook(frontMatter: frontMatter, outline: outline, builder: builder, file: file, end: end)
            ]
        } else {
            runbooks = []
        }
        for index in runbooks.indices where runbooks[index].title != nil {
            runbooks[index].title = runbooks[index].title.map(TitleCleaner.clean)
        }
        var shared: [CommandBlock] = []
        var sharedText: [String] = []
        if runbooks.count > 1 || runbooks.first?.anchor != nil {
            let inside = { (line: Int) in runbooks.contains { $0.lines.contains(line) } }
            shared = blocks.filter { !inside($0.location.line) }
            sharedText = outline.prose.filter { !inside($0.line) }.map(\.text)
        }
        var structure: [ParseDiagnostic] = []
        if let line = outline.excessiveNestingLine {
            structure.append(
                ParseDiagnostic(
                    kind: .structure, isError: true,
                    message:
                        "lists and block quotes nest \(outline.maximumDepth) levels deep (more than \(MarkdownOutline.maximumNesting)); "
                        + "this looks generated or corrupted — flatten it",
                    location: SourceLocation(file: file, line: line)))
        }
        var document = RunbookDocument(
            file: file, runbooks: runbooks, headings: headings, links: links,
            diagnostics: source.diagnostics + frontMatter.diagnostics + structure, lineCount: lineCount)
        document.sharedBlocks = shared
        document.sharedText = sharedText.joined(separator: "\n")
        return document
    }

    private func wholeFileRunbook(
        frontMatter: FrontMatter, outline: MarkdownOutline, builder: RunbookBuilder, file: String, end: Int
    ) -> Runbook {
        let topHeading = outline.headings.first { $0.depth == 0 && $0.level == 1 }
        let title = frontMatter.title ?? topHeading.map { TitleCleaner.clean($0.text) }
        let baseName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var metadata = frontMatter.metadata
        if let heading = topHeading, let shape = UnitDetector.match(heading.text) {
            if let priority = shape.priority {
                MetadataInference.apply(.severity, value: priority, source: "heading", to: &metadata)
            }
            if let alert = shape.alertName, metadata.alerts.isEmpty, shape.isBareAlertName {
                metadata.provenance["title_alert"] = alert
            }
        }
        let unit = RunbookBuilder.Unit(
            id: frontMatter.id ?? baseName, title: title, anchor: nil, lines: LineRange(start: 1, end: end),
            location: SourceLocation(file: file, line: topHeading?.line ?? 1, column: 1),
            titleHeadingLine: topHeading?.line, metadata: metadata, hasFrontMatter: frontMatter.isPresent)
        return builder.build(unit)
    }

    private func unitRunbooks(
        _ units: [UnitDetector.Unit], headings: [Heading], outline: MarkdownOutline, builder: RunbookBuilder,
        file: String
    ) -> [Runbook] {
        let tableRows = MetadataInference.referenceRows(outline.tables)
        var seen: [String: Int] = [:]
        return units.map { unit in
            var metadata = RunbookMetadata()
            if let priority = unit.priority {
                MetadataInference.apply(.severity, value: priority, source: "heading", to: &metadata)
            }
            let baseID = unit.code ?? unit.alertName ?? GitHubSlugger.baseSlug(unit.title)
            for row in tableRows
            where row.runbook.caseInsensitiveCompare(baseID) == .orderedSame
                || row.runbook.caseInsensitiveCompare(unit.title) == .orderedSame
            {
                for (field, value) in row.fields {
                    MetadataInference.apply(field, value: value, source: "table", to: &metadata)
                }
                if let scenario = row.scenario { metadata.extra["scenario"] = scenario }
            }
            if let alert = unit.alertName, !metadata.alerts.contains(alert) { metadata.alerts.append(alert) }
            var id = baseID.isEmpty ? "runbook-\(unit.lines.start)" : baseID
            if let count = seen[id] {
                seen[id] = count + 1
                id += "-\(count + 1)"
            } else {
                seen[id] = 1
            }
            let heading = headings[unit.headingIndex]
            return builder.build(
                RunbookBuilder.Unit(
                    id: id, title: unit.title, anchor: heading.anchor, lines: unit.lines, location: heading.location,
                    titleHeadingLine: heading.location.line, metadata: metadata, hasFrontMatter: false))
        }
    }
}
