/// Word reading: quotes, escapes, continuations and array literals.
extension ShellScanner {
    /// Reads one word starting at `i`; consumes nothing when `i` is at a word end.
    mutating func readWord() -> ShellWord {
        let start = i
        let startLine = line
        let startColumn = column(at: i)
        var text: [UInt8] = []
        // Most words are plain bytes: their text is their raw bytes, copied out only when
        // quoting, escapes or expansions make them differ.
        var plain = true
        var quoted = false
        var expansion = false
        loop: while i < end {
            let c = bytes[i]
            switch c {
            case B.space, B.tab, B.newline, B.semicolon, B.ampersand, B.pipe, B.closeParen:
                break loop
            case B.less, B.greater, B.openParen, B.backtick, B.backslash, B.singleQuote, B.doubleQuote, B.dollar:
                break
            default:
                if !plain { text.append(c) }
                i += 1
                continue loop
            }
            if plain {
                text = Array(bytes[start..<i])
                plain = false
            }
            switch c {
            case B.less, B.greater:
                guard i == start, peek() == B.openParen else { break loop }
                readProcessSubstitution(into: &text)
                expansion = true
            case B.openParen:
                guard isArrayAssignmentPrefix(text, quoted: quoted) else { break loop }
                readArrayLiteral(into: &text)
            case B.backtick:
                if backtickDepth > 0 { break loop }
                scanBacktick(into: &text)
                expansion = true
            case B.backslash:
                quoted = true
                if peek() == B.newline {
                    i += 1
                    advance()
                } else if i + 1 < end {
                    i += 1
                    text.append(bytes[i])
                    advance()
                } else {
                    text.append(c)
                    i += 1
                }
            case B.singleQuote:
                quoted = true
                readSingleQuoted(into: &text)
            case B.doubleQuote:
                quoted = true
                readDoubleQuoted(into: &text, expansion: &expansion)
            case B.dollar:
                if peek() == B.singleQuote {
                    quoted = true
                    i += 1
                    readAnsiCQuoted(into: &text)
                } else if peek() == B.doubleQuote {
                    quoted = true
                    i += 1
                    readDoubleQuoted(into: &text, expansion: &expansion)
                } else if scanDollar(into: &text, inDouble: false) {
                    expansion = true
                }
            default:
                text.append(c)
                i += 1
            }
        }
        let raw = String(decoding: bytes[start..<i], as: UTF8.self)
        return ShellWord(
            text: plain ? raw : String(decoding: text, as: UTF8.self), raw: raw,
            line: startLine, column: startColumn, isQuoted: quoted, hasExpansion: expansion
        )
    }

    /// `'…'`: everything literal up to the next quote.
    mutating func readSingleQuoted(into text: inout [UInt8]) {
        let openLine = line
        let openColumn = column(at: i)
        i += 1
        var j = i
        while j < end && bytes[j] != B.singleQuote { j += 1 }
        text.append(contentsOf: bytes[i..<j])
        advance(to: j)
        if i < end {
            i += 1
        } else {
            problem(line: openLine, column: openColumn, "single quote is never closed: add the closing '")
        }
    }

    /// `$'…'`: ANSI-C quoting; common escapes resolved, the rest kept.
    mutating func readAnsiCQuoted(into text: inout [UInt8]) {
        let openLine = line
        let openColumn = column(at: i)
        i += 1
        while i < end {
            let c = bytes[i]
            if c == B.singleQuote {
                i += 1
                return
            }
            if c == B.backslash, i + 1 < end {
                let n = bytes[i + 1]
                switch n {
                case 0x6E: text.append(B.newline)
                case 0x74: text.append(B.tab)
                case 0x72: text.append(B.carriageReturn)
                case 0x65, 0x45: text.append(0x1B)
                case B.backslash, B.singleQuote, B.doubleQuote, 0x3F: text.append(n)
                default: text.append(contentsOf: [c, n])
                }
                i += 1
                advance()
                continue
            }
            text.append(c)
            advance()
        }
        problem(line: openLine, column: openColumn, "$' quote is never closed: add the closing '")
    }

    /// `"…"`: expansions and backticks recognised, only `\$ \` \" \\` and `\newline` are escapes.
    mutating func readDoubleQuoted(into text: inout [UInt8], expansion: inout Bool) {
        let openLine = line
        let openColumn = column(at: i)
        i += 1
        while i < end {
            let c = bytes[i]
            switch c {
            case B.doubleQuote:
                i += 1
                return
            case B.backslash:
                guard let n = peek() else {
                    text.append(c)
                    i += 1
                    continue
                }
                if n == B.newline {
                    i += 1
                    advance()
                } else if n == B.dollar || n == B.backtick || n == B.doubleQuote || n == B.backslash {
                    text.append(n)
                    i += 2
                } else {
                    text.append(c)
                    i += 1
                }
            case B.dollar:
                if scanDollar(into: &text, inDouble: true) { expansion = true }
            case B.backtick:
                if backtickDepth > 0 { return }
                scanBacktick(into: &text)
                expansion = true
            default:
                text.append(c)
                advance()
            }
        }
        problem(line: openLine, column: openColumn, "double quote is never closed: add the closing \"")
    }

    /// Whether `text` so far is `NAME=` or `NAME+=` (unquoted), so that `(` opens an array.
    func isArrayAssignmentPrefix(_ text: [UInt8], quoted: Bool) -> Bool {
        guard !quoted, let last = text.last, last == B.equals, let first = text.first, B.isIdentifierStart(first) else {
            return false
        }
        var body = text.dropLast()
        if body.last == B.plus { body = body.dropLast() }
        return !body.isEmpty && body.allSatisfy(B.isIdentifier)
    }

    /// `NAME=(a "b" $c)`: reads the elements as words so their variables are seen.
    mutating func readArrayLiteral(into text: inout [UInt8]) {
        let openLine = line
        let openColumn = column(at: i)
        guard nesting < Self.maxNesting else {
            reportTooDeep(line: openLine, column: openColumn)
            skipBalanced(open: B.openParen, close: B.closeParen, into: &text)
            return
        }
        nesting += 1
        defer { nesting -= 1 }
        text.append(B.openParen)
        i += 1
        while i < end {
            let c = bytes[i]
            if B.isBlank(c) || c == B.newline {
                advance()
                continue
            }
            if c == B.closeParen {
                text.append(c)
                i += 1
                return
            }
            if c == B.hash {
                skipComment()
                continue
            }
            let start = i
            let element = readWord()
            text.append(contentsOf: element.text.utf8)
            text.append(B.space)
            if i == start { advance() }
        }
        problem(line: openLine, column: openColumn, "array ( is never closed: add the matching )")
    }

    /// Skips a balanced `open … close` run without analysing it (used past the nesting cap).
    mutating func skipBalanced(open: UInt8, close: UInt8, into text: inout [UInt8]) {
        let start = i
        var depth = 0
        while i < end {
            let c = bytes[i]
            if c == B.backslash {
                advance()
                if i < end { advance() }
                continue
            }
            if c == open {
                depth += 1
            } else if c == close {
                depth -= 1
                if depth <= 0 {
                    i += 1
                    break
                }
            }
            advance()
        }
        text.append(contentsOf: bytes[start..<i])
    }
}
