import Foundation
import RunbookModel

/// Recognises `Step 3: Restart the agent` (also `Step 3 -`, `Step 3.`) and returns the title part.
enum StepTitle {
    static func stepHeading(_ text: String) -> String? {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first | 0x20 == UInt8(ascii: "s") else {
            return nil
        }
        let trimmed = text.trimmedASCII(" \t")
        guard trimmed.lowercased().hasPrefix("step") else { return nil }
        let afterWord = trimmed.dropFirst(4).drop(while: { $0 == " " })
        let number = afterWord.prefix(while: { $0.isNumber })
        guard !number.isEmpty else { return nil }
        let rest = afterWord.dropFirst(number.count).drop(while: {
            $0 == ":" || $0 == "." || $0 == " " || $0 == "-" || $0 == "—" || $0 == ")"
        })
        return rest.isEmpty ? String(trimmed) : String(rest)
    }
}

extension RunbookBuilder {
    private struct StepAnchor {
        var line: Int
        var lines: LineRange
        var title: String
        var column: Int
    }

    /// Steps: `Step N:` headings if the runbook has them, else top-level numbered list items; code
    /// blocks outside every such step become steps of their own, titled by their first comment or
    /// the sentence before them.
    func buildSteps(
        range: ClosedRange<Int>, titleLine: Int?, blocks unitBlocks: [CommandBlock], blockBase: Int
    ) -> [Step] {
        var anchors: [StepAnchor] = []
        let headings = outline.headings.elements(in: range) { $0.line }.filter { $0.depth == 0 && $0.line != titleLine }
        for (offset, heading) in headings.enumerated() {
            guard let title = StepTitle.stepHeading(heading.text) else { continue }
            let next = headings[(offset + 1)...].first { $0.level <= heading.level }
            let end = (next?.line ?? range.upperBound + 1) - 1
            anchors.append(
                StepAnchor(
                    line: heading.line, lines: LineRange(start: heading.line, end: end),
                    title: TitleCleaner.clean(title), column: heading.column))
        }
        if anchors.isEmpty {
            for item in outline.items.elements(in: range, by: { $0.line }) where item.ordered && item.depth == 1 {
                let firstLine = String(TextLines.first(item.text))
                anchors.append(
                    StepAnchor(
                        line: item.line, lines: LineRange(start: item.line, end: min(item.endLine, range.upperBound)),
                        title: Self.shorten(firstLine), column: 1))
            }
        }
        anchors.sort { $0.line < $1.line }
        var steps: [(anchor: StepAnchor, blocks: [Int])] = anchors.map { ($0, []) }
        let anchorCount = steps.count
        for (offset, block) in unitBlocks.enumerated() {
            let line = block.location.line
            // The latest-starting anchor that contains the block; anchors rarely nest, so look back a little.
            let upper = anchors.firstIndex(atOrAfter: line + 1) { $0.line }
            let owner = stride(from: upper - 1, through: max(0, upper - 16), by: -1).first {
                $0 < anchorCount && steps[$0].anchor.lines.contains(line)
            }
            if let owner {
                steps[owner].blocks.append(blockBase + offset)
            } else {
                let title = loneBlockTitle(block, range: range)
                steps.append(
                    (
                        StepAnchor(
                            line: line, lines: LineRange(start: line, end: block.endLine), title: title,
                            column: block.location.column), [blockBase + offset]
                    ))
            }
        }
        steps.sort { $0.anchor.line < $1.anchor.line }
        return steps.enumerated().map { index, step in
            let inner = (step.anchor.line + 1)...max(step.anchor.line + 1, step.anchor.lines.end)
            let prose = outline.prose.elements(in: inner) { $0.line }.map(\.text).joined(separator: "\n")
            return Step(
                number: index + 1, title: step.anchor.title,
                location: SourceLocation(file: file, line: step.anchor.line, column: step.anchor.column),
                lines: step.anchor.lines, prose: prose, blockIndexes: step.blocks.map { $0 - blockBase })
        }
    }

    private func loneBlockTitle(_ block: CommandBlock, range: ClosedRange<Int>) -> String {
        let first = TextLines.first(block.script).drop(while: { $0 == " " })
        if first.hasPrefix("#"), !first.hasPrefix("#!") {
            let comment = first.drop(while: { $0 == "#" }).trimmedASCII(" \t")
            if !comment.isEmpty { return Self.shorten(comment) }
        }
        let before = outline.prose.elements(in: range.lowerBound...max(range.lowerBound, block.location.line - 1)) {
            $0.line
        }
        if let last = before.last, block.location.line - last.line <= 3 {
            let sentences = String(TextLines.split(last.text).last ?? Substring(last.text))
            let trimmed = sentences.trimmedASCII(" :")
            if !trimmed.isEmpty { return Self.shorten(trimmed) }
        }
        return "Commands at line \(block.location.line)"
    }

    static func shorten(_ text: String) -> String {
        let single = (text.utf8.contains(0x0A) ? TextLines.split(text).joined(separator: " ") : text).trimmedASCII(
            " \t")
        return single.count > 100 ? String(single.prefix(97)) + "…" : single
    }
}
