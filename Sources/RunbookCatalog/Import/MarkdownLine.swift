/// Recognises the few line shapes the importer rewrites, on one source line at a time. The parser has already
/// decided where headings and labels are; these checks only confirm that the line is written the way the rewrite
/// expects (an ATX heading at the top level, a label at the start of a line), and leave it alone otherwise.
enum MarkdownLine {
    /// A line without its line ending, and the ending (`""` or `"\r"`; the `"\n"` is implied).
    static func split(_ line: Substring) -> (content: Substring, ending: Substring) {
        line.hasSuffix("\r") ? (line.dropLast(), line.suffix(1)) : (line, line.suffix(0))
    }

    /// `## Title`: the indent (up to three spaces), the level, and what follows the `#` marks.
    static func atx(_ content: Substring) -> (indent: Substring, level: Int, rest: Substring)? {
        let indent = content.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let afterIndent = content[indent.endIndex...]
        let marks = afterIndent.prefix { $0 == "#" }
        guard (1...6).contains(marks.count) else { return nil }
        let rest = afterIndent[marks.endIndex...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (indent, marks.count, rest)
    }

    /// The `===` or `---` line under a setext heading.
    static func isSetextUnderline(_ content: Substring) -> Bool {
        let indent = content.prefix { $0 == " " }
        guard indent.count <= 3 else { return false }
        let body = content[indent.endIndex...].trimmingTrailingBlanks()
        guard let first = body.first, first == "=" || first == "-" else { return false }
        return body.allSatisfy { $0 == first }
    }

    /// Only spaces and tabs.
    static func isBlank(_ content: Substring) -> Bool { content.allSatisfy { $0 == " " || $0 == "\t" } }

    /// `---`, `***`, `___` (with optional spaces between): a horizontal rule.
    static func isThematicBreak(_ content: Substring) -> Bool {
        let indent = content.prefix { $0 == " " }
        guard indent.count <= 3 else { return false }
        let marks = content[indent.endIndex...].filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, first == "-" || first == "*" || first == "_" else {
            return false
        }
        return marks.allSatisfy { $0 == first }
    }

    /// The value of a label line `**Name**: value` or `**Name:** value` whose name is `name`; nil when the line
    /// does not start with that label. An indented label belongs to a list item (`- item` then `  **Symptoms**:`),
    /// and so does one after a list marker: both are left as written, since a heading there would end the list.
    static func labelValue(_ content: Substring, named name: String) -> Substring? {
        let line = content
        guard let delimiter = ["**", "__"].first(where: { line.hasPrefix($0) }) else { return nil }
        let inside = line.dropFirst(2)
        guard let close = inside.range(of: delimiter) else { return nil }
        var label = inside[..<close.lowerBound].trimmingBlanks()
        var after = inside[close.upperBound...]
        if label.hasSuffix(":") {
            label = label.dropLast().trimmingBlanks()
        } else {
            after = after.drop { $0 == " " || $0 == "\t" }
            guard after.first == ":" else { return nil }
            after = after.dropFirst()
        }
        guard label == Substring(name).trimmingBlanks() else { return nil }
        return after.trimmingBlanks()
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        return self[start...].trimmingTrailingBlanks()
    }

    /// Without trailing spaces and tabs.
    func trimmingTrailingBlanks() -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous] == " " || self[previous] == "\t" else { break }
            end = previous
        }
        return self[startIndex..<end]
    }
}
