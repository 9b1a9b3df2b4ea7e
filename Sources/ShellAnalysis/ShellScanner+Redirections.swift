/// Redirections, here-strings and heredoc bodies.
extension ShellScanner {
    /// At `<`, `>` or `&>` (after an optional fd): reads the operator and its target word.
    mutating func readRedirection(_ cmd: inout CommandBuilder, fd: String?) {
        let opLine = line
        let opColumn = column(at: i)
        let opStart = i
        let affectsStdin = fd == nil || fd == "0"
        var isHeredoc = false
        var isHereString = false
        var stripsTabs = false
        var writes = false
        if bytes[i] == B.less {
            i += 1
            if peek(0) == B.less {
                i += 1
                if peek(0) == B.less {
                    i += 1
                    isHereString = true
                } else {
                    isHeredoc = true
                    if peek(0) == B.minus {
                        i += 1
                        stripsTabs = true
                    }
                }
            } else if peek(0) == B.greater || peek(0) == B.ampersand {
                writes = peek(0) == B.greater
                i += 1
            }
            if affectsStdin { cmd.stdinRedirected = true }
        } else if bytes[i] == B.ampersand {
            writes = true
            i += 2
            if peek(0) == B.greater { i += 1 }
        } else {
            i += 1
            writes = peek(0) != B.ampersand
            if let n = peek(0), n == B.greater || n == B.pipe || n == B.ampersand { i += 1 }
        }
        skipBlanks()
        guard i < end, !B.isMeta(bytes[i]) || ((bytes[i] == B.less || bytes[i] == B.greater) && peek() == B.openParen)
        else {
            return
        }
        let target = readWord()
        if writes && !target.text.isEmpty { cmd.outputs.append(target.text) }
        if isHereString && affectsStdin {
            cmd.stdinText = target.text
        }
        if isHeredoc {
            pending.append(
                PendingHeredoc(
                    delimiter: Array(target.text.utf8), isQuoted: target.isQuoted, stripsTabs: stripsTabs,
                    ownerID: cmd.id, line: opLine, column: opColumn,
                    operatorText: String(decoding: bytes[opStart..<i], as: UTF8.self)
                )
            )
        }
    }

    /// Called just after a newline token: reads the bodies of heredocs opened on the line before.
    mutating func readPendingHeredocs() {
        guard !pending.isEmpty else { return }
        let list = pending
        pending.removeAll()
        for heredoc in list { readHeredocBody(heredoc) }
    }

    private func lineMatches(_ start: Int, _ stop: Int, _ delimiter: [UInt8], loose: Bool) -> Bool {
        var s = start
        var e = stop
        if e > s && bytes[e - 1] == B.carriageReturn { e -= 1 }
        if loose {
            while s < e && B.isBlank(bytes[s]) { s += 1 }
            while e > s && B.isBlank(bytes[e - 1]) { e -= 1 }
        }
        guard e - s == delimiter.count else { return false }
        var k = 0
        while k < delimiter.count {
            if bytes[s + k] != delimiter[k] { return false }
            k += 1
        }
        return true
    }

    mutating func readHeredocBody(_ heredoc: PendingHeredoc) {
        let bodyStart = i
        let bodyStartLine = line
        var bodyEnd = end
        var lastBodyLine = line - 1
        var terminated = false
        while i < end {
            let lineBegin = i
            var lineStop = i
            while lineStop < end && bytes[lineStop] != B.newline { lineStop += 1 }
            var contentStart = lineBegin
            if heredoc.stripsTabs {
                while contentStart < lineStop && bytes[contentStart] == B.tab { contentStart += 1 }
            }
            let exact = lineMatches(contentStart, lineStop, heredoc.delimiter, loose: false)
            if exact || lineMatches(contentStart, lineStop, heredoc.delimiter, loose: true) {
                if !exact {
                    problem(
                        line: line, column: 1,
                        "heredoc delimiter line has extra spaces; bash ends the heredoc only at a line that is exactly \(String(decoding: heredoc.delimiter, as: UTF8.self)) (use <<- with tab indentation, or remove the spaces)"
                    )
                }
                bodyEnd = lineBegin
                terminated = true
                i = lineStop
                if i < end { advance() }
                break
            }
            lastBodyLine = line
            i = lineStop
            if i < end { advance() }
        }
        if !terminated {
            problem(
                line: heredoc.line, column: heredoc.column,
                "heredoc \(heredoc.operatorText) is never terminated: add a line containing only \(String(decoding: heredoc.delimiter, as: UTF8.self))"
            )
        }
        let body: ClosedRange<Int>? = lastBodyLine >= bodyStartLine ? bodyStartLine...lastBodyLine : nil
        heredocs.append(
            Heredoc(
                delimiter: String(decoding: heredoc.delimiter, as: UTF8.self), isQuoted: heredoc.isQuoted,
                stripsTabs: heredoc.stripsTabs, operatorLine: heredoc.line, body: body, isTerminated: terminated
            )
        )
        var textEnd = bodyEnd
        if textEnd > bodyStart && bytes[textEnd - 1] == B.newline { textEnd -= 1 }
        if heredoc.ownerID >= 0, heredoc.ownerID < ownerIndex.count, case let index = ownerIndex[heredoc.ownerID],
            index >= 0,
            commands[index].stdinText == nil
        {
            commands[index].stdinText = String(decoding: bytes[bodyStart..<max(bodyStart, textEnd)], as: UTF8.self)
        }
        if !heredoc.isQuoted && bodyEnd > bodyStart {
            let resume = (i, line, lineStart, end)
            i = bodyStart
            line = bodyStartLine
            lineStart = bodyStart
            end = bodyEnd
            scanExpansionsOnly()
            (i, line, lineStart, end) = resume
        }
    }
}
