import ShellAnalysis

/// Splits a shell script into its top-level commands, each runnable on its own.
///
/// A command ends at the end of a line unless a quote, `$(…)`, `(…)`, `{…}`, `if…fi`, `for…done`,
/// `case…esac`, a heredoc, a trailing `\`, `|`, `&&` or `||` carries it on. Blank lines and comment lines
/// between commands are dropped.
///
/// ```swift
/// ScriptSplitter.split("kubectl get pods \\\n  -n prod\n# check\nfor p in a b; do\n  echo $p\ndone")
/// // [lines 0...1, lines 3...5]
/// ```
public enum ScriptSplitter {
    /// One top-level command: its text and its 0-based script lines.
    public struct Unit: Hashable, Sendable {
        /// The command's lines, joined by newlines.
        public var text: String
        /// First and last script line (0-based, inclusive).
        public var lines: ClosedRange<Int>
    }

    /// The top-level commands of `script`, in order.
    public static func split(_ script: String) -> [Unit] {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let attached = heredocLines(ShellParser.parse(script))
        var units: [Unit] = []
        var state = State()
        var start: Int?
        for (index, line) in lines.enumerated() {
            if start == nil || attached[index] == nil {
                let meaningful = state.scan(line)
                if start == nil {
                    guard meaningful else {
                        state = State()
                        continue
                    }
                    start = index
                }
            }
            if state.isComplete && attached[index + 1] == nil, let first = start {
                units.append(makeUnit(lines, first...index))
                start = nil
                state = State()
            }
        }
        if let start { units.append(makeUnit(lines, start...(lines.count - 1))) }
        return units
    }

    private static func makeUnit(_ lines: [[UInt8]], _ range: ClosedRange<Int>) -> Unit {
        var bytes: [UInt8] = []
        for index in range {
            if index > range.lowerBound { bytes.append(0x0A) }
            bytes.append(contentsOf: lines[index])
        }
        return Unit(text: String(decoding: bytes, as: UTF8.self), lines: range)
    }

    /// Heredoc body and delimiter lines, mapped to the line of their `<<` operator.
    private static func heredocLines(_ parse: ShellParse) -> [Int: Int] {
        var attached: [Int: Int] = [:]
        for heredoc in parse.heredocs {
            let bodyEnd = heredoc.body?.upperBound ?? heredoc.operatorLine
            let last = heredoc.isTerminated ? bodyEnd + 1 : bodyEnd
            guard last > heredoc.operatorLine else { continue }
            for line in (heredoc.operatorLine + 1)...last where attached[line] == nil {
                attached[line] = heredoc.operatorLine
            }
        }
        return attached
    }

    /// Quote, bracket and keyword nesting carried from line to line.
    struct State {
        var quote: UInt8?
        var parens = 0
        var keywords = 0
        var cases = 0
        var continues = false

        var isComplete: Bool { quote == nil && parens <= 0 && keywords <= 0 && !continues }

        static let openers: Set<String> = ["if", "for", "while", "until", "case", "select", "{"]
        static let closers: Set<String> = ["fi", "done", "esac", "}"]

        /// Scans one line; returns whether it holds anything but blanks and comments.
        mutating func scan(_ line: [UInt8]) -> Bool {
            var meaningful = quote != nil
            var i = 0
            var atWordStart = true
            var lastSignificant: [UInt8] = []
            continues = false
            while i < line.count {
                let c = line[i]
                if let open = quote {
                    if c == 0x5C && open != 0x27 {
                        i += 2
                        continue
                    }
                    if c == open { quote = nil }
                    i += 1
                    continue
                }
                switch c {
                case 0x20, 0x09:
                    atWordStart = true
                    i += 1
                    continue
                case 0x23 where atWordStart:  // # comment
                    i = line.count
                    continue
                case 0x5C:  // backslash
                    if i == line.count - 1 {
                        continues = true
                        return true
                    }
                    i += 2
                case 0x27, 0x22, 0x60:  // ' " `
                    quote = c
                    i += 1
                case 0x28:  // (
                    parens += 1
                    i += 1
                case 0x29:  // )
                    if parens > 0 { parens -= 1 } else if cases == 0 { parens -= 1 }
                    i += 1
                case 0x3B, 0x26, 0x7C:  // ; & |
                    i += 1
                default:
                    if atWordStart {
                        var j = i
                        while j < line.count, !Self.isDelimiter(line[j]) { j += 1 }
                        let word = String(decoding: line[i..<j], as: UTF8.self)
                        if Self.openers.contains(word) {
                            keywords += 1
                            if word == "case" { cases += 1 }
                        } else if Self.closers.contains(word) {
                            keywords -= 1
                            if word == "esac" { cases = max(0, cases - 1) }
                        }
                        if j > i {
                            meaningful = true
                            lastSignificant = Array(line[i..<j])
                            i = j
                            atWordStart = false
                            continue
                        }
                    }
                    i += 1
                }
                meaningful = true
                atWordStart = Self.isDelimiter(c)
                lastSignificant = [c]
                if c == 0x26 || c == 0x7C, i < line.count, line[i] == c {
                    lastSignificant = [c, c]
                    i += 1
                }
            }
            if quote == nil, let last = lastSignificant.last, last == 0x7C || (lastSignificant == [0x26, 0x26]) {
                continues = true
            }
            return meaningful
        }

        static func isDelimiter(_ c: UInt8) -> Bool {
            c == 0x20 || c == 0x09 || c == 0x3B || c == 0x26 || c == 0x7C || c == 0x28 || c == 0x29 || c == 0x3C
                || c == 0x3E
        }
    }
}
