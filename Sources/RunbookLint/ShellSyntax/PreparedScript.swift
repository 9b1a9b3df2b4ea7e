import RunbookModel

/// A script as the bash checks see it: line endings normalised, with what the batch framing
/// needs to know about it. Works on bytes: tens of thousands of scripts pass through here.
struct PreparedScript: Sendable {
    /// The script, each line newline-terminated (empty for an empty script).
    let text: String
    /// Number of lines.
    let lineCount: Int
    /// Words that may end a here-document the script opens (`EOF` for `cat <<'EOF'`).
    let heredocDelimiters: [String]
    /// Whether the script may share a parse with others. Scripts that could defeat the framing
    /// (a here-document delimiter that cannot be extracted safely, the framing's own marker)
    /// are parsed on their own.
    let batchable: Bool
    /// Whether the script uses `case` syntax (`esac`, `;;`, `;&`), which would close a
    /// `case` frame; such scripts get an `if` frame instead.
    let usesCase: Bool
    /// Whether the script has a compound assignment (`name=(…)`): after an error inside one,
    /// `bash -n` goes on parsing, which only a real `bash -n` reproduces.
    let hasCompoundAssignment: Bool

    /// Normalises `source`: CRLF becomes LF (runbooks written on Windows are still meant for
    /// bash), NUL bytes are dropped (bash cannot hold them either), and the last line gets a
    /// newline if it has none.
    init(_ source: String) {
        var bytes = Array(source.utf8)
        if bytes.contains(0) || bytes.contains(Self.carriageReturn) {
            var cleaned: [UInt8] = []
            cleaned.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated() where byte != 0 {
                if byte == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { continue }
                cleaned.append(byte)
            }
            bytes = cleaned
        }
        if let last = bytes.last, last != Self.newline { bytes.append(Self.newline) }
        self.lineCount = bytes.reduce(0) { $1 == Self.newline ? $0 + 1 : $0 }
        self.text = String(decoding: bytes, as: UTF8.self)
        let (delimiters, complete) = Self.heredocDelimiters(in: bytes)
        self.heredocDelimiters = delimiters
        self.batchable = complete && !Self.contains(bytes, Array(BashSegment.reservedMarker.utf8))
        self.usesCase =
            Self.contains(bytes, Array("esac".utf8)) || Self.contains(bytes, Array(";;".utf8))
            || Self.contains(bytes, Array(";&".utf8))
        self.hasCompoundAssignment = Self.contains(bytes, Array("=(".utf8))
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { ByteSearch.contains(haystack, $0) }
        }
    }

    /// Candidate here-document delimiters, over-approximated: a `<<` inside a string or an
    /// arithmetic shift adds a harmless extra candidate. `complete` is false when some `<<` is
    /// followed by a word that cannot be used as a plain guard line.
    static func heredocDelimiters(in bytes: [UInt8]) -> (delimiters: [String], complete: Bool) {
        var delimiters: [String] = []
        var complete = true
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
            let (word, end) = shellWord(bytes, from: cursor)
            if let word, !word.isEmpty, word.allSatisfy(isPlainDelimiterByte) {
                let delimiter = String(decoding: word, as: UTF8.self)
                if !delimiters.contains(delimiter) { delimiters.append(delimiter) }
            } else {
                complete = false
            }
            index = max(end, index + 2)
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
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "&"),
                UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"):
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

    /// Bytes that may appear in a guard line without changing what any quoting state does
    /// with it (no quotes, `$`, backquotes, backslashes, newlines).
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
