import Foundation

/// Byte-level checks that keep binary and non-UTF-8 files away from the YAML parser, with the
/// line of the first bad byte.
enum TextCheck {
    struct Problem: Error {
        let line: Int
        let message: String
    }

    /// The file's text without a byte-order mark, or where it stops being UTF-8 text.
    static func decode(_ data: Data) -> Result<String, Problem> {
        let hasNUL = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        if !hasNUL, var text = String(data: data, encoding: .utf8) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return .success(text)
        }
        // Slow path, only for bad input: find the first bad byte and its line.
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == 0 { return .failure(Problem(line: line, message: "binary data (a NUL byte)")) }
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                return .failure(
                    Problem(line: line, message: "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))"))
            }
            index += length
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            return .failure(Problem(line: 1, message: "invalid UTF-8"))
        }
        return .success(text)
    }

    /// Length of the well-formed UTF-8 sequence starting at `index`, or 0 when it is malformed
    /// (bad lead byte, missing continuation, overlong form, surrogate, beyond U+10FFFF).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (min, max) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= min, byte <= max else { return 0 }
        }
        return length
    }

    /// Line `number` (1-based) of `text`.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        var index = start
        while index < text.utf8.endIndex {
            if text.utf8[index] == UInt8(ascii: "\n") {
                if current == number { return Substring(text.utf8[start..<index]) }
                current += 1
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        return current == number ? Substring(text.utf8[start..<index]) : nil
    }

    /// 1-based line of the character at `offset`.
    static func lineNumber(ofCharacterOffset offset: Int, in text: String) -> Int {
        1 + text.prefix(max(0, offset)).reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
    }
}
