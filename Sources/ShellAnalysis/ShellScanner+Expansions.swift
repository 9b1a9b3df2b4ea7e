/// Expansions: `$NAME`, `${…}`, `$(…)`, `$((…))`, backticks and process substitution.
extension ShellScanner {
    /// Scans from a `$`; appends its raw text to `text`. Returns whether it was an expansion.
    mutating func scanDollar(into text: inout [UInt8], inDouble: Bool) -> Bool {
        let start = i
        let dollarLine = line
        let dollarColumn = column(at: i)
        guard let n = peek() else {
            text.append(B.dollar)
            i += 1
            return false
        }
        if n == B.openParen || n == B.openBrace {
            guard nesting < Self.maxNesting else {
                reportTooDeep(line: dollarLine, column: dollarColumn)
                skipBalanced(open: n, close: n == B.openParen ? B.closeParen : B.closeBrace, into: &text)
                return true
            }
            nesting += 1
            defer { nesting -= 1 }
            if n == B.openParen {
                if peek(2) == B.openParen {
                    i += 3
                    scanArithmetic(openLine: dollarLine, openColumn: dollarColumn, opener: "$((")
                } else {
                    i += 2
                    substitution += 1
                    parseList(until: .paren("$("), openLine: dollarLine, openColumn: dollarColumn)
                    substitution -= 1
                }
            } else {
                i += 2
                scanBraceParameter(inDouble: inDouble, dollarLine: dollarLine, dollarColumn: dollarColumn)
            }
            text.append(contentsOf: bytes[start..<i])
            return true
        }
        if B.isIdentifierStart(n) {
            var j = i + 1
            while j < end && B.isIdentifier(bytes[j]) { j += 1 }
            recordUse(nameStart: i + 1, nameEnd: j, dollarLine: dollarLine, dollarColumn: dollarColumn)
            text.append(contentsOf: bytes[start..<j])
            i = j
            return true
        }
        if B.isSpecialParameter(n) {
            text.append(contentsOf: bytes[i..<(i + 2)])
            i += 2
            return true
        }
        text.append(B.dollar)
        i += 1
        return false
    }

    /// After `${`: the parameter name, then the operator word up to the matching `}`.
    mutating func scanBraceParameter(inDouble: Bool, dollarLine: Int, dollarColumn: Int) {
        if i < end && (bytes[i] == B.hash || bytes[i] == B.exclamation), let n = peek(), B.isIdentifierStart(n) {
            i += 1
        }
        if i < end && B.isIdentifierStart(bytes[i]) {
            let nameStart = i
            while i < end && B.isIdentifier(bytes[i]) { i += 1 }
            recordUse(nameStart: nameStart, nameEnd: i, dollarLine: dollarLine, dollarColumn: dollarColumn)
            let assigns =
                (i < end && bytes[i] == B.equals) || (i + 1 < end && bytes[i] == B.colon && bytes[i + 1] == B.equals)
            if assigns { assigned.insert(String(decoding: bytes[nameStart..<i], as: UTF8.self)) }
        } else if i < end && bytes[i] != B.closeBrace && bytes[i] != B.newline {
            i += 1
        }
        var scratch: [UInt8] = []
        var depth = 0
        while i < end {
            let c = bytes[i]
            switch c {
            case B.closeBrace:
                i += 1
                if depth == 0 { return }
                depth -= 1
            case B.openBrace:
                depth += 1
                i += 1
            case B.backslash:
                advance()
                if i < end { advance() }
            case B.singleQuote where !inDouble:
                readSingleQuoted(into: &scratch)
            case B.doubleQuote:
                var expansion = false
                readDoubleQuoted(into: &scratch, expansion: &expansion)
            case B.dollar:
                _ = scanDollar(into: &scratch, inDouble: inDouble)
            case B.backtick:
                if backtickDepth > 0 { return }
                scanBacktick(into: &scratch)
            default:
                advance()
            }
            scratch.removeAll(keepingCapacity: true)
        }
        problem(line: dollarLine, column: dollarColumn, "${ is never closed: add the matching }")
    }

    /// After `$((`, `((` or `for ((`: scans to the matching `))`; only `$` expansions matter inside.
    mutating func scanArithmetic(openLine: Int, openColumn: Int, opener: String) {
        var depth = 2
        var scratch: [UInt8] = []
        while i < end {
            let c = bytes[i]
            switch c {
            case B.openParen:
                depth += 1
                i += 1
            case B.closeParen:
                depth -= 1
                i += 1
                if depth <= 0 { return }
            case B.dollar:
                _ = scanDollar(into: &scratch, inDouble: true)
            case B.backtick:
                if backtickDepth > 0 { return }
                scanBacktick(into: &scratch)
            case B.backslash:
                advance()
                if i < end { advance() }
            case B.singleQuote:
                readSingleQuoted(into: &scratch)
            case B.doubleQuote:
                var expansion = false
                readDoubleQuoted(into: &scratch, expansion: &expansion)
            default:
                advance()
            }
            scratch.removeAll(keepingCapacity: true)
        }
        problem(line: openLine, column: openColumn, "\(opener) arithmetic is never closed: add the matching ))")
    }

    /// `` `…` ``: the old-style command substitution.
    mutating func scanBacktick(into text: inout [UInt8]) {
        let start = i
        let openLine = line
        let openColumn = column(at: i)
        guard nesting < Self.maxNesting else {
            reportTooDeep(line: openLine, column: openColumn)
            advance()
            while i < end && bytes[i] != B.backtick { advance() }
            if i < end { i += 1 }
            text.append(contentsOf: bytes[start..<i])
            return
        }
        nesting += 1
        backtickDepth += 1
        substitution += 1
        i += 1
        parseList(until: .backtick, openLine: openLine, openColumn: openColumn)
        substitution -= 1
        backtickDepth -= 1
        nesting -= 1
        text.append(contentsOf: bytes[start..<i])
    }

    /// `<(…)` / `>(…)`.
    mutating func readProcessSubstitution(into text: inout [UInt8]) {
        let start = i
        let openLine = line
        let openColumn = column(at: i)
        guard nesting < Self.maxNesting else {
            reportTooDeep(line: openLine, column: openColumn)
            skipBalanced(open: B.openParen, close: B.closeParen, into: &text)
            return
        }
        let opener = bytes[i] == B.less ? "<(" : ">("
        nesting += 1
        substitution += 1
        i += 2
        parseList(until: .paren(opener), openLine: openLine, openColumn: openColumn)
        substitution -= 1
        nesting -= 1
        text.append(contentsOf: bytes[start..<i])
    }

    /// Scans `[i, end)` for expansions only, as in an unquoted heredoc body.
    mutating func scanExpansionsOnly() {
        var scratch: [UInt8] = []
        while i < end {
            let c = bytes[i]
            if c == B.backslash {
                advance()
                if i < end { advance() }
            } else if c == B.dollar {
                _ = scanDollar(into: &scratch, inDouble: true)
            } else if c == B.backtick && backtickDepth == 0 {
                scanBacktick(into: &scratch)
            } else {
                advance()
            }
            scratch.removeAll(keepingCapacity: true)
        }
    }
}
