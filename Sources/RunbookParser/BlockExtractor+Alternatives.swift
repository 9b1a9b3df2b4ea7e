import Foundation
import RunbookModel

extension BlockExtractor {
    private enum Marker {
        case option(String)  // "# Option 2: Systemd service"
        case or(String)  // "# Or restart the service"
        case groupEnd  // "# 5. Restart service", "# Step 3"
        case none
    }

    private static func marker(_ line: Substring) -> Marker {
        // Most lines are not comments: rule them out on bytes before any character work.
        guard line.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "#") else { return .none }
        if line.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return asciiMarker(line) }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("#"), !trimmed.hasPrefix("#!") else { return .none }
        let text = trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
        let lowered = text.lowercased()
        for word in ["option", "alternative", "approach", "method"] where lowered.hasPrefix(word + " ") {
            let rest = lowered.dropFirst(word.count + 1)
            let token = rest.prefix(while: { $0.isNumber || $0.isLetter })
            let after = rest.dropFirst(token.count).first
            if !token.isEmpty, token.count <= 2,
                after == nil || after == ":" || after == "." || after == ")" || after == " " || after == "-"
            {
                return .option(String(text))
            }
        }
        if lowered == "or" || lowered.hasPrefix("or ") || lowered.hasPrefix("or:") || lowered.hasPrefix("or,")
            || lowered.hasPrefix("alternatively")
        {
            return .or(String(text))
        }
        let number = lowered.prefix(while: \.isNumber)
        if !number.isEmpty, lowered.dropFirst(number.count).first == "." || lowered.dropFirst(number.count).first == ")"
        {
            return .groupEnd
        }
        if lowered.hasPrefix("step "), lowered.dropFirst(5).first?.isNumber == true { return .groupEnd }
        return .none
    }

    private static let optionPrefixes: [[UInt8]] = ["option ", "alternative ", "approach ", "method "].map {
        Array($0.utf8)
    }
    private static let stepPrefix = Array("step ".utf8)
    private static let orPrefixes: [[UInt8]] = ["or ", "or:", "or,", "alternatively"].map { Array($0.utf8) }

    /// ``marker(_:)`` of an ASCII line without carriage returns, on bytes: there a byte is a character,
    /// the letters are a–z after lowercasing and the numbers 0–9.
    private static func asciiMarker(_ line: Substring) -> Marker {
        let bytes = Array(line.utf8)
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "#"),
            start + 1 >= bytes.count || bytes[start + 1] != UInt8(ascii: "!")
        else { return .none }
        while start < bytes.count, bytes[start] == UInt8(ascii: "#") { start += 1 }
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        let lowered = bytes[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func hasPrefix(_ prefix: [UInt8]) -> Bool {
            lowered.count >= prefix.count && lowered[..<prefix.count].elementsEqual(prefix)
        }
        func text() -> String { String(decoding: bytes[start...], as: UTF8.self) }
        for prefix in optionPrefixes where hasPrefix(prefix) {
            let rest = lowered[prefix.count...]
            let token = rest.prefix { isDigit($0) || ($0 >= 0x61 && $0 <= 0x7A) }
            let after = rest.dropFirst(token.count).first
            if !token.isEmpty, token.count <= 2, after == nil || after.map({ ":.) -".utf8.contains($0) }) == true {
                return .option(text())
            }
        }
        if lowered.elementsEqual("or".utf8) || orPrefixes.contains(where: hasPrefix) { return .or(text()) }
        let number = lowered.prefix(while: isDigit)
        if !number.isEmpty, let next = lowered.dropFirst(number.count).first, next == 0x2E || next == 0x29 {
            return .groupEnd
        }
        if hasPrefix(stepPrefix), let next = lowered.dropFirst(5).first, isDigit(next) { return .groupEnd }
        return .none
    }

    /// Groups of alternatives in a script. `# Option N:` starts an alternative; `# Or …` makes what came
    /// before it (since the block's start or the last group) the first alternative and starts another;
    /// a numbered comment (`# 5. Restart`) closes the group.
    static func alternatives(in lines: [Substring]) -> [Alternative] {
        var result: [Alternative] = []
        var group = -1
        var currentStart: Int?
        var currentLabel = ""
        var segmentStart = 0  // first line not yet claimed by a group
        var inOrAlternative = false

        func close(at end: Int) {
            guard let start = currentStart, end >= start else { return }
            result.append(Alternative(group: group, label: currentLabel, scriptLines: start...end))
            currentStart = nil
        }

        for (index, line) in lines.enumerated() {
            let isBlank = line.utf8.allSatisfy(isBlankByte)
            // An `# Or` alternative is one paragraph: a blank line followed by more text ends the group.
            if inOrAlternative, !isBlank, index > 0, lines[index - 1].utf8.allSatisfy(isBlankByte) {
                if case .or = marker(line) {
                } else {
                    close(at: lastContentLine(lines, before: index))
                    segmentStart = index
                    inOrAlternative = false
                }
            }
            switch marker(line) {
            case .option(let label):
                inOrAlternative = false
                if currentStart == nil { group += 1 } else { close(at: index - 1) }
                currentStart = index
                currentLabel = label
            case .or(let label):
                if currentStart == nil {
                    group += 1
                    let first = firstContentLine(lines, from: segmentStart, before: index)
                    currentStart = first
                    currentLabel = commentLabel(lines, first) ?? "Option 1"
                }
                close(at: index - 1)
                currentStart = index
                currentLabel = label
                inOrAlternative = true
            case .groupEnd:
                inOrAlternative = false
                if currentStart != nil {
                    close(at: lastContentLine(lines, before: index))
                    segmentStart = index
                }
            case .none:
                break
            }
        }
        close(at: lastContentLine(lines, before: lines.count))
        // A lone alternative is no choice at all.
        let counts = Dictionary(grouping: result, by: \.group).mapValues(\.count)
        return result.filter { (counts[$0.group] ?? 0) > 1 }
    }

    private static func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func firstContentLine(_ lines: [Substring], from start: Int, before end: Int) -> Int {
        var index = start
        while index < end, lines[index].utf8.allSatisfy(isBlankByte) { index += 1 }
        return index
    }

    private static func lastContentLine(_ lines: [Substring], before end: Int) -> Int {
        var index = end - 1
        while index > 0, lines[index].utf8.allSatisfy(isBlankByte) { index -= 1 }
        return index
    }

    private static func commentLabel(_ lines: [Substring], _ index: Int) -> String? {
        guard index < lines.count else { return nil }
        let trimmed = lines[index].drop(while: { $0 == " " })
        guard trimmed.hasPrefix("#") else { return nil }
        return String(trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " }))
    }
}
