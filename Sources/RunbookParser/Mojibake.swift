import Foundation
import RunbookModel

/// Detection and repair of double-encoded UTF-8: text whose UTF-8 bytes were decoded as Windows-1252
/// (or Latin-1) and saved again as UTF-8, so that `✅` reads `âœ…` and `🚀` reads `ðŸš€`.
public enum Mojibake {
    /// Windows-1252 bytes 0x80–0x9F as Unicode; the five undefined ones decode as C1 controls in Latin-1.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]
    private static let reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (offset, scalar) in cp1252High.enumerated() { map[scalar] = UInt8(0x80 + offset) }
        for byte in 0x80...0x9F where map[UInt32(byte)] == nil { map[UInt32(byte)] = UInt8(byte) }
        return map
    }()

    /// The byte a character stood for before it was mis-decoded, if it is one Windows-1252 or Latin-1 can produce.
    private static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value >= 0xA0 && value <= 0xFF { return UInt8(value) }
        return reverse[value]
    }

    /// Finds mis-decoded sequences in `scalars` starting at `index`: returns the length in scalars and the
    /// repaired text, or nil.
    private static func match(_ scalars: [Unicode.Scalar], at index: Int) -> (length: Int, repaired: String)? {
        guard let lead = byte(for: scalars[index]) else { return nil }
        let needed: Int
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0...0xEF: needed = 2
        case 0xF0...0xF4: needed = 3
        default: return nil
        }
        guard index + needed < scalars.count else { return nil }
        var bytes = [lead]
        for offset in 1...needed {
            guard let next = byte(for: scalars[index + offset]), next & 0xC0 == 0x80 else { return nil }
            bytes.append(next)
        }
        guard SourceText.firstInvalidUTF8(bytes[...]) == nil else { return nil }
        // "Ã©" style two-byte pairs are common in real accented text too; only flag pairs whose second
        // character is itself unusual (a C1/Windows-1252 punctuation, not a letter).
        if needed == 1, let second = byte(for: scalars[index + 1]), second >= 0xA0,
            Character(scalars[index + 1]).isLetter
        {
            return nil
        }
        return (needed + 1, String(decoding: bytes, as: UTF8.self))
    }

    /// Whether `text` contains double-encoded UTF-8.
    public static func contains(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices where scalars[index].value >= 0xC2 && scalars[index].value <= 0xF4 {
            if match(scalars, at: index) != nil { return true }
        }
        return false
    }

    /// `text` with every double-encoded sequence turned back into the character it stood for.
    public static func repair(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index].value >= 0xC2, scalars[index].value <= 0xF4, let found = match(scalars, at: index) {
                output.append(contentsOf: found.repaired.unicodeScalars)
                index += found.length
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// One diagnostic per line holding double-encoded text, naming the first sequence and its repair.
    /// Every candidate lead character (U+00C2–U+00F4) is encoded as 0xC3 xx, so only lines holding a 0xC3 byte
    /// are examined.
    static func diagnostics(in text: String, file: String) -> [ParseDiagnostic] {
        var text = text
        return text.withUTF8 { buffer -> [ParseDiagnostic] in
            guard let base = buffer.baseAddress else { return [] }
            var result: [ParseDiagnostic] = []
            var position = 0
            var lineNumber = 1
            var lineStart = 0
            var lastReportedLine = 0
            while position < buffer.count, let found = memchr(base + position, 0xC3, buffer.count - position) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // Advance the line count to the candidate.
                while let newline = memchr(base + lineStart, 0x0A, offset - lineStart) {
                    lineStart = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                    lineNumber += 1
                }
                var lineEnd = offset
                if let newline = memchr(base + offset, 0x0A, buffer.count - offset) {
                    lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                } else {
                    lineEnd = buffer.count
                }
                if lineNumber != lastReportedLine {
                    let line = String(
                        decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd]), as: UTF8.self)
                    if let diagnostic = lineDiagnostic(line, lineNumber: lineNumber, file: file) {
                        result.append(diagnostic)
                        lastReportedLine = lineNumber
                    }
                }
                position = max(offset + 1, lineNumber == lastReportedLine ? lineEnd : offset + 1)
            }
            return result
        }
    }

    private static func lineDiagnostic(_ line: String, lineNumber: Int, file: String) -> ParseDiagnostic? {
        let scalars = Array(line.unicodeScalars)
        for index in scalars.indices where scalars[index].value >= 0xC2 && scalars[index].value <= 0xF4 {
            guard let found = match(scalars, at: index) else { continue }
            var seen = String.UnicodeScalarView()
            seen.append(contentsOf: scalars[index..<(index + found.length)])
            return ParseDiagnostic(
                kind: .encoding, isError: false,
                message: "double-encoded UTF-8: '\(String(seen))' should read '\(found.repaired)' — "
                    + "the text was decoded as Windows-1252 and saved again; "
                    + "`firebreak import --fix-encoding` repairs it",
                location: SourceLocation(file: file, line: lineNumber, column: index + 1))
        }
        return nil
    }
}
