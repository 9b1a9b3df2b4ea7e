import RunbookModel

/// Copies the lines of one runbook, rewriting only its headings and section labels:
/// - the title heading becomes `# Title`;
/// - every other top-level heading moves up by as many levels as the title did (children keep their depth), and
///   takes its kind's canonical name when its kind is known;
/// - a label of a known kind (`**Symptoms**: text`) becomes a heading one level below the heading it sits under,
///   with its text as a paragraph of its own.
/// Every other line is copied byte for byte, in order. Trailing blank lines and horizontal rules (the separators
/// between the units of a multi-runbook document) are dropped.
struct BodyRewriter {
    /// The runbook's title heading, and its replacement text (nil: keep the heading's own text).
    struct Title {
        var line: Int
        var level: Int
        var text: String?
    }

    /// The document's lines (1-based access through `line(_:)`), each without `"\n"`.
    let lines: [Substring]
    /// The lines to copy (1-based, inclusive).
    let range: ClosedRange<Int>
    let title: Title?
    /// The runbook's sections: headings (level > 0) and labels (level 0).
    let sections: [Section]
    /// Fenced code blocks: their lines are never taken for separators.
    let blocks: [CommandBlock]

    private func line(_ number: Int) -> Substring { lines[number - 1] }

    func rewrite() -> [Substring] {
        let shift = (title?.level ?? 1) - 1
        var headings: [Int: Section] = [:]
        var labels: [Int: Section] = [:]
        for section in sections where range.contains(section.location.line) {
            if section.level > 0 {
                headings[section.location.line] = section
            } else if section.kind != nil {
                labels[section.location.line] = section
            }
        }
        var output: [Substring] = []
        // Level (after the shift) of the heading the next label sits under.
        var enclosingLevel = 1
        var number = range.lowerBound
        while number <= range.upperBound {
            let (content, ending) = MarkdownLine.split(line(number))
            if let title, number == title.line, case let span = headingSpan(at: number), span > 0 {
                if let text = title.text {
                    // A setext title may run over several lines; the new title is one.
                    let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                    output.append("# \(oneLine)\(ending)")
                } else if let atx = MarkdownLine.atx(content) {
                    output.append(atx.indent + "#" + atx.rest + ending)
                } else {
                    output += (number..<(number + span)).map(line)
                }
                enclosingLevel = 1
                number += span
                continue
            }
            if let section = headings[number] {
                let span = headingSpan(at: number)
                let level = min(6, max(1, section.level - shift))
                if let kind = section.kind, span > 0 {
                    output.append(
                        Substring(String(repeating: "#", count: level) + " " + kind.canonicalHeading + ending))
                } else if let atx = MarkdownLine.atx(content), shift != 0 {
                    output.append(atx.indent + String(repeating: "#", count: level) + atx.rest + ending)
                } else {
                    output += (number..<(number + max(1, span))).map(line)
                }
                enclosingLevel = level
                number += max(1, span)
                continue
            }
            if let section = labels[number], let kind = section.kind,
                let value = MarkdownLine.labelValue(content, named: section.title)
            {
                let level = min(6, max(2, enclosingLevel + 1))
                output.append(Substring(String(repeating: "#", count: level) + " " + kind.canonicalHeading + ending))
                if !value.isEmpty {
                    output.append(ending)
                    output.append(value + ending)
                }
                number += 1
                continue
            }
            output.append(line(number))
            number += 1
        }
        return trimmingSeparators(output)
    }

    /// How many lines the heading at `number` takes: 1 for `## Title`, the text lines plus the underline for a
    /// setext heading, 0 when the line is not written as a top-level heading (a heading inside a list item).
    private func headingSpan(at number: Int) -> Int {
        let (content, _) = MarkdownLine.split(line(number))
        if MarkdownLine.atx(content) != nil { return 1 }
        var next = number + 1
        while next <= range.upperBound, next < number + 20 {
            let (candidate, _) = MarkdownLine.split(line(next))
            if MarkdownLine.isBlank(candidate) { return 0 }
            if MarkdownLine.isSetextUnderline(candidate) { return next - number + 1 }
            next += 1
        }
        return 0
    }

    /// `lines` without trailing blank lines and horizontal rules. A rule right under text is a setext underline,
    /// and a runbook that ends inside an unclosed code block ends with content: both are kept.
    private func trimmingSeparators(_ lines: [Substring]) -> [Substring] {
        let lastBlockEnd = blocks.filter { range.contains($0.location.line) }.map(\.endLine).max() ?? 0
        guard lastBlockEnd < range.upperBound else { return lines }
        var result = lines
        while result.count > 1 {
            let content = MarkdownLine.split(result[result.count - 1]).content
            if MarkdownLine.isBlank(content) {
                result.removeLast()
                continue
            }
            let above = MarkdownLine.split(result[result.count - 2]).content
            guard MarkdownLine.isThematicBreak(content), MarkdownLine.isBlank(above) else { break }
            result.removeLast()
        }
        return result
    }
}
