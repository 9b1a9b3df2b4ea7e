/// The command-list loop: operators, keywords, `case` patterns, subshells and groups.
extension ShellScanner {
    /// A simple command being collected.
    struct CommandBuilder {
        var id: Int
        var words: [ShellWord] = []
        var assignments: [String] = []
        var line = -1
        var column = 0
        var stdinRedirected = false
        var stdinText: String?
        var outputs: [String] = []

        var isEmpty: Bool { words.isEmpty && assignments.isEmpty }

        mutating func markStart(_ word: ShellWord) {
            if line < 0 {
                line = word.line
                column = word.column
            }
        }
    }

    /// Per-list state that does not outlive the list (a `case` inside `$(…)` is local to it).
    struct ListState {
        var parenDepth = 0
        var caseDepth = 0
        var inCasePattern = false
        var inTest = false
    }

    mutating func newBuilder(piped: Bool) -> CommandBuilder {
        nextBuilderID += 1
        var builder = CommandBuilder(id: nextBuilderID)
        builder.stdinRedirected = piped
        return builder
    }

    /// Ends the current command (if any) and starts a new one.
    mutating func reset(_ cmd: inout CommandBuilder, piped: Bool) {
        finish(cmd)
        cmd = newBuilder(piped: piped)
    }

    /// Scans commands until `closer` (consumed) or the end of input.
    mutating func parseList(until closer: Closer, openLine: Int, openColumn: Int) {
        var cmd = newBuilder(piped: false)
        var state = ListState()
        while true {
            skipBlanks()
            guard i < end else {
                finish(cmd)
                switch closer {
                case .end: break
                case .paren(let opener):
                    problem(line: openLine, column: openColumn, "\(opener) is never closed: add the matching )")
                case .backtick:
                    problem(
                        line: openLine, column: openColumn,
                        "backtick substitution is never closed: add the closing ` (or use $(…))")
                }
                return
            }
            let c = bytes[i]
            if state.inCasePattern {
                scanCasePatternStep(&state, closer: closer)
                continue
            }
            if c == B.backtick && backtickDepth > 0 {
                finish(cmd)
                if closer == .backtick {
                    i += 1
                } else if case .paren(let opener) = closer {
                    problem(line: openLine, column: openColumn, "\(opener) is never closed before the closing backtick")
                }
                return
            }
            if state.inTest
                && (c == B.ampersand || c == B.pipe || c == B.less || c == B.greater || c == B.openParen
                    || c == B.closeParen)
            {
                let start = i
                let col = column(at: i)
                i += 1
                if i < end && (bytes[i] == c) && (c == B.ampersand || c == B.pipe) { i += 1 }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                cmd.words.append(
                    ShellWord(text: text, raw: text, line: line, column: col, isQuoted: false, hasExpansion: false))
                continue
            }
            switch c {
            case B.hash:
                skipComment()
            case B.newline:
                state.inTest = false
                if !cmd.isEmpty { reset(&cmd, piped: false) }
                advance()
                readPendingHeredocs()
            case B.semicolon:
                state.inTest = false
                i += 1
                if i < end && (bytes[i] == B.semicolon || bytes[i] == B.ampersand) {
                    if bytes[i] == B.semicolon { i += 1 }
                    if i < end && bytes[i] == B.ampersand { i += 1 }
                    if state.caseDepth > 0 { state.inCasePattern = true }
                }
                reset(&cmd, piped: false)
            case B.ampersand:
                if peek() == B.ampersand {
                    i += 2
                    reset(&cmd, piped: false)
                } else if peek() == B.greater {
                    readRedirection(&cmd, fd: nil)
                } else {
                    i += 1
                    reset(&cmd, piped: false)
                }
            case B.pipe:
                if peek() == B.pipe {
                    i += 2
                    reset(&cmd, piped: false)
                } else {
                    i += peek() == B.ampersand ? 2 : 1
                    reset(&cmd, piped: true)
                }
            case B.openParen:
                openParen(&cmd, &state)
            case B.closeParen:
                if state.parenDepth > 0 {
                    state.parenDepth -= 1
                    i += 1
                    reset(&cmd, piped: false)
                } else if case .paren = closer {
                    finish(cmd)
                    i += 1
                    return
                } else {
                    problem(line: line, column: column(at: i), "unmatched ): there is no ( or $( before it")
                    i += 1
                    reset(&cmd, piped: false)
                }
            case B.less, B.greater:
                if peek() == B.openParen {
                    wordStep(&cmd, &state)
                } else {
                    readRedirection(&cmd, fd: nil)
                }
            default:
                if B.isDigit(c), let fdEnd = fileDescriptorPrefixEnd() {
                    let fd = String(decoding: bytes[i..<fdEnd], as: UTF8.self)
                    i = fdEnd
                    readRedirection(&cmd, fd: fd)
                } else {
                    wordStep(&cmd, &state)
                }
            }
        }
    }

    /// `2>`, `0<`: the end of the digits when a redirection operator follows directly.
    func fileDescriptorPrefixEnd() -> Int? {
        var j = i
        while j < end && B.isDigit(bytes[j]) { j += 1 }
        guard j < end, bytes[j] == B.less || bytes[j] == B.greater, j + 1 >= end || bytes[j + 1] != B.openParen else {
            return nil
        }
        return j
    }

    mutating func openParen(_ cmd: inout CommandBuilder, _ state: inout ListState) {
        if cmd.words.count == 1 && cmd.assignments.isEmpty {
            var j = i + 1
            while j < end && B.isBlank(bytes[j]) { j += 1 }
            if j < end && bytes[j] == B.closeParen {
                functionNames.insert(cmd.words[0].text)
                i = j + 1
                cmd = newBuilder(piped: false)
                return
            }
        }
        if cmd.isEmpty && peek() == B.openParen {
            let openLine = line
            let openColumn = column(at: i)
            i += 2
            scanArithmetic(openLine: openLine, openColumn: openColumn, opener: "((")
            return
        }
        reset(&cmd, piped: false)
        state.parenDepth += 1
        i += 1
    }

    /// Reads one word and files it as keyword, assignment or command word.
    mutating func wordStep(_ cmd: inout CommandBuilder, _ state: inout ListState) {
        let start = i
        let word = readWord()
        if i == start {
            advance()
            return
        }
        let plain = !word.isQuoted && !word.hasExpansion
        if cmd.isEmpty && plain && !state.inTest {
            switch word.text {
            case "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!":
                return
            case "esac":
                if state.caseDepth > 0 { state.caseDepth -= 1 }
                return
            case "for", "select":
                if readLoopHeader() { return }
            case "case":
                readCaseHeader()
                state.caseDepth += 1
                state.inCasePattern = true
                return
            case "function":
                readFunctionHeader()
                return
            case "[[":
                state.inTest = true
            default:
                break
            }
        }
        if cmd.words.isEmpty, let name = assignmentName(word) {
            cmd.assignments.append(name)
            assigned.insert(name)
            cmd.markStart(word)
            return
        }
        cmd.markStart(word)
        cmd.words.append(word)
        if state.inTest && plain && word.text == "]]" { state.inTest = false }
    }
}
