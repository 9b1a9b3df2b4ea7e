/// A script as the bash checks see it: line endings normalised, split into lines, with what the
/// batch framing needs to know about it.
struct PreparedScript: Sendable {
    /// The script's lines, without line terminators.
    let lines: [String]
    /// Words that may end a here-document the script opens (`EOF` for `cat <<'EOF'`).
    let heredocDelimiters: [String]
    /// Whether the script may share a parse with others. Scripts that could defeat the framing
    /// (a `case` terminator that closes the frame, a here-document delimiter that cannot be
    /// extracted safely) are parsed on their own.
    let batchable: Bool

    /// Normalises `text`: CRLF becomes LF (runbooks written on Windows are still meant for bash),
    /// NUL bytes are dropped (bash cannot hold them either), a final newline does not add a line.
    init(_ text: String) {
        var normalized = text
        if normalized.contains("\r\n") { normalized = normalized.replacingOccurrences(of: "\r\n", with: "\n") }
        if normalized.contains("\u{0}") { normalized = normalized.replacingOccurrences(of: "\u{0}", with: "") }
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        let (delimiters, complete) = Self.heredocDelimiters(in: lines)
        self.heredocDelimiters = delimiters
        self.batchable = complete && !lines.contains { line in
            line.contains("esac") || line.contains(";;") || line.contains(";&") || line.contains(BashSegment.reservedMarker)
        }
    }

    /// The script as one text, each line newline-terminated.
    var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Candidate here-document delimiters, over-approximated: a `<<` inside a string or an
    /// arithmetic shift adds a harmless extra candidate. `complete` is false when some `<<` is
    /// followed by a word that cannot be used as a plain guard line.
    static func heredocDelimiters(in lines: [String]) -> (delimiters: [String], complete: Bool) {
        var delimiters: [String] = []
        var complete = true
        for line in lines where line.contains("<<") {
            let bytes = Array(line.utf8)
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "<") else {
                    index += 1
                    continue
                }
                var cursor = index + 2
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "<") {
                    // A here-string (`<<<`) has no delimiter.
                    index = cursor + 1
                    continue
                }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") {
                    cursor += 1
                }
                let (word, end) = Self.shellWord(bytes, from: cursor)
                if let word, !word.isEmpty, word.allSatisfy(Self.isPlainDelimiterByte) {
                    let delimiter = String(decoding: word, as: UTF8.self)
                    if !delimiters.contains(delimiter) { delimiters.append(delimiter) }
                } else {
                    complete = false
                }
                index = max(end, index + 2)
            }
        }
        return (delimiters, complete)
    }

    /// Reads one shell word starting at `start` and removes its quoting; nil when the word uses
    /// expansions (`$`, backquotes), whose delimiter text cannot be known without bash.
    private static func shellWord(_ bytes: [UInt8], from start: Int) -> (word: [UInt8]?, end: Int) {
        var word: [UInt8] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"):
                return (word, index)
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard let close = bytes[(index + 1)...].firstIndex(of: byte) else { return (nil, bytes.count) }
                word.append(contentsOf: bytes[(index + 1)..<close])
                index = close + 1
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.count { word.append(bytes[index + 1]) }
                index += 2
            case UInt8(ascii: "$"), UInt8(ascii: "`"):
                return (nil, index + 1)
            default:
                word.append(byte)
                index += 1
            }
        }
        return (word, index)
    }

    private static func isPlainDelimiterByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "+"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "%"),
            UInt8(ascii: "="), UInt8(ascii: ","):
            return true
        default:
            return byte >= 0x80
        }
    }
}
