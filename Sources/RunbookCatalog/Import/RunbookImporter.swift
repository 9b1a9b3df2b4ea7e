import Foundation
import RunbookModel
import RunbookParser

/// Splits a parsed Markdown document into one Markdown file per runbook, ready to commit as a runbook tree.
///
/// ```swift
/// let text = try String(contentsOfFile: "ops/runbooks.md", encoding: .utf8)
/// let document = RunbookDocumentParser().parse(path: "ops/runbooks.md")
/// for runbook in RunbookImporter.split(documentText: text, document: document, sourcePath: "ops/runbooks.md",
///                                      options: ImportOptions(fixEncoding: true)) {
///     try runbook.text.write(toFile: "runbooks/" + runbook.fileName, atomically: true, encoding: .utf8)
/// }
/// ```
///
/// Each file starts with YAML front matter holding what was inferred (`id`, `title`, `severity`, `priority` as
/// written when it differs, `mttr` and `response` as compact durations, `alerts`, `service`, `owner`,
/// `last_reviewed`, `scenario` from a quick-reference table, `source`), followed by the runbook's own lines:
/// its heading becomes `# Title` (no code prefix, no status decoration), its headings keep their depth relative to
/// it, headings and labels of a known section kind take the kind's `SectionKind.canonicalHeading`, and every other
/// line is copied unchanged, in order. A whole-file runbook keeps its front matter (its keys win; inferred keys it
/// lacks are added). Importing an imported file gives the same text.
public enum RunbookImporter {
    /// One file per runbook of `document`, which was parsed from `documentText`. `sourcePath` names the document
    /// in each file's `source:` key.
    public static func split(
        documentText: String, document: RunbookDocument, sourcePath: String, options: ImportOptions
    ) -> [ImportedRunbook] {
        var text = Substring(documentText)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let lines = lines(of: text)
        let ending = lines.first?.hasSuffix("\r") == true ? "\r" : ""
        let wholeFile = document.runbooks.count == 1 && document.runbooks.first?.anchor == nil
        var context = Context(lines: lines, headings: document.headings, sourcePath: sourcePath, ending: ending)
        if options.fixEncoding {
            // The anchors the repaired document has: a repaired file must not carry mojibake in `source:` either.
            var slugger = GitHubSlugger()
            for heading in document.headings {
                context.anchors[heading.location.line] = slugger.slug(for: Mojibake.repair(heading.text))
            }
        }
        var usedNames: Set<String> = []
        return document.runbooks.map { runbook in
            var output = wholeFile ? importWholeFile(runbook, context) : importUnit(runbook, context)
            if options.fixEncoding { output.text = Mojibake.repair(output.text) }
            output.fileName = uniqueFileName(for: runbook.id, used: &usedNames)
            return output
        }
    }

    /// What every runbook of one document is imported with.
    private struct Context {
        /// The document's lines, without `"\n"`.
        var lines: [Substring]
        var headings: [Heading]
        var sourcePath: String
        /// `"\r"` for a document with CRLF line endings: added lines end the same way.
        var ending: String
        /// Anchors to name units by in `source:`, by heading line, when they differ from the parser's.
        var anchors: [Int: String] = [:]
    }

    private static func importUnit(_ runbook: Runbook, _ context: Context) -> ImportedRunbook {
        let (lines, headings, sourcePath, ending) = (
            context.lines, context.headings, context.sourcePath, context.ending
        )
        let anchor = context.anchors[runbook.location.line] ?? runbook.anchor
        let source = anchor.map { "\(sourcePath)#\($0)" } ?? "\(sourcePath):\(runbook.lines.start)-\(runbook.lines.end)"
        let range = clamp(runbook.lines, count: lines.count)
        let titleLine = runbook.location.line
        let level = headings.first { $0.location.line == titleLine }?.level ?? 1
        let rewriter = BodyRewriter(
            lines: lines, range: range,
            title: range.contains(titleLine)
                ? BodyRewriter.Title(line: titleLine, level: level, text: runbook.title) : nil,
            sections: runbook.sections, blocks: runbook.blocks)
        let frontMatter = FrontMatterWriter(runbook: runbook, source: source).block(ending: ending)
        let body = rewriter.rewrite()
        return ImportedRunbook(
            id: runbook.id, fileName: "", text: assemble(frontMatter.map { Substring($0) } + body), source: source)
    }

    private static func importWholeFile(_ runbook: Runbook, _ context: Context) -> ImportedRunbook {
        let (lines, headings, sourcePath, ending) = (
            context.lines, context.headings, context.sourcePath, context.ending
        )
        let existing = existingFrontMatter(lines)
        let bodyStart = (existing?.count ?? 0) + 1
        let writer = FrontMatterWriter(runbook: runbook, source: sourcePath)
        let frontMatter =
            existing.map { writer.merged(into: Array(lines[0..<$0.count]), ending: ending) }
            ?? writer.block(ending: ending).map { Substring($0) }
        var body: [Substring] = []
        if bodyStart <= lines.count {
            let range = bodyStart...lines.count
            let titleLine = runbook.location.line
            // A level-1 heading titles the file; its text is rewritten only when the front matter does not carry
            // the title (otherwise the author keeps both, and they may differ on purpose).
            let title = headings.first { $0.location.line == titleLine && $0.level == 1 && range.contains(titleLine) }
                .map { _ in
                    BodyRewriter.Title(
                        line: titleLine, level: 1, text: existing?.hasTitle == true ? nil : runbook.title)
                }
            body = BodyRewriter(
                lines: lines, range: range, title: title, sections: runbook.sections, blocks: runbook.blocks
            )
            .rewrite()
        }
        return ImportedRunbook(id: runbook.id, fileName: "", text: assemble(frontMatter + body), source: sourcePath)
    }

    /// The lines of a file's front matter (`---` … `---`), found the way the parser finds it, and whether it sets
    /// `title`.
    private static func existingFrontMatter(_ lines: [Substring]) -> (count: Int, hasTitle: Bool)? {
        guard let first = lines.first, MarkdownLine.split(first).content == "---" else { return nil }
        for index in 1..<min(lines.count, 2_001) {
            let content = MarkdownLine.split(lines[index]).content
            guard content == "---" || content == "..." else { continue }
            let yaml = lines[1..<index].map { MarkdownLine.split($0).content }.joined(separator: "\n")
            return (index + 1, FrontMatterWriter.keys(of: yaml)?.contains("title") ?? false)
        }
        return nil
    }

    /// The lines of `text` without their `"\n"` (a `"\r"` before it stays with the line). Split on the byte, not
    /// the `Character`: `"\r\n"` is one `Character` and would not match `"\n"`.
    private static func lines(of text: Substring) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < text.endIndex { lines.append(text[start...]) }
        return lines
    }

    private static func assemble(_ lines: [Substring]) -> String {
        var text = lines.joined(separator: "\n")
        text += "\n"
        return text
    }

    private static func clamp(_ range: LineRange, count: Int) -> ClosedRange<Int> {
        let start = min(max(1, range.start), max(1, count))
        return start...max(start, min(range.end, count))
    }

    private static func uniqueFileName(for id: String, used: inout Set<String>) -> String {
        var base = GitHubSlugger.baseSlug(id)
        if base.isEmpty || base.allSatisfy({ $0 == "-" || $0 == "_" }) { base = "runbook" }
        var name = base + ".md"
        var counter = 2
        while used.contains(name) {
            name = "\(base)-\(counter).md"
            counter += 1
        }
        used.insert(name)
        return name
    }
}
