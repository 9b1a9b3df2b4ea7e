/// The single-pass lexer behind `ShellParser`: walks UTF-8 bytes once, recursing only for
/// substitutions (with a depth cap), and collects commands, variables, heredocs and problems.
struct ShellScanner {
    typealias B = ByteClass

    /// What ends the command list being scanned.
    enum Closer: Equatable {
        case end
        case paren(String)
        case backtick
    }

    /// A heredoc whose `<<` has been seen but whose body starts at the next newline.
    struct PendingHeredoc {
        var delimiter: [UInt8]
        var isQuoted: Bool
        var stripsTabs: Bool
        var ownerID: Int
        var line: Int
        var column: Int
        var operatorText: String
    }

    /// Deeper nesting than this is skipped flatly so that hostile input cannot exhaust the stack.
    static let maxNesting = 48

    let bytes: [UInt8]
    var i = 0
    var end: Int
    var line = 0
    var lineStart = 0
    private var columnCacheLineStart = -1
    private var columnCacheOffset = 0
    private var columnCacheValue = 1

    var commands: [SimpleCommand] = []
    /// Index in `commands` of each finished builder, by builder id (ids count up from 1); -1 for none.
    var ownerIndex: [Int] = []
    var nextBuilderID = 0
    var uses: [VariableReference] = []
    var assigned: Set<String> = []
    var heredocs: [Heredoc] = []
    var functionNames: Set<String> = []
    var problems: [ShellProblem] = []
    var pending: [PendingHeredoc] = []
    var nesting: Int
    var substitution = 0
    var backtickDepth = 0
    var reportedTooDeep = false

    init(bytes: [UInt8], nesting: Int = 0, substitution: Bool = false) {
        self.bytes = bytes
        self.end = bytes.count
        self.nesting = nesting
        self.substitution = substitution ? 1 : 0
    }

    // MARK: Position

    /// Consumes one byte, keeping line bookkeeping right.
    @inline(__always) mutating func advance() {
        if bytes[i] == B.newline {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }

    /// Consumes bytes up to (not including) `target`.
    mutating func advance(to target: Int) {
        let stop = min(target, end)
        while i < stop { advance() }
    }

    @inline(__always) func peek(_ offset: Int = 1) -> UInt8? {
        let j = i + offset
        return j < end ? bytes[j] : nil
    }

    /// 1-based column, in Unicode scalars, of a byte offset on the current line.
    mutating func column(at offset: Int) -> Int {
        guard offset >= lineStart else { return 1 }
        var k = lineStart
        var value = 1
        if columnCacheLineStart == lineStart && offset >= columnCacheOffset {
            k = columnCacheOffset
            value = columnCacheValue
        }
        let stop = min(offset, bytes.count)
        while k < stop {
            if bytes[k] & 0xC0 != 0x80 { value += 1 }
            k += 1
        }
        columnCacheLineStart = lineStart
        columnCacheOffset = stop
        columnCacheValue = value
        return value
    }

    mutating func problem(line: Int, column: Int, _ message: String) {
        problems.append(ShellProblem(line: line, column: column, message: message))
    }

    mutating func reportTooDeep(line: Int, column: Int) {
        guard !reportedTooDeep else { return }
        reportedTooDeep = true
        problem(
            line: line, column: column,
            "nesting is deeper than \(Self.maxNesting) levels; the inner part was not analysed (simplify the command)")
    }

    /// Skips spaces, tabs and line continuations.
    mutating func skipBlanks() {
        while i < end {
            let c = bytes[i]
            if B.isBlank(c) {
                i += 1
            } else if c == B.backslash, peek() == B.newline {
                i += 1
                advance()
            } else {
                return
            }
        }
    }

    /// Skips a `#` comment up to, not including, the newline.
    mutating func skipComment() {
        while i < end && bytes[i] != B.newline { i += 1 }
    }

    /// Whether the bytes at `i` spell `word` followed by a word end.
    func atWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= end else { return false }
        let base = word.utf8Start
        for k in 0..<count where bytes[i + k] != base[k] { return false }
        return i + count == end || B.isMeta(bytes[i + count])
    }

    /// The identifier at `i` (after blanks), if it is followed by a word end; does not consume.
    func peekIdentifier() -> String? {
        var j = i
        while j < end && B.isBlank(bytes[j]) { j += 1 }
        guard j < end, B.isIdentifierStart(bytes[j]) else { return nil }
        let start = j
        while j < end && B.isIdentifier(bytes[j]) { j += 1 }
        guard j == end || B.isMeta(bytes[j]) else { return nil }
        return String(decoding: bytes[start..<j], as: UTF8.self)
    }

    // MARK: Results

    mutating func recordUse(nameStart: Int, nameEnd: Int, dollarLine: Int, dollarColumn: Int) {
        let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
        uses.append(VariableReference(name: name, line: dollarLine, column: dollarColumn))
    }

    /// Runs the whole script and returns the result.
    mutating func run() -> ShellParse {
        parseList(until: .end, openLine: 0, openColumn: 1)
        for heredoc in pending {
            problem(
                line: heredoc.line, column: heredoc.column,
                "heredoc \(heredoc.operatorText) has no body: the script ends on its line; put the body and a closing \(String(decoding: heredoc.delimiter, as: UTF8.self)) line after it"
            )
        }
        pending.removeAll()
        let ordered = commands.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        return ShellParse(
            commands: ordered, variableUses: uses, assignedNames: assigned,
            heredocBodies: heredocs.compactMap(\.body), heredocs: heredocs, functionNames: functionNames,
            problems: problems
        )
    }
}
