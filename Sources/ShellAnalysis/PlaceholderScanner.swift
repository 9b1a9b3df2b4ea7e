/// The quote-aware byte scanner behind `Placeholders`.
struct PlaceholderScanner {
    typealias B = ByteClass

    struct Found {
        var placeholder: Placeholder
        var range: Range<Int>
        /// nil when the placeholder sits where a reference would not expand (single quotes).
        var replacement: String?
    }

    private enum Context {
        case command(depth: Int)
        case double
        case single
        case ansi
    }

    /// How a line inside a heredoc body treats its text.
    private enum HeredocLine {
        case expanding
        case literal
    }

    private let bytes: [UInt8]
    private let heredocLines: [Int: HeredocLine]
    private static let markers: Set<String> = ["REPLACE_ME", "REPLACEME", "CHANGE_ME", "CHANGEME"]
    /// Angle-bracket words that tools print as values (`kubectl get` shows `<none>`), not placeholders.
    private static let printedValues: Set<String> = [
        "none", "nil", "unknown", "pending", "invalid", "unset", "empty", "missing",
    ]
    /// Go template actions: `{{range .items}}` is a real template, not a value to fill in.
    private static let templateActions: Set<String> = [
        "range", "if", "else", "end", "with", "define", "template", "block", "break", "continue",
    ]

    init(_ script: String) { self.init(script, heredocs: ShellParser.parse(script).heredocs) }

    /// A scanner for `script` whose heredocs (from `ShellParser.parse(script)`) are already known.
    init(_ script: String, heredocs: [Heredoc]) {
        bytes = Array(script.utf8)
        var lines: [Int: HeredocLine] = [:]
        for heredoc in heredocs {
            guard let body = heredoc.body else { continue }
            for line in body { lines[line] = heredoc.isQuoted ? .literal : .expanding }
        }
        heredocLines = lines
    }

    func scan() -> [Found] {
        var found: [Found] = []
        var stack: [Context] = [.command(depth: 0)]
        var i = 0
        var line = 0
        var lineStart = 0
        var columnCache = (offset: 0, column: 1)
        func column(_ offset: Int) -> Int {
            var k = columnCache.offset >= lineStart && columnCache.offset <= offset ? columnCache.offset : lineStart
            var value = k == columnCache.offset ? columnCache.column : 1
            while k < offset {
                if bytes[k] & 0xC0 != 0x80 { value += 1 }
                k += 1
            }
            columnCache = (offset, value)
            return value
        }
        func record(_ hit: (kind: Placeholder.Kind, end: Int, variable: String), at start: Int, quoting: String?) {
            let text = String(decoding: bytes[start..<hit.end], as: UTF8.self)
            let placeholder = Placeholder(
                text: text, variable: hit.variable, line: line, column: column(start), kind: hit.kind)
            let replacement = quoting.map { $0 == "\"" ? "\"${\(hit.variable)}\"" : "${\(hit.variable)}" }
            found.append(Found(placeholder: placeholder, range: start..<hit.end, replacement: replacement))
        }
        var atLineStart = true
        while i < bytes.count {
            if atLineStart {
                atLineStart = false
                if let mode = heredocLines[line] {
                    var j = i
                    while j < bytes.count && bytes[j] != B.newline {
                        if let hit = detect(at: j) {
                            record(hit, at: j, quoting: mode == .expanding ? "" : nil)
                            j = hit.end
                        } else {
                            j = skipped(j)
                        }
                    }
                    i = j
                    continue
                }
            }
            let c = bytes[i]
            if c == B.newline {
                i += 1
                line += 1
                lineStart = i
                atLineStart = true
                continue
            }
            guard let top = stack.last else { break }
            switch top {
            case .single:
                if c == B.singleQuote {
                    stack.removeLast()
                    i += 1
                } else if let hit = detect(at: i) {
                    record(hit, at: i, quoting: nil)
                    i = hit.end
                } else {
                    i = skipped(i)
                }
            case .ansi:
                if c == B.backslash {
                    i += i + 1 < bytes.count && bytes[i + 1] != B.newline ? 2 : 1
                } else if c == B.singleQuote {
                    stack.removeLast()
                    i += 1
                } else if let hit = detect(at: i) {
                    record(hit, at: i, quoting: nil)
                    i = hit.end
                } else {
                    i = skipped(i)
                }
            case .double:
                if c == B.backslash {
                    i += i + 1 < bytes.count && bytes[i + 1] != B.newline ? 2 : 1
                } else if c == B.doubleQuote {
                    stack.removeLast()
                    i += 1
                } else if c == B.dollar && i + 1 < bytes.count && bytes[i + 1] == B.openParen {
                    stack.append(.command(depth: 0))
                    i += 2
                } else if let hit = detect(at: i) {
                    record(hit, at: i, quoting: "")
                    i = hit.end
                } else {
                    i = skipped(i)
                }
            case .command(let depth):
                let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                if c == B.backslash {
                    i += next != nil && next != B.newline ? 2 : 1
                } else if c == B.singleQuote {
                    stack.append(.single)
                    i += 1
                } else if c == B.doubleQuote {
                    stack.append(.double)
                    i += 1
                } else if c == B.dollar && next == B.singleQuote {
                    stack.append(.ansi)
                    i += 2
                } else if c == B.dollar && next == B.doubleQuote {
                    stack.append(.double)
                    i += 2
                } else if c == B.dollar && next == B.openParen {
                    stack.append(.command(depth: 0))
                    i += 2
                } else if c == B.hash && isWordStart(i) {
                    while i < bytes.count && bytes[i] != B.newline { i += 1 }
                } else if c == B.openParen {
                    stack[stack.count - 1] = .command(depth: depth + 1)
                    i += 1
                } else if c == B.closeParen {
                    if depth == 0 && stack.count > 1 {
                        stack.removeLast()
                    } else {
                        stack[stack.count - 1] = .command(depth: max(0, depth - 1))
                    }
                    i += 1
                } else if let hit = detect(at: i) {
                    record(hit, at: i, quoting: "\"")
                    i = hit.end
                } else {
                    i = skipped(i)
                }
            }
        }
        return found
    }

    /// Where to look next when no placeholder starts at `i`: past the rest of an identifier run,
    /// inside which none can start (each needs a boundary before it).
    private func skipped(_ i: Int) -> Int {
        var j = i + 1
        if B.isIdentifier(bytes[i]) {
            while j < bytes.count && B.isIdentifier(bytes[j]) { j += 1 }
        }
        return j
    }

    private func isWordStart(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = bytes[i - 1]
        return B.isBlank(p) || p == B.newline || p == B.semicolon || p == B.ampersand || p == B.pipe
            || p == B.openParen || p == B.closeParen || p == B.openBrace
    }

    /// A placeholder starting exactly at `i`, if there is one.
    private func detect(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        let c = bytes[i]
        if c == B.less { return detectAngle(at: i) }
        if c == B.openBrace || c == B.dollar { return detectTemplate(at: i) }
        if B.isAlphanumeric(c) { return detectWord(at: i) }
        return nil
    }

    private func byte(_ j: Int) -> UInt8? { j >= 0 && j < bytes.count ? bytes[j] : nil }

    private func detectAngle(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        guard byte(i - 1) != B.less, let first = byte(i + 1), first != B.less, first != B.openParen else { return nil }
        if first == B.dot && byte(i + 2) == B.dot && byte(i + 3) == B.dot && byte(i + 4) == B.greater {
            return (.marker, i + 5, "VALUE")
        }
        guard B.isLetter(first) else { return nil }
        var j = i + 2
        while let c = byte(j), B.isIdentifier(c) || c == B.dot || c == B.minus { j += 1 }
        guard byte(j) == B.greater else { return nil }
        if Self.printedValues.contains(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)) { return nil }
        return (.angle, j + 1, Placeholders.variableName(bytes[(i + 1)..<j]))
    }

    private func detectTemplate(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        var open = i
        if bytes[i] == B.dollar {
            guard byte(i + 1) == B.openBrace, byte(i + 2) == B.openBrace else { return nil }
            open = i + 1
        }
        guard byte(open + 1) == B.openBrace, byte(i - 1) != B.openBrace else { return nil }
        var j = open + 2
        while j + 1 < bytes.count && bytes[j] != B.newline
            && !(bytes[j] == B.closeBrace && bytes[j + 1] == B.closeBrace)
        { j += 1 }
        guard j + 1 < bytes.count, bytes[j] == B.closeBrace, bytes[j + 1] == B.closeBrace else { return nil }
        var k = open + 2
        while k < j && (B.isBlank(bytes[k]) || bytes[k] == B.minus) { k += 1 }
        var tokenEnd = k
        while tokenEnd < j && !B.isBlank(bytes[tokenEnd]) && bytes[tokenEnd] != B.pipe
            && bytes[tokenEnd] != B.closeBrace
        { tokenEnd += 1 }
        // Alert templates read `$labels.x`, `$value` or `.Labels.x`; lower-case `.metadata.name`
        // and actions like `range` belong to real templates (`kubectl -o go-template=…`).
        guard k < tokenEnd else { return nil }
        if bytes[k] == B.dot {
            guard let initial = byte(k + 1), B.isUpper(initial) else { return nil }
        } else if bytes[k] != B.dollar {
            return nil
        }
        var segmentStart = k
        for m in k..<tokenEnd where bytes[m] == B.dot || bytes[m] == B.dollar { segmentStart = m + 1 }
        let segment = bytes[segmentStart..<tokenEnd].filter { B.isIdentifier($0) || $0 == B.minus }
        guard !segment.isEmpty else { return nil }
        return (.template, j + 2, Placeholders.variableName(segment))
    }

    private func detectWord(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        if let p = byte(i - 1), B.isIdentifier(p) || p == B.dollar { return nil }
        if byte(i - 1) == B.openBrace && byte(i - 2) == B.dollar { return nil }
        var j = i
        while let c = byte(j), B.isIdentifier(c) { j += 1 }
        let word = bytes[i..<j]
        let atAssignment = byte(j) == B.equals && (i == 0 || isWordStart(i) || byte(i - 1) == B.space)
        if word.count > 5, word.starts(with: "YOUR_".utf8),
            word.allSatisfy({ B.isUpper($0) || B.isDigit($0) || $0 == B.underscore })
        {
            return atAssignment ? nil : (.yourPrefix, j, String(decoding: word, as: UTF8.self))
        }
        if byte(i - 1) != B.minus, let dashed = detectYourHere(at: i) { return dashed }
        if let run = detectXRun(at: i) { return run }
        // Every marker is 8 to 10 bytes and starts with C or R: most words are ruled out without a String.
        guard byte(j) != B.minus, (8...10).contains(word.count), word.first == 0x43 || word.first == 0x52 else {
            return nil
        }
        let text = String(decoding: word, as: UTF8.self)
        if Self.markers.contains(text) {
            return atAssignment ? nil : (.marker, j, text)
        }
        return nil
    }

    /// `xxx`, `XXXXX`, `xxxx-xxxx`: a whole word of x's (one case), dashes allowed between runs.
    private func detectXRun(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        let x = bytes[i]
        guard x == 0x78 || x == 0x58 else { return nil }
        var j = i
        var letters = 0
        while let c = byte(j), c == x || (c == B.minus && byte(j + 1) == x && letters > 0) {
            if c == x { letters += 1 }
            j += 1
        }
        guard letters >= 3, byte(j).map({ !B.isIdentifier($0) }) ?? true else { return nil }
        return (.marker, j, Placeholders.variableName(bytes[i..<j]))
    }

    /// `your-api-key-here` / `your_token_here`, any case.
    private func detectYourHere(at i: Int) -> (kind: Placeholder.Kind, end: Int, variable: String)? {
        guard let y = byte(i), y | 0x20 == 0x79, byte(i + 1).map({ $0 | 0x20 }) == 0x6F,
            byte(i + 2).map({ $0 | 0x20 }) == 0x75,
            byte(i + 3).map({ $0 | 0x20 }) == 0x72, let sep = byte(i + 4), sep == B.minus || sep == B.underscore
        else { return nil }
        var j = i + 5
        while let c = byte(j), B.isIdentifier(c) || c == B.minus { j += 1 }
        let lower = bytes[i..<j].map { B.isUpper($0) ? $0 | 0x20 : $0 }
        guard lower.count > 9,
            lower.suffix(5).elementsEqual("-here".utf8) || lower.suffix(5).elementsEqual("_here".utf8)
        else { return nil }
        return (.yourPrefix, j, Placeholders.variableName(bytes[i..<j]))
    }
}
