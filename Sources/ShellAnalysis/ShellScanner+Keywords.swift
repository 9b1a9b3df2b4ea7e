/// Keywords that read ahead: assignments, `for`/`select`, `case` patterns, `function`.
extension ShellScanner {
    /// The name assigned by `NAME=…`, `NAME+=…` or `NAME[i]=…`, judged on the raw text.
    func assignmentName(_ word: ShellWord) -> String? {
        var name: [UInt8] = []
        var iterator = word.raw.utf8.makeIterator()
        guard let first = iterator.next(), B.isIdentifierStart(first) else { return nil }
        name.append(first)
        var bracket = false
        while let c = iterator.next() {
            if bracket {
                if c == B.closeBracket { bracket = false }
                continue
            }
            if B.isIdentifier(c) {
                name.append(c)
            } else if c == B.openBracket {
                bracket = true
            } else if c == B.equals {
                return String(decoding: name, as: UTF8.self)
            } else if c == B.plus {
                return iterator.next() == B.equals ? String(decoding: name, as: UTF8.self) : nil
            } else {
                return nil
            }
        }
        return nil
    }

    /// After `for`/`select`: records the loop variable and reads the `in` list; false if this is no loop.
    mutating func readLoopHeader() -> Bool {
        skipBlanks()
        if i + 1 < end && bytes[i] == B.openParen && bytes[i + 1] == B.openParen {
            let openLine = line
            let openColumn = column(at: i)
            i += 2
            scanArithmetic(openLine: openLine, openColumn: openColumn, opener: "for ((")
            return true
        }
        guard let name = peekIdentifier() else { return false }
        i += name.utf8.count
        assigned.insert(name)
        skipBlanks()
        guard atWord("in") else { return true }
        i += 2
        while true {
            skipBlanks()
            guard i < end else { return true }
            let c = bytes[i]
            if B.isMeta(c) || c == B.hash || (c == B.backtick && backtickDepth > 0) { return true }
            let start = i
            _ = readWord()
            if i == start { return true }
        }
    }

    /// After `case`: reads the subject word and `in`.
    mutating func readCaseHeader() {
        skipBlanks()
        if i < end && !B.isMeta(bytes[i]) {
            _ = readWord()
        }
        skipBlanks()
        if atWord("in") { i += 2 }
    }

    /// After `function`: records the name and skips an optional `()`.
    mutating func readFunctionHeader() {
        skipBlanks()
        guard i < end, !B.isMeta(bytes[i]) else { return }
        let name = readWord()
        functionNames.insert(name.text)
        skipBlanks()
        if i + 1 < end && bytes[i] == B.openParen {
            var j = i + 1
            while j < end && B.isBlank(bytes[j]) { j += 1 }
            if j < end && bytes[j] == B.closeParen { i = j + 1 }
        }
    }

    /// One step in `case` pattern position: skips separators, ends at `esac`, or reads a pattern up to `)`.
    mutating func scanCasePatternStep(_ state: inout ListState, closer: Closer) {
        let c = bytes[i]
        if c == B.newline {
            advance()
            readPendingHeredocs()
            return
        }
        if c == B.hash {
            skipComment()
            return
        }
        if c == B.semicolon {
            i += 1
            return
        }
        if atWord("esac") {
            i += 4
            state.caseDepth -= 1
            state.inCasePattern = false
            return
        }
        if c == B.closeParen, case .paren = closer {
            state.inCasePattern = false
            return
        }
        if c == B.backtick && backtickDepth > 0 {
            state.inCasePattern = false
            return
        }
        state.inCasePattern = false
        if c == B.openParen { i += 1 }
        var depth = 0
        var scratch: [UInt8] = []
        while i < end {
            let b = bytes[i]
            if b == B.closeParen {
                i += 1
                if depth == 0 { return }
                depth -= 1
            } else if b == B.openParen {
                depth += 1
                i += 1
            } else if b == B.newline || (b == B.semicolon && peek() == B.semicolon) {
                return
            } else if b == B.singleQuote {
                readSingleQuoted(into: &scratch)
            } else if b == B.doubleQuote {
                var expansion = false
                readDoubleQuoted(into: &scratch, expansion: &expansion)
            } else if b == B.backslash {
                advance()
                if i < end { advance() }
            } else if b == B.dollar {
                _ = scanDollar(into: &scratch, inDouble: false)
            } else if b == B.backtick {
                if backtickDepth > 0 { return }
                scanBacktick(into: &scratch)
            } else {
                advance()
            }
            scratch.removeAll(keepingCapacity: true)
        }
    }
}
