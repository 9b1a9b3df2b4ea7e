import Foundation

/// Collects the plain text of a paragraph, heading or table cell, and notices lines that start with
/// bold text followed by a colon (`**Severity**: High`, `**Symptoms:**`), which runbooks use as labels.
struct InlineCollector {
    let startLine: Int
    private(set) var lineIndex = 0
    private var lines: [String] = [""]
    private var strongDepth = 0
    private var strongStartsLine = false
    private var strongText = ""
    private var lineLabels: [Int: String] = [:]

    init(startLine: Int) { self.startLine = startLine }

    var currentLength: Int { lines.reduce(0) { $0 + $1.count + 1 } - 1 }

    mutating func append(_ text: String) {
        if strongDepth > 0 { strongText += text }
        lines[lines.count - 1] += text
    }

    mutating func newLine() {
        lines.append("")
        lineIndex += 1
    }

    mutating func enterStrong() {
        if strongDepth == 0 {
            strongStartsLine = lines[lines.count - 1].allSatisfy { $0.isWhitespace }
            strongText = ""
        }
        strongDepth += 1
    }

    mutating func exitStrong() {
        strongDepth -= 1
        if strongDepth == 0, strongStartsLine { lineLabels[lines.count - 1] = strongText }
    }

    /// Text of the whole element, lines joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    /// Text appended since `start` (a `currentLength` taken earlier).
    func text(from start: Int) -> String {
        let whole = text
        guard start < whole.count else { return "" }
        return String(whole.dropFirst(start))
    }

    /// Lines of the form `**Label**: value` or `**Label:** value`.
    var labels: [MarkdownOutline.LabelLine] {
        var result: [MarkdownOutline.LabelLine] = []
        for (index, strong) in lineLabels.sorted(by: { $0.key < $1.key }) {
            let trimmedLabel = strong.trimmedASCII(" \t")
            var rest = Substring(lines[index])
            if let range = rest.range(of: strong) { rest = rest[range.upperBound...] }
            var label = trimmedLabel
            if label.hasSuffix(":") {
                label.removeLast()
            } else {
                let afterSpaces = rest.drop(while: { $0 == " " })
                guard afterSpaces.first == ":" else { continue }
                rest = afterSpaces.dropFirst()
            }
            label = label.trimmedASCII(" \t")
            guard !label.isEmpty, label.count <= 60 else { continue }
            result.append(
                MarkdownOutline.LabelLine(
                    label: label, value: rest.trimmedASCII(" \t"), line: startLine + index))
        }
        return result
    }
}
