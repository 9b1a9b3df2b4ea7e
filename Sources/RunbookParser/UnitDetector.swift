import Foundation
import RunbookModel

/// Finds the runbooks of a multi-runbook document: sibling headings that each introduce one
/// (`## RB-004: Title`, `### Issue: High Consumer Lag`, `## P1: Checkout down`, `## KubePodCrashLooping`).
enum UnitDetector {
    struct Unit {
        var headingIndex: Int
        var code: String?
        var priority: String?
        var alertName: String?
        var title: String
        var lines: LineRange
    }

    private static let labelWords: Set<String> = [
        "issue", "alert", "runbook", "incident", "scenario", "problem", "playbook", "sop", "case", "failure",
    ]

    /// The shape of a heading that introduces a runbook.
    struct Shape {
        var code: String?
        var priority: String?
        var alertName: String?
        var title: String
        /// A bare alert name (`## KubePodCrashLooping`), the weakest signal.
        var isBareAlertName: Bool
    }

    /// A heading's unit shape, if it has one.
    static func match(_ text: String) -> Shape? {
        let cleaned = TitleCleaner.clean(text)
        if let (prefix, rest) = splitPrefix(cleaned) {
            if isCode(prefix) { return Shape(code: prefix, title: rest, isBareAlertName: false) }
            if isPriority(prefix) { return Shape(priority: prefix, title: rest, isBareAlertName: false) }
            if labelWords.contains(prefix.lowercased()) {
                return Shape(alertName: isAlertName(rest) ? rest : nil, title: rest, isBareAlertName: false)
            }
        }
        if isAlertName(cleaned) { return Shape(alertName: cleaned, title: cleaned, isBareAlertName: true) }
        return nil
    }

    /// Units of the document, or nil when it is one runbook. `end` is the document's last line.
    static func detect(_ headings: [MarkdownOutline.HeadingElement], end: Int) -> [Unit]? {
        let matches = headings.indices.compactMap { index -> (Int, Shape)? in
            guard headings[index].depth == 0, let found = match(headings[index].text) else { return nil }
            return (index, found)
        }
        for level in 1...6 {
            let atLevel = matches.filter { headings[$0.0].level == level }
            let strong = atLevel.filter { !$0.1.isBareAlertName }
            let candidates = strong.count >= 2 ? strong : atLevel
            guard candidates.count >= 2 else { continue }
            // Alert-name-only units need every unit to have sub-structure, so a plain list of headings is not split.
            let onlyAlertNames = candidates.allSatisfy { $0.1.isBareAlertName }
            var units: [Unit] = []
            for (index, found) in candidates {
                let start = headings[index].line
                let next = headings[(index + 1)...].first { $0.depth == 0 && $0.level <= level }
                let last = (next?.line ?? end + 1) - 1
                units.append(
                    Unit(
                        headingIndex: index, code: found.code, priority: found.priority, alertName: found.alertName,
                        title: found.title,
                        lines: LineRange(start: start, end: last)))
            }
            if onlyAlertNames {
                let structured = units.filter { unit in
                    headings[(unit.headingIndex + 1)...].contains { $0.line <= unit.lines.end && $0.level > level }
                }
                guard structured.count == units.count else { continue }
            }
            return units
        }
        return nil
    }

    private static func splitPrefix(_ text: String) -> (String, String)? {
        // ASCII text (no carriage return, where a byte is a character) is searched on bytes: `—` and `–` cannot occur.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
        let found =
            ascii
            ? text.utf8.firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "|") }
            : text.firstIndex(where: { $0 == ":" || $0 == "—" || $0 == "–" || $0 == "|" })
        guard let separator = found else {
            if ascii {
                let bytes = Array(text.utf8)
                guard bytes.count >= 3,
                    let dash = (0...(bytes.count - 3)).first(where: {
                        bytes[$0] == 0x20 && bytes[$0 + 1] == 0x2D && bytes[$0 + 2] == 0x20
                    })
                else { return nil }
                let lower = text.utf8.index(text.startIndex, offsetBy: dash)
                return (String(text[..<lower]), String(text[text.utf8.index(lower, offsetBy: 3)...]))
            }
            // "RB-004 - Title"
            if let range = text.range(of: " - ") {
                return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
            }
            return nil
        }
        let prefix = text[..<separator].trimmedASCII(" \t")
        let rest = text[text.index(after: separator)...].trimmedASCII(" \t")
        guard !prefix.isEmpty, !rest.isEmpty, !prefix.contains(" ") || prefix.count <= 12 else { return nil }
        return (prefix, rest)
    }

    /// `RB-004`, `INC-12`, `LED-001a`.
    static func isCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, (1...10).contains(parts[0].count) else { return false }
        guard parts[0].first?.isUppercase == true,
            parts[0].allSatisfy({ ($0.isUppercase && $0.isASCII) || $0.isNumber })
        else {
            return false
        }
        return parts[1].first?.isNumber == true && parts[1].allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII }
    }

    /// `P1`, `SEV2`, `SEV-2`.
    static func isPriority(_ text: String) -> Bool {
        let upper = text.uppercased().replacingOccurrences(of: "-", with: "")
        if upper.count == 2, upper.hasPrefix("P"), upper.last?.isNumber == true { return true }
        return upper.count == 4 && upper.hasPrefix("SEV") && upper.last?.isNumber == true
    }

    /// `KubePodCrashLooping`: one word, capitalised, with at least two capitalised parts.
    static func isAlertName(_ text: String) -> Bool {
        // Only ASCII letters, digits and `_` can pass, where bytes are characters: decide on bytes.
        var uppercase = 0
        var lowercase = false
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A: uppercase += 1
            case 0x61...0x7A: lowercase = true
            case 0x30...0x39, 0x5F: continue
            default: return false
            }
        }
        let count = text.utf8.count
        guard count >= 6, count <= 100, let first = text.utf8.first, first >= 0x41, first <= 0x5A else { return false }
        return uppercase >= 2 && lowercase
    }
}
