import Foundation
import RunbookModel

/// Builds one `Runbook` from the part of a document's outline it covers.
struct RunbookBuilder {
    let outline: MarkdownOutline
    let file: String
    let synonyms: SectionSynonyms
    /// The document's blocks, extracted once.
    let blocks: [CommandBlock]

    struct Unit {
        var id: String
        var title: String?
        var anchor: String?
        var lines: LineRange
        var location: SourceLocation
        /// The heading that titles the runbook, excluded from its sections.
        var titleHeadingLine: Int?
        var metadata: RunbookMetadata
        var hasFrontMatter: Bool
    }

    func build(_ unit: Unit) -> Runbook {
        let range = unit.lines.start...unit.lines.end
        let blockSlice = blocks.elements(in: range) { $0.location.line }
        let blockBase = blockSlice.startIndex
        let unitBlocks = Array(blockSlice)
        var metadata = unit.metadata
        let sections = buildSections(range: range, titleLine: unit.titleHeadingLine, metadata: &metadata)
        let steps = buildSteps(range: range, titleLine: unit.titleHeadingLine, blocks: unitBlocks, blockBase: blockBase)
        let prose = outline.prose.elements(in: range) { $0.line }
        let text = prose.map(\.text).joined(separator: "\n")
        var runbook = Runbook(
            id: unit.id, title: unit.title, file: file, anchor: unit.anchor, lines: unit.lines, location: unit.location,
            metadata: metadata, sections: sections, steps: steps, blocks: unitBlocks, text: text,
            hasFrontMatter: unit.hasFrontMatter)
        runbook.cautions = prose.filter { Caution.isWarning($0.text) }.map(\.line)
        return runbook
    }

    private struct Boundary {
        var line: Int
        var level: Int  // 0 for a bold label
        var title: String
        var kind: SectionKind?
        var isSection: Bool
        var labelValue: String
        var column: Int
    }

    /// Sections from headings and bold labels; metadata labels are applied to `metadata` on the way.
    private func buildSections(range: ClosedRange<Int>, titleLine: Int?, metadata: inout RunbookMetadata) -> [Section] {
        var boundaries: [Boundary] = []
        for heading in outline.headings.elements(in: range, by: { $0.line }) where heading.depth == 0 {
            guard heading.line != titleLine else { continue }
            let isStep = StepTitle.stepHeading(heading.text) != nil
            let title = TitleCleaner.clean(heading.text)
            boundaries.append(
                Boundary(
                    line: heading.line, level: heading.level, title: title,
                    kind: isStep ? nil : synonyms.kind(for: title), isSection: true,
                    labelValue: "", column: heading.column))
        }
        for paragraph in outline.paragraphs.elements(in: range, by: { $0.line }) where !paragraph.inQuote {
            for label in paragraph.labels {
                if let field = MetadataInference.field(forLabel: label.label) {
                    MetadataInference.apply(field, value: label.value, source: "label:\(label.label)", to: &metadata)
                    boundaries.append(
                        Boundary(
                            line: label.line, level: 0, title: label.label, kind: nil, isSection: false, labelValue: "",
                            column: 1))
                    continue
                }
                let isDocumentLabel = MetadataInference.documentLabels.contains(SectionSynonyms.normalize(label.label))
                boundaries.append(
                    Boundary(
                        line: label.line, level: 0, title: label.label,
                        kind: isDocumentLabel ? nil : synonyms.kind(for: label.label), isSection: !isDocumentLabel,
                        labelValue: label.value, column: 1))
            }
        }
        boundaries.sort { $0.line < $1.line }
        var sections: [Section] = []
        // Open sections by index into `sections`, closed when a boundary of the same or a higher level comes.
        var open: [(index: Int, level: Int)] = []
        func close(before line: Int, where shouldClose: ((index: Int, level: Int)) -> Bool) {
            while let last = open.last, shouldClose(last) {
                sections[last.index].lines.end = max(sections[last.index].lines.start, line - 1)
                open.removeLast()
            }
        }
        for boundary in boundaries {
            // Any boundary ends the open label section; a heading also ends sections at its level and deeper.
            close(before: boundary.line) { $0.level == 0 }
            if boundary.level > 0 { close(before: boundary.line) { $0.level >= boundary.level } }
            guard boundary.isSection else { continue }
            sections.append(
                Section(
                    kind: boundary.kind, title: boundary.title, level: boundary.level,
                    location: SourceLocation(file: file, line: boundary.line, column: boundary.column),
                    lines: LineRange(start: boundary.line, end: range.upperBound), text: boundary.labelValue,
                    blockCount: 0))
            open.append((sections.count - 1, boundary.level == 0 ? 0 : boundary.level))
        }
        close(before: range.upperBound + 1) { _ in true }
        for index in sections.indices {
            let inner =
                (sections[index].lines.start + 1)...max(sections[index].lines.start + 1, sections[index].lines.end)
            let prose = outline.prose.elements(in: inner) { $0.line }.map(\.text)
            if !prose.isEmpty {
                let own = sections[index].text
                sections[index].text = ([own] + prose).filter { !$0.isEmpty }.joined(separator: "\n")
            }
            let withHeader = sections[index].lines.start...sections[index].lines.end
            sections[index].blockCount = blocks.elements(in: withHeader) { $0.location.line }.count
        }
        return sections
    }
}
